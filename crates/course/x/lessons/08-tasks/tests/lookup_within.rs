//! `lookup_within`: 시간 제한, 그리고 포기한 조회는 멈춘다 / a time limit, and the lookup given
//! up on stops.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tasks_exercises::lookup_within::lookup_within;
use tokio::time::Instant;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// 연결을 쥔 가드: 버려진 시각을 적는다 / A guard holding the connection: notes when it is dropped.
struct Connection {
    closed: Arc<Mutex<Option<Duration>>>,
    start: Instant,
}

impl Drop for Connection {
    fn drop(&mut self) {
        *self.closed.lock().unwrap() = Some(self.start.elapsed());
    }
}

fn slow_lookup(
    secs: u64,
    closed: &Arc<Mutex<Option<Duration>>>,
) -> impl std::future::Future<Output = u64> + Send + 'static {
    let connection = Connection {
        closed: Arc::clone(closed),
        start: Instant::now(),
    };
    async move {
        let _connection = connection;
        tokio::time::sleep(s(secs)).await;
        secs
    }
}

/// 제한 안에 끝나면 결과 / Within the limit: the result.
#[tokio::test(start_paused = true)]
async fn within_the_limit_the_result_comes_back() {
    let closed = Arc::default();
    let start = Instant::now();
    assert_eq!(lookup_within(s(2), slow_lookup(1, &closed)).await, Some(1));
    assert_eq!(start.elapsed(), s(1));
    course_marker::passed();
}

/// 3초 조회에 1초 제한: 1초에 `None`, 그리고 연결은 1초에 닫혀야 한다 / A 3 s lookup with a 1 s
/// limit: `None` at 1 s, and the connection must be closed at 1 s.
#[tokio::test(start_paused = true)]
async fn past_the_limit_the_lookup_is_stopped_at_the_limit() {
    let closed = Arc::default();
    let start = Instant::now();
    assert_eq!(lookup_within(s(1), slow_lookup(3, &closed)).await, None);
    assert_eq!(start.elapsed(), s(1));
    tokio::time::sleep(s(5)).await; // 뒤에서 계속 돌았다면 3초에 닫혔을 것 / had it run on, it would close at 3 s
    assert_eq!(
        *closed.lock().unwrap(),
        Some(s(1)),
        "포기한 조회는 제한 시각(1초)에 멈춰야 한다: 태스크로 띄운 뒤 손잡이에만 시간 제한을 걸면 \
         조회는 뒤에서 계속 돈다 / the lookup given up on must stop at the limit (1 s): a task \
         with a time limit only on its handle runs on in the background"
    );
    course_marker::passed();
}
