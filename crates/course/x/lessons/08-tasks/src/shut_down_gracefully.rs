//! 일꾼 여럿이 공유 대기열에서 일을 하나씩 가져가 처리한다. 종료 신호(`CancellationToken`)가 오면
//! 더는 새 일을 가져가지 말고, 이미 가져간 일은 끝까지 마친 뒤 멈추자. 모든 일꾼이 멈추면
//! 돌아온다. 가져간 일이 하나도 사라지지 않아야 한다: 끝낸 일과 대기열에 남은 일을 합치면 처음의
//! 일 전부다.
//!
//! Several workers take jobs one at a time from a shared queue. When the shutdown signal (a
//! `CancellationToken`) comes, take no new job, finish the one in hand, then stop. Return when
//! every worker has stopped. No accepted job may be lost: the jobs done and the jobs left in the
//! queue together are all the jobs there were.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

/// 일 하나에 걸리는 시간 / How long one job takes.
pub const JOB: Duration = Duration::from_secs(1);

/// 일 하나를 처리한다: 1초 걸리고, 끝나면 `done`에 적는다. 도중에 취소되면 적히지 않는다.
/// Does one job: it takes a second and then writes it in `done`. Cancelled halfway, it is not
/// written.
pub async fn work(job: u32, done: &Mutex<Vec<u32>>) {
    tokio::time::sleep(JOB).await;
    done.lock().unwrap().push(job);
}

/// `workers`명의 일꾼이 `queue`의 앞에서부터 일을 가져가 [`work`]로 처리한다. `shutdown`이
/// 취소되면 새 일을 가져가지 않고, 하던 일을 마친 뒤 멈춘다. 모두 멈추면 돌아온다.
/// `workers` workers take jobs from the front of `queue` and do them with [`work`]. Once
/// `shutdown` is cancelled they take no new job, finish the one in hand and stop. Returns when
/// all have stopped.
// TODO: 일꾼마다 태스크를 띄우고, 일과 일 사이에서만 종료 신호를 보자.
//       / Start a task per worker, and look at the shutdown signal only between jobs.
pub async fn run_workers(
    workers: usize,
    queue: Arc<Mutex<VecDeque<u32>>>,
    done: Arc<Mutex<Vec<u32>>>,
    shutdown: CancellationToken,
) {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint tasks/shut_down_gracefully
    // TODO: complete this. Stuck? cargo run -p course -- hint tasks/shut_down_gracefully
    todo!()
}
