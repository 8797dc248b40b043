//! 잠자리에서 읽어 줄 이야기를 쌓아 둔다. `numbers`의 숫자마다 `do_asyncs(log.clone(), n)`의
//! 퓨처를 앞에서부터 차례로 만들되 아무것도 실행하지 않는다. 다 만들었으면 만든 퓨처들을
//! `announce`에 보여 주고, 맨 나중에 만든 퓨처부터 맨 처음 만든 퓨처까지 하나씩 `.await`한다.
//! 파이썬에서 `coro = do_asyncs(n)`이 코루틴 객체를 만들 뿐인 것과 같다. 테스트는 로그를 줄마다
//! 비교한다: 숫자 줄은 모두 `announce`의 줄 뒤에, 거꾸로 된 순서로 나와야 한다.
//!
//! A stack of bedtime stories. For each number in `numbers`, front to back, build the future of
//! `do_asyncs(log.clone(), n)` without running any of them, just as `coro = do_asyncs(n)` in
//! Python only builds a coroutine object. Once they are all built, show them to `announce`, then
//! `.await` them one by one, from the last built to the first. The tests compare the log line by
//! line: every line of digits must come after `announce`'s line, in reverse order.

use std::future::Future;
use std::sync::{Arc, Mutex};

/// 말한 줄을 말한 순서대로 적는 공책. 복제본은 모두 같은 공책에 적는다.
///
/// A notebook of the lines said, in the order they were said. Every clone writes in the same
/// notebook.
#[derive(Clone, Debug, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    /// 빈 공책 / An empty notebook.
    pub fn new() -> Self {
        Self::default()
    }

    /// 한 줄을 적는다 / Writes down one line.
    pub fn say(&self, line: impl Into<String>) {
        self.0
            .lock()
            .expect("the log is poisoned")
            .push(line.into());
    }

    /// 지금까지 적힌 줄들 / The lines written so far.
    pub fn lines(&self) -> Vec<String> {
        self.0.lock().expect("the log is poisoned").clone()
    }
}

/// 노트의 `do_asyncs(n)`: `n`을 열 번 이어 말한다 (`5` → `5555555555`). 고치지 않는다.
///
/// The notebook's `do_asyncs(n)`: says `n` ten times over (`5` → `5555555555`). Leave it as it is.
pub async fn do_asyncs(log: Log, n: u32) {
    log.say(n.to_string().repeat(10));
}

/// 만들어 둔 퓨처들을 세어서 `futures built: 3`처럼 말한다. 퓨처를 실행하지는 않는다 (빌려서
/// 세기만 한다). 고치지 않는다.
///
/// Counts the futures built so far and says so, as in `futures built: 3`. It runs none of them
/// (it only borrows them to count). Leave it as it is.
pub fn announce<F: Future>(log: &Log, built: &[F]) {
    log.say(format!("futures built: {}", built.len()));
}

// TODO: 퓨처를 모두 먼저 만들어 announce에 보여 준 다음, 만든 순서의 반대로 .await하자.
//       / Build every future first, show them to announce, then .await them in reverse order.
pub async fn build_then_await(log: &Log, numbers: &[u32]) {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint awaiting/build_then_await
    // TODO: complete this. Stuck? cargo run -p course -- hint awaiting/build_then_await
    todo!()
}
