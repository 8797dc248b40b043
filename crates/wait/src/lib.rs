//! Waiting hands back what finished and what is still pending, by a rule you pick.
//!
//! Run: `cargo run -p wait` (English: `cargo run -p wait -- --lang en`; the same output on
//! every machine: `--paused`)
//!
//! The Rust side of the notebook's `asyncio.wait` cell, and of the tools around it:
//! - [`wait()`]: the course's own `asyncio.wait`: a list of futures, a rule ([`ReturnWhen`]) and
//!   an optional timeout in; what finished ([`Done`]) and what did not ([`Pending`]) out.
//! - [`as_completed`]: `FuturesUnordered` hands results over in the order they finish (1, 2, 3),
//!   where `join_all` keeps argument order (3, 2, 1).
//! - [`progress_while_waiting`]: `select!` in a loop: whichever of two different futures is
//!   ready first, again and again.
//! - [`join_next`]: a `JoinSet` of spawned tasks, collected in the order they finish.
//! - [`give_up_after`]: `tokio::time::timeout` on one future: `asyncio.wait_for`, which cancels.
//!
//! The one difference to keep in mind: an asyncio task runs on its own once created, whoever
//! waits for it; a Rust future runs only while something polls it. The pending futures that
//! [`wait()`] hands back stand still until they are polled again. Pass it the `JoinHandle`s of
//! spawned tasks instead and the pending ones keep running, as in asyncio.

use std::fmt;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::stream::{FuturesUnordered, StreamExt};
use timeline::Timeline;
use timeline::cli::Lang;
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::{Instant, sleep};

/// How long one user lookup (one round of `find_users`) takes, as the notebook's `asyncio.sleep(1)`.
pub const ROUND: Duration = Duration::from_secs(1);

/// The counts of the notebook's cell: `find_users_async(3)`, `(2)`, `(1)`.
pub const NOTE_COUNTS: [usize; 3] = [3, 2, 1];

/// A failed lookup: user `user` of `n` could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LookupError {
    /// The `n` of the `find_users(n)` that failed.
    pub n: usize,
    /// Which user's lookup failed (1-based, as the lines count).
    pub user: usize,
}

impl LookupError {
    /// The error in the reader's language.
    pub fn describe(&self, lang: Lang) -> String {
        let LookupError { n, user } = self;
        match lang {
            Lang::Ko => format!("{n}명 중 {user}번 째 사용자 조회 실패"),
            Lang::En => format!("lookup of user {user} of {n} failed"),
        }
    }
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for LookupError {}

// ANCHOR: find_users
/// The notebook's `find_users_async(n)`, one second per user; the lookup of user `broken` (if any)
/// fails. One `async fn` with a parameter, so that every lookup has the same future type and
/// they all fit in one list.
///
/// It owns its `Timeline` (a cheap clone) so that the future borrows nothing and can also be
/// handed to `tokio::spawn`.
pub async fn find_users(
    tl: Timeline,
    lang: Lang,
    n: usize,
    broken: Option<usize>,
) -> Result<usize, LookupError> {
    for i in 1..=n {
        tl.say(match lang {
            Lang::Ko => format!("{n}명 중 {i}번 째 사용자 조회 중 ..."),
            Lang::En => format!("looking up user {i} of {n} ..."),
        });
        sleep(ROUND).await;
        if broken == Some(i) {
            let error = LookupError { n, user: i };
            tl.say(format!("! {}", error.describe(lang)));
            return Err(error);
        }
    }
    tl.say(match lang {
        Lang::Ko => format!("> 총 {n} 명 사용자 비동기 조회 완료!"),
        Lang::En => format!(
            "> done: {n} {} looked up!",
            if n == 1 { "user" } else { "users" }
        ),
    });
    Ok(n)
}
// ANCHOR_END: find_users

// ANCHOR: lookup
/// `find_users(n)`, traced on `tl` under the name `find_users(n)`.
pub fn lookup(
    tl: &Timeline,
    lang: Lang,
    n: usize,
    broken: Option<usize>,
) -> impl Future<Output = Result<usize, LookupError>> + Send + 'static {
    tl.task(
        format!("find_users({n})"),
        find_users(tl.clone(), lang, n, broken),
    )
}
// ANCHOR_END: lookup

/// `find_users(n)` for each count, none of them broken.
pub fn lookups(
    tl: &Timeline,
    lang: Lang,
    counts: &[usize],
) -> Vec<impl Future<Output = Result<usize, LookupError>> + Send + 'static> {
    counts.iter().map(|&n| lookup(tl, lang, n, None)).collect()
}

// ANCHOR: wait_types
/// When [`wait()`] returns: asyncio's `return_when`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnWhen {
    /// As soon as one future has finished (`FIRST_COMPLETED`).
    FirstCompleted,
    /// As soon as one future has finished with an `Err`, or when all have finished
    /// (`FIRST_EXCEPTION`).
    FirstException,
    /// When all have finished (`ALL_COMPLETED`).
    AllCompleted,
}

/// A future that finished before [`wait()`] returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done<T> {
    /// Its place in the list given to [`wait()`], from 0. asyncio hands back a set of tasks,
    /// and the task itself tells you which one it was; a finished Rust future is gone, so the
    /// index is what says whose result this is.
    pub index: usize,
    /// What it returned.
    pub output: T,
}

/// A future that had not finished when [`wait()`] returned, handed back to the caller.
///
/// It is paused where it stood at its last poll and runs again only when it is polled: await
/// it (it is a future itself), pass it to [`wait()`] again, or drop it to cancel it.
pub struct Pending<F> {
    /// Its place in the list given to [`wait()`], from 0.
    pub index: usize,
    /// The future itself, boxed: it was pinned while `wait` polled it, and a pinned future may
    /// not move, so it lives on the heap where moving the `Box` does not move it.
    pub future: Pin<Box<F>>,
}
// ANCHOR_END: wait_types

impl<F: Future> Future for Pending<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // `Pending` is `Unpin` (a `Box` and a number), so it can be unwrapped from its `Pin`.
        self.get_mut().future.as_mut().poll(cx)
    }
}

impl<F> fmt::Debug for Pending<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

/// A future of [`wait()`]'s list while it runs, with its place in the list.
struct Indexed<F> {
    index: usize,
    future: Pin<Box<F>>,
}

impl<F: Future> Future for Indexed<F> {
    type Output = (usize, F::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        this.future
            .as_mut()
            .poll(cx)
            .map(|output| (this.index, output))
    }
}

// ANCHOR: wait
/// The course's `asyncio.wait`: polls `futures` together until `return_when` is met or
/// `timeout` has passed, then returns `(done, pending)`.
///
/// - `done` is in the order the futures finished; every future that finished by the time
///   `wait` returns is in it (asyncio's `done` set, too, holds all that finished meanwhile).
/// - `pending` is in argument order. Unlike asyncio's pending tasks, these futures do not run
///   while the caller does something else: nothing polls them until the caller does. Give
///   `wait` the `JoinHandle`s of spawned tasks to get asyncio's behavior: a task runs on the
///   runtime whether or not anyone polls its handle. (Dropping a pending future cancels it;
///   dropping a pending `JoinHandle` only lets go of the task, which runs on: call `abort`.)
/// - A timeout is not an error (as in asyncio): whatever had not finished is in `pending`.
/// - An empty list returns at once with nothing in either (asyncio raises `ValueError`).
/// - What counts as an exception is an `Err` output. For `JoinHandle`s that is a `JoinError`
///   (the task panicked or was aborted); the task's own `Result` is inside the `Ok`.
pub async fn wait<F, T, E>(
    futures: impl IntoIterator<Item = F>,
    return_when: ReturnWhen,
    timeout: Option<Duration>,
) -> (Vec<Done<Result<T, E>>>, Vec<Pending<F>>)
where
    F: Future<Output = Result<T, E>>,
{
    // FuturesUnordered polls only the futures whose wakers fired, and hands back each output
    // the moment it is ready. Each future is boxed first so that the ones still running can be
    // taken out again at the end (FuturesUnordered gives back only `Unpin` futures).
    let mut running: FuturesUnordered<Indexed<F>> = futures
        .into_iter()
        .enumerate()
        .map(|(index, future)| Indexed {
            index,
            future: Box::pin(future),
        })
        .collect();
    let mut deadline = timeout.map(|t| Box::pin(sleep(t)));
    let mut done = Vec::new();

    // One poll of `wait`: take every output that is ready now, then check the rule.
    poll_fn(|cx| {
        while let Poll::Ready(Some((index, output))) = running.poll_next_unpin(cx) {
            done.push(Done { index, output });
        }
        let rule_met = match return_when {
            ReturnWhen::FirstCompleted => !done.is_empty(),
            ReturnWhen::FirstException => done.iter().any(|d| d.output.is_err()),
            ReturnWhen::AllCompleted => false,
        };
        if rule_met || running.is_empty() {
            return Poll::Ready(());
        }
        // No rule met yet: the timeout, if any, decides (polling it also registers its waker).
        match deadline.as_mut().map(|deadline| deadline.as_mut().poll(cx)) {
            Some(Poll::Ready(())) => Poll::Ready(()),
            _ => Poll::Pending,
        }
    })
    .await;

    let mut pending: Vec<Pending<F>> = running
        .into_iter()
        .map(|Indexed { index, future }| Pending { index, future })
        .collect();
    pending.sort_by_key(|p| p.index);
    (done, pending)
}
// ANCHOR_END: wait

/// What a call of [`wait()`] handed back, in a form a test can compare: the indexes and
/// results of `done` (in finishing order), the indexes of `pending`, and when it returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waited<T> {
    /// What finished, in the order it finished.
    pub done: Vec<Done<T>>,
    /// The indexes of what had not, in argument order.
    pub pending: Vec<usize>,
    /// When `wait` returned, from the scene's start.
    pub returned_at: Duration,
}

/// The pending futures handed back by [`wait()`], awaited to their end: their results (in
/// argument order) and when the last one finished.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finished<T> {
    /// Each pending future's result, with its index, in argument order.
    pub results: Vec<Done<T>>,
    /// When the last of them finished, from the scene's start.
    pub at: Duration,
}

/// Awaits every pending future to its end, all together; results keep their indexes.
pub async fn finish<F: Future>(pending: Vec<Pending<F>>, start: Instant) -> Finished<F::Output> {
    let indexes: Vec<usize> = pending.iter().map(|p| p.index).collect();
    let outputs = futures::future::join_all(pending).await;
    Finished {
        results: indexes
            .into_iter()
            .zip(outputs)
            .map(|(index, output)| Done { index, output })
            .collect(),
        at: start.elapsed(),
    }
}

/// A scene of [`wait()`] on `find_users(3)`, `(2)`, `(1)` (`broken` makes one lookup fail):
/// what `wait` handed back, then the pending ones awaited to their end, with times measured
/// from the scene's start.
pub async fn wait_scene(
    tl: &Timeline,
    lang: Lang,
    broken: [Option<usize>; 3],
    return_when: ReturnWhen,
    timeout: Option<Duration>,
) -> (
    Waited<Result<usize, LookupError>>,
    Finished<Result<usize, LookupError>>,
) {
    let start = Instant::now();
    let lookups = NOTE_COUNTS
        .iter()
        .zip(broken)
        .map(|(&n, broken)| lookup(tl, lang, n, broken));
    // ANCHOR: wait_scene
    let (done, pending) = wait(lookups, return_when, timeout).await;
    // ANCHOR_END: wait_scene
    let waited = Waited {
        done,
        pending: pending.iter().map(|p| p.index).collect(),
        returned_at: start.elapsed(),
    };
    tl.say(format!(
        "[main] {} ({} s): done {}, pending {}",
        lang.t("wait 반환", "wait returned"),
        timeline::secs(waited.returned_at),
        waited.done.len(),
        waited.pending.len()
    ));
    (waited, finish(pending, start).await)
}

/// Who runs the lookups in [`busy_caller`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runner {
    /// Plain futures: they run only while polled.
    Futures,
    /// Spawned tasks (`JoinHandle`s): they run on the runtime by themselves.
    Tasks,
}

/// What [`busy_caller`] saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusyCaller {
    /// When `wait(.., FirstCompleted, ..)` returned.
    pub returned_at: Duration,
    /// Each `find_users(n)`'s `n` and when it finished.
    pub finished_at: Vec<(usize, Duration)>,
    /// When the last pending one was collected.
    pub all_done_at: Duration,
}

/// Waits for the first of `find_users(3)`, `(2)`, `(1)` to finish, then is busy elsewhere
/// for [`BUSY`] before awaiting the rest.
///
/// With plain futures nothing polls the pending two while the caller is busy: they stand
/// still, and finish later than they would have (3.5 s instead of 3 s). A sleep's deadline is
/// fixed when the sleep is made, so the sleeps that were already running (deadline 2 s) end at
/// the first poll after 2.5 s; only the sleep made after that starts late. With the
/// `JoinHandle`s of spawned tasks the lookups run on meanwhile, as asyncio tasks do.
pub async fn busy_caller(tl: &Timeline, lang: Lang, runner: Runner) -> BusyCaller {
    let start = Instant::now();
    let returned_at = match runner {
        Runner::Futures => {
            // ANCHOR: busy_futures
            let (_done, pending) = wait(
                lookups(tl, lang, &NOTE_COUNTS),
                ReturnWhen::FirstCompleted,
                None,
            )
            .await;
            let returned_at = start.elapsed();
            tl.say(busy_line(lang, returned_at));
            sleep(BUSY).await; // meanwhile nobody polls `pending`
            tl.say(back_line(lang, start.elapsed()));
            futures::future::join_all(pending).await;
            // ANCHOR_END: busy_futures
            returned_at
        }
        Runner::Tasks => {
            // ANCHOR: busy_tasks
            let handles: Vec<JoinHandle<_>> = lookups(tl, lang, &NOTE_COUNTS)
                .into_iter()
                .map(tokio::spawn)
                .collect();
            let (_done, pending) = wait(handles, ReturnWhen::FirstCompleted, None).await;
            let returned_at = start.elapsed();
            tl.say(busy_line(lang, returned_at));
            sleep(BUSY).await; // the tasks run on by themselves
            tl.say(back_line(lang, start.elapsed()));
            futures::future::join_all(pending).await;
            // ANCHOR_END: busy_tasks
            returned_at
        }
    };
    let all_done_at = start.elapsed();
    BusyCaller {
        returned_at,
        finished_at: NOTE_COUNTS
            .iter()
            .filter_map(|&n| Some((n, tl.finished_at(&format!("find_users({n})"))?)))
            .collect(),
        all_done_at,
    }
}

/// How long the caller of [`busy_caller`] is busy elsewhere: not a whole number of seconds,
/// so that its end never falls on the same instant as a lookup's step.
pub const BUSY: Duration = Duration::from_millis(1500);

fn busy_line(lang: Lang, at: Duration) -> String {
    let busy = BUSY.as_secs_f64(); // 1.5
    format!(
        "[main] {} ({} s)",
        match lang {
            Lang::Ko => format!("wait가 돌아왔다. {busy}초 동안 다른 일을 한다"),
            Lang::En => format!("wait returned; busy elsewhere for {busy} s"),
        },
        timeline::secs(at)
    )
}

fn back_line(lang: Lang, at: Duration) -> String {
    format!(
        "[main] {} ({} s)",
        lang.t("다른 일을 마쳤다", "done with the other work"),
        timeline::secs(at)
    )
}

/// What [`as_completed`] saw: the same three lookups collected two ways.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Orders {
    /// `FuturesUnordered`: results in the order the lookups finished.
    pub as_completed: Vec<usize>,
    /// `join_all`: results in argument order.
    pub argument_order: Vec<usize>,
}

/// Python's `asyncio.as_completed` is `FuturesUnordered` in Rust: a stream that yields each
/// result as soon as its future finishes. `find_users(3)`, `(2)`, `(1)` come out 1, 2, 3;
/// `join_all` on the same lookups gives 3, 2, 1.
pub async fn as_completed(tl: &Timeline, lang: Lang) -> Orders {
    // The same lookups, unprinted, joined with `join_all` at the same time, for comparison.
    let quiet = Timeline::quiet();
    let argument_order = futures::future::join_all(lookups(&quiet, lang, &NOTE_COUNTS));
    let as_completed = async {
        // ANCHOR: as_completed
        let mut in_flight: FuturesUnordered<_> =
            lookups(tl, lang, &NOTE_COUNTS).into_iter().collect();
        let mut as_completed = Vec::new();
        while let Some(result) = in_flight.next().await {
            let n = result.expect("no lookup here is broken");
            tl.say(format!(
                "{} {n}",
                lang.t("끝난 순서대로 받음:", "received as completed:")
            ));
            as_completed.push(n);
        }
        // ANCHOR_END: as_completed
        as_completed
    };
    let (as_completed, argument_order) = tokio::join!(as_completed, argument_order);
    Orders {
        as_completed,
        argument_order: argument_order
            .into_iter()
            .map(|r| r.expect("no lookup here is broken"))
            .collect(),
    }
}

/// How often [`progress_while_waiting`] says it is still waiting.
pub const TICK: Duration = Duration::from_millis(500);

/// `select!` in a loop: waits for `find_users(3)` and, every [`TICK`], says it is still
/// waiting. Two different futures (a lookup, a sleep), and whichever is ready first wins the
/// round. Returns the lookup's result and how many ticks were said.
///
/// The lookup must survive every round that the tick wins, so `select!` gets `&mut` to a
/// pinned future, not the future itself (see `tests/ui/wait/select_loop_moves_future.rs`).
/// The tick's `sleep` is made anew each round: losing a round drops it, which is fine.
/// `biased;` makes the lookup the first one checked; without it `select!` picks at random
/// which branch to poll first, and at 1 s and 2 s, when both are ready, the lines could come in
/// either order.
pub async fn progress_while_waiting(tl: &Timeline, lang: Lang) -> (usize, usize) {
    // ANCHOR: select_loop
    let mut lookup = std::pin::pin!(lookup(tl, lang, 3, None));
    let mut ticks = 0;
    let n = loop {
        tokio::select! {
            biased;
            result = &mut lookup => break result.expect("this lookup is not broken"),
            _ = sleep(TICK) => {
                ticks += 1;
                tl.say(format!(
                    "... {} ({} s)",
                    lang.t("아직 기다리는 중", "still waiting"),
                    timeline::secs(tl.elapsed())
                ));
            }
        }
    };
    // ANCHOR_END: select_loop
    (n, ticks)
}

/// `JoinSet`: spawned tasks, collected with `join_next` in the order they finish, each with
/// the time it came back. Dropping a `JoinSet` aborts the tasks still in it, so it cannot
/// leak tasks the way forgotten asyncio tasks can.
pub async fn join_next(tl: &Timeline, lang: Lang) -> Vec<(usize, Duration)> {
    let start = Instant::now();
    // ANCHOR: join_set
    let mut set = JoinSet::new();
    for n in NOTE_COUNTS {
        set.spawn(lookup(tl, lang, n, None));
    }
    let mut collected = Vec::new();
    while let Some(joined) = set.join_next().await {
        let n = joined
            .expect("a lookup task panicked")
            .expect("no lookup here is broken");
        tl.say(format!(
            "{} {n} ({} s)",
            lang.t("join_next:", "join_next:"),
            timeline::secs(start.elapsed())
        ));
        collected.push((n, start.elapsed()));
    }
    // ANCHOR_END: join_set
    collected
}

/// `tokio::time::timeout` on one lookup: `asyncio.wait_for(find_users(3), 1.5)`. At 1.5 s it
/// gives up and drops the lookup (cancels it), unlike [`wait()`]'s timeout, which hands the
/// unfinished future back. Returns whether it timed out and when it returned.
pub async fn give_up_after(tl: &Timeline, lang: Lang, limit: Duration) -> (bool, Duration) {
    let start = Instant::now();
    // ANCHOR: timeout
    let outcome = tokio::time::timeout(limit, lookup(tl, lang, 3, None)).await;
    // ANCHOR_END: timeout
    let timed_out = outcome.is_err();
    if timed_out {
        tl.say(format!(
            "{} ({} s)",
            lang.t(
                "시간 초과: find_users(3) 취소됨",
                "timed out: find_users(3) cancelled"
            ),
            timeline::secs(start.elapsed())
        ));
    }
    (timed_out, start.elapsed())
}
