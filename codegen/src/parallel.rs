//! Running independent pieces of work on every core, with results in the order of the input, so
//! the output never depends on which thread finished first.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` applied to every item, on up to `available_parallelism` threads; the results are in the
/// order of `items`. Items are taken in order as threads become free, so put the largest first
/// when their sizes differ much. A panic in `work` is propagated.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let result = work(item);
                    *results[index].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every item was processed (a panic in a worker propagates from the scope)")
        })
        .collect()
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
