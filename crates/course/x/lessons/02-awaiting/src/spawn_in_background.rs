//! `hello_world`는 hello라고 말하고 1초 자고 나서 이름을 말한 뒤 인사말을 돌려준다. main은
//! `other_work`로 1초 동안 자기 일도 해야 한다. `hello_world`의 퓨처를 만들어 두었다가 다른 일을
//! 마친 뒤에 `.await`하면 그제야 시작되어 모두 2초가 걸린다. `tokio::spawn`으로
//! `hello_world`를 태스크로 먼저 띄우고, 다른 일을 한 다음, `JoinHandle`을 `.await`해서
//! 태스크가 돌려준 인사말을 돌려주자 (파이썬의 `asyncio.create_task`). 테스트는 tokio의 멈춘
//! 시계에서 정확히 1초가 걸리는지, 누가 언제 무엇을 말했는지 확인한다.
//!
//! `hello_world` says hello, sleeps one second, says the name and returns a greeting. main has
//! one second of its own work to do as well (`other_work`). Building the `hello_world` future
//! and awaiting it after the other work starts it only then: two seconds in all. Start
//! `hello_world` as a task with `tokio::spawn` first, do the other work, then await the
//! `JoinHandle` and return the greeting the task returned (Python's `asyncio.create_task`).
//! The tests check, on tokio's paused clock, that it takes exactly one second, and who said what
//! when.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// 노트의 `asyncio.sleep(1)` / The notebook's `asyncio.sleep(1)`.
pub const SECOND: Duration = Duration::from_secs(1);

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

/// 노트의 `hello_world`: hello, 스레드를 양보하는 1초 sleep, 이름. 인사말을 돌려준다.
/// `tokio::spawn`에 넘길 수 있도록 빌린 것 없이 `Log`와 `String`을 소유한다. 고치지 않는다.
///
/// The notebook's `hello_world`: hello, a one-second sleep that hands the thread back, the name.
/// Returns the greeting. It owns its `Log` and `String`, borrowing nothing, so that it can be
/// handed to `tokio::spawn`. Leave it as it is.
pub async fn hello_world(log: Log, name: String) -> String {
    log.say("hello");
    tokio::time::sleep(SECOND).await;
    log.say(name.clone());
    format!("hello {name}")
}

/// main이 1초 동안 하는 자기 일 / main's own work, one second of it.
pub const OTHER_WORK: &str = "main: doing something else for 1 s";

/// main의 다른 일: 그렇다고 말하고 1초 잔다. 고치지 않는다.
///
/// main's other work: says so and sleeps one second. Leave it as it is.
pub async fn other_work(log: &Log) {
    log.say(OTHER_WORK);
    tokio::time::sleep(SECOND).await;
}

// TODO: hello_world를 tokio::spawn으로 먼저 띄우고, other_work를 한 뒤, JoinHandle을 .await해서
//       인사말을 돌려주자. / Spawn hello_world first, do other_work, then await the JoinHandle
//       and return the greeting.
pub async fn greet_in_background(log: &Log, name: &str) -> String {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint awaiting/spawn_in_background
    // TODO: complete this. Stuck? cargo run -p course -- hint awaiting/spawn_in_background
    todo!()
}
