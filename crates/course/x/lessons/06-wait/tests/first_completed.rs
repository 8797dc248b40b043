//! `wait_first_completed`: 하나가 끝나면 곧바로 / back as soon as one has finished.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;
use wait_exercises::first_completed::{Done, find_users, wait_first_completed};

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

/// `find_users(1)`이 끝나는 1초에 정확히 돌아온다. `done`에는 그것(#2) 하나, `pending`에는
/// 아직 도는 #0과 #1이 넘겨받은 순서대로 있다.
/// Back at exactly 1 s, when `find_users(1)` ends: `done` holds it (#2) alone, and `pending`
/// holds #0 and #1, still running, in the order they came in.
#[tokio::test(start_paused = true)]
async fn returns_when_the_first_lookup_finishes() {
    let start = Instant::now();
    let lookups = vec![find_users(3), find_users(2), find_users(1)];
    let (done, pending) = within_a_minute(wait_first_completed(lookups)).await;
    assert_eq!(start.elapsed(), s(1));
    assert_eq!(
        done,
        [Done {
            index: 2,
            output: 1
        }]
    );
    let pending: Vec<usize> = pending.iter().map(|p| p.index).collect();
    assert_eq!(pending, [0, 1]);
    course_marker::passed();
}

/// 돌려받은 퓨처는 나중에 기다리면 하던 일을 이어서 끝낸다: `find_users(3)`과 `(2)`가
/// `[3, 2]`를 돌려주고, 모두 3초에 끝난다.
/// The futures handed back go on when awaited: `find_users(3)` and `(2)` return `[3, 2]`, all
/// done at 3 s.
#[tokio::test(start_paused = true)]
async fn pending_lookups_can_be_awaited_afterwards() {
    let start = Instant::now();
    let lookups = vec![find_users(3), find_users(2), find_users(1)];
    let (_done, pending) = within_a_minute(wait_first_completed(lookups)).await;
    let rest = within_a_minute(futures::future::join_all(pending)).await;
    assert_eq!(rest, [3, 2]);
    assert_eq!(start.elapsed(), s(3));
    course_marker::passed();
}

/// 기다릴 것이 없으면 곧바로, 끝난 것도 남은 것도 없이 돌아온다 (그러지 않으면 영원히 기다린다).
/// Nothing to wait for: back at once, with nothing done and nothing pending (rather than
/// waiting forever).
#[tokio::test(start_paused = true)]
async fn an_empty_list_returns_at_once_with_nothing() {
    let start = Instant::now();
    let lookups: Vec<_> = Vec::<u32>::new().into_iter().map(find_users).collect();
    let (done, pending) = within_a_minute(wait_first_completed(lookups)).await;
    assert!(done.is_empty());
    assert!(pending.is_empty());
    assert_eq!(start.elapsed(), s(0));
    course_marker::passed();
}
