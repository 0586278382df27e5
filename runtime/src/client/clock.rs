//! Where the client gets the time and how it waits: the [`Clock`] trait, the real [`SystemClock`],
//! and [`ManualClock`], a test double whose time only moves when told.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant, SystemTime};

use super::transport::BoxFuture;

/// A source of time and of sleeps.
///
/// Everything time-dependent in a call goes through the configured clock
/// ([`Config::clock`](super::Config::clock)): the `X-Sdk-Date` the request is signed with, the wait
/// an HTTP-date `Retry-After` asks for, the back-off sleeps, the per-attempt timeout (the transport
/// races [`Clock::sleep`]) and the total-timeout budget (measured with [`Clock::monotonic`]). So a
/// test with a [`ManualClock`] checks them exactly and without waiting. The connect timeout is the
/// transport's own and runs on real time.
///
/// [`SystemClock`] is the real clock; implement the trait, or use [`ManualClock`], to control time.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The wall-clock time: what requests are signed with and HTTP dates are measured from.
    fn now(&self) -> SystemTime;

    /// Time elapsed since an origin fixed for this clock. It never goes backwards, whatever the
    /// wall clock does, so durations (the total timeout) are measured with it.
    fn monotonic(&self) -> Duration;

    /// A future that completes once `duration` has passed on this clock.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// The real clock: the system's wall clock, [`Instant`] and tokio's timer (so sleeping needs a
/// tokio runtime with time enabled, as the client does anyway).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

// The one place the runtime reads the real clock or uses tokio's timer (`runtime/clippy.toml`
// forbids it everywhere else), so that every other reading can be replaced in tests.
#[allow(clippy::disallowed_methods)]
impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn monotonic(&self) -> Duration {
        // One origin for the process, so readings of any `SystemClock` value compare.
        static ORIGIN: OnceLock<Instant> = OnceLock::new();
        ORIGIN.get_or_init(Instant::now).elapsed()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock for tests: it starts at a given wall-clock time, and time passes only through
/// [`ManualClock::advance`] or, for an auto-advancing clock, through the sleeps themselves.
///
/// Clones share the same time, so a test keeps one and gives the client another
/// (`config.with_clock(Arc::new(clock.clone()))`). Every completed sleep is recorded with the
/// duration it asked for ([`ManualClock::sleeps`]), which is how a test checks back-off.
///
/// Two ways to use it:
///
/// - [`ManualClock::auto_advance`]: a sleep takes no real time. When it is first polled the clock
///   jumps to its deadline and it completes. The client then retries at once, and a transport
///   whose future is still pending loses the race against the attempt timeout at once too. Use it
///   with a [`Transport`](super::Transport) that answers without waiting (a test double), not with
///   a real network, where every attempt would time out.
/// - [`ManualClock::new`]: a sleep completes only when [`ManualClock::advance`] moves the clock past
///   its deadline. Time stands still otherwise, so the attempt timeout never fires by itself and a
///   real server on `127.0.0.1` can be used; the test advances the clock to end back-off sleeps.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use huaweicloud_api_runtime::client::{Clock, ManualClock};
///
/// let clock = ManualClock::new(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000));
/// clock.advance(Duration::from_secs(5));
/// assert_eq!(clock.monotonic(), Duration::from_secs(5));
/// assert_eq!(clock.now(), SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_005));
/// ```
#[derive(Debug, Clone)]
pub struct ManualClock {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    start: SystemTime,
    auto_advance: bool,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Time since `start`.
    elapsed: Duration,
    /// Requested durations of the completed sleeps, in completion order.
    completed: Vec<Duration>,
    /// Pending sleeps of a manual clock by id: deadline and the waker of the last poll.
    waiting: BTreeMap<u64, (Duration, Waker)>,
    next_id: u64,
}

impl ManualClock {
    /// A clock at `start` whose sleeps wait for [`ManualClock::advance`].
    pub fn new(start: SystemTime) -> Self {
        Self::with_mode(start, false)
    }

    /// A clock at `start` whose sleeps complete when first polled, moving the time to their
    /// deadline (see the type's documentation for when that fits).
    pub fn auto_advance(start: SystemTime) -> Self {
        Self::with_mode(start, true)
    }

    fn with_mode(start: SystemTime, auto_advance: bool) -> Self {
        Self {
            shared: Arc::new(Shared { start, auto_advance, state: Mutex::new(State::default()) }),
        }
    }

    /// Moves the time forward by `duration` and wakes the sleeps that are now due.
    pub fn advance(&self, duration: Duration) {
        let due: Vec<Waker> = {
            let mut state = self.shared.lock();
            state.elapsed = state.elapsed.saturating_add(duration);
            let now = state.elapsed;
            let ids: Vec<u64> =
                state.waiting.iter().filter(|(_, (at, _))| *at <= now).map(|(id, _)| *id).collect();
            ids.iter().filter_map(|id| state.waiting.remove(id)).map(|(_, waker)| waker).collect()
        };
        // Woken outside the lock: a waker may poll the sleep right away.
        due.into_iter().for_each(Waker::wake);
    }

    /// The duration each completed sleep asked for, in the order they completed. A sleep that was
    /// dropped before its deadline (an attempt timeout that lost its race) is not listed.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.shared.lock().completed.clone()
    }

    /// How many sleeps are waiting for the clock to be advanced (always 0 when auto-advancing).
    /// A test can wait for this before calling [`ManualClock::advance`].
    pub fn waiting(&self) -> usize {
        self.shared.lock().waiting.len()
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state inconsistent: keep using it.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        let elapsed = self.shared.lock().elapsed;
        // Stays at `start` rather than panic if the sum does not fit in a `SystemTime`.
        self.shared.start.checked_add(elapsed).unwrap_or(self.shared.start)
    }

    fn monotonic(&self) -> Duration {
        self.shared.lock().elapsed
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        let (id, deadline) = {
            let mut state = self.shared.lock();
            state.next_id += 1;
            (state.next_id, state.elapsed.saturating_add(duration))
        };
        Box::pin(ManualSleep { shared: self.shared.clone(), id, deadline, duration, done: false })
    }
}

/// The future of [`ManualClock::sleep`].
struct ManualSleep {
    shared: Arc<Shared>,
    id: u64,
    /// When it completes, on the clock's `elapsed` scale.
    deadline: Duration,
    /// What was asked for, as recorded.
    duration: Duration,
    done: bool,
}

impl Future for ManualSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.done {
            return Poll::Ready(());
        }
        let mut state = self.shared.lock();
        if self.shared.auto_advance && state.elapsed < self.deadline {
            state.elapsed = self.deadline;
        }
        if state.elapsed >= self.deadline {
            state.waiting.remove(&self.id);
            state.completed.push(self.duration);
            drop(state);
            self.done = true;
            return Poll::Ready(());
        }
        state.waiting.insert(self.id, (self.deadline, cx.waker().clone()));
        Poll::Pending
    }
}

impl Drop for ManualSleep {
    fn drop(&mut self) {
        // A sleep that lost a race no longer counts as waiting.
        self.shared.lock().waiting.remove(&self.id);
    }
}

/// Runs `future` for at most `budget` on `clock`: `None` when the sleep wins. The future is polled
/// first, so an answer that is ready when the budget runs out still counts.
pub(crate) async fn within<F: Future>(
    clock: &dyn Clock,
    budget: Duration,
    future: F,
) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut timer = clock.sleep(budget);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        timer.as_mut().poll(cx).map(|()| None)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_763_806_530)
    }

    fn poll(future: &mut BoxFuture<'static, ()>) -> Poll<()> {
        future.as_mut().poll(&mut Context::from_waker(Waker::noop()))
    }

    #[test]
    fn a_manual_sleep_completes_when_the_clock_passes_its_deadline() {
        let clock = ManualClock::new(start());
        let mut sleep = clock.sleep(Duration::from_secs(5));
        assert!(poll(&mut sleep).is_pending());
        assert_eq!(clock.waiting(), 1);
        clock.advance(Duration::from_secs(4));
        assert!(poll(&mut sleep).is_pending());
        clock.advance(Duration::from_secs(1));
        assert!(poll(&mut sleep).is_ready());
        assert_eq!((clock.waiting(), clock.sleeps()), (0, vec![Duration::from_secs(5)]));
        assert_eq!(clock.now(), start() + Duration::from_secs(5));
        assert!(poll(&mut clock.sleep(Duration::ZERO)).is_ready(), "nothing to wait for");
    }

    #[test]
    fn a_dropped_sleep_stops_waiting_and_is_not_recorded() {
        let clock = ManualClock::new(start());
        let mut sleep = clock.sleep(Duration::from_secs(1));
        assert!(poll(&mut sleep).is_pending());
        drop(sleep);
        assert_eq!(clock.waiting(), 0);
        clock.advance(Duration::from_secs(2));
        assert!(clock.sleeps().is_empty());
    }

    #[test]
    fn an_auto_advancing_sleep_moves_the_clock_only_when_awaited() {
        let clock = ManualClock::auto_advance(start());
        let unpolled = clock.sleep(Duration::from_secs(30));
        drop(unpolled);
        assert_eq!(clock.monotonic(), Duration::ZERO, "a sleep nobody waits for takes no time");
        let mut sleep = clock.sleep(Duration::from_millis(1500));
        assert!(poll(&mut sleep).is_ready());
        assert_eq!(clock.now(), start() + Duration::from_millis(1500));
        assert_eq!(clock.sleeps(), vec![Duration::from_millis(1500)]);
    }

    #[tokio::test]
    async fn advancing_wakes_a_sleeping_task() {
        let clock = ManualClock::new(start());
        let sleeper = tokio::spawn(clock.sleep(Duration::from_secs(3)));
        while clock.waiting() == 0 {
            tokio::task::yield_now().await;
        }
        clock.advance(Duration::from_secs(3));
        sleeper.await.unwrap();
        assert_eq!(clock.sleeps(), vec![Duration::from_secs(3)]);
    }

    #[tokio::test]
    async fn within_prefers_a_ready_answer_and_otherwise_times_out_on_the_clock() {
        let clock = ManualClock::auto_advance(start());
        assert_eq!(within(&clock, Duration::ZERO, async { 7 }).await, Some(7));
        assert_eq!(
            within(&clock, Duration::from_secs(30), std::future::pending::<()>()).await,
            None
        );
        assert_eq!(clock.monotonic(), Duration::from_secs(30));
    }

    #[tokio::test]
    async fn the_system_clock_moves_forward() {
        let clock = SystemClock;
        let before = clock.monotonic();
        clock.sleep(Duration::from_millis(5)).await;
        assert!(clock.monotonic() >= before + Duration::from_millis(5));
        assert!(clock.now() > SystemTime::UNIX_EPOCH);
    }
}
