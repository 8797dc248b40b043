//! `show_as_completed`: 끝나는 순서대로 / in the order they finish.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;
use wait_exercises::as_completed::{find_users, show_as_completed};

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// 잘못된 답이 멈춰 버려도 테스트는 끝나도록: 가상 시간 60초 안에 끝나야 한다.
/// So that a wrong answer that hangs still ends the test: 60 s of virtual time at most.
async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(s(60), future)
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time")
}

/// 결과는 끝나는 그 순간 화면에 나온다: 1초에 1, 2초에 2, 3초에 3.
/// Each result is shown the moment it is ready: 1 at 1 s, 2 at 2 s, 3 at 3 s.
#[tokio::test(start_paused = true)]
async fn each_result_is_shown_the_moment_it_finishes() {
    let start = Instant::now();
    let mut shown = Vec::new();
    let lookups = vec![find_users(3), find_users(2), find_users(1)];
    within_a_minute(show_as_completed(lookups, |n| {
        shown.push((n, start.elapsed()))
    }))
    .await;
    assert_eq!(shown, [(1, s(1)), (2, s(2)), (3, s(3))]);
    course_marker::passed();
}

/// 세 조회가 함께 돌아, 마지막 결과를 보여 준 3초에 돌아온다 (하나씩 하면 6초).
/// The three lookups run together, and it returns at 3 s, right after the last result (one
/// after another: 6 s).
#[tokio::test(start_paused = true)]
async fn returns_right_after_the_last_result() {
    let start = Instant::now();
    let lookups = vec![find_users(3), find_users(2), find_users(1)];
    within_a_minute(show_as_completed(lookups, |_| {})).await;
    assert_eq!(start.elapsed(), s(3));
    course_marker::passed();
}
