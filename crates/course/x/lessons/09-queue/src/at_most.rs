//! 조회를 모두 돌리되 한 번에 `limit`개까지만 돌게 하자(파이썬의 `asyncio.Semaphore(limit)`).
//! 결과는 인자 순서대로 돌려준다. 테스트는 정지된 시계로 끝난 시각을 재고, 동시에 몇 개가 돌았는지
//! 센다. 1초짜리 25개를 5개씩 돌리면 정확히 5초다.
//!
//! Run every lookup, but at most `limit` at a time (Python's `asyncio.Semaphore(limit)`), and
//! return the results in argument order. The tests time it on the paused clock and count how
//! many ran at once: 25 one-second lookups, 5 at a time, take exactly 5 s.

use std::future::Future;

/// 한 번에 `limit`개까지만 돌려 결과를 인자 순서대로 / At most `limit` at once, results in
/// argument order.
// TODO: 동시에 도는 조회가 `limit`개를 넘지 않게 하자.
//       / Keep the lookups running at once to `limit` at most.
pub async fn at_most<F>(limit: usize, lookups: Vec<F>) -> Vec<u64>
where
    F: Future<Output = u64> + Send + 'static,
{
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint queue/at_most
    // TODO: complete this. Stuck? cargo run -p course -- hint queue/at_most
    todo!()
}
