//! 디렉터리에 `find_users(3)`, `(2)`, `(1)`을 한꺼번에 보냈다. 화면에는 첫 결과가 나오는
//! 즉시 무언가를 보여 주고 싶다. 다 끝날 때까지(3초) 기다릴 수는 없다. 파이썬이라면
//! `asyncio.wait(tasks, return_when=FIRST_COMPLETED)`로 `(done, pending)`을 받는다.
//! `wait_first_completed`를 완성하자. 하나라도 끝나는 그 순간(여기서는 1초) 돌아와서, 그때까지
//! 끝난 것은 `Done`으로, 아직 안 끝난 퓨처는 `Pending`으로 돌려준다. 돌려받은 퓨처는 나중에
//! `.await`하면 하던 일을 이어서 제 시각에 끝나야 한다.
//!
//! `find_users(3)`, `(2)` and `(1)` went to the directory together, and the screen should show
//! something the moment the first result is in, not after all of them (3 seconds). In Python,
//! `asyncio.wait(tasks, return_when=FIRST_COMPLETED)` hands back `(done, pending)`. Complete
//! `wait_first_completed`: it returns the moment any future finishes (here at 1 second), with
//! what has finished as `Done` and the futures still running handed back as `Pending`. Awaited
//! later, a pending future goes on from where it stopped and ends at its own time.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
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

/// `wait_first_completed`가 돌아올 때 이미 끝나 있던 퓨처.
/// A future that had finished when `wait_first_completed` returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done<T> {
    /// 넘겨받은 목록에서의 자리 (0부터). 끝난 Rust 퓨처는 사라지고 없으니, 누구의 결과인지는
    /// 이 번호가 말해 준다.
    /// Its place in the list it came in (from 0). A finished Rust future is gone, so this
    /// number says whose result it is.
    pub index: usize,
    /// 그 퓨처가 돌려준 값 / What it returned.
    pub output: T,
}

/// 아직 끝나지 않아 돌려받은 퓨처. 마지막으로 poll된 자리에 멈춰 있다가, 다시 poll되면
/// 이어서 돈다. 그 자체가 퓨처이므로 `.await`할 수 있고, 버리면(drop) 취소된다.
/// A future that had not finished, handed back. It stands where its last poll left it and
/// goes on when polled again: it is a future itself, so `.await` it; dropping it cancels it.
pub struct Pending<F> {
    /// 넘겨받은 목록에서의 자리 (0부터) / Its place in the list it came in (from 0).
    pub index: usize,
    /// 퓨처 자체. 한 번 poll된 퓨처는 옮기면 안 되므로(`Pin`), 힙에 둔다(`Box`).
    /// The future itself. Once polled, a future may not move (`Pin`), so it lives on the heap
    /// (`Box`).
    pub future: Pin<Box<F>>,
}

impl<F: Future> Future for Pending<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.get_mut().future.as_mut().poll(cx)
    }
}

impl<F> fmt::Debug for Pending<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

/// `futures`를 모두 함께 poll하다가, 하나라도 끝나면 곧바로 `(done, pending)`을 돌려준다.
///
/// - `done`: 돌아오는 순간까지 끝난 퓨처 모두 (같은 순간에 둘이 끝났다면 둘 다).
/// - `pending`: 아직 안 끝난 퓨처, 넘겨받은 순서대로.
/// - 빈 목록이면 곧바로 둘 다 비어서 돌아온다.
///
/// Polls all of `futures` together and returns `(done, pending)` as soon as any has finished.
///
/// - `done`: every future that had finished by the time it returns (both, if two finished at
///   the same moment).
/// - `pending`: the futures not finished yet, in the order they came in.
/// - An empty list returns at once, with both empty.
// TODO: 퓨처를 모두 `Box::pin`해서 함께 poll하고, 하나라도 끝나면 멈추자. 끝나지 않은 것은
//       그대로 돌려준다. / `Box::pin` every future, poll them together, and stop once any has
//       finished; hand back the ones that have not, as they are.
pub async fn wait_first_completed<F: Future>(
    futures: Vec<F>,
) -> (Vec<Done<F::Output>>, Vec<Pending<F>>) {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint wait/first_completed
    // TODO: complete this. Stuck? cargo run -p course -- hint wait/first_completed
    todo!()
}
