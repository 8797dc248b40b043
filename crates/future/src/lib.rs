//! An `async fn` is compiled into a state machine that implements `Future`; an executor polls
//! it, and polls it again only when the future's waker says it can make progress.
//!
//! Run: `cargo run -p future` (English: `cargo run -p future -- --lang en`;
//! the same output on every machine: `--paused`)
//!
//! The notebook's `loop.run_until_complete(...)` is the part of asyncio this lesson opens up. Layout:
//! - [`find_users`]: the notebook's `find_users_async(n)` as an `async fn`: the sugar.
//! - [`FindUsers`]: the same future written by hand, an enum of states and a `poll` that moves
//!   between them: the expansion. A test proves the two say the same lines at the same times.
//! - [`executor`]: a tiny `block_on` with a waker of its own, counting polls and wakes: the
//!   course's `run_until_complete`.
//! - [`watch_states`]: records which state each poll of a [`FindUsers`] began and ended in, for
//!   the poll table and the states picture.
//! - [`Sizes`]: how many bytes each future is, and why.

pub mod executor;

use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use pin_project::pin_project;
use timeline::Timeline;
use timeline::cli::Lang;
use tokio::time::{Sleep, sleep};

/// How long looking up one user takes, as the notebook's `asyncio.sleep(1)`.
pub const SECOND: Duration = Duration::from_secs(1);

/// The line said before looking up user `i` of `n` (the notebook's words in Korean).
pub fn looking_up(lang: Lang, n: u32, i: u32) -> String {
    match lang {
        Lang::Ko => format!("{n}명 중 {i}번 째 사용자 조회 중 ..."),
        Lang::En => format!("looking up user {i} of {n} ..."),
    }
}

/// The line said when all `n` users have been looked up.
pub fn all_looked_up(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Ko => format!("> 총 {n} 명 사용자 비동기 조회 완료!"),
        Lang::En => format!(
            "> done: {n} {} looked up!",
            if n == 1 { "user" } else { "users" }
        ),
    }
}

// ANCHOR: find_users
/// The notebook's `find_users_async(n)`: look up `n` users, one second each, handing the thread
/// back to the executor while each lookup waits.
pub async fn find_users(tl: &Timeline, lang: Lang, n: u32) {
    for i in 1..=n {
        tl.say(looking_up(lang, n, i));
        sleep(SECOND).await;
    }
    tl.say(all_looked_up(lang, n));
}
// ANCHOR_END: find_users

// ANCHOR: FindUsers
// ANCHOR: FindUsers_fields
/// [`find_users`] written out by hand: the state machine the compiler builds from that
/// `async fn`, with its states given names.
///
/// The compiler lays its future out the same way: the arguments, kept in every state, and one
/// variant per place the body can be stopped, holding the locals that live across that
/// `.await`. rustc names its states `Unresumed`, `Suspend0` (one per `.await`) and `Returned`,
/// plus `Panicked`; here they are [`State::Start`], [`State::Sleeping`] and [`State::Done`].
/// Calling `find_users(tl, lang, 3)` only builds such a value in its first state; each `poll`
/// runs the body from where it stopped to the next `.await` (or to the end).
#[pin_project]
pub struct FindUsers<'a> {
    /// The async fn's argument `tl`: set by [`FindUsers::new`], read by the polls that say a
    /// line.
    tl: &'a Timeline,
    /// The argument `lang`: set by `new`, read with `tl`.
    lang: Lang,
    /// The argument `n`: set by `new`, read by every poll to decide whether another round
    /// follows.
    n: u32,
    /// Where the body stands: set to [`State::Start`] by `new`, moved forward only by `poll`.
    /// Pinned because the `Sleep` inside must not move once polled (see [`State::Sleeping`]).
    #[pin]
    state: State,
}

/// The states of [`FindUsers`]: where its body can be between two polls.
#[pin_project(project = StateProj)]
pub enum State {
    /// Set by [`FindUsers::new`]: nothing of the body has run yet. Read by the first poll,
    /// which starts round 1.
    Start,
    /// Stopped at `sleep(SECOND).await` in round `i`: set by the poll that said round `i`'s
    /// line, read by every poll until the sleep is over.
    Sleeping {
        /// Which user is being looked up: set when the round starts, read when its sleep ends
        /// to pick the next round. (The async fn keeps its loop's `1..=n` iterator here.)
        i: u32,
        /// The lookup's one-second wait: made when the round starts, polled by every poll
        /// in this state, dropped when the state is left. tokio links a polled `Sleep` into its
        /// timer wheel by address, so it must not move: it is `!Unpin`, and this field is
        /// `#[pin]` so that `poll` can reach it as a `Pin<&mut Sleep>`.
        #[pin]
        sleep: Sleep,
    },
    /// Set by the poll that returned `Ready`. Nothing reads it but a wrong extra poll, which
    /// panics as the compiler's futures do ("`async fn` resumed after completion").
    Done,
}
// ANCHOR_END: FindUsers_fields

// ANCHOR: FindUsers_new
impl<'a> FindUsers<'a> {
    /// What calling `find_users(tl, lang, n)` returns: a future in its first state. Nothing
    /// runs, nothing is said, and no timer exists yet.
    pub fn new(tl: &'a Timeline, lang: Lang, n: u32) -> Self {
        FindUsers {
            tl,
            lang,
            n,
            state: State::Start,
        }
    }
}
// ANCHOR_END: FindUsers_new

// ANCHOR: FindUsers_poll
impl Future for FindUsers<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // `project` turns `Pin<&mut FindUsers>` into plain `&mut` for the unpinned fields and
        // `Pin<&mut State>` for the pinned one, without `unsafe`: pin-project checks that no
        // pinned field can be moved out through it.
        let mut this = self.project();
        loop {
            // Which round comes next: from the top, round 1; after round i's sleep, round i + 1.
            let next = match this.state.as_mut().project() {
                StateProj::Start => 1,
                StateProj::Sleeping { i, sleep } => {
                    // If it is not over yet, `Sleep` has left our waker with tokio's timer,
                    // which wakes it at the deadline: return `Pending`, hand the thread back.
                    ready!(sleep.poll(cx));
                    *i + 1
                }
                StateProj::Done => panic!("`FindUsers` polled after it returned `Ready`"),
            };
            if next > *this.n {
                this.tl.say(all_looked_up(*this.lang, *this.n));
                this.state.set(State::Done);
                return Poll::Ready(());
            }
            this.tl.say(looking_up(*this.lang, *this.n, next));
            // `set` drops the old state in place (and with it the finished `Sleep`) and writes
            // the new one. pin-project's `project_replace` would do the same and also hand back
            // the old state's unpinned fields by value; `i` is `Copy`, so `set` is enough.
            this.state.set(State::Sleeping {
                i: next,
                sleep: sleep(SECOND),
            });
            // Go round once more to poll the new sleep right away. Returning `Pending` without
            // polling it would leave no waker with the timer: nobody would ever poll us again.
        }
    }
}
// ANCHOR_END: FindUsers_poll
// ANCHOR_END: FindUsers

impl FindUsers<'_> {
    /// The current state's name: `Start`, `Sleeping { i: 2 }`, `Done`.
    pub fn state_name(&self) -> String {
        match &self.state {
            State::Start => "Start".to_string(),
            State::Sleeping { i, .. } => format!("Sleeping {{ i: {i} }}"),
            State::Done => "Done".to_string(),
        }
    }
}

/// One poll of a [`FindUsers`], as [`watch_states`] saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// When the poll began, on the clock of the `states` timeline.
    pub at: Duration,
    /// The state the poll found.
    pub before: String,
    /// The state the poll left.
    pub after: String,
    /// Whether the poll returned `Ready`.
    pub ready: bool,
}

/// Drives `future` (whoever polls this polls it, once per poll) and writes down each poll as a
/// [`Step`]. On `states` every state gets a row, marked at the poll that entered it and at the
/// poll that left it: the states picture, a staircase with one step per poll.
pub async fn watch_states(future: FindUsers<'_>, states: &Timeline) -> Vec<Step> {
    let mut future = pin!(future);
    let mut steps = Vec::new();
    poll_fn(|cx| {
        let at = states.elapsed();
        let before = future.state_name();
        let poll = future.as_mut().poll(cx);
        let after = future.state_name();
        mark(states, &before, cx);
        if after != before {
            mark(states, &after, cx);
        }
        steps.push(Step {
            at,
            before,
            after,
            ready: poll.is_ready(),
        });
        poll
    })
    .await;
    steps
}

/// Records one instant on `states` in the row `state`: a traced future that is ready at once.
fn mark(states: &Timeline, state: &str, cx: &mut Context<'_>) {
    let _ = pin!(states.task(state, std::future::ready(()))).poll(cx);
}

/// Each line a traced task said, with the time since that task's first poll: what a task
/// printed and when, independent of when it started.
pub fn said_since_start(tl: &Timeline, task: &str) -> Vec<(String, Duration)> {
    let Some(start) = tl.spans().into_iter().find(|s| s.task == task) else {
        return Vec::new();
    };
    tl.lines()
        .into_iter()
        .filter(|l| l.task == task)
        .map(|l| (l.text, l.at - start.from))
        .collect()
}

/// Whether two tasks of `tl` said the same lines in the same order and, if they did, the
/// largest difference between the times of matching lines, each measured from its own task's
/// first poll (zero on the paused clock, a few milliseconds of timer jitter on the real one).
pub fn same_lines(tl: &Timeline, a: &str, b: &str) -> Option<Duration> {
    let (a, b) = (said_since_start(tl, a), said_since_start(tl, b));
    if a.len() != b.len() || a.iter().zip(&b).any(|(x, y)| x.0 != y.0) {
        return None;
    }
    Some(
        a.iter()
            .zip(&b)
            .map(|(x, y)| x.1.abs_diff(y.1))
            .max()
            .unwrap_or_default(),
    )
}

/// How big each future is, in bytes: a future is a value, and its size is fixed when it is
/// built, before it runs.
///
/// To see the compiler's layout field by field (a nightly-only flag; `RUSTC_BOOTSTRAP=1` makes
/// the pinned compiler accept it, for looking, not for building the course):
/// `CARGO_INCREMENTAL=0 RUSTC_BOOTSTRAP=1 cargo rustc -p future --lib -- -Zprint-type-sizes`.
/// With rustc 1.95 and tokio's multi-thread scheduler compiled in (see Cargo.toml), the
/// `find_users` future's `Suspend0` holds the awaited `Sleep` (112 bytes), the arguments twice
/// (as upvars and again as the body's locals: rust-lang/rust#62958) and the `1..=n` iterator
/// (12 bytes), which with the one-byte state tag and padding makes 152.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    /// `tokio::time::Sleep`: the deadline, a handle to the runtime and the timer-wheel entry.
    pub sleep: usize,
    /// The hand-written [`FindUsers`]: the three arguments and the largest state plus its tag.
    pub by_hand: usize,
    /// The future `find_users(tl, lang, 3)` returns, as the compiler laid it out.
    pub async_fn: usize,
}

impl Sizes {
    /// Measures the three. Building `find_users(..)` runs none of its body, so this says and
    /// sleeps nothing.
    pub fn measure(tl: &Timeline, lang: Lang) -> Sizes {
        Sizes {
            sleep: size_of::<Sleep>(),
            by_hand: size_of::<FindUsers<'_>>(),
            async_fn: size_of_val(&find_users(tl, lang, 3)),
        }
    }
}
