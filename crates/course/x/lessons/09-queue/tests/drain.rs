//! `drain`: 꽉 찬 대기열과 join / a full queue, and join.

use std::time::Duration;

use queue_exercises::drain::drain;
use tokio::sync::mpsc;
use tokio::time::Instant;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// 크기 `capacity`의 대기열에 일 `jobs`개를 넣는 생산자와 `drain`. `send`가 돌아온 시각, 끝난 일,
/// `drain`이 돌아온 시각을 돌려준다.
/// A producer putting `jobs` jobs into a queue of `capacity`, and `drain`. Returns when each
/// `send` returned, the jobs done and when `drain` returned.
async fn run(jobs: u32, capacity: usize, workers: usize) -> (Vec<Duration>, Vec<u32>, Duration) {
    let start = Instant::now();
    let (tx, rx) = mpsc::channel(capacity);
    let producer = tokio::spawn(async move {
        let mut sent = Vec::new();
        for job in 1..=jobs {
            tx.send(job).await.expect("the queue is open");
            sent.push(start.elapsed());
        }
        sent
    });
    let done = tokio::time::timeout(s(60), drain(rx, workers))
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time");
    let took = start.elapsed();
    (producer.await.unwrap(), done, took)
}

/// 대기열 2칸, 일꾼 하나: 생산자는 0, 0, 0초, 그 뒤로 1초에 하나씩 넣고, 모두 6초에 끝난다.
/// A queue of two, one worker: the producer puts at 0, 0, 0, then one a second; all done at 6 s.
#[tokio::test(start_paused = true)]
async fn a_full_queue_holds_the_producer_back() {
    let (sent, done, took) = run(6, 2, 1).await;
    assert_eq!(
        sent,
        [s(0), s(0), s(0), s(1), s(2), s(3)],
        "일꾼이 한가할 때만 꺼내야 생산자가 기다린다 / take a job only when a worker is free, \
         so that the producer waits"
    );
    assert_eq!(done, [1, 2, 3, 4, 5, 6]);
    assert_eq!(took, s(6));
    course_marker::passed();
}

/// 일꾼 셋이면 6개가 2초에 끝난다 / Three workers do six jobs by 2 s.
#[tokio::test(start_paused = true)]
async fn three_workers_share_the_queue() {
    let (_, mut done, took) = run(6, 2, 3).await;
    done.sort();
    assert_eq!(done, [1, 2, 3, 4, 5, 6]);
    assert_eq!(took, s(2));
    course_marker::passed();
}
