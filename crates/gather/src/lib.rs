//! Joining runs futures concurrently and hands back their results in argument order, whichever
//! finished first.
//!
//! Run: `cargo run -p gather` (other counts: `cargo run -p gather -- 5 3 1`; English:
//! `--lang en`; the same output on every machine: `--paused`)
//!
//! The Rust side of the notebook's `asyncio.gather` cells, scene by scene:
//! - [`good_nights`]: two `good_night()` joined end after one second, not two.
//! - [`one_after_another`]: `find_users(3)`, `(2)`, `(1)` awaited in turn take 3 + 2 + 1 = 6 s.
//! - [`gather`]: the same lookups joined with `join_all` take 3 s, print their lines in the order
//!   Python's `gather` prints them, and return `[3, 2, 1]` although `find_users(1)` ended first.
//! - [`join_macro`]: `tokio::join!` joins just as well, but polls in a rotating order, so its
//!   lines come out in another order; `join!(biased; ...)` fixes the order.
//! - [`try_join_cancels`]: `try_join!` stops at the first error and drops (cancels) the others
//!   at that very moment; Python's `gather` would let them run on.
//! - [`gather_every_result`]: `join_all` over `Result`s is `gather(..., return_exceptions=True)`:
//!   every lookup runs to its end and the error sits in its own slot.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::time::Duration;

use futures::future::{join_all, try_join_all};
use timeline::Timeline;
use timeline::cli::{Lang, Reason};
use tokio::time::{Instant, sleep};

/// How long one user lookup (one round of `find_users`) takes, as the notebook's `asyncio.sleep(1)`.
pub const ROUND: Duration = Duration::from_secs(1);

/// The counts of the notebook's cell: `find_users_async(3)`, `(2)`, `(1)`.
pub const NOTE_COUNTS: [usize; 3] = [3, 2, 1];

/// The largest count the command line takes: enough to see the point, short enough to watch.
pub const MAX_COUNT: usize = 20;

// ANCHOR: good_night
/// The notebook's `good_night`: sleeps one second without holding the thread, then says good night.
pub async fn good_night(tl: &Timeline, lang: Lang) {
    sleep(ROUND).await;
    tl.say(lang.t("잘자요", "good night"));
}
// ANCHOR_END: good_night

/// Scene 1: `asyncio.gather(good_night(), good_night())`. Returns how long the pair took.
pub async fn good_nights(tl: &Timeline, lang: Lang) -> Duration {
    let start = Instant::now();
    // ANCHOR: join_good_nights
    tokio::join!(
        tl.task("good_night #1", good_night(tl, lang)),
        tl.task("good_night #2", good_night(tl, lang)),
    );
    // ANCHOR_END: join_good_nights
    start.elapsed()
}

// ANCHOR: find_users
/// The notebook's `find_users_async(n)`: looks up `n` users one by one, one second each, and
/// returns how many it found.
pub async fn find_users(tl: &Timeline, lang: Lang, n: usize) -> usize {
    for i in 1..=n {
        tl.say(looking_up(lang, n, i));
        sleep(ROUND).await;
    }
    tl.say(all_found(lang, n));
    n
}
// ANCHOR_END: find_users

/// The line `find_users(n)` says before its `i`th lookup (the event_loop lesson prints the same).
pub fn looking_up(lang: Lang, n: usize, i: usize) -> String {
    match lang {
        Lang::Ko => format!("{n}명 중 {i}번 째 사용자 조회 중 ..."),
        Lang::En => format!("looking up user {i} of {n} ..."),
    }
}

/// The line `find_users(n)` says when it is done.
pub fn all_found(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ko => format!("> 총 {n} 명 사용자 비동기 조회 완료!"),
        Lang::En => format!(
            "> done: {n} {} looked up!",
            if n == 1 { "user" } else { "users" }
        ),
    }
}

/// What a scene of `find_users` calls hands back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookups {
    /// What each call returned, in the order the calls were written (argument order).
    pub results: Vec<usize>,
    /// The task names in the order the calls finished.
    pub finished: Vec<String>,
    /// From the first call to the last result, on tokio's clock.
    pub took: Duration,
}

/// The timeline name of each call: `find_users(3)`, and `find_users(3) #2` for a repeated count,
/// so that every call keeps its own row in the chart.
pub fn task_names(counts: &[usize]) -> Vec<String> {
    let mut seen: HashMap<usize, usize> = HashMap::new();
    counts
        .iter()
        .map(|&n| {
            let k = seen.entry(n).or_insert(0);
            *k += 1;
            if *k == 1 {
                format!("find_users({n})")
            } else {
                format!("find_users({n}) #{k}")
            }
        })
        .collect()
}

/// The tasks of `tl` in the order they finished (the order of their last polls).
fn finishing_order(tl: &Timeline) -> Vec<String> {
    tl.spans()
        .into_iter()
        .filter(|s| s.finished)
        .map(|s| s.task)
        .collect()
}

/// Scene 2: the lookups awaited one after another. Each `.await` waits for its lookup to end
/// before the next one even starts, so the times add up.
pub async fn one_after_another(tl: &Timeline, lang: Lang, counts: &[usize]) -> Lookups {
    let start = Instant::now();
    let mut results = Vec::new();
    // ANCHOR: one_after_another
    for (&n, name) in counts.iter().zip(task_names(counts)) {
        results.push(tl.task(name, find_users(tl, lang, n)).await);
    }
    // ANCHOR_END: one_after_another
    Lookups {
        results,
        finished: finishing_order(tl),
        took: start.elapsed(),
    }
}

/// Scene 3, the lesson's heart: `asyncio.gather(find_users(3), find_users(2), find_users(1))`.
///
/// Why `join_all` and not `tokio::join!` or spawned tasks, when the point is to print the lines
/// in the order Python prints them:
/// - Python's `gather` makes each coroutine a task, in argument order. At every second the
///   sleeps that end were set in argument order, and the event loop runs them first come, first
///   served: `3명 중 2번 째`, `2명 중 2번 째`, `> 총 1 명 ... 완료!`.
/// - `join_all` (up to 30 futures) polls every unfinished future in argument order each time it
///   is woken, so it prints the same order. Over 30 futures it switches to `FuturesOrdered`,
///   which polls in the order the futures were woken; the results stay in argument order.
/// - `tokio::join!` rotates which future it polls first on every wake-up, so that a busy first
///   future cannot starve the last one. Fair, but not Python's order (see [`join_macro`]).
/// - Spawned tasks on the current-thread runtime happen to print Python's order too, but only
///   because tokio's timer fires equal deadlines in the order they were set and its run queue
///   is first in, first out: neither is a documented promise, and `spawn` needs `'static`
///   futures (every task would own a clone of the timeline).
pub async fn gather(tl: &Timeline, lang: Lang, counts: &[usize]) -> Lookups {
    let start = Instant::now();
    // ANCHOR: gather
    let lookups = counts
        .iter()
        .zip(task_names(counts))
        .map(|(&n, name)| tl.task(name, find_users(tl, lang, n)));
    // One future that polls them all; its output is a Vec in the order of `counts`.
    let results: Vec<usize> = join_all(lookups).await;
    // ANCHOR_END: gather
    Lookups {
        results,
        finished: finishing_order(tl),
        took: start.elapsed(),
    }
}

/// Scene 4: the notebook's three lookups with `tokio::join!`, plain or `biased;`.
///
/// `tokio::join!` polls its futures in turn, but starts each round one future further along:
/// the first poll begins with `find_users(3)`, the second (at 1 s) with `find_users(2)`, the
/// third with `find_users(1)` (finished, so skipped) and then `find_users(3)`. So at 1 s it
/// prints `2명 중 2번 째`, `> 총 1 명 ...`, `3명 중 2번 째`: the same lines at the same times as
/// Python, in another order. `join!(biased; ...)` always starts from the top: Python's order.
pub async fn join_macro(tl: &Timeline, lang: Lang, biased: bool) -> Lookups {
    let start = Instant::now();
    let (three, two, one) = if biased {
        // ANCHOR: join_biased
        tokio::join!(
            biased;
            tl.task("find_users(3)", find_users(tl, lang, 3)),
            tl.task("find_users(2)", find_users(tl, lang, 2)),
            tl.task("find_users(1)", find_users(tl, lang, 1)),
        )
        // ANCHOR_END: join_biased
    } else {
        // ANCHOR: join_macro
        // A tuple, one slot per future, each with its own type: `join!` is not a Vec.
        tokio::join!(
            tl.task("find_users(3)", find_users(tl, lang, 3)),
            tl.task("find_users(2)", find_users(tl, lang, 2)),
            tl.task("find_users(1)", find_users(tl, lang, 1)),
        )
        // ANCHOR_END: join_macro
    };
    Lookups {
        results: vec![three, two, one],
        finished: finishing_order(tl),
        took: start.elapsed(),
    }
}

/// Which tasks were polled at each instant, in the order they were polled: what the chart
/// cannot show, since all of one instant's polls sit in the same column.
pub fn polls_by_instant(tl: &Timeline) -> Vec<(Duration, Vec<String>)> {
    let mut by_instant: Vec<(Duration, Vec<String>)> = Vec::new();
    for span in tl.spans() {
        match by_instant.last_mut() {
            Some((at, tasks)) if *at == span.from => tasks.push(span.task),
            _ => by_instant.push((span.from, vec![span.task])),
        }
    }
    by_instant
}

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

// ANCHOR: find_users_checked
/// `find_users` whose lookup of user `broken` (if any) fails after its second of waiting.
pub async fn find_users_checked(
    tl: &Timeline,
    lang: Lang,
    n: usize,
    broken: Option<usize>,
) -> Result<usize, LookupError> {
    for i in 1..=n {
        tl.say(looking_up(lang, n, i));
        sleep(ROUND).await;
        if broken == Some(i) {
            let error = LookupError { n, user: i };
            tl.say(format!("! {}", error.describe(lang)));
            return Err(error);
        }
    }
    tl.say(all_found(lang, n));
    Ok(n)
}
// ANCHOR_END: find_users_checked

/// Who was cancelled, and when (on tokio's clock, from the scene's start).
pub type Cancellations = RefCell<Vec<(String, Duration)>>;

// ANCHOR: cancel_guard
/// Dropped with its future. If the future had not finished by then, it was cancelled: the guard
/// says so and writes down when.
struct CancelGuard<'a> {
    /// Set by [`watch_cancel`] once the future has returned; a finished future was not cancelled.
    finished: bool,
    /// Who is guarded, for the "취소됨" line.
    name: String,
    tl: &'a Timeline,
    lang: Lang,
    /// When the guarded future started: the cancellation time is measured from here.
    start: Instant,
    /// Where the cancellation is written down for the caller.
    cancelled: &'a Cancellations,
}

impl Drop for CancelGuard<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let at = self.start.elapsed();
            self.tl.say(format!(
                "{} {} ({} s)",
                self.name,
                self.lang.t("취소됨", "cancelled"),
                timeline::secs(at)
            ));
            self.cancelled.borrow_mut().push((self.name.clone(), at));
        }
    }
}

/// Runs `future` with a [`CancelGuard`]: dropping it half-way leaves a "취소됨" line.
async fn watch_cancel<F: Future>(
    name: String,
    tl: &Timeline,
    lang: Lang,
    cancelled: &Cancellations,
    future: F,
) -> F::Output {
    let mut guard = CancelGuard {
        finished: false,
        name,
        tl,
        lang,
        start: Instant::now(),
        cancelled,
    };
    let output = future.await;
    guard.finished = true;
    output
}
// ANCHOR_END: cancel_guard

/// `find_users_checked(n, broken)`, traced on the timeline as `find_users(n)` and watched for
/// cancellation. One `async fn` for all three lookups: one future type, so they fit in one array.
fn watched_lookup<'a>(
    tl: &'a Timeline,
    lang: Lang,
    cancelled: &'a Cancellations,
    n: usize,
    broken: Option<usize>,
) -> impl Future<Output = Result<usize, LookupError>> + 'a {
    let name = format!("find_users({n})");
    let lookup = find_users_checked(tl, lang, n, broken);
    tl.task(
        name.clone(),
        watch_cancel(name, tl, lang, cancelled, lookup),
    )
}

/// What [`try_join_cancels`] hands back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TryJoined {
    /// The three results as a tuple, or the first error.
    pub result: Result<(usize, usize, usize), LookupError>,
    /// Who was dropped before finishing, and when.
    pub cancelled: Vec<(String, Duration)>,
    /// When `try_join!` returned.
    pub took: Duration,
}

/// Scene 5: `find_users(3)`, `(2)` and `(1)` with `try_join!`, where user 2 of `find_users(2)`
/// fails at 2 s.
///
/// `try_join!` returns the first error at once and drops the futures still running:
/// `find_users(3)` is cancelled at exactly 2 s, in the middle of its third lookup, and the
/// result `find_users(1)` already had is thrown away. This is where Rust and Python part:
/// `asyncio.gather` hands the first exception to its caller but does not cancel the others;
/// as tasks, they run on. A Rust future that nobody polls (or owns) any more simply stops.
pub async fn try_join_cancels(tl: &Timeline, lang: Lang) -> TryJoined {
    let start = Instant::now();
    let cancelled = Cancellations::default();
    let lookup = |n, broken| watched_lookup(tl, lang, &cancelled, n, broken);
    // ANCHOR: try_join
    // `biased;` for the same reason as in `join_macro`: the lines in Python's order.
    let result = tokio::try_join!(
        biased;
        lookup(3, None),
        lookup(2, Some(2)), // user 2 of 2 fails at 2 s
        lookup(1, None),
    );
    // ANCHOR_END: try_join
    TryJoined {
        result,
        took: start.elapsed(),
        cancelled: cancelled.take(),
    }
}

/// What [`gather_every_result`] hands back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EveryResult {
    /// One result per lookup, in argument order, errors included.
    pub results: Vec<Result<usize, LookupError>>,
    /// Who was dropped before finishing (nobody, here).
    pub cancelled: Vec<(String, Duration)>,
    /// When the last lookup ended.
    pub took: Duration,
}

/// Scene 6: the same three lookups, the same failure, collected with `join_all`:
/// `asyncio.gather(..., return_exceptions=True)`. Nothing stops early; every lookup runs to its
/// end and the error is a value in its slot: `[Ok(3), Err(..), Ok(1)]`, at 3 s.
pub async fn gather_every_result(tl: &Timeline, lang: Lang) -> EveryResult {
    let start = Instant::now();
    let cancelled = Cancellations::default();
    let lookup = |n, broken| watched_lookup(tl, lang, &cancelled, n, broken);
    // ANCHOR: gather_every_result
    let lookups = [lookup(3, None), lookup(2, Some(2)), lookup(1, None)];
    let results: Vec<Result<usize, LookupError>> = join_all(lookups).await;
    // ANCHOR_END: gather_every_result
    EveryResult {
        results,
        took: start.elapsed(),
        cancelled: cancelled.take(),
    }
}

/// `asyncio.gather`'s default (`return_exceptions=False`) in Rust: the same three lookups, the
/// same failure, each lookup a task of its own and their `JoinHandle`s awaited with
/// `try_join_all`. The first error comes back at once (2 s), as from `try_join!`; but dropping
/// a `JoinHandle` does not cancel its task, so `find_users(3)` runs on and is done at 3 s, as
/// its task under Python's `gather` is. Returns the first error (or every count) and when it
/// came back. Not a scene of the demo: the book shows it beside `try_join!`.
pub async fn gather_default(
    tl: &Timeline,
    lang: Lang,
) -> (Result<Vec<usize>, LookupError>, Duration) {
    let start = Instant::now();
    // ANCHOR: gather_default
    let spawn = |n, broken| {
        let tl = tl.clone(); // a task owns what it uses ('static)
        tokio::spawn(async move { find_users_checked(&tl, lang, n, broken).await })
    };
    let tasks = [spawn(3, None), spawn(2, Some(2)), spawn(1, None)];
    // A `JoinHandle` gives `Err(JoinError)` only if its task panicked or was aborted.
    let joined = tasks.map(|task| async { task.await.expect("a lookup task panicked") });
    let first = try_join_all(joined).await; // Err(user 2 of 2) at 2 s; find_users(3) runs on
    // ANCHOR_END: gather_default
    (first, start.elapsed())
}

/// Reads the counts given on the command line: whole numbers from 1 to [`MAX_COUNT`]; none
/// given means the notebook's `3 2 1`.
pub fn parse_counts(args: &[String]) -> Result<Vec<usize>, Reason> {
    if args.is_empty() {
        return Ok(NOTE_COUNTS.to_vec());
    }
    args.iter()
        .map(|arg| match arg.parse::<usize>() {
            Ok(n) if (1..=MAX_COUNT).contains(&n) => Ok(n),
            Ok(n) => Err(Reason::new(
                format!(
                    "수 `{n}`이(가) 범위를 벗어났습니다: 1부터 {MAX_COUNT}까지의 정수를 주세요"
                ),
                format!("count `{n}` is out of range: give whole numbers from 1 to {MAX_COUNT}"),
            )),
            Err(_) => Err(Reason::new(
                format!("`{arg}`은(는) 수가 아닙니다: 1부터 {MAX_COUNT}까지의 정수를 주세요"),
                format!("`{arg}` is not a count: give whole numbers from 1 to {MAX_COUNT}"),
            )),
        })
        .collect()
}
