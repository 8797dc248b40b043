//! `asyncio.wait_for(lookup(), limit)`: 제한 시간 안에 끝나면 결과를, 아니면 `None`을 돌려주자. 단,
//! 포기한 조회는 그 자리에서 멈춰야 한다(연결을 쥔 가드가 제한 시각에 버려져야 한다). 조회가
//! `Send + 'static`이라 태스크로 띄울 수도 있지만, 태스크로 띄운 뒤 그 손잡이에만 시간 제한을
//! 걸면 `shield`처럼 조회는 뒤에서 계속 돈다.
//!
//! `asyncio.wait_for(lookup(), limit)`: return the result if the lookup finishes within the limit,
//! `None` otherwise. But a lookup given up on must stop right there (the guard holding its
//! connection must be dropped at the limit). The lookup is `Send + 'static`, so it could be spawned
//! as a task; but put the limit only on the task's handle and, like `shield`, the lookup runs on
//! in the background.

use std::future::Future;
use std::time::Duration;

/// `limit` 안에 끝나면 `Some(결과)`, 아니면 조회를 멈추고 `None`.
/// `Some(result)` within `limit`; otherwise the lookup is stopped and `None` returned.
// TODO: 시간 제한을 걸되, 포기한 조회가 뒤에서 계속 돌지 않게 하자.
//       / Put a time limit on it, without leaving the abandoned lookup running in the background.
pub async fn lookup_within<F>(limit: Duration, lookup: F) -> Option<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint tasks/lookup_within
    // TODO: complete this. Stuck? cargo run -p course -- hint tasks/lookup_within
    todo!()
}
