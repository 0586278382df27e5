//! When a failed attempt is tried again, and how long to wait first.

use std::time::{Duration, SystemTime};

/// Retry settings. Defaults: 3 attempts in all, exponential back-off from 200 ms with full jitter,
/// capped at 20 s per wait, on 429, 502, 503, 504 and connection failures, for idempotent methods
/// only.
///
/// The waits are measured on the client's [`Clock`](super::Clock), so a test sees them without
/// waiting; with [`RetryPolicy::jitter_seed`] it also sees the same ones every run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts per call, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The back-off before the second attempt (before jitter); it doubles for each later one.
    pub base_delay: Duration,
    /// No single wait is longer, except one a `Retry-After` header asks for.
    pub max_delay: Duration,
    /// Also retry methods that are not idempotent (`POST`, `PATCH`). Off by default: the first
    /// attempt may have taken effect.
    pub retry_non_idempotent: bool,
    /// Seeds the jitter: a client made with `Some(seed)` draws the same waits, in the same order,
    /// every run (for tests). `None`, the default, seeds each client at random.
    pub jitter_seed: Option<u64>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(20),
            retry_non_idempotent: false,
            jitter_seed: None,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// Whether calls with `method` may be retried at all.
    pub fn allows(&self, method: &http::Method) -> bool {
        self.retry_non_idempotent || is_idempotent(method)
    }

    /// The longest back-off before attempt `next` (2 for the first retry): `base_delay` doubled
    /// for each attempt after the second, at most `max_delay`.
    pub fn backoff_ceiling(&self, next: u32) -> Duration {
        let exponent = next.saturating_sub(2).min(30);
        self.base_delay.saturating_mul(1 << exponent).min(self.max_delay)
    }

    /// The wait before attempt `next` (2 for the first retry): what `Retry-After` asks, or a random
    /// time up to [`RetryPolicy::backoff_ceiling`].
    pub fn delay(&self, next: u32, retry_after: Option<Duration>) -> Duration {
        self.delay_with_jitter(next, retry_after, fastrand::f64())
    }

    /// [`RetryPolicy::delay`] with the random part given: `jitter` (clamped to `0.0..=1.0`) is the
    /// fraction of the ceiling to wait. Full jitter spreads the retries of many clients.
    pub fn delay_with_jitter(
        &self,
        next: u32,
        retry_after: Option<Duration>,
        jitter: f64,
    ) -> Duration {
        match retry_after {
            Some(asked) => asked,
            // `clamp` would keep a NaN, which `mul_f64` panics on.
            None => {
                self.backoff_ceiling(next).mul_f64(if jitter > 0.0 { jitter.min(1.0) } else { 0.0 })
            }
        }
    }
}

/// Statuses that say "try again later".
pub fn is_retryable_status(status: http::StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// `GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS` and `TRACE` (RFC 9110).
pub fn is_idempotent(method: &http::Method) -> bool {
    matches!(
        *method,
        http::Method::GET
            | http::Method::HEAD
            | http::Method::PUT
            | http::Method::DELETE
            | http::Method::OPTIONS
            | http::Method::TRACE
    )
}

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP date.
pub fn retry_after(headers: &http::HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
            ..RetryPolicy::default()
        };
        for _ in 0..200 {
            assert!(policy.delay(2, None) <= Duration::from_millis(100));
            assert!(policy.delay(3, None) <= Duration::from_millis(200));
            assert!(policy.delay(10, None) <= Duration::from_millis(350));
        }
        let spread: std::collections::HashSet<_> = (0..50).map(|_| policy.delay(3, None)).collect();
        assert!(spread.len() > 10, "jitter varies the wait");
        assert_eq!(policy.delay(2, Some(Duration::from_secs(7))), Duration::from_secs(7));
        let ceilings: Vec<_> =
            (2..6).map(|next| policy.backoff_ceiling(next).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 350, 350]);
        assert_eq!(policy.delay_with_jitter(3, None, 0.25), Duration::from_millis(50));
        for (out_of_range, expected) in [(-1.0, 0), (2.0, 200), (f64::NAN, 0)] {
            let wait = policy.delay_with_jitter(3, None, out_of_range);
            assert_eq!(wait, Duration::from_millis(expected), "{out_of_range}");
        }
    }

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        let mut headers = http::HeaderMap::new();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        headers.insert(http::header::RETRY_AFTER, "3".parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(3)));
        headers.insert(http::header::RETRY_AFTER, "Sun, 06 Nov 1994 08:49:47 GMT".parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(10)));
        headers.insert(http::header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers, now), None);
    }

    #[test]
    fn only_idempotent_methods_retry_by_default() {
        let policy = RetryPolicy::default();
        assert!(
            policy.allows(&http::Method::PUT)
                && policy.allows(&http::Method::DELETE)
                && policy.allows(&http::Method::GET)
        );
        assert!(!policy.allows(&http::Method::POST) && !policy.allows(&http::Method::PATCH));
        assert!(RetryPolicy { retry_non_idempotent: true, ..policy }.allows(&http::Method::POST));
    }
}
