//! `wait_all`: 많은 퓨처를 poll 두 번씩으로 / many futures, two polls each.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use threads_exercises::wait_all::wait_all;
use tokio::time::Instant;

/// poll될 때마다 `polls`를 하나 올리는 1초 sleep / A one-second sleep that counts its polls.
async fn counted_sleep(secs: u64, polls: Arc<AtomicUsize>) {
    let mut nap = std::pin::pin!(tokio::time::sleep(Duration::from_secs(secs)));
    std::future::poll_fn(|cx| {
        polls.fetch_add(1, Ordering::Relaxed);
        nap.as_mut().poll(cx)
    })
    .await
}

/// 태스크 하나 안에서 `wait_all`을 부르고, 걸린 시간과 poll 횟수를 돌려준다.
/// Calls `wait_all` inside one task; returns how long it took and how many polls there were.
async fn in_a_task(secs: &[u64]) -> (Duration, usize) {
    let polls = Arc::new(AtomicUsize::new(0));
    let waits: Vec<_> = secs
        .iter()
        .map(|&s| counted_sleep(s, Arc::clone(&polls)))
        .collect();
    let start = Instant::now();
    tokio::time::timeout(Duration::from_secs(60), tokio::spawn(wait_all(waits)))
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time")
        .expect("the task panicked");
    (start.elapsed(), polls.load(Ordering::Relaxed))
}

fn twice_each(polls: usize, n: usize) {
    assert_eq!(
        polls,
        2 * n,
        "1초 sleep {n}개를 {polls}번 poll했다 (하나에 2번이면 된다). 한 태스크 안의 `join_all`/ \
         `FuturesUnordered`는 협력 예산(128)이 바닥나면 남은 퓨처를 모두 다시 poll한다 / {n} \
         one-second sleeps were polled {polls} times (two each would do): inside one task, \
         `join_all` or `FuturesUnordered` polls every waiting future again once the co-operative \
         budget (128) is spent"
    );
}

/// 2000개가 함께 1초에 끝나고, 하나에 두 번씩 poll된다 / 2000 end together at 1 s, polled twice each.
#[tokio::test(start_paused = true)]
async fn two_thousand_sleeps_end_at_one_second_polled_twice_each() {
    let (took, polls) = in_a_task(&vec![1; 2000]).await;
    assert_eq!(
        took,
        Duration::from_secs(1),
        "모두 함께 기다려야 한다 / wait for all of them at once"
    );
    twice_each(polls, 2000);
    course_marker::passed();
}

/// 빈 목록은 곧바로 끝난다 / An empty list is done at once.
#[tokio::test(start_paused = true)]
async fn an_empty_list_is_done_at_once() {
    let (took, polls) = in_a_task(&[]).await;
    assert_eq!((took, polls), (Duration::ZERO, 0));
    course_marker::passed();
}
