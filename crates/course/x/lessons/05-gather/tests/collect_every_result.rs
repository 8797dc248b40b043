//! `gather_every_result`: 오류까지 모든 결과를 / every result, errors included.

use std::future::Future;
use std::time::Duration;

use gather_exercises::collect_every_result::{
    Directory, LookupError, Request, gather_every_result,
};
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

/// 노트의 세 조회, 그중 `find_users(2)`가 두 번째 사용자에서 실패한다.
/// The notebook's three lookups; `find_users(2)` fails at its second user.
const NOTE: [Request; 3] = [Request::ok(3), Request::failing(2, 2), Request::ok(1)];

/// 실패가 있어도 모든 조회가 함께 끝까지 돌아, 가장 긴 조회가 끝나는 3초에 돌아온다.
/// Despite the failure every lookup runs to its end, together: back at 3 s, when the longest
/// one ends.
#[tokio::test(start_paused = true)]
async fn every_lookup_runs_to_its_end_at_three_seconds() {
    let dir = Directory::new();
    let start = Instant::now();
    within_a_minute(gather_every_result(&dir, &NOTE)).await;
    assert_eq!(start.elapsed(), s(3));
    course_marker::passed();
}

/// 오류는 제자리에 담긴 값이다: 인자 순서대로 `[Ok(3), Err(..), Ok(1)]`.
/// The error is a value in its own slot: `[Ok(3), Err(..), Ok(1)]`, in argument order.
#[tokio::test(start_paused = true)]
async fn the_error_sits_in_its_own_slot() {
    let dir = Directory::new();
    let results = within_a_minute(gather_every_result(&dir, &NOTE)).await;
    assert_eq!(results, [Ok(3), Err(LookupError { n: 2, user: 2 }), Ok(1)]);
    course_marker::passed();
}
