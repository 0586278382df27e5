//! The attempts of one exchange: each signed with a fresh date and sent within its timeout, and
//! retried as the policy allows. They are not generic over the operation (only turning their
//! failure into the operation's error is), so they are compiled once, in this crate, rather than
//! once per operation in every generated crate.

use std::sync::PoisonError;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::HeaderValue;
use tracing::Instrument;

use super::clock;
use super::retry::{is_retryable_status, retry_after};
use super::transport::{TransportError, TransportErrorKind};
use super::{AUTH_TOKEN_HEADER, Client, Credentials, Error, request_id, signer};
use crate::BuildError;

/// Why an exchange ended without a response to decode.
pub(super) enum Unanswered {
    /// An attempt's request could not be made ready to send (URI, a header value, the signature).
    Build(BuildError),
    /// No attempt got a response.
    Transport { attempts: u32, source: TransportError },
}

impl Unanswered {
    /// The client's error for operation `operation`.
    pub(super) fn into_error<R>(self, operation: &'static str) -> Error<R> {
        match self {
            Unanswered::Build(source) => Error::Build { operation, source },
            Unanswered::Transport { attempts, source } => {
                Error::Transport { operation, attempts, source }
            }
        }
    }
}

impl Client {
    /// Sends `built` (a request of operation `operation`, whose method is `method`) until a
    /// response comes that is not retried, the policy allows no more attempts, or the total
    /// timeout would pass; that response, or why there is none.
    pub(super) async fn answer(
        &self,
        operation: &'static str,
        method: &http::Method,
        built: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, Unanswered> {
        let config = &self.inner.config;
        let retry = &config.retry;
        let may_retry = retry.allows(method);
        let clock = config.clock.as_ref();
        let started = clock.monotonic();
        let elapsed = || clock.monotonic().saturating_sub(started);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let prepared = self.prepare(&built, clock.now()).map_err(Unanswered::Build)?;
            let span = tracing::info_span!(
                "huaweicloud.request",
                operation,
                service = self.inner.service.name,
                method = %method,
                attempt,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
            );
            let remaining = config.total_timeout.saturating_sub(elapsed());
            let budget = config.attempt_timeout.min(remaining);
            let outcome = clock::within(clock, budget, self.inner.transport.send(prepared))
                .instrument(span.clone())
                .await
                .unwrap_or_else(|| {
                    Err(TransportError::new(
                        TransportErrorKind::Timeout,
                        format!("no complete response within {budget:?}"),
                    ))
                });
            // `Some(asked)` when the outcome may be retried; `asked` is the `Retry-After` wait.
            let retryable = match &outcome {
                Ok(response) => {
                    span.record("status", response.status().as_u16());
                    if let Some(id) = request_id(response.headers()) {
                        span.record("request_id", id.as_str());
                    }
                    is_retryable_status(response.status())
                        .then(|| retry_after(response.headers(), clock.now()))
                }
                Err(error) => error.is_retryable().then_some(None),
            };
            // Decided before the wait is drawn, so a seeded jitter yields one value per retry.
            let retry_wait = retryable
                .filter(|_| may_retry && attempt < retry.max_attempts)
                .map(|asked| self.delay(attempt + 1, asked));
            match retry_wait {
                Some(wait) if elapsed() + wait < config.total_timeout => {
                    span.in_scope(|| tracing::debug!(?wait, "retrying"));
                    clock.sleep(wait).await;
                }
                _ => {
                    return outcome
                        .map_err(|source| Unanswered::Transport { attempts: attempt, source });
                }
            }
        }
    }

    /// The wait before attempt `next`: what `Retry-After` asked, or the jittered back-off.
    fn delay(&self, next: u32, asked: Option<Duration>) -> Duration {
        // Only a back-off draws, so a seeded sequence is not shifted by `Retry-After` answers.
        let jitter = match asked {
            Some(_) => 0.0,
            None => self.inner.jitter.lock().unwrap_or_else(PoisonError::into_inner).f64(),
        };
        self.inner.config.retry.delay_with_jitter(next, asked, jitter)
    }

    /// Turns a built request into one ready to send: absolute URI, `Host`, `User-Agent`, date,
    /// credentials and, for AK/SK, the signature. Called for every attempt, so each is signed
    /// with a fresh date (`now`, from the clock).
    fn prepare(
        &self,
        built: &http::Request<Bytes>,
        now: SystemTime,
    ) -> Result<http::Request<Bytes>, BuildError> {
        let endpoint = &self.inner.endpoint;
        let config = &self.inner.config;
        let path_and_query = built.uri().path_and_query().map_or("/", |pq| pq.as_str());
        let uri = http::Uri::builder()
            .scheme(endpoint.scheme.clone())
            .authority(endpoint.authority.clone())
            .path_and_query(path_and_query)
            .build()?;
        let mut request = http::Request::builder()
            .method(built.method().clone())
            .uri(uri)
            .body(built.body().clone())?;
        let headers = request.headers_mut();
        headers.clone_from(built.headers());
        headers
            .insert(http::header::HOST, crate::header_value("Host", endpoint.authority.as_str())?);
        headers.insert(
            http::header::USER_AGENT,
            crate::header_value("User-Agent", &config.user_agent)?,
        );
        // The official SDKs send a JSON content type on every request, with a body or not, and the
        // pages document the header as required: do the same.
        headers
            .entry(http::header::CONTENT_TYPE)
            .or_insert(http::HeaderValue::from_static("application/json"));
        match &config.credentials {
            Credentials::Token { token, .. } => {
                headers.insert(
                    AUTH_TOKEN_HEADER,
                    crate::header_value(AUTH_TOKEN_HEADER, token.expose())?,
                );
                Ok(request)
            }
            Credentials::AkSk { ak, sk, security_token, project_id } => {
                if headers.get(AUTH_TOKEN_HEADER).is_some_and(HeaderValue::is_empty) {
                    headers.remove(AUTH_TOKEN_HEADER);
                }
                headers.insert(
                    signer::DATE_HEADER,
                    crate::header_value(signer::DATE_HEADER, &signer::sdk_date(now))?,
                );
                if let Some(project_id) = project_id {
                    headers
                        .insert("X-Project-Id", crate::header_value("X-Project-Id", project_id)?);
                }
                if let Some(token) = security_token {
                    headers.insert(
                        "X-Security-Token",
                        crate::header_value("X-Security-Token", token.expose())?,
                    );
                }
                signer::sign(&mut request, ak, sk.expose()).map_err(|e| match e {
                    signer::SignError::Uri(e) => BuildError::Http(e),
                    signer::SignError::HeaderValue(source) => {
                        BuildError::InvalidHeaderValue { name: "Authorization", source }
                    }
                    other => BuildError::Signing(other.to_string()),
                })?;
                Ok(request)
            }
        }
    }
}
