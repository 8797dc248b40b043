//! 같은 세 조회, 같은 실패. 이번에는 하나라도 실패하면 결과 전체가 쓸모없다. 그러니 첫
//! 오류가 나는 바로 그 순간 그 오류를 돌려주고, 아직 돌고 있는 조회는 그 자리에서 멈추자
//! (취소). 파이썬의 `gather`는 첫 예외를 넘겨주지만 다른 태스크는 계속 돈다. Rust에서는
//! 아무도 poll하지 않는 퓨처는 그냥 멈춘다. `try_gather_lookups`를 완성하자.
//! `find_users(2)`가 2초에 실패하면 2초에 정확히 돌아와야 하고, `find_users(3)`은 끝나지
//! 못해야 한다.
//!
//! The same three lookups, the same failure. This time one failure makes the whole answer
//! useless: return the first error the moment it happens, and stop the lookups still running
//! right there (cancel them). Python's `gather` hands over the first exception but leaves the
//! other tasks running; in Rust, a future that nobody polls any more simply stops. Complete
//! `try_gather_lookups`: when `find_users(2)` fails at 2 seconds it returns at exactly
//! 2 seconds, and `find_users(3)` never finishes.

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

/// `requests`의 조회를 모두 동시에 돌린다. 모두 성공하면 결과를 `requests`의 순서대로
/// 돌려주고, 하나가 실패하면 (시간상) 첫 오류를 그 순간 돌려주며 나머지를 취소한다.
/// Runs every lookup in `requests` at the same time. If all succeed, returns their results in
/// the order of `requests`; when one fails, returns the first error (in time) at that moment
/// and cancels the rest.
// TODO: 모든 조회를 한꺼번에 돌리되, 첫 `Err`에서 곧바로 멈추자.
//       Run all the lookups together, but stop at the first `Err`.
pub async fn try_gather_lookups(
    dir: &Directory,
    requests: &[Request],
) -> Result<Vec<u32>, LookupError> {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint gather/first_error_cancels
    // TODO: complete this. Stuck? cargo run -p course -- hint gather/first_error_cancels
    todo!()
}
