//! Hidden tests for `greet_in_background`: the whole log in order, other names, and that the
//! greeting comes from the finished task.

use std::future::Future;
use std::time::Duration;

use awaiting_exercises::spawn_in_background::{Log, OTHER_WORK, SECOND, greet_in_background};
use tokio::time::Instant;

const ZERO: Duration = Duration::ZERO;

async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(60), future)
        .await
        .expect("not finished after 60 s on tokio's clock")
}

fn line(text: &str, at: Duration) -> (String, Duration) {
    (text.to_string(), at)
}

/// Spawning does not run the task on the spot: main says its line first, and the task starts
/// at main's first yield, still at 0 s. Nothing is said twice, nothing after 1 s.
#[tokio::test(start_paused = true)]
async fn main_speaks_first_and_the_task_starts_at_its_first_yield() {
    let log = Log::new();
    within_a_minute(greet_in_background(&log, "world")).await;
    assert_eq!(
        log.said_at(),
        [
            line(OTHER_WORK, ZERO),
            line("hello", ZERO),
            line("world", SECOND)
        ]
    );
    course_marker::passed();
}

/// Another name: the task's own greeting comes back through the `JoinHandle`, after one second.
#[tokio::test(start_paused = true)]
async fn the_greeting_comes_from_the_task_for_any_name() {
    let log = Log::new();
    let start = Instant::now();
    let greeting = within_a_minute(greet_in_background(&log, "tokio")).await;
    assert_eq!(start.elapsed(), SECOND);
    assert_eq!(greeting, "hello tokio");
    assert_eq!(
        log.said_at(),
        [
            line(OTHER_WORK, ZERO),
            line("hello", ZERO),
            line("tokio", SECOND)
        ]
    );
    course_marker::passed();
}

/// Two greetings one after the other: each takes one second, so two take two, and the second
/// starts only when the first has returned.
#[tokio::test(start_paused = true)]
async fn two_greetings_in_a_row_take_two_seconds() {
    let log = Log::new();
    let start = Instant::now();
    let first = within_a_minute(greet_in_background(&log, "moon")).await;
    let second = within_a_minute(greet_in_background(&log, "stars")).await;
    assert_eq!(start.elapsed(), 2 * SECOND);
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("hello moon", "hello stars")
    );
    assert_eq!(
        log.said_at(),
        [
            line(OTHER_WORK, ZERO),
            line("hello", ZERO),
            line("moon", SECOND),
            line(OTHER_WORK, SECOND),
            line("hello", SECOND),
            line("stars", 2 * SECOND),
        ]
    );
    course_marker::passed();
}
