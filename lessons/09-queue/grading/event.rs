//! `Event`, hidden tests: set twice, a hundred waiters, set then clear before the waiters wake.

use std::sync::Arc;
use std::time::Duration;

use queue_exercises::event::Event;
use tokio::time::Instant;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

#[tokio::test(start_paused = true)]
async fn set_twice_is_still_set() {
    let event = Event::new();
    event.set();
    event.set();
    assert!(event.is_set());
    tokio::time::timeout(s(0), event.wait())
        .await
        .expect("a set event lets a waiter through at once");
    course_marker::passed();
}

#[tokio::test(start_paused = true)]
async fn a_hundred_waiters_all_go_at_set() {
    let event = Arc::new(Event::new());
    let start = Instant::now();
    let mut waiters = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let event = Arc::clone(&event);
        waiters.spawn(async move {
            event.wait().await;
            start.elapsed()
        });
    }
    tokio::time::sleep(s(5)).await;
    event.set();
    let went_on = tokio::time::timeout(s(60), waiters.join_all())
        .await
        .expect("not done");
    assert_eq!(went_on, vec![s(5); 100]);
    course_marker::passed();
}

/// Set at 1 s, cleared at 2 s: a waiter that comes in between goes on at once; one that comes
/// after the clear waits.
#[tokio::test(start_paused = true)]
async fn between_set_and_clear_waiters_pass_and_after_they_wait() {
    let event = Arc::new(Event::new());
    let start = Instant::now();
    let early = {
        let event = Arc::clone(&event);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            event.wait().await;
            start.elapsed()
        })
    };
    tokio::time::sleep(s(1)).await;
    event.set();
    tokio::time::sleep(s(1)).await;
    event.clear();
    assert_eq!(early.await.unwrap(), Duration::from_millis(1500));
    assert!(tokio::time::timeout(s(3), event.wait()).await.is_err());
    course_marker::passed();
}
