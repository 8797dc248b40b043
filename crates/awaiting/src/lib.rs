//! Calling an `async fn` only builds a future; nothing in its body runs until the future is
//! awaited, and `.await` works only inside async code.
//!
//! Run: `cargo run -p awaiting` (English: `cargo run -p awaiting -- --lang en`)
//!
//! Five scenes, each the Rust side of a cell of the notebook:
//! - [`lazy`]: `let future = do_asyncs(5);` prints nothing; the digits come out at `.await`.
//! - [`main_async`]: the notebook's `await main_async()`: an async fn awaiting another, and the
//!   outer future is just as lazy as the inner one.
//! - [`never_awaited`]: a future that is dropped never runs; a task that is spawned runs at the
//!   next yield even though nobody awaits its `JoinHandle`.
//! - [`await_future`] and [`await_task`]: `.await` on a future starts it; `.await` on a task's
//!   `JoinHandle` only collects a task that was already running (2 s against 1 s).
//! - [`with_macro`] and [`by_hand`]: `#[tokio::main]` is a runtime plus `block_on`, which is
//!   Python's `get_event_loop()` / `run_until_complete()` / `close()`.
//!
//! The mistakes that go with this lesson do not compile; they live in `tests/ui/awaiting/` and
//! their fixed versions in `tests/fixed.rs`.

use std::time::Duration;

use timeline::Timeline;
use timeline::cli::Lang;
use timeline::clock::Clock;
use timeline::stopwatch::Stopwatch;
use tokio::time::Instant;

/// How many digits `do_asyncs` prints, as in the notebook's `range(10)`.
pub const DIGITS: usize = 10;

/// The notebook's `asyncio.sleep(1)`.
pub const SECOND: Duration = Duration::from_secs(1);

// ANCHOR: do_asyncs
/// The notebook's `do_asyncs(n)`: prints `n` ten times.
///
/// Calling it runs none of this: the call returns a future that holds `tl` and `n`, and the
/// body runs when somebody polls that future (`.await` does). It takes its own `Timeline` (a
/// cheap clone) rather than a reference so that the future owns everything it uses and can also
/// be handed to `tokio::spawn`. That needs a `'static` future, one that holds only owned data or
/// `'static` references, because the task can outlive the function that spawned it.
pub async fn do_asyncs(tl: Timeline, n: u32) {
    let digits = n.to_string().repeat(DIGITS);
    tl.say(digits);
}
// ANCHOR_END: do_asyncs

/// The lines `tl` recorded since `start` lines had been said: what one scene said.
fn said_since(tl: &Timeline, start: usize) -> Vec<String> {
    tl.texts().split_off(start)
}

/// Scene 1: build the future, say so, then await it. The digits come out only at the
/// `.await`, after the line that says the future exists.
///
/// Returns the lines the scene said, in order.
pub async fn lazy(tl: &Timeline, lang: Lang) -> Vec<String> {
    let start = tl.texts().len();
    tl.task("main", async {
        // ANCHOR: lazy
        let future = tl.task("do_asyncs(5)", do_asyncs(tl.clone(), 5));
        tl.say(lang.t(
            "퓨처를 만들었다 (아직 아무것도 실행되지 않음)",
            "built the future (nothing has run yet)",
        ));
        tl.say(lang.t("이제 .await한다", "awaiting it now"));
        future.await;
        tl.say(lang.t(".await가 끝났다", "the await returned"));
        // ANCHOR_END: lazy
    })
    .await;
    said_since(tl, start)
}

// ANCHOR: main_async
/// The notebook's `main_async`: an async fn that awaits another. `.await` is allowed here because
/// this body is itself async; in a plain `fn` it is error E0728 (`await_outside_async`).
pub async fn main_async(tl: Timeline) {
    let inner = tl.task("do_asyncs(5)", do_asyncs(tl.clone(), 5));
    inner.await;
}
// ANCHOR_END: main_async

/// Scene 2: `main_async()` is as lazy as `do_asyncs(5)`: building it does not even call
/// `do_asyncs`. Awaiting the outer future runs the outer body, which awaits the inner one.
///
/// Returns the lines the scene said, in order.
pub async fn nested(tl: &Timeline, lang: Lang) -> Vec<String> {
    let start = tl.texts().len();
    tl.task("main", async {
        // ANCHOR: nested
        let outer = tl.task("main_async", main_async(tl.clone()));
        tl.say(lang.t(
            "main_async()의 퓨처를 만들었다 (do_asyncs(5)는 아직 호출되지도 않음)",
            "built the future of main_async() (do_asyncs(5) has not even been called)",
        ));
        outer.await;
        tl.say(lang.t(".await가 끝났다", "the await returned"));
        // ANCHOR_END: nested
    })
    .await;
    said_since(tl, start)
}

/// Scene 3: a future and a task, neither awaited. `main` yields once; the task runs then, the
/// future never does.
///
/// Returns the lines the scene said, in order.
pub async fn never_awaited(tl: &Timeline, lang: Lang) -> Vec<String> {
    let start = tl.texts().len();
    tl.task("main", async {
        // ANCHOR: never_awaited
        let future = tl.task("do_asyncs(7)", do_asyncs(tl.clone(), 7));
        tl.say(lang.t(
            "퓨처를 만들었다: do_asyncs(7)",
            "built a future: do_asyncs(7)",
        ));
        // `spawn` hands the future to the runtime as a task: the runtime polls it from now on,
        // whether or not anyone awaits the `JoinHandle`.
        let task = tokio::spawn(tl.task("do_asyncs(8)", do_asyncs(tl.clone(), 8)));
        tl.say(lang.t(
            "태스크를 만들었다: do_asyncs(8)",
            "spawned a task: do_asyncs(8)",
        ));
        // One yield point, like Python's `await asyncio.sleep(0)`: the task queued on the event
        // loop gets the thread now.
        tl.say(lang.t(
            "main이 스레드를 한 번 양보한다",
            "main yields the thread once",
        ));
        tokio::task::yield_now().await;
        tl.say(lang.t("main으로 돌아왔다", "main is back"));
        // Dropping the future destroys it unrun. Dropping the `JoinHandle` only lets go of the
        // result: the task is not cancelled (`task.abort()` would do that).
        drop(future);
        drop(task);
        tl.say(lang.t(
            "둘 다 .await하지 않고 버렸다: do_asyncs(7)은 한 번도 실행되지 않았다",
            "dropped both without awaiting: do_asyncs(7) never ran",
        ));
        // ANCHOR_END: never_awaited
    })
    .await;
    said_since(tl, start)
}

// ANCHOR: hello_world
/// The notebook's `main()`: hello, a one-second sleep that hands the thread back, world.
pub async fn hello_world(tl: Timeline) {
    tl.say("hello");
    tokio::time::sleep(SECOND).await;
    tl.say("world");
}
// ANCHOR_END: hello_world

/// Scene 4a: build `hello_world()` as a future, spend a second on something else, then await
/// it. It starts only at the `.await`: hello at 1 s, world at 2 s.
///
/// Returns how long the scene took on tokio's clock.
pub async fn await_future(tl: &Timeline, lang: Lang) -> Duration {
    let start = Instant::now();
    tl.task("main", async {
        // ANCHOR: await_future
        let future = tl.task("hello_world", hello_world(tl.clone()));
        tl.say(lang.t(
            "main: 1초 동안 다른 일을 한다",
            "main: doing something else for 1 s",
        ));
        tokio::time::sleep(SECOND).await;
        future.await; // starts hello_world only now
        tl.say(lang.t("main: .await가 끝났다", "main: the await returned"));
        // ANCHOR_END: await_future
    })
    .await;
    start.elapsed()
}

/// Scene 4b: the same with `tokio::spawn`: the task starts at main's first yield and sleeps
/// while main does; the `.await` on its `JoinHandle` only collects it. Hello at 0 s, world at
/// 1 s.
///
/// Returns how long the scene took on tokio's clock.
pub async fn await_task(tl: &Timeline, lang: Lang) -> Duration {
    let start = Instant::now();
    tl.task("main", async {
        // ANCHOR: await_task
        let task = tokio::spawn(tl.task("hello_world", hello_world(tl.clone())));
        tl.say(lang.t(
            "main: 1초 동안 다른 일을 한다",
            "main: doing something else for 1 s",
        ));
        tokio::time::sleep(SECOND).await;
        task.await.expect("hello_world panicked"); // it has been running all along
        tl.say(lang.t("main: .await가 끝났다", "main: the await returned"));
        // ANCHOR_END: await_task
    })
    .await;
    start.elapsed()
}

/// What one run of `hello_world` said, when, and how long the run took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heard {
    /// Each line with the instant it was said, from the start of the run.
    pub said: Vec<(String, Duration)>,
    /// Start to end, on the runtime's clock.
    pub took: Duration,
}

/// The body both ways of scene 5 run: `hello_world` between a stopwatch's start and stop.
pub async fn timed_hello_world(clock: Clock, lang: Lang) -> Heard {
    let tl = Timeline::new();
    let watch = Stopwatch::start(clock, lang, Duration::ZERO);
    tl.task("hello_world", hello_world(tl.clone())).await;
    let took = watch.stop();
    Heard {
        said: tl.said_at(),
        took,
    }
}

// ANCHOR: with_macro
/// Scene 5, with the macro: `#[tokio::main]` turns this `async fn` into a plain `fn` that builds
/// a runtime and blocks on the body (see [`by_hand`] for what it writes). It works on any
/// function, not only `main`; `flavor = "current_thread"` gives one thread, like asyncio's loop.
#[tokio::main(flavor = "current_thread")]
pub async fn with_macro(lang: Lang) -> Heard {
    timed_hello_world(Clock::Real, lang).await
}
// ANCHOR_END: with_macro

/// [`with_macro`] on tokio's paused clock, for `--paused` and the tests. A macro's arguments are
/// fixed when it is compiled, so the paused clock needs a function of its own; `start_paused`
/// is the only difference.
#[tokio::main(flavor = "current_thread", start_paused = true)]
pub async fn with_macro_paused(lang: Lang) -> Heard {
    timed_hello_world(Clock::Paused, lang).await
}

// ANCHOR: by_hand
/// Scene 5, by hand: what `#[tokio::main(flavor = "current_thread")]` writes, step for step the
/// note's commented-out `get_event_loop` / `run_until_complete` / `close`.
pub fn by_hand(clock: Clock, lang: Lang) -> Heard {
    // loop = asyncio.get_event_loop()
    let event_loop = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(clock == Clock::Paused) // the macro's `start_paused = true`
        .build()
        .expect("Failed building the Runtime"); // the macro's own words
    // loop.run_until_complete(main())
    let heard = event_loop.block_on(timed_hello_world(clock, lang));
    // loop.close(): dropping the runtime shuts it down and drops any task still left in it.
    drop(event_loop);
    heard
}
// ANCHOR_END: by_hand
