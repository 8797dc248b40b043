//! `drain`, hidden tests: no jobs at all, more workers than jobs, a queue of one.

use std::time::Duration;

use queue_exercises::drain::drain;
use tokio::sync::mpsc;
use tokio::time::Instant;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

async fn run(jobs: u32, capacity: usize, workers: usize) -> (Vec<Duration>, Vec<u32>, Duration) {
    let start = Instant::now();
    let (tx, rx) = mpsc::channel(capacity);
    let producer = tokio::spawn(async move {
        let mut sent = Vec::new();
        for job in 1..=jobs {
            tx.send(job).await.expect("the queue is open");
            sent.push(start.elapsed());
        }
        sent
    });
    let done = tokio::time::timeout(s(60), drain(rx, workers))
        .await
        .expect("not done after 60 s");
    let took = start.elapsed();
    (producer.await.unwrap(), done, took)
}

#[tokio::test(start_paused = true)]
async fn no_jobs_returns_when_the_queue_closes() {
    let (sent, done, took) = run(0, 2, 3).await;
    assert!(sent.is_empty() && done.is_empty());
    assert_eq!(took, s(0));
    course_marker::passed();
}

#[tokio::test(start_paused = true)]
async fn ten_workers_three_jobs_one_second() {
    let (_, mut done, took) = run(3, 5, 10).await;
    done.sort();
    assert_eq!(done, [1, 2, 3]);
    assert_eq!(took, s(1));
    course_marker::passed();
}

/// A queue of one, two workers: three sends return at once (two jobs taken, one queued), then
/// two a second as the pair finishes; eight jobs done by 4 s.
#[tokio::test(start_paused = true)]
async fn a_queue_of_one_and_two_workers() {
    let (sent, done, took) = run(8, 1, 2).await;
    assert_eq!(sent, [s(0), s(0), s(0), s(1), s(1), s(2), s(2), s(3)]);
    assert_eq!(done.len(), 8);
    assert_eq!(took, s(4));
    course_marker::passed();
}
