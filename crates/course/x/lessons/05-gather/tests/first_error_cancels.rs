//! `try_gather_lookups`: 첫 오류에서 멈추기 / stop at the first error.

use std::future::Future;
use std::time::Duration;

use gather_exercises::first_error_cancels::{Directory, LookupError, Request, try_gather_lookups};
use tokio::time::Instant;

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

/// `find_users(2)`가 2초에 실패하면 바로 그 2초에 그 오류가 돌아온다 (3초까지 기다리지 않는다).
/// When `find_users(2)` fails at 2 s, its error comes back right then, at 2 s (not at 3 s).
#[tokio::test(start_paused = true)]
async fn the_first_error_comes_back_at_two_seconds() {
    let requests = [Request::ok(3), Request::failing(2, 2), Request::ok(1)];
    let dir = Directory::new();
    let start = Instant::now();
    let result = within_a_minute(try_gather_lookups(&dir, &requests)).await;
    assert_eq!(result, Err(LookupError { n: 2, user: 2 }));
    assert_eq!(start.elapsed(), s(2));
    course_marker::passed();
}

/// 실패가 없으면 모두 함께 돌아 3초에 `Ok([3, 2, 1])`, 인자 순서대로다.
/// Without a failure they all run together: `Ok([3, 2, 1])` at 3 s, in argument order.
#[tokio::test(start_paused = true)]
async fn without_a_failure_all_results_come_in_argument_order() {
    let requests = [Request::ok(3), Request::ok(2), Request::ok(1)];
    let dir = Directory::new();
    let start = Instant::now();
    let result = within_a_minute(try_gather_lookups(&dir, &requests)).await;
    assert_eq!(result, Ok(vec![3, 2, 1]));
    assert_eq!(start.elapsed(), s(3));
    course_marker::passed();
}
