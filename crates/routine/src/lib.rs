//! A subroutine runs to its end before its caller goes on; a coroutine can pause in the middle
//! and hand the thread to another coroutine, and only where it says so (`.await`).
//!
//! Run: `cargo run -p routine` (English: `cargo run -p routine -- --lang en`)
//!
//! Three scenes, each the Rust side of a cell of the notebook:
//! - [`subroutines`]: `do_sync(5); do_sync(7)` prints `5555555555` then `7777777777`, and the
//!   call stack shows why: the caller waits inside the call.
//! - [`coroutines`]: the same two counters as coroutines that yield after every digit, on one
//!   thread, interleave: `5757575757...`.
//! - [`without_await`]: two `async` bodies with no `.await` inside run straight through even when
//!   joined (the notebook's hundred 3s then hundred 5s); one yield point in the middle changes that.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::Poll;

use timeline::Timeline;
use timeline::cli::Lang;

/// What the coroutines print into, shared between tasks (a spawned task must own what it uses).
pub type Out = Arc<Mutex<String>>;

fn print(out: &Out, n: u32) {
    out.lock()
        .expect("a printing task panicked")
        .push_str(&n.to_string());
}

fn take(out: &Out) -> String {
    std::mem::take(&mut *out.lock().expect("a printing task panicked"))
}

/// How many digits each counter prints, as in the notebook's `range(10)`.
pub const DIGITS: usize = 10;

// ANCHOR: do_sync
/// A subroutine: prints `n` ten times and returns. Nothing else runs on this thread meanwhile.
pub fn do_sync(n: u32, out: &mut String) {
    for _ in 0..DIGITS {
        out.push_str(&n.to_string());
    }
}
// ANCHOR_END: do_sync

/// Scene 1: `do_sync(5); do_sync(7)`, with the call stack said at each step.
///
/// Returns what the two calls printed.
pub fn subroutines(tl: &Timeline, lang: Lang) -> String {
    let mut printed = String::new();
    for n in [5, 7] {
        tl.say(format!(
            "[main] ▶ do_sync({n}) {}",
            lang.t(
                "호출: main은 여기서 멈추고 기다린다",
                "called: main stops here and waits"
            )
        ));
        let before = printed.len();
        do_sync(n, &mut printed);
        tl.say(format!("[main > do_sync({n})] {}", &printed[before..]));
        tl.say(format!(
            "[main] ◀ do_sync({n}) {}",
            lang.t(
                "반환: 이제야 main이 다음 줄로 간다",
                "returned: only now does main go on"
            )
        ));
    }
    tl.say(format!("{} {printed}", lang.t("출력:", "printed:")));
    printed
}

// ANCHOR: pass_the_thread
/// Hands the thread back to the event loop once, like Python's `await asyncio.sleep(0)`: the
/// task asks to be woken right away and says "not ready yet", so the executor puts it at the back
/// of the queue and runs whoever was waiting.
///
/// `tokio::task::yield_now()` also yields, but tokio holds the wake-up back until it has checked
/// timers and I/O, and then wakes the yielded tasks newest first; two tasks yielding in turn
/// then print `5775 5775...`. This version keeps asyncio's first-come, first-served order.
pub fn pass_the_thread() -> impl Future<Output = ()> {
    let mut passed = false;
    std::future::poll_fn(move |cx| {
        if passed {
            return Poll::Ready(());
        }
        passed = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}
// ANCHOR_END: pass_the_thread

// ANCHOR: do_async
/// A coroutine: prints one digit, then hands the thread back, ten times.
pub async fn do_async(n: u32, out: Out) {
    for _ in 0..DIGITS {
        print(&out, n);
        pass_the_thread().await;
    }
}
// ANCHOR_END: do_async

/// Scene 2: two `do_async` coroutines on one thread, each handed to the event loop as a task
/// (as `asyncio.gather` does). Every `.await` is a point where one stops and the other resumes
/// where it had stopped.
///
/// Returns what they printed together.
pub async fn coroutines(tl: &Timeline, lang: Lang) -> String {
    let out = Out::default();
    // ANCHOR: spawn_coroutines
    let five = tokio::spawn(tl.task("do_async(5)", do_async(5, out.clone())));
    let seven = tokio::spawn(tl.task("do_async(7)", do_async(7, out.clone())));
    five.await.expect("do_async(5) panicked");
    seven.await.expect("do_async(7) panicked");
    // ANCHOR_END: spawn_coroutines
    let printed = take(&out);
    let switches = tl.turns().windows(2).filter(|w| w[0] != w[1]).count();
    tl.say(format!("{} {printed}", lang.t("출력:", "printed:")));
    tl.say(format!(
        "{} {switches}",
        lang.t(
            "스레드가 다른 코루틴으로 넘어간 횟수:",
            "times the thread passed to the other coroutine:"
        )
    ));
    printed
}

/// How many digits each counter of scene 3 prints, as in the notebook's `range(100)`.
pub const HUNDRED: usize = 100;

// ANCHOR: count_without_await
/// An `async fn` with no `.await` inside: once polled, it cannot stop until it returns.
pub async fn count_without_await(n: u32, out: Out) {
    for _ in 0..HUNDRED {
        print(&out, n);
    }
}
// ANCHOR_END: count_without_await

// ANCHOR: count_with_one_yield
/// The same, with one yield point halfway: the only place where another coroutine can run.
pub async fn count_with_one_yield(n: u32, out: Out) {
    for i in 0..HUNDRED {
        if i == HUNDRED / 2 {
            pass_the_thread().await;
        }
        print(&out, n);
    }
}
// ANCHOR_END: count_with_one_yield

/// Scene 3: `count_without_await(3)` and `count_without_await(5)` as two tasks, then the same with
/// one yield point each. `tl3` and `tl5` record the two runs separately, so each gets its own
/// chart. Returns the two outputs as runs: `[(3, 100), (5, 100)]` and
/// `[(3, 50), (5, 50), (3, 50), (5, 50)]`.
pub async fn without_await(
    tl: &Timeline,
    straight: &Timeline,
    yielding: &Timeline,
    lang: Lang,
) -> (Vec<(char, usize)>, Vec<(char, usize)>) {
    let out = Out::default();
    let three = tokio::spawn(straight.task("count(3)", count_without_await(3, out.clone())));
    let five = tokio::spawn(straight.task("count(5)", count_without_await(5, out.clone())));
    three.await.expect("count(3) panicked");
    five.await.expect("count(5) panicked");
    let no_await = runs(&take(&out));
    tl.say(format!(
        "{} {}",
        lang.t(".await 없음:     ", "no .await:      "),
        show_runs(&no_await)
    ));

    let three = tokio::spawn(yielding.task("count(3)", count_with_one_yield(3, out.clone())));
    let five = tokio::spawn(yielding.task("count(5)", count_with_one_yield(5, out.clone())));
    three.await.expect("count(3) panicked");
    five.await.expect("count(5) panicked");
    let one_yield = runs(&take(&out));
    tl.say(format!(
        "{} {}",
        lang.t("양보 지점 하나:  ", "one yield point:"),
        show_runs(&one_yield)
    ));
    (no_await, one_yield)
}

/// Collapses `"3335"` into `[('3', 3), ('5', 1)]`.
pub fn runs(printed: &str) -> Vec<(char, usize)> {
    let mut runs: Vec<(char, usize)> = Vec::new();
    for c in printed.chars() {
        match runs.last_mut() {
            Some((last, count)) if *last == c => *count += 1,
            _ => runs.push((c, 1)),
        }
    }
    runs
}

/// `[('3', 100), ('5', 100)]` as `3×100 5×100`.
pub fn show_runs(runs: &[(char, usize)]) -> String {
    runs.iter()
        .map(|(c, n)| format!("{c}×{n}"))
        .collect::<Vec<_>>()
        .join(" ")
}
