//! 파이썬 3.11의 `asyncio.TaskGroup`처럼, 조회를 모두 태스크로 띄우고 결과를 인자 순서대로
//! 모으되, 하나라도 오류를 내면 그 순간 나머지를 취소하고 그 오류를 돌려주자. 취소한 태스크가 정말로
//! 멈출 때까지(가드가 버려질 때까지) 기다린 뒤에 돌아와야 한다. 테스트는 정지된 시계로 시각을 잰다.
//!
//! Like Python 3.11's `asyncio.TaskGroup`: start every lookup as a task and collect the results in
//! argument order, but if any returns an error, cancel the rest at that moment and return that
//! error. Return only once the cancelled tasks have really stopped (their guards dropped). The
//! tests time it on the paused clock.

use std::future::Future;

/// 조회가 모두 성공하면 결과를 인자 순서대로, 아니면 가장 먼저 난 오류를 돌려준다.
/// All the results in argument order if every lookup succeeds, otherwise the first error.
// TODO: 조회마다 태스크를 띄우고, 첫 오류에서 나머지를 취소하고 멈출 때까지 기다리자.
//       / Start a task per lookup; at the first error cancel the rest and wait until they stop.
pub async fn all_or_first_error<F>(lookups: Vec<F>) -> Result<Vec<u64>, String>
where
    F: Future<Output = Result<u64, String>> + Send + 'static,
{
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint tasks/cancel_the_group
    // TODO: complete this. Stuck? cargo run -p course -- hint tasks/cancel_the_group
    todo!()
}
