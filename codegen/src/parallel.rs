//! Running independent pieces of work on every core, with results in the order of the input, so
//! the output never depends on which thread finished first.

use std::sync::{Condvar, Mutex, MutexGuard};

use rayon::prelude::*;

/// `work` applied to every item, on every core (`rayon`'s threads); the results are in the order
/// of `items`. The first item starts first, and a thread with nothing left to do takes over half of
/// what another has not started. A `map` inside `work` shares the same threads, so the parts of a
/// large file are spread over cores that would otherwise wait, and no more threads than cores run.
/// A panic in `work` is propagated.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    items.par_iter().with_max_len(1).map(&work).collect()
}

/// `work` applied to every item on other threads, running ahead of `consume`, which gets the
/// results on this thread in the order of `items`. Each item comes with a weight (its size), and
/// the items started but not yet consumed weigh at most `budget` together, unless there is only
/// one: small items are all worked on at once, on every core, while a large one waits until the
/// one before it is consumed and dropped. A panic in `work` is propagated.
pub fn ahead<T: Sync, R: Send>(
    items: &[(T, u64)],
    budget: u64,
    work: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(R),
) {
    let shared = Ahead {
        state: Mutex::new(AheadState {
            next: 0,
            weight: 0,
            results: items.iter().map(|_| None).collect(),
            stopped: false,
        }),
        changed: Condvar::new(),
    };
    let workers = std::thread::available_parallelism().map_or(1, usize::from).min(items.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| shared.work(items, budget, &work));
        }
        // Stops the workers however this thread leaves the scope, so none waits forever.
        let _stop = StopOnDrop(&shared);
        for (index, (_, weight)) in items.iter().enumerate() {
            match shared.take(index) {
                Ok(result) => consume(result),
                Err(panic) => std::panic::resume_unwind(panic),
            }
            shared.lock().weight -= weight;
            shared.changed.notify_all();
        }
    });
}

/// What the threads of [`ahead`] share.
struct Ahead<R> {
    state: Mutex<AheadState<R>>,
    changed: Condvar,
}

struct AheadState<R> {
    /// The first item not started.
    next: usize,
    /// The weight of the items started and not consumed.
    weight: u64,
    results: Vec<Option<std::thread::Result<R>>>,
    stopped: bool,
}

impl<R> Ahead<R> {
    fn lock(&self) -> MutexGuard<'_, AheadState<R>> {
        // A worker never panics holding the lock (its work runs outside it).
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, AheadState<R>>) -> MutexGuard<'a, AheadState<R>> {
        self.changed.wait(guard).unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A worker: starts the next item whenever the budget allows, until none is left.
    fn work<T>(&self, items: &[(T, u64)], budget: u64, work: &(impl Fn(&T) -> R + Sync)) {
        loop {
            let mut state = self.lock();
            let index = loop {
                if state.stopped || state.next == items.len() {
                    return;
                }
                let weight = items[state.next].1;
                if state.weight == 0 || state.weight + weight <= budget {
                    state.weight += weight;
                    state.next += 1;
                    break state.next - 1;
                }
                state = self.wait(state);
            };
            drop(state);
            let item = &items[index].0;
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item)));
            self.lock().results[index] = Some(result);
            self.changed.notify_all();
        }
    }

    /// Waits for the result of item `index`. Every item before it is consumed, so it is started
    /// or within the budget, and every worker catches a panic: the result comes.
    fn take(&self, index: usize) -> std::thread::Result<R> {
        let mut state = self.lock();
        loop {
            if let Some(result) = state.results[index].take() {
                return result;
            }
            state = self.wait(state);
        }
    }
}

/// Stops the workers of [`ahead`] when dropped.
struct StopOnDrop<'a, R>(&'a Ahead<R>);

impl<R> Drop for StopOnDrop<'_, R> {
    fn drop(&mut self) {
        self.0.lock().stopped = true;
        self.0.changed.notify_all();
    }
}

/// Runs `aside` on another thread while `work` runs on this one. `work` is handed the pending
/// result and waits for it when it needs it; a panic in `aside` propagates from there (or when
/// `beside` returns, if `work` never waits).
pub fn beside<A: Send, R>(
    aside: impl FnOnce() -> A + Send,
    work: impl FnOnce(Pending<'_, A>) -> R,
) -> R {
    std::thread::scope(|scope| work(Pending(scope.spawn(aside))))
}

/// The result of work running [`beside`] this thread.
pub struct Pending<'scope, A>(std::thread::ScopedJoinHandle<'scope, A>);

impl<A> Pending<'_, A> {
    /// Waits for the result.
    pub fn wait(self) -> A {
        self.0.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<u64> = (0..500).collect();
        // Uneven work, so threads finish out of order.
        let squares = super::map(&items, |&n| {
            std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 300));
            n * n
        });
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |_| 0).is_empty());
    }

    /// Runs `ahead` over items of these weights (work sleeping unevenly), and gives what was
    /// consumed and the most weight ever started and not consumed.
    fn run_ahead(weights: &[u64], budget: u64) -> (Vec<usize>, u64) {
        use std::sync::atomic::{AtomicU64, Ordering};
        let items: Vec<(usize, u64)> = weights.iter().copied().enumerate().collect();
        let (alive, most) = (AtomicU64::new(0), AtomicU64::new(0));
        let mut consumed = Vec::new();
        super::ahead(
            &items,
            budget,
            |&index| {
                let now = alive.fetch_add(weights[index], Ordering::SeqCst) + weights[index];
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_micros((index as u64 * 7919) % 500));
                index
            },
            |index| {
                consumed.push(index);
                alive.fetch_sub(weights[index], Ordering::SeqCst);
            },
        );
        (consumed, most.into_inner())
    }

    #[test]
    fn work_ahead_is_consumed_in_order_within_the_budget() {
        let weights = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
        let (consumed, most) = run_ahead(&weights, 10);
        assert_eq!(consumed, (0..weights.len()).collect::<Vec<_>>());
        assert!(most <= 10, "{most}");
        // With room for everything, the work overlaps (two items at least on two threads).
        let (consumed, most) = run_ahead(&[1; 40], 1000);
        assert_eq!(consumed.len(), 40);
        assert!(most >= 2 || std::thread::available_parallelism().map_or(1, usize::from) == 1);
        assert_eq!(run_ahead(&[], 10).0, Vec::<usize>::new());
    }

    #[test]
    fn an_item_over_the_budget_is_worked_on_alone() {
        let (consumed, most) = run_ahead(&[2, 50, 2, 2, 70, 1], 10);
        assert_eq!(consumed, vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(most, 70);
    }

    #[test]
    #[should_panic(expected = "work failed")]
    fn a_panic_in_work_ahead_reaches_the_caller() {
        let items: Vec<(u32, u64)> = (0..20).map(|i| (i, 1)).collect();
        super::ahead(&items, 4, |&i| assert!(i != 7, "work failed"), |()| {});
    }

    #[test]
    #[should_panic(expected = "consumer failed")]
    fn a_panic_in_the_consumer_stops_the_work_ahead() {
        let items: Vec<(u32, u64)> = (0..20).map(|i| (i, 1)).collect();
        super::ahead(&items, 4, |&i| i, |i| assert!(i != 3, "consumer failed"));
    }

    #[test]
    fn work_beside_gets_the_result_of_the_work_aside() {
        let words = ["a", "bb", "ccc"];
        let total = super::beside(
            || words.iter().map(|w| w.len()).sum::<usize>(),
            |pending| words.len() * 100 + pending.wait(),
        );
        assert_eq!(total, 306);
    }

    #[test]
    #[should_panic(expected = "aside failed")]
    fn a_panic_aside_reaches_the_caller() {
        super::beside(|| panic!("aside failed"), |pending: super::Pending<'_, ()>| pending.wait());
    }
}
