//! The facts lesson 2 teaches, each checked on tokio's paused clock.

use std::time::Duration;

use awaiting::{
    SECOND, await_future, await_task, by_hand, do_asyncs, lazy, nested, never_awaited,
    with_macro_paused,
};
use timeline::Timeline;
use timeline::cli::Lang;
use timeline::clock::Clock;

const ZERO: Duration = Duration::ZERO;

/// The barest form of the lesson: calling `do_asyncs` runs none of its body; awaiting the
/// future it returned does.
#[tokio::test(start_paused = true)]
async fn calling_an_async_fn_runs_nothing() {
    let tl = Timeline::quiet();
    let future = do_asyncs(tl.clone(), 5);
    assert!(tl.texts().is_empty(), "the body ran at the call");
    future.await;
    assert_eq!(tl.texts(), ["5555555555"]);
}

/// Scene 1: the line saying the future exists, and the one saying main is about to await it,
/// both come before the digits; the future is polled once, from inside main's poll.
#[tokio::test(start_paused = true)]
async fn the_digits_come_out_only_at_the_await() {
    let tl = Timeline::quiet();
    assert_eq!(
        lazy(&tl, Lang::En).await,
        [
            "built the future (nothing has run yet)",
            "awaiting it now",
            "5555555555",
            "the await returned",
        ]
    );
    assert_eq!(tl.turns(), ["main", "do_asyncs(5)"]);
    let digits = tl.lines().into_iter().find(|l| l.text == "5555555555");
    assert_eq!(digits.map(|l| l.task), Some("do_asyncs(5)".to_string()));
}

/// Scene 2: building `main_async()` does not even call `do_asyncs`; awaiting it runs the outer
/// body, which awaits the inner future, all in one turn of main.
#[tokio::test(start_paused = true)]
async fn main_async_is_as_lazy_as_what_it_awaits() {
    let tl = Timeline::quiet();
    assert_eq!(
        nested(&tl, Lang::En).await,
        [
            "built the future of main_async() (do_asyncs(5) has not even been called)",
            "5555555555",
            "the await returned",
        ]
    );
    assert_eq!(tl.turns(), ["main", "main_async", "do_asyncs(5)"]);
}

/// Scene 3: the spawned task ran at main's one yield, although nobody awaited it; the dropped
/// future was never polled at all.
#[tokio::test(start_paused = true)]
async fn a_dropped_future_never_runs_but_a_spawned_task_does() {
    let tl = Timeline::quiet();
    assert_eq!(
        never_awaited(&tl, Lang::En).await,
        [
            "built a future: do_asyncs(7)",
            "spawned a task: do_asyncs(8)",
            "main yields the thread once",
            "8888888888",
            "main is back",
            "dropped both without awaiting: do_asyncs(7) never ran",
        ]
    );
    assert_eq!(tl.turns(), ["main", "do_asyncs(8)", "main"]);
    assert_eq!(tl.finished_at("do_asyncs(8)"), Some(ZERO));
    // Registered (it has a row in the chart) and never polled.
    assert!(tl.tasks().contains(&"do_asyncs(7)".to_string()));
    assert_eq!(tl.finished_at("do_asyncs(7)"), None);
}

/// A line said at a whole second.
fn at(text: &str, secs: u64) -> (String, Duration) {
    (text.to_string(), Duration::from_secs(secs))
}

/// Scene 4a: a future starts only at its `.await`, after main's own second: hello at 1 s,
/// world at 2 s, two seconds in all.
#[tokio::test(start_paused = true)]
async fn awaiting_a_future_starts_it_so_the_scene_takes_two_seconds() {
    let tl = Timeline::quiet();
    assert_eq!(await_future(&tl, Lang::En).await, 2 * SECOND);
    assert_eq!(
        tl.said_at(),
        [
            at("main: doing something else for 1 s", 0),
            at("hello", 1),
            at("world", 2),
            at("main: the await returned", 2),
        ]
    );
}

/// Scene 4b: a spawned task starts at main's first yield and sleeps while main does; awaiting
/// its `JoinHandle` only collects it: hello at 0 s, world at 1 s, one second in all.
#[tokio::test(start_paused = true)]
async fn awaiting_a_task_only_collects_it_so_the_scene_takes_one_second() {
    let tl = Timeline::quiet();
    assert_eq!(await_task(&tl, Lang::En).await, SECOND);
    assert_eq!(
        tl.said_at(),
        [
            at("main: doing something else for 1 s", 0),
            at("hello", 0),
            at("world", 1),
            at("main: the await returned", 1),
        ]
    );
}

/// Scene 5: `#[tokio::main]` and a hand-built runtime with `block_on` run the note's `main()`
/// the same way: the same lines at the same instants, one second in all.
#[test]
fn tokio_main_is_a_runtime_and_block_on() {
    let with_macro = with_macro_paused(Lang::En);
    let by_hand = by_hand(Clock::Paused, Lang::En);
    assert_eq!(with_macro, by_hand);
    assert_eq!(with_macro.said, [at("hello", 0), at("world", 1)]);
    assert_eq!(with_macro.took, SECOND);
}

/// A `#[tokio::main]` function blocks its thread until the body is done, so it cannot be
/// called from async code: the runtime driving that code would stop. tokio refuses with a panic.
#[tokio::test(start_paused = true)]
#[should_panic(expected = "Cannot start a runtime from within a runtime")]
async fn a_tokio_main_fn_cannot_be_called_inside_a_runtime() {
    with_macro_paused(Lang::En);
}
