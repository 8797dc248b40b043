//! `greet_in_background`: a spawned task runs while main does its own work.

use std::future::Future;
use std::time::Duration;

use awaiting_exercises::spawn_in_background::{Log, SECOND, greet_in_background};
use tokio::time::Instant;

/// Awaits `future`, failing instead of hanging if it has not finished after a minute on tokio's
/// (paused) clock.
async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(60), future)
        .await
        .expect("not finished after 60 s on tokio's clock")
}

/// hello_world sleeps through the same second as main's other work: one second in all, not
/// two, and the greeting is the one the task returned.
#[tokio::test(start_paused = true)]
async fn greeting_in_the_background_takes_one_second() {
    let log = Log::new();
    let start = Instant::now();
    let greeting = within_a_minute(greet_in_background(&log, "world")).await;
    assert_eq!(start.elapsed(), SECOND);
    assert_eq!(greeting, "hello world");
    course_marker::passed();
}

/// The task says hello at 0 s, while main is busy, and world at 1 s.
#[tokio::test(start_paused = true)]
async fn hello_comes_at_zero_seconds_and_world_at_one() {
    let log = Log::new();
    within_a_minute(greet_in_background(&log, "world")).await;
    let greeting: Vec<(String, Duration)> = log
        .said_at()
        .into_iter()
        .filter(|(line, _)| line == "hello" || line == "world")
        .collect();
    assert_eq!(
        greeting,
        [
            ("hello".to_string(), Duration::ZERO),
            ("world".to_string(), SECOND)
        ]
    );
    course_marker::passed();
}
