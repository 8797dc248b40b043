//! `at_most`: 한 번에 몇 개까지만 / at most so many at once.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use queue_exercises::at_most::at_most;
use tokio::time::Instant;

/// 동시에 도는 조회 수를 세는 `secs`초짜리 조회 / A lookup of `secs` seconds that counts how
/// many run at once.
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

/// 1초짜리 25개, 5개씩: 정확히 5초, 동시에 5개 / 25 of a second, 5 at a time: exactly 5 s, 5 at once.
#[tokio::test(start_paused = true)]
async fn twenty_five_lookups_five_at_a_time_take_five_seconds() {
    let (running, most) = (Arc::default(), Arc::default());
    let lookups: Vec<_> = (0..25).map(|_| lookup(1, &running, &most)).collect();
    let start = Instant::now();
    let results = tokio::time::timeout(Duration::from_secs(60), at_most(5, lookups))
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time");
    assert_eq!(results, vec![1; 25]);
    assert_eq!(
        most.load(Ordering::SeqCst),
        5,
        "동시에 5개까지만, 그리고 5개까지는 함께 / at most 5 at once, and 5 together"
    );
    assert_eq!(start.elapsed(), Duration::from_secs(5));
    course_marker::passed();
}

/// 결과는 인자 순서 / Results in argument order.
#[tokio::test(start_paused = true)]
async fn results_come_back_in_argument_order() {
    let (running, most) = (Arc::default(), Arc::default());
    let lookups: Vec<_> = [3, 1, 2]
        .iter()
        .map(|&s| lookup(s, &running, &most))
        .collect();
    assert_eq!(at_most(3, lookups).await, [3, 1, 2]);
    course_marker::passed();
}
