//! A blocking sleep freezes every task on its thread; an async sleep hands the thread back so
//! the other tasks run while it waits.
//!
//! Run: `cargo run -p sleep` (English: `cargo run -p sleep -- --lang en`)
//!
//! The notebook's two `good_night` coroutines, each sleeping one second and then saying good night,
//! run as two tasks on one thread, four ways ([`Sleep`]):
//! - [`good_night_async`]: `tokio::time::sleep(..).await` (Python's `await asyncio.sleep(1)`):
//!   both sleep at once, 1 s in all.
//! - [`good_night_blocking`]: `std::thread::sleep` (Python's `time.sleep(1)`): the first holds
//!   the thread for its whole second and the second cannot even start, 2 s in all.
//! - [`good_night_spawn_blocking`]: the same blocking sleep sent to a thread of its own with
//!   `spawn_blocking` (Python's `asyncio.to_thread`): 1 s again.
//! - [`good_night_forgot_await`]: `tokio::time::sleep(..)` without `.await` builds a sleep and
//!   drops it: nobody sleeps, 0 s, and both good nights come out at once.
//!
//! The mistakes that go with this lesson do not compile; they live in `tests/ui/sleep/` and
//! their fixed versions in `tests/fixed.rs`.

use std::time::Duration;

use timeline::Timeline;
use timeline::cli::Lang;
use timeline::clock::{blocking_sleep, blocking_sleep_until};
use tokio::time::Instant;

/// The notebook's `asyncio.sleep(1)`.
pub const SECOND: Duration = Duration::from_secs(1);

/// The two tasks, by the names the timeline and the chart give them.
pub const NIGHTS: [&str; 2] = ["good_night 1", "good_night 2"];

/// What a good night says, in the reader's language (the notebook's `'잘자요'`).
pub fn good_night_text(lang: Lang) -> &'static str {
    lang.t("잘자요", "good night")
}

// ANCHOR: good_night_async
/// `await asyncio.sleep(1)`: the sleep is a future; `.await` parks this task until its timer
/// fires and hands the thread back to the runtime meanwhile.
pub async fn good_night_async(tl: Timeline, lang: Lang) {
    tokio::time::sleep(SECOND).await;
    tl.say(good_night_text(lang));
}
// ANCHOR_END: good_night_async

// ANCHOR: good_night_blocking
/// `time.sleep(1)` inside a coroutine: the thread sleeps, and with it every task on it.
pub async fn good_night_blocking(tl: Timeline, lang: Lang) {
    // On the real clock `blocking_sleep(SECOND)` is `std::thread::sleep(SECOND)` and nothing
    // else. (On `--paused` it moves tokio's virtual clock instead, which `std::thread::sleep`
    // cannot do, still without letting go of the thread.) There is no `.await`: it is not a
    // future, and this task keeps the thread until it returns.
    blocking_sleep(SECOND);
    tl.say(good_night_text(lang));
}
// ANCHOR_END: good_night_blocking

// ANCHOR: good_night_spawn_blocking
/// `await asyncio.to_thread(time.sleep, 1)`: the blocking sleep runs on one of tokio's blocking
/// threads, and this task awaits its `JoinHandle`, which yields like any other future.
pub async fn good_night_spawn_blocking(tl: Timeline, lang: Lang) {
    // On the real clock the closure could simply be `std::thread::sleep(SECOND)`, and that is
    // what `blocking_sleep_until` does there. The deadline is taken here, on the async side,
    // so that on the paused clock it does not depend on when the blocking thread starts.
    let deadline = Instant::now() + SECOND;
    tokio::task::spawn_blocking(move || blocking_sleep_until(deadline))
        .await
        .expect("the blocking sleep panicked");
    tl.say(good_night_text(lang));
}
// ANCHOR_END: good_night_spawn_blocking

// ANCHOR: good_night_forgot_await
/// `asyncio.sleep(1)` without `await`: the call builds a sleep future, the statement drops it,
/// and the task goes straight on. Python warns at run time (`coroutine 'sleep' was never
/// awaited`); Rust warns at compile time (`unused_must_use`), silenced here on purpose.
pub async fn good_night_forgot_await(tl: Timeline, lang: Lang) {
    #[allow(unused_must_use)]
    tokio::time::sleep(SECOND);
    tl.say(good_night_text(lang));
}
// ANCHOR_END: good_night_forgot_await

/// The four ways a `good_night` can sleep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sleep {
    /// [`good_night_async`]
    Async,
    /// [`good_night_blocking`]
    Blocking,
    /// [`good_night_spawn_blocking`]
    SpawnBlocking,
    /// [`good_night_forgot_await`]
    ForgotAwait,
}

impl Sleep {
    /// All four, in the order the demo shows them.
    pub const ALL: [Sleep; 4] = [
        Sleep::Async,
        Sleep::Blocking,
        Sleep::SpawnBlocking,
        Sleep::ForgotAwait,
    ];

    /// The `good_night` that sleeps this way.
    pub async fn good_night(self, tl: Timeline, lang: Lang) {
        match self {
            Sleep::Async => good_night_async(tl, lang).await,
            Sleep::Blocking => good_night_blocking(tl, lang).await,
            Sleep::SpawnBlocking => good_night_spawn_blocking(tl, lang).await,
            Sleep::ForgotAwait => good_night_forgot_await(tl, lang).await,
        }
    }

    /// The sleep line as the code writes it, for headings.
    pub fn code(self) -> &'static str {
        match self {
            Sleep::Async => "tokio::time::sleep(SECOND).await",
            Sleep::Blocking => "std::thread::sleep(SECOND)",
            Sleep::SpawnBlocking => "spawn_blocking(|| std::thread::sleep(SECOND)).await",
            Sleep::ForgotAwait => "tokio::time::sleep(SECOND);",
        }
    }
}

/// The notebook's `main()`: two `good_night`s as two tasks on this thread (what `asyncio.gather`
/// does with two coroutines), awaited in turn.
///
/// Returns how long both took, on tokio's clock. Call it inside `timeline::clock::run`: on the
/// paused clock a blocking sleep moves virtual time only on the runtimes made there.
pub async fn two_good_nights(tl: &Timeline, lang: Lang, how: Sleep) -> Duration {
    let start = Instant::now();
    // ANCHOR: two_good_nights
    let first = tokio::spawn(tl.task(NIGHTS[0], how.good_night(tl.clone(), lang)));
    let second = tokio::spawn(tl.task(NIGHTS[1], how.good_night(tl.clone(), lang)));
    first.await.expect("good_night 1 panicked");
    second.await.expect("good_night 2 panicked");
    // ANCHOR_END: two_good_nights
    start.elapsed()
}
