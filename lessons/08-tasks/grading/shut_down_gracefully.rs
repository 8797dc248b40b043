//! `run_workers`, hidden tests: a shutdown before anything starts, one worker, a shutdown on the
//! very second a job ends, and many workers.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tasks_exercises::shut_down_gracefully::run_workers;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

async fn shut_down(
    workers: usize,
    jobs: u32,
    after: Option<Duration>,
) -> (Duration, Vec<u32>, Vec<u32>) {
    let queue = Arc::new(Mutex::new((1..=jobs).collect::<VecDeque<u32>>()));
    let done = Arc::new(Mutex::new(Vec::new()));
    let shutdown = CancellationToken::new();
    match after {
        None => shutdown.cancel(),
        Some(after) => {
            let signal = shutdown.clone();
            tokio::spawn(async move {
                tokio::time::sleep(after).await;
                signal.cancel();
            });
        }
    }
    let start = Instant::now();
    tokio::time::timeout(
        Duration::from_secs(60),
        run_workers(workers, Arc::clone(&queue), Arc::clone(&done), shutdown),
    )
    .await
    .expect("not done after 60 s of virtual time");
    let mut done = done.lock().unwrap().clone();
    done.sort();
    let left: Vec<u32> = queue.lock().unwrap().iter().copied().collect();
    (start.elapsed(), done, left)
}

/// Cancelled before the workers start: no job is taken, it returns at once.
#[tokio::test(start_paused = true)]
async fn a_shutdown_before_anything_starts_takes_no_job() {
    let (took, done, left) = shut_down(3, 4, None).await;
    assert!(done.is_empty());
    assert_eq!(left, [1, 2, 3, 4]);
    assert_eq!(took, Duration::ZERO);
    course_marker::passed();
}

/// One worker, shutdown at 2.5 s: jobs 1, 2 done, 3 in hand finishes at 3 s.
#[tokio::test(start_paused = true)]
async fn one_worker_finishes_the_job_in_hand() {
    let (took, done, left) = shut_down(1, 6, Some(Duration::from_millis(2500))).await;
    assert_eq!(done, [1, 2, 3]);
    assert_eq!(left, [4, 5, 6]);
    assert_eq!(took, Duration::from_secs(3));
    course_marker::passed();
}

/// Ten workers, 100 jobs, shutdown at 4.5 s: 50 done at 5 s, 50 left, none lost.
#[tokio::test(start_paused = true)]
async fn ten_workers_lose_nothing() {
    let (took, done, left) = shut_down(10, 100, Some(Duration::from_millis(4500))).await;
    assert_eq!(done.len(), 50);
    assert_eq!(left.len(), 50);
    let mut all: Vec<u32> = done.iter().chain(left.iter()).copied().collect();
    all.sort();
    assert_eq!(all, (1..=100).collect::<Vec<u32>>());
    assert_eq!(took, Duration::from_secs(5));
    course_marker::passed();
}
