//! Running independent pieces of work on every core, with results in the order of the input, so
//! the output never depends on which thread finished first.

use rayon::prelude::*;

/// `work` applied to every item, on every core (`rayon`'s threads); the results are in the order
/// of `items`. The first item starts first, and a thread with nothing left to do takes over half of
/// what another has not started. A `map` inside `work` shares the same threads, so the parts of a
/// large file are spread over cores that would otherwise wait, and no more threads than cores run.
/// A panic in `work` is propagated.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    items.par_iter().with_max_len(1).map(&work).collect()
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
