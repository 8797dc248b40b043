//! `lookups_with_deadline`: 시간이 다 되면 포기 / give up when time is up.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;
use wait_exercises::give_up_at_deadline::{TimedOut, find_users, lookups_with_deadline};

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

/// 1.5초 제한: `find_users(1)`만 제때 끝나고, `(3)`과 `(2)`는 포기한다. 정확히 1.5초에
/// 인자 순서대로 돌아온다.
/// A 1.5 s limit: only `find_users(1)` makes it; `(3)` and `(2)` are given up. Back at exactly
/// 1.5 s, in argument order.
#[tokio::test(start_paused = true)]
async fn late_lookups_are_given_up_at_the_limit() {
    let start = Instant::now();
    let lookups = vec![find_users(3), find_users(2), find_users(1)];
    let results =
        within_a_minute(lookups_with_deadline(lookups, Duration::from_millis(1500))).await;
    assert_eq!(results, [Err(TimedOut), Err(TimedOut), Ok(1)]);
    assert_eq!(start.elapsed(), Duration::from_millis(1500));
    course_marker::passed();
}

/// 5초 제한 안에 모두 끝나면 제한 시간까지 기다리지 않는다: 3초에 `[Ok(3), Ok(2), Ok(1)]`.
/// When all end within a 5 s limit there is no waiting for the limit: `[Ok(3), Ok(2), Ok(1)]`
/// at 3 s.
#[tokio::test(start_paused = true)]
async fn lookups_within_the_limit_return_when_the_last_ends() {
    let start = Instant::now();
    let lookups = vec![find_users(3), find_users(2), find_users(1)];
    let results = within_a_minute(lookups_with_deadline(lookups, s(5))).await;
    assert_eq!(results, [Ok(3), Ok(2), Ok(1)]);
    assert_eq!(start.elapsed(), s(3));
    course_marker::passed();
}
