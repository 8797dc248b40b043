//! `run_workers`: 받은 일을 잃지 않는 정상 종료 / a graceful shutdown that loses no accepted job.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tasks_exercises::shut_down_gracefully::run_workers;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// `workers`명, 일 `jobs`개, `after` 뒤에 종료 신호. 돌아온 시각, 끝낸 일, 남은 일을 돌려준다.
/// `workers` workers, `jobs` jobs, the shutdown signal after `after`. Returns when it returned,
/// the jobs done and the jobs left.
pub async fn shut_down(
    workers: usize,
    jobs: u32,
    after: Duration,
) -> (Duration, Vec<u32>, Vec<u32>) {
    let queue = Arc::new(Mutex::new((1..=jobs).collect::<VecDeque<u32>>()));
    let done = Arc::new(Mutex::new(Vec::new()));
    let shutdown = CancellationToken::new();
    let signal = shutdown.clone();
    tokio::spawn(async move {
        tokio::time::sleep(after).await;
        signal.cancel();
    });
    let start = Instant::now();
    tokio::time::timeout(
        Duration::from_secs(60),
        run_workers(workers, Arc::clone(&queue), Arc::clone(&done), shutdown),
    )
    .await
    .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time");
    let mut done = done.lock().unwrap().clone();
    done.sort();
    let left: Vec<u32> = queue.lock().unwrap().iter().copied().collect();
    (start.elapsed(), done, left)
}

/// 일꾼 셋, 일 10개, 2.5초에 종료: 하던 일 셋을 3초에 마치고 돌아온다. 일 하나는 대기열에 남는다.
/// Three workers, 10 jobs, shutdown at 2.5 s: the three jobs in hand finish at 3 s; one job is
/// still in the queue.
#[tokio::test(start_paused = true)]
async fn the_jobs_in_hand_finish_and_none_is_lost() {
    let (took, done, left) = shut_down(3, 10, Duration::from_millis(2500)).await;
    assert_eq!(
        done,
        (1..=9).collect::<Vec<u32>>(),
        "받은 일은 끝까지 / accepted jobs finish"
    );
    assert_eq!(
        left,
        [10],
        "가져가지 않은 일은 대기열에 / the job never taken stays queued"
    );
    assert_eq!(took, Duration::from_secs(3));
    course_marker::passed();
}

/// 종료 신호가 없으면 대기열을 모두 비운다 / Without a shutdown the queue is emptied.
#[tokio::test(start_paused = true)]
async fn without_a_shutdown_every_job_is_done() {
    let (took, done, left) = shut_down(2, 5, Duration::from_secs(100)).await;
    assert_eq!(done, [1, 2, 3, 4, 5]);
    assert!(left.is_empty());
    assert_eq!(took, Duration::from_secs(3));
    course_marker::passed();
}
