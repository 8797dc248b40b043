//! 대시보드가 `find_users(3)`, `(2)`, `(1)`의 결과를 보여 준다. 결과는 끝나는 대로 하나씩,
//! 그 순간에 화면에 나와야 한다. 1초에 1, 2초에 2, 3초에 3이다. `join_all`은 다 끝난
//! 3초에야 인자 순서(3, 2, 1)로 한꺼번에 주니 맞지 않는다. 파이썬의
//! `asyncio.as_completed`가 할 일이다. `show_as_completed`를 완성해, 퓨처가 하나 끝날 때마다
//! 그 결과로 곧바로 `show`를 부르자. 테스트는 `show`가 불린 시각을 정확히 잰다.
//!
//! A dashboard shows the results of `find_users(3)`, `(2)` and `(1)`. Each result should appear
//! the moment it is ready: 1 at 1 second, 2 at 2 seconds, 3 at 3 seconds. `join_all` hands them
//! over all at once at 3 seconds, in argument order (3, 2, 1), which will not do. This is the
//! job of Python's `asyncio.as_completed`. Complete `show_as_completed` so that it calls `show`
//! with each result as soon as its future finishes. The tests time every call of `show` exactly.

use std::future::Future;
use std::time::Duration;

use tokio::time::sleep;

/// 사용자 한 명을 조회하는 데 걸리는 시간 (노트의 `asyncio.sleep(1)`).
/// How long looking up one user takes (the notebook's `asyncio.sleep(1)`).
pub const ROUND: Duration = Duration::from_secs(1);

/// 노트의 `find_users_async(n)`: 사용자 `n`명을 한 명에 1초씩 찾고, 찾은 수를 돌려준다.
/// The notebook's `find_users_async(n)`: looks up `n` users, a second each, and returns how many
/// it found.
pub async fn find_users(n: u32) -> u32 {
    for _ in 0..n {
        sleep(ROUND).await;
    }
    n
}

/// `futures`를 모두 함께 돌리고, 하나가 끝날 때마다 그 결과로 곧바로 `show`를 부른다
/// (끝난 순서대로). 마지막 결과를 보여 주고 나면 돌아온다. 빈 목록이면 곧바로 돌아온다.
/// Runs all of `futures` together and calls `show` with each result as soon as it is ready
/// (in the order they finish). Returns after showing the last one; an empty list returns at
/// once.
// TODO: 결과를 끝나는 순서대로 내주는 스트림에 퓨처를 모두 넣고, 하나씩 꺼내 보여 주자.
//       Put every future in a stream that yields results as they finish, and show each one.
pub async fn show_as_completed<F: Future>(futures: Vec<F>, mut show: impl FnMut(F::Output)) {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint wait/as_completed
    // TODO: complete this. Stuck? cargo run -p course -- hint wait/as_completed
    todo!()
}
