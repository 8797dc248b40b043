//! `Event`: 파이썬의 asyncio.Event / Python's asyncio.Event.

use std::sync::Arc;
use std::time::Duration;

use queue_exercises::event::Event;
use tokio::time::Instant;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// 0, 1초부터 기다린 셋은 2초의 `set()`에, 3초에 온 넷째는 곧바로 지나간다.
/// The three waiting from 0 and 1 s go on at `set()` (2 s); the fourth, coming at 3 s, at once.
#[tokio::test(start_paused = true)]
async fn set_lets_the_waiters_go_and_a_late_one_through_at_once() {
    let event = Arc::new(Event::new());
    let start = Instant::now();
    let mut waiters = tokio::task::JoinSet::new();
    for delay in [0, 1, 1, 3] {
        let event = Arc::clone(&event);
        waiters.spawn(async move {
            tokio::time::sleep(s(delay)).await;
            event.wait().await;
            start.elapsed()
        });
    }
    tokio::time::sleep(s(2)).await;
    assert!(!event.is_set());
    event.set();
    assert!(event.is_set());
    let mut went_on = tokio::time::timeout(s(60), waiters.join_all())
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time");
    went_on.sort();
    assert_eq!(went_on, [s(2), s(2), s(2), s(3)]);
    course_marker::passed();
}

/// `clear()` 뒤에 온 쪽은 다시 기다린다 / After `clear()`, a waiter waits again.
#[tokio::test(start_paused = true)]
async fn after_clear_a_new_waiter_waits_again() {
    let event = Arc::new(Event::new());
    event.set();
    event.clear();
    assert!(!event.is_set());
    let waiting = tokio::time::timeout(s(1), event.wait()).await;
    assert!(
        waiting.is_err(),
        "clear() 뒤에는 기다려야 한다 / after clear() it must wait"
    );
    course_marker::passed();
}
