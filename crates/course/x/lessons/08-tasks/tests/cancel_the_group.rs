//! `all_or_first_error`: TaskGroup처럼 / like a TaskGroup.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tasks_exercises::cancel_the_group::all_or_first_error;
use tokio::time::Instant;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// 조회가 끝나거나 버려진 때를 적는 가드 / A guard that notes when its lookup ended or was dropped.
/// (조회의 초, 끝나거나 버려진 시각, 끝났는지) / (the lookup's seconds, when it ended or was
/// dropped, whether it finished)
type Log = Arc<Mutex<Vec<(u64, Duration, bool)>>>;

struct Guard {
    log: Log,
    secs: u64,
    start: Instant,
    finished: bool,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let entry = (self.secs, self.start.elapsed(), self.finished);
        self.log.lock().unwrap().push(entry);
    }
}

/// `secs`초 걸리는 조회, `fails`면 오류 / A lookup of `secs` seconds, an error if `fails`.
fn lookup(
    secs: u64,
    fails: bool,
    log: &Log,
    start: Instant,
) -> impl Future<Output = Result<u64, String>> + Send + 'static {
    let log = Arc::clone(log);
    async move {
        let mut guard = Guard {
            log,
            secs,
            start,
            finished: false,
        };
        tokio::time::sleep(s(secs)).await;
        guard.finished = true;
        if fails {
            Err(format!("lookup {secs} failed"))
        } else {
            Ok(secs * 10)
        }
    }
}

async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(s(60), future)
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time")
}

/// 모두 성공하면 가장 긴 조회에 끝나고, 결과는 인자 순서 / All succeed: done with the longest, in
/// argument order.
#[tokio::test(start_paused = true)]
async fn every_result_in_argument_order_when_all_succeed() {
    let (log, start) = (Arc::default(), Instant::now());
    let lookups = vec![
        lookup(3, false, &log, start),
        lookup(1, false, &log, start),
        lookup(2, false, &log, start),
    ];
    let result = within_a_minute(all_or_first_error(lookups)).await;
    assert_eq!(result, Ok(vec![30, 10, 20]));
    assert_eq!(
        start.elapsed(),
        s(3),
        "모두 함께 돌아야 한다 / they must run together"
    );
    course_marker::passed();
}

/// 1초에 실패하면 1초에 돌아오고, 나머지는 1초에 취소(가드가 버려짐)된다 / A failure at 1 s returns at
/// 1 s, and the others are cancelled (their guards dropped) at 1 s.
#[tokio::test(start_paused = true)]
async fn the_first_error_cancels_the_others_at_once() {
    let (log, start) = (Arc::default(), Instant::now());
    let lookups = vec![
        lookup(3, false, &log, start),
        lookup(1, true, &log, start),
        lookup(2, false, &log, start),
    ];
    let result = within_a_minute(all_or_first_error(lookups)).await;
    assert_eq!(result, Err("lookup 1 failed".to_string()));
    assert_eq!(start.elapsed(), s(1));
    let mut log = log.lock().unwrap().clone();
    log.sort();
    assert_eq!(
        log,
        [(1, s(1), true), (2, s(1), false), (3, s(1), false)],
        "다른 조회는 1초에 취소되어야 한다(끝나지 않고 버려짐) / the others must be cancelled at \
         1 s (dropped, not finished)"
    );
    course_marker::passed();
}
