//! 일꾼 `workers`명이 대기열 `jobs`에서 일을 하나씩 꺼내 [`work`]로 처리한다. 대기열이 닫히고 모든
//! 일이 끝나면 돌아오자(파이썬의 `queue.join()`). 일꾼이 한가할 때만 일을 꺼내야 한다: 받자마자
//! 모두 꺼내 쌓아 두면 대기열은 늘 비어 있어 생산자가 기다리지 않고, 그러면 대기열의 크기 제한이
//! 아무 뜻이 없다. 테스트는 생산자의 `send`가 돌아온 시각을 정확히 잰다.
//!
//! `workers` workers take jobs one at a time from the queue `jobs` and do each with [`work`].
//! Return once the queue is closed and every job is done (Python's `queue.join()`). Take a job
//! only when a worker is free: take them all at once and stack them up, and the queue is always
//! empty, the producer never waits, and the queue's size limit means nothing. The tests time the
//! producer's `send`s exactly.

use std::time::Duration;

use tokio::sync::mpsc;

/// 일 하나: 1초 걸린다 / One job: it takes a second.
pub async fn work(job: u32) -> u32 {
    tokio::time::sleep(Duration::from_secs(1)).await;
    job
}

/// 대기열이 닫히고 모든 일이 끝나면, 끝난 순서대로 일을 돌려준다.
/// Once the queue is closed and every job is done, returns the jobs in the order they finished.
// TODO: 일꾼마다 태스크를 띄우고, 일꾼이 한가할 때만 대기열에서 일을 꺼내자.
//       / Start a task per worker, and take a job from the queue only when a worker is free.
pub async fn drain(jobs: mpsc::Receiver<u32>, workers: usize) -> Vec<u32> {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint queue/drain
    // TODO: complete this. Stuck? cargo run -p course -- hint queue/drain
    todo!()
}
