//! `at_most`, hidden tests: one at a time, more room than lookups, lookups of different lengths.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use queue_exercises::at_most::at_most;
use tokio::time::Instant;

fn lookup(
    secs: u64,
    running: &Arc<AtomicUsize>,
    most: &Arc<AtomicUsize>,
) -> impl Future<Output = u64> + Send + 'static {
    let (running, most) = (Arc::clone(running), Arc::clone(most));
    async move {
        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
        most.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_secs(secs)).await;
        running.fetch_sub(1, Ordering::SeqCst);
        secs
    }
}

async fn timed(limit: usize, secs: &[u64]) -> (Vec<u64>, Duration, usize) {
    let (running, most) = (Arc::default(), Arc::default());
    let lookups: Vec<_> = secs.iter().map(|&s| lookup(s, &running, &most)).collect();
    let start = Instant::now();
    let results = tokio::time::timeout(Duration::from_secs(600), at_most(limit, lookups))
        .await
        .expect("not done");
    (results, start.elapsed(), most.load(Ordering::SeqCst))
}

#[tokio::test(start_paused = true)]
async fn one_at_a_time_adds_the_times_up() {
    let (results, took, most) = timed(1, &[2, 1, 3]).await;
    assert_eq!(results, [2, 1, 3]);
    assert_eq!((took, most), (Duration::from_secs(6), 1));
    course_marker::passed();
}

#[tokio::test(start_paused = true)]
async fn more_room_than_lookups_runs_them_all_at_once() {
    let (_, took, most) = timed(100, &[1, 2, 3, 4]).await;
    assert_eq!((took, most), (Duration::from_secs(4), 4));
    course_marker::passed();
}

/// A new lookup starts whenever one ends: with room for 2, [3, 1, 1, 1] end at 3 s.
#[tokio::test(start_paused = true)]
async fn a_free_place_is_taken_at_once() {
    let (results, took, most) = timed(2, &[3, 1, 1, 1]).await;
    assert_eq!(results, [3, 1, 1, 1]);
    assert_eq!((took, most), (Duration::from_secs(3), 2));
    course_marker::passed();
}
