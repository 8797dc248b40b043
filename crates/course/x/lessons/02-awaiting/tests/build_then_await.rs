//! `build_then_await`: futures run in the order they are awaited, not the order they are built.

use awaiting_exercises::build_then_await::{Log, build_then_await};

/// Three futures built for 5, 7, 8: nothing is said until all three exist, then they run from
/// the last built to the first.
#[tokio::test(start_paused = true)]
async fn three_futures_run_last_first_after_they_are_all_built() {
    let log = Log::new();
    build_then_await(&log, &[5, 7, 8]).await;
    assert_eq!(
        log.lines(),
        ["futures built: 3", "8888888888", "7777777777", "5555555555"]
    );
    course_marker::passed();
}

/// `build_then_await` is an async fn too: building its future says nothing, awaiting it says
/// everything.
#[tokio::test(start_paused = true)]
async fn the_outer_future_says_nothing_until_it_is_awaited() {
    let log = Log::new();
    let outer = build_then_await(&log, &[1, 2]);
    assert!(log.lines().is_empty(), "something ran before the .await");
    outer.await;
    assert_eq!(
        log.lines(),
        ["futures built: 2", "2222222222", "1111111111"]
    );
    course_marker::passed();
}
