//! Every compile-fail case of lesson 4 (`tests/ui/sleep/`), fixed: the same `good_night` with
//! only the fix, run as a test on the paused clock (the cases' `#[tokio::main]` would sleep a
//! real second). The book shows each mistake beside its twin.
//!
//! Both cases come with a compiler suggestion that makes the error go away and keeps the bug:
//! `let _ = tokio::time::sleep(..)` still sleeps zero seconds, and removing the `.await` from
//! `std::thread::sleep(..)` still blocks the thread. The fix is the one below.

// The twin of `forgotten_await_on_sleep.rs` must pass under the lint that rejects the mistake.
#![deny(unused_must_use)]

use std::time::Duration;

use tokio::time::Instant;

/// With `.await` the sleep is slept: `good_night` takes one second.
#[tokio::test(start_paused = true)]
async fn forgotten_await_on_sleep() {
    // ANCHOR: forgotten_await_on_sleep
    async fn good_night() {
        tokio::time::sleep(Duration::from_secs(1)).await;
        println!("good night");
    }
    // ANCHOR_END: forgotten_await_on_sleep
    let start = Instant::now();
    good_night().await;
    assert_eq!(start.elapsed(), Duration::from_secs(1));
}

/// tokio's sleep is the one that can be awaited: one second, with the thread handed back.
#[tokio::test(start_paused = true)]
async fn awaiting_thread_sleep() {
    // ANCHOR: awaiting_thread_sleep
    async fn good_night() {
        tokio::time::sleep(Duration::from_secs(1)).await;
        println!("good night");
    }
    // ANCHOR_END: awaiting_thread_sleep
    // On the paused clock only a tokio sleep moves time: the compiler's other suggestion,
    // `std::thread::sleep(..)` without `.await`, would leave this at zero.
    let start = Instant::now();
    good_night().await;
    assert_eq!(start.elapsed(), Duration::from_secs(1));
}
