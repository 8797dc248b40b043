//! `wait_all`, hidden tests: different lengths, ten thousand, and called outside a spawned task.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use threads_exercises::wait_all::wait_all;
use tokio::time::Instant;

async fn counted_sleep(secs: u64, polls: Arc<AtomicUsize>) {
    let mut nap = std::pin::pin!(tokio::time::sleep(Duration::from_secs(secs)));
    std::future::poll_fn(|cx| {
        polls.fetch_add(1, Ordering::Relaxed);
        nap.as_mut().poll(cx)
    })
    .await
}

async fn in_a_task(secs: &[u64]) -> (Duration, usize) {
    let polls = Arc::new(AtomicUsize::new(0));
    let waits: Vec<_> = secs
        .iter()
        .map(|&s| counted_sleep(s, Arc::clone(&polls)))
        .collect();
    let start = Instant::now();
    tokio::time::timeout(Duration::from_secs(60), tokio::spawn(wait_all(waits)))
        .await
        .expect("not done after 60 s of virtual time")
        .expect("the task panicked");
    (start.elapsed(), polls.load(Ordering::Relaxed))
}

/// Sleeps of 1, 2 and 3 s, many of each: done with the longest, two polls each.
#[tokio::test(start_paused = true)]
async fn different_lengths_end_with_the_longest() {
    let secs: Vec<u64> = (0..1500).map(|k| 1 + k % 3).collect();
    let (took, polls) = in_a_task(&secs).await;
    assert_eq!(took, Duration::from_secs(3));
    assert_eq!(polls, 3000);
    course_marker::passed();
}

/// Ten thousand: still two polls each (the square would be about 6 million).
#[tokio::test(start_paused = true)]
async fn ten_thousand_sleeps_polled_twice_each() {
    let (took, polls) = in_a_task(&vec![1; 10_000]).await;
    assert_eq!(took, Duration::from_secs(1));
    assert_eq!(polls, 20_000);
    course_marker::passed();
}

/// Awaited by the test's own future (not spawned): the budget applies there too.
#[tokio::test(start_paused = true)]
async fn awaited_outside_a_spawned_task_too() {
    let polls = Arc::new(AtomicUsize::new(0));
    let waits: Vec<_> = (0..3000)
        .map(|_| counted_sleep(1, Arc::clone(&polls)))
        .collect();
    let start = Instant::now();
    tokio::time::timeout(Duration::from_secs(60), wait_all(waits))
        .await
        .expect("not done after 60 s of virtual time");
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    assert_eq!(polls.load(Ordering::Relaxed), 6000);
    course_marker::passed();
}
