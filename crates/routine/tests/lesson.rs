//! The facts lesson 1 teaches, each checked on tokio's paused clock.

use routine::{DIGITS, coroutines, do_sync, runs, subroutines, without_await};
use timeline::Timeline;
use timeline::cli::Lang;

/// `do_sync(5); do_sync(7)`: the second call starts only after the first has printed all ten.
#[test]
fn a_subroutine_finishes_before_its_caller_goes_on() {
    let mut printed = String::new();
    do_sync(5, &mut printed);
    assert_eq!(printed, "5555555555");
    do_sync(7, &mut printed);
    assert_eq!(printed, "55555555557777777777");
}

/// The call stack, as the demo says it: call, the callee's whole output, return, for each call.
#[tokio::test(start_paused = true)]
async fn the_caller_waits_inside_each_call() {
    let tl = Timeline::quiet();
    assert_eq!(subroutines(&tl, Lang::En), "55555555557777777777");
    let texts = tl.texts();
    let (call5, body5, ret5, call7) = (&texts[0], &texts[1], &texts[2], &texts[3]);
    assert!(call5.starts_with("[main] ▶ do_sync(5)"));
    assert_eq!(body5, "[main > do_sync(5)] 5555555555");
    assert!(ret5.starts_with("[main] ◀ do_sync(5)"));
    assert!(call7.starts_with("[main] ▶ do_sync(7)"));
}

/// Two coroutines that yield after every digit take turns: 5, 7, 5, 7, ...
#[tokio::test(start_paused = true)]
async fn yielding_coroutines_interleave() {
    let tl = Timeline::quiet();
    assert_eq!(coroutines(&tl, Lang::En).await, "57".repeat(DIGITS));
    // Ten yields each, then one last poll that finishes: 11 turns each, strictly alternating.
    let turns = tl.turns();
    assert_eq!(turns.len(), 2 * (DIGITS + 1));
    assert!(
        turns
            .chunks(2)
            .all(|pair| pair == ["do_async(5)", "do_async(7)"])
    );
    // No time passes: yielding is not sleeping.
    assert!(tl.spans().iter().all(|s| s.to.is_zero()));
}

/// Without `.await` a coroutine cannot stop: each runs straight through in one poll. One yield
/// point halfway splits each run in two.
#[tokio::test(start_paused = true)]
async fn async_without_await_runs_straight_through() {
    let (tl, straight, yielding) = (Timeline::quiet(), Timeline::quiet(), Timeline::quiet());
    let (no_await, one_yield) = without_await(&tl, &straight, &yielding, Lang::Ko).await;
    assert_eq!(no_await, [('3', 100), ('5', 100)]);
    assert_eq!(straight.turns(), ["count(3)", "count(5)"]);
    assert_eq!(one_yield, [('3', 50), ('5', 50), ('3', 50), ('5', 50)]);
    assert_eq!(
        yielding.turns(),
        ["count(3)", "count(5)", "count(3)", "count(5)"]
    );
}

#[test]
fn runs_collapse_repeated_digits() {
    assert_eq!(runs("3335"), [('3', 3), ('5', 1)]);
    assert_eq!(runs(""), []);
}

/// tokio's co-operative budget: a task that keeps receiving from a tokio channel that always has
/// a message still gives the thread back, once it has spent its budget (128 operations per poll
/// in this tokio). A task spawned after it then runs while the channel still holds 872 messages.
/// Python's `await queue.get()` on a non-empty `asyncio.Queue` never yields.
#[tokio::test]
async fn a_busy_channel_loop_still_yields_once_its_budget_is_spent() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for i in 0..1000 {
        tx.send(i).unwrap();
    }
    drop(tx);
    let received = Arc::new(AtomicUsize::new(0));
    let reader = tokio::spawn({
        let received = received.clone();
        async move {
            // Every `recv` is ready at once: there is always a message.
            while rx.recv().await.is_some() {
                received.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    let other = tokio::spawn({
        let received = received.clone();
        async move { received.load(Ordering::Relaxed) }
    });
    // The reader runs first (it was spawned first) and is stopped by its budget, not by an
    // empty channel: the other task sees the count at that moment.
    assert_eq!(other.await.unwrap(), 128);
    reader.await.unwrap();
    assert_eq!(received.load(Ordering::Relaxed), 1000);
}
