//! 사용자 디렉터리에 `find_users(3)`, `find_users(2)`, `find_users(1)` 세 조회를 보내야 한다.
//! 하나씩 차례로 기다리면 3 + 2 + 1 = 6초가 걸리지만, 한꺼번에 돌리면 가장 긴 조회만큼,
//! 3초면 끝난다. `gather_lookups`를 완성해 `counts`의 조회를 모두 동시에 돌리고, 결과를
//! 끝난 순서가 아니라 인자 순서대로 돌려주자. 테스트는 정지된 시계(paused clock)로 끝난
//! 시각을 정확히 잰다. 3초가 아니면 실패다.
//!
//! Three lookups go to the user directory: `find_users(3)`, `find_users(2)` and
//! `find_users(1)`. Awaited one after another they take 3 + 2 + 1 = 6 seconds; run together
//! they take as long as the longest one, 3 seconds. Complete `gather_lookups` so that it runs
//! every lookup in `counts` at the same time and returns the results in argument order, not in
//! the order they finished. The tests time it exactly on tokio's paused clock: anything but
//! 3 seconds fails.

use std::cell::RefCell;
use std::time::Duration;

use tokio::time::{Instant, sleep};

/// 사용자 한 명을 조회하는 데 걸리는 시간 (노트의 `asyncio.sleep(1)`).
/// How long looking up one user takes (the notebook's `asyncio.sleep(1)`).
pub const ROUND: Duration = Duration::from_secs(1);

/// 디렉터리가 적어 두는 일 / What the directory notes down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Event {
    /// `n`명 중 `user`번째 사용자 조회를 시작했다.
    /// Started looking up user `user` of `n`.
    LookingUp { n: u32, user: u32 },
    /// `find_users(n)`이 `n`명을 모두 찾았다.
    /// `find_users(n)` found all its `n` users.
    Found { n: u32 },
}

/// 사용자 디렉터리: 무엇을 언제 했는지 (만든 때부터 잰 시각과 함께) 적어 둔다.
/// The user directory: it notes down what it did and when (measured from its creation).
pub struct Directory {
    start: Instant,
    events: RefCell<Vec<(Duration, Event)>>,
}

impl Default for Directory {
    fn default() -> Self {
        Self::new()
    }
}

impl Directory {
    /// 지금부터 시간을 재는 디렉터리 / A directory whose clock starts now.
    pub fn new() -> Self {
        Directory {
            start: Instant::now(),
            events: RefCell::new(Vec::new()),
        }
    }

    /// 지금까지 적어 둔 일, 일어난 순서대로 / What happened so far, in order.
    pub fn events(&self) -> Vec<(Duration, Event)> {
        self.events.borrow().clone()
    }

    fn note(&self, event: Event) {
        self.events.borrow_mut().push((self.start.elapsed(), event));
    }

    /// 노트의 `find_users_async(n)`: 사용자 `n`명을 한 명에 1초씩 차례로 찾고, 찾은 수를
    /// 돌려준다.
    /// The notebook's `find_users_async(n)`: looks up `n` users one by one, a second each, and
    /// returns how many it found.
    pub async fn find_users(&self, n: u32) -> u32 {
        for user in 1..=n {
            self.note(Event::LookingUp { n, user });
            sleep(ROUND).await;
        }
        self.note(Event::Found { n });
        n
    }
}

/// `counts`의 수마다 `dir.find_users(n)`을 모두 동시에 돌리고, 결과를 `counts`의 순서대로
/// 돌려준다. 빈 목록이면 곧바로 빈 `Vec`이다.
/// Runs `dir.find_users(n)` for every `n` in `counts`, all at the same time, and returns the
/// results in the order of `counts`. An empty list returns an empty `Vec` at once.
// TODO: 조회들을 하나씩 `.await`하지 말고 한꺼번에 돌리자 (`asyncio.gather`처럼).
//       Don't `.await` the lookups one by one: run them all together (like `asyncio.gather`).
pub async fn gather_lookups(dir: &Directory, counts: &[u32]) -> Vec<u32> {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint gather/gather_lookups
    // TODO: complete this. Stuck? cargo run -p course -- hint gather/gather_lookups
    todo!()
}
