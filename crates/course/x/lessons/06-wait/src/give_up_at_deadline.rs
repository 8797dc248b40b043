//! 디렉터리가 느려졌다. `find_users(3)`, `(2)`, `(1)`을 한꺼번에 보내되, 조회마다 1.5초까지만
//! 기다리고, 그때까지 못 끝낸 조회는 포기하고 그 자리에서 취소하려 한다. 파이썬이라면
//! `gather(*(wait_for(find_users(n), 1.5) for n in ...), return_exceptions=True)`다.
//! `lookups_with_deadline`을 완성하자. 결과는 인자 순서대로 `[Err(TimedOut), Err(TimedOut),
//! Ok(1)]`이고, 정확히 1.5초에 돌아와야 한다. 모두 제한 안에 끝나면 제한 시간까지 기다리지
//! 말고, 마지막 조회가 끝나는 순간 돌아온다.
//!
//! The directory has become slow. `find_users(3)`, `(2)` and `(1)` go out together, but each
//! lookup gets 1.5 seconds at most; one that has not finished by then is given up and cancelled
//! on the spot. In Python: `gather(*(wait_for(find_users(n), 1.5) for n in ...),
//! return_exceptions=True)`. Complete `lookups_with_deadline`: the results come in argument
//! order, `[Err(TimedOut), Err(TimedOut), Ok(1)]`, at exactly 1.5 seconds. When everything
//! finishes within the limit, it returns the moment the last lookup ends, not at the limit.

use std::fmt;
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

/// 제한 시간 안에 끝나지 않아 포기한 조회 (파이썬의 `TimeoutError`).
/// A lookup given up because it did not finish in time (Python's `TimeoutError`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimedOut;

impl fmt::Display for TimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the lookup did not finish in time")
    }
}

impl std::error::Error for TimedOut {}

/// `futures`를 모두 함께 돌리고, 각 퓨처를 `limit`까지만 기다린다. 그 안에 끝난 퓨처는
/// `Ok(결과)`, 못 끝낸 퓨처는 `limit`에 취소(drop)되고 `Err(TimedOut)`이다. 결과는 넘겨받은
/// 순서대로다.
/// Runs all of `futures` together and waits for each at most `limit`. A future that finishes
/// in time gives `Ok(output)`; one that does not is cancelled (dropped) at `limit` and gives
/// `Err(TimedOut)`. The results come in the order the futures came in.
// TODO: 조회마다 제한 시간을 씌우고, 제한 시간이 씌워진 조회들을 한꺼번에 기다리자.
//       Put a time limit on each lookup, then wait for all the limited lookups together.
pub async fn lookups_with_deadline<F: Future>(
    futures: Vec<F>,
    limit: Duration,
) -> Vec<Result<F::Output, TimedOut>> {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint wait/give_up_at_deadline
    // TODO: complete this. Stuck? cargo run -p course -- hint wait/give_up_at_deadline
    todo!()
}
