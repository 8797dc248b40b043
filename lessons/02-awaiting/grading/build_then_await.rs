//! Hidden tests for `build_then_await`: other numbers, edge cases, exact line order.

use awaiting_exercises::build_then_await::{Log, build_then_await};

/// Four numbers, all in reverse, each said once, all after the announcement.
#[tokio::test(start_paused = true)]
async fn four_futures_run_in_reverse_build_order() {
    let log = Log::new();
    build_then_await(&log, &[1, 2, 3, 4]).await;
    assert_eq!(
        log.lines(),
        [
            "futures built: 4",
            "4444444444",
            "3333333333",
            "2222222222",
            "1111111111"
        ]
    );
    course_marker::passed();
}

/// With no numbers there is nothing to await: only the announcement, of zero futures.
#[tokio::test(start_paused = true)]
async fn no_numbers_announce_zero_futures_and_nothing_else() {
    let log = Log::new();
    build_then_await(&log, &[]).await;
    assert_eq!(log.lines(), ["futures built: 0"]);
    course_marker::passed();
}

/// A single future still waits for the announcement before it runs.
#[tokio::test(start_paused = true)]
async fn a_single_future_runs_after_the_announcement() {
    let log = Log::new();
    build_then_await(&log, &[6]).await;
    assert_eq!(log.lines(), ["futures built: 1", "6666666666"]);
    course_marker::passed();
}

/// The same number twice builds two futures, and each runs exactly once; larger numbers are
/// repeated whole (`12` → `1212…`).
#[tokio::test(start_paused = true)]
async fn every_future_runs_exactly_once() {
    let log = Log::new();
    build_then_await(&log, &[9, 12, 9, 3]).await;
    assert_eq!(
        log.lines(),
        [
            "futures built: 4",
            "3333333333",
            "9999999999",
            "12121212121212121212",
            "9999999999"
        ]
    );
    course_marker::passed();
}
