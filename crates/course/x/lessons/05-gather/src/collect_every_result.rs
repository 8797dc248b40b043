//! 디렉터리에 `find_users(3)`, `(2)`, `(1)`을 한꺼번에 보냈는데 `find_users(2)`가 두 번째
//! 사용자에서 실패한다. 이번에는 실패가 있어도 모든 조회를 끝까지 돌리고, 오류도 결과처럼
//! 제자리에 담아 돌려받고 싶다. 파이썬의 `gather(..., return_exceptions=True)`다.
//! `gather_every_result`를 완성하자. 결과는 인자 순서대로 `[Ok(3), Err(..), Ok(1)]`이고,
//! 가장 긴 조회가 끝나는 3초에 정확히 돌아와야 한다.
//!
//! `find_users(3)`, `(2)` and `(1)` go to the directory together, and `find_users(2)` fails at
//! its second user. This time every lookup should still run to its end, and the error should
//! come back in its own slot like any other result: Python's
//! `gather(..., return_exceptions=True)`. Complete `gather_every_result`: the results come in
//! argument order, `[Ok(3), Err(..), Ok(1)]`, at exactly 3 seconds, when the longest lookup
//! ends.

use std::cell::RefCell;
use std::fmt;
use std::time::Duration;

use tokio::time::{Instant, sleep};

/// 사용자 한 명을 조회하는 데 걸리는 시간 (노트의 `asyncio.sleep(1)`).
/// How long looking up one user takes (the notebook's `asyncio.sleep(1)`).
pub const ROUND: Duration = Duration::from_secs(1);

/// 조회 요청 하나: `find_users(n)`, 그리고 (있다면) 실패하는 사용자 번호.
/// One lookup request: `find_users(n)`, and the user whose lookup fails, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request {
    /// 찾을 사용자 수 / How many users to look up.
    pub n: u32,
    /// 이 번호(1부터)의 사용자 조회가 1초를 기다린 뒤 실패한다.
    /// The lookup of this user (from 1) fails after its second of waiting.
    pub broken: Option<u32>,
}

impl Request {
    /// 끝까지 잘 되는 `find_users(n)` / A `find_users(n)` that succeeds.
    pub const fn ok(n: u32) -> Self {
        Request { n, broken: None }
    }

    /// `user`번째 사용자에서 실패하는 `find_users(n)`: `user`초에 끝난다.
    /// A `find_users(n)` that fails at user `user`: it ends at `user` seconds.
    pub const fn failing(n: u32, user: u32) -> Self {
        Request {
            n,
            broken: Some(user),
        }
    }
}

/// 실패한 조회: `n`명 중 `user`번째 사용자를 읽지 못했다.
/// A failed lookup: user `user` of `n` could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LookupError {
    pub n: u32,
    pub user: u32,
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lookup of user {} of {} failed", self.user, self.n)
    }
}

impl std::error::Error for LookupError {}

/// 디렉터리가 적어 두는 일 / What the directory notes down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Event {
    /// `n`명 중 `user`번째 사용자 조회를 시작했다.
    /// Started looking up user `user` of `n`.
    LookingUp { n: u32, user: u32 },
    /// `n`명 중 `user`번째 사용자 조회가 실패했다.
    /// The lookup of user `user` of `n` failed.
    Failed { n: u32, user: u32 },
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

    /// 노트의 `find_users_async(n)`에 실패를 더한 것: 사용자를 한 명에 1초씩 찾다가,
    /// `request.broken`번째 사용자에서 `Err`로 끝난다.
    /// The notebook's `find_users_async(n)` with a failure added: looks up the users a second each,
    /// and ends in `Err` at user `request.broken`.
    pub async fn find_users(&self, request: Request) -> Result<u32, LookupError> {
        let Request { n, broken } = request;
        for user in 1..=n {
            self.note(Event::LookingUp { n, user });
            sleep(ROUND).await;
            if broken == Some(user) {
                self.note(Event::Failed { n, user });
                return Err(LookupError { n, user });
            }
        }
        self.note(Event::Found { n });
        Ok(n)
    }
}

/// `requests`의 조회를 모두 동시에 돌려 끝까지 기다리고, 결과(오류 포함)를 `requests`의
/// 순서대로 돌려준다. 어느 조회가 실패해도 다른 조회는 멈추지 않는다.
/// Runs every lookup in `requests` at the same time, waits for all of them to end, and returns
/// their results (errors included) in the order of `requests`. A failure stops no other lookup.
// TODO: 모든 조회를 한꺼번에 돌리고, `Result`를 하나도 버리지 말고 모으자.
//       Run all the lookups together and collect every `Result`, dropping none.
pub async fn gather_every_result(
    dir: &Directory,
    requests: &[Request],
) -> Vec<Result<u32, LookupError>> {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint gather/collect_every_result
    // TODO: complete this. Stuck? cargo run -p course -- hint gather/collect_every_result
    todo!()
}
