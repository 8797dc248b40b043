//! 누군가 `good_night`을 이렇게 썼다: `std::thread::sleep(nap); log.say(GOOD_NIGHT);`.
//! 스레드째 재우는 sleep이라 (파이썬의 `time.sleep`) 자는 동안 같은 스레드의 다른 태스크가 모두
//! 멈춘다. `nap`만큼 스레드를 양보하며 자고 나서 `GOOD_NIGHT`을 말하도록 고치자. 그러면 두
//! `good_night` 태스크가 같은 1초를 함께 자고, 그 사이 0.5초에 깨어나야 하는 다른 태스크도 제때
//! 말한다. 테스트는 tokio의 정지된 시계에서 돈다: 이 가상 시계는 tokio의 타이머로 잘 때만 간다.
//!
//! Somebody wrote `good_night` like this: `std::thread::sleep(nap); log.say(GOOD_NIGHT);`.
//! That sleep puts the whole thread to sleep (Python's `time.sleep`), and every other task on
//! the thread freezes with it. Fix it so that it sleeps for `nap` with the thread handed back,
//! then says `GOOD_NIGHT`: two `good_night` tasks then sleep through the same second together,
//! and another task that wants to wake up at 0.5 s speaks on time. The tests run on tokio's
//! paused clock: that virtual clock moves only while tasks sleep on tokio's timer.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// 노트의 `asyncio.sleep(1)` / The notebook's `asyncio.sleep(1)`.
pub const SECOND: Duration = Duration::from_secs(1);

/// 노트의 `'잘자요'` / The notebook's `'잘자요'`.
pub const GOOD_NIGHT: &str = "good night";

/// 말한 줄과 말한 때(공책을 만든 때부터, tokio의 시계로)를 적는 공책. 복제본은 모두 같은
/// 공책에 적는다.
///
/// A notebook of the lines said and when (since the notebook was made, on tokio's clock).
/// Every clone writes in the same notebook.
#[derive(Clone, Debug)]
pub struct Log {
    start: Instant,
    lines: Arc<Mutex<Vec<(String, Duration)>>>,
}

impl Log {
    /// 빈 공책. 시간은 지금부터 잰다 / An empty notebook; times count from now.
    pub fn new() -> Self {
        Log {
            start: Instant::now(),
            lines: Arc::default(),
        }
    }

    /// 한 줄을 지금 시각과 함께 적는다 / Writes down one line with the time now.
    pub fn say(&self, line: impl Into<String>) {
        let at = self.start.elapsed();
        let mut lines = self.lines.lock().expect("the log is poisoned");
        lines.push((line.into(), at));
    }

    /// 지금까지 적힌 줄과 그 시각 / The lines written so far, each with its time.
    pub fn said_at(&self) -> Vec<(String, Duration)> {
        self.lines.lock().expect("the log is poisoned").clone()
    }
}

impl Default for Log {
    fn default() -> Self {
        Self::new()
    }
}

// TODO: 스레드를 붙잡지 말고 nap만큼 자고 나서 GOOD_NIGHT을 말하자.
//       / Sleep for `nap` without holding the thread, then say GOOD_NIGHT.
pub async fn good_night(log: Log, nap: Duration) {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint sleep/sleep_without_blocking
    // TODO: complete this. Stuck? cargo run -p course -- hint sleep/sleep_without_blocking
    todo!()
}
