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
