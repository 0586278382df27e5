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

/// `work` applied to every item, with `consume` getting the results on this thread in the order of
/// `items`. Each item comes with a weight (its size): other threads work ahead while the items
/// started and not yet consumed weigh at most `budget` together, and an item that cannot start
/// ahead is worked on by this thread when its turn comes. So small items are worked on at once, on
/// every core, while a large one is worked on here once the one before it is consumed and
/// dropped, as if there were no other threads. A panic in `work` is propagated.
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
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    std::thread::scope(|scope| {
        for _ in 0..cores.min(items.len().saturating_sub(1)) {
            scope.spawn(|| shared.work_ahead(items, budget, &work));
        }
        // Stops the workers however this thread leaves the scope, so none waits forever.
        let _stop = StopOnDrop(&shared);
        for (index, (item, weight)) in items.iter().enumerate() {
            let result = match shared.turn(index, *weight) {
                Turn::Done(Ok(result)) => result,
                Turn::Done(Err(panic)) => std::panic::resume_unwind(panic),
                Turn::Mine => work(item),
            };
            consume(result);
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

/// How the consumer gets an item's result.
enum Turn<R> {
    /// Another thread worked on it.
    Done(std::thread::Result<R>),
    /// Nobody started it: the consumer works on it.
    Mine,
}

impl<R> Ahead<R> {
    fn lock(&self) -> MutexGuard<'_, AheadState<R>> {
        // No thread panics holding the lock (work runs outside it).
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, AheadState<R>>) -> MutexGuard<'a, AheadState<R>> {
        self.changed.wait(guard).unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A worker: starts the next item whenever the budget has room for it, until none is left.
    fn work_ahead<T>(&self, items: &[(T, u64)], budget: u64, work: &(impl Fn(&T) -> R + Sync)) {
        loop {
            let mut state = self.lock();
            let index = loop {
                if state.stopped || state.next == items.len() {
                    return;
                }
                let weight = items[state.next].1;
                if state.weight + weight <= budget {
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

    /// The consumer's turn at item `index`: its result once a worker has it, or the item itself
    /// when no worker started it (every item before it is consumed, so nothing else waits on it).
    fn turn(&self, index: usize, weight: u64) -> Turn<R> {
        let mut state = self.lock();
        loop {
            if let Some(result) = state.results[index].take() {
                return Turn::Done(result);
            }
            if state.next == index {
                state.next += 1;
                state.weight += weight;
                return Turn::Mine;
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

    /// What [`super::ahead`] did over items of some weights (work sleeping unevenly).
    struct Ahead {
        consumed: Vec<usize>,
        /// The most weight ever started and not consumed.
        most: u64,
        /// The items worked on by the consuming thread.
        on_consumer: Vec<usize>,
    }

    fn run_ahead(weights: &[u64], budget: u64) -> Ahead {
        use std::sync::Mutex;
        use std::sync::atomic::{AtomicU64, Ordering};
        let items: Vec<(usize, u64)> = weights.iter().copied().enumerate().collect();
        let (alive, most) = (AtomicU64::new(0), AtomicU64::new(0));
        let (consumer, on_consumer) = (std::thread::current().id(), Mutex::new(Vec::new()));
        let mut consumed = Vec::new();
        super::ahead(
            &items,
            budget,
            |&index| {
                let now = alive.fetch_add(weights[index], Ordering::SeqCst) + weights[index];
                most.fetch_max(now, Ordering::SeqCst);
                if std::thread::current().id() == consumer {
                    on_consumer.lock().unwrap().push(index);
                }
                std::thread::sleep(std::time::Duration::from_micros((index as u64 * 7919) % 500));
                index
            },
            |index| {
                consumed.push(index);
                alive.fetch_sub(weights[index], Ordering::SeqCst);
            },
        );
        let on_consumer = on_consumer.into_inner().unwrap();
        Ahead { consumed, most: most.into_inner(), on_consumer }
    }

    #[test]
    fn work_ahead_is_consumed_in_order_within_the_budget() {
        let weights = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
        let run = run_ahead(&weights, 10);
        assert_eq!(run.consumed, (0..weights.len()).collect::<Vec<_>>());
        assert!(run.most <= 10, "{}", run.most);
        // With room for everything, the work overlaps (two items at least on two threads).
        let run = run_ahead(&[1; 40], 1000);
        assert_eq!(run.consumed.len(), 40);
        assert!(run.most >= 2 || std::thread::available_parallelism().map_or(1, usize::from) == 1);
        assert_eq!(run_ahead(&[], 10).consumed, Vec::<usize>::new());
    }

    #[test]
    fn an_item_over_the_budget_is_worked_on_alone_by_the_consumer() {
        let run = run_ahead(&[2, 50, 2, 2, 70, 1], 10);
        assert_eq!(run.consumed, vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(run.most, 70);
        assert!(
            run.on_consumer.contains(&1) && run.on_consumer.contains(&4),
            "{:?}",
            run.on_consumer
        );
        // Items too large to go ahead are all worked on in turn, by the consumer alone.
        let run = run_ahead(&[20, 30, 20], 10);
        assert_eq!((run.consumed, run.most, run.on_consumer), (vec![0, 1, 2], 30, vec![0, 1, 2]));
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
