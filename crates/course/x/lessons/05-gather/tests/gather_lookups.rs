//! `gather_lookups`: 세 조회를 한꺼번에 / three lookups at once.

use std::future::Future;
use std::time::Duration;

use gather_exercises::gather_lookups::{Directory, gather_lookups};
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

/// `find_users(3)`, `(2)`, `(1)`을 한꺼번에 돌리면 가장 긴 조회만큼, 정확히 3초에 끝난다
/// (하나씩 기다리면 6초). / Run together, `find_users(3)`, `(2)` and `(1)` end at exactly
/// 3 s, the longest one's time (one after another: 6 s).
#[tokio::test(start_paused = true)]
async fn three_lookups_end_at_three_seconds() {
    let dir = Directory::new();
    let start = Instant::now();
    within_a_minute(gather_lookups(&dir, &[3, 2, 1])).await;
    assert_eq!(
        start.elapsed(),
        s(3),
        "세 조회가 동시에 돌지 않았다. 6초라면 하나씩 기다린 것이다: 퓨처를 `Vec`에 먼저 모아 두어도 \
         `for`로 하나씩 `.await`하면 여전히 차례로 돈다. 모두를 한 번에 기다리는 하나의 퓨처 \
         (`join_all`)가 필요하다. / the three lookups did not run at the same time. 6 s means they \
         were awaited one by one: collecting the futures in a `Vec` first and then `.await`ing them \
         in a `for` loop still runs them in turn. What is needed is one future that waits for all \
         of them at once (`join_all`)."
    );
    course_marker::passed();
}

/// 결과는 끝난 순서(1, 2, 3)가 아니라 인자 순서대로 `[3, 2, 1]`이다.
/// The results come in argument order, `[3, 2, 1]`, not in finishing order (1, 2, 3).
#[tokio::test(start_paused = true)]
async fn results_come_back_in_argument_order() {
    let dir = Directory::new();
    let results = within_a_minute(gather_lookups(&dir, &[3, 2, 1])).await;
    assert_eq!(results, [3, 2, 1]);
    course_marker::passed();
}
