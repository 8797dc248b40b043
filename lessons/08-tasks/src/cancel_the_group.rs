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
    // BEGIN SOLUTION
    // A JoinSet is the group; each task carries its index so the results keep argument order.
    let mut group = tokio::task::JoinSet::new();
    let count = lookups.len();
    for (index, lookup) in lookups.into_iter().enumerate() {
        group.spawn(async move { (index, lookup.await) });
    }
    let mut found = vec![0; count];
    while let Some(joined) = group.join_next().await {
        let (index, result) = joined.expect("a lookup panicked");
        match result {
            Ok(value) => found[index] = value,
            Err(e) => {
                group.abort_all();
                while group.join_next().await.is_some() {}
                return Err(e);
            }
        }
    }
    Ok(found)
    // END SOLUTION
}
