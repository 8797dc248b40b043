//! 파이썬의 `loop.run_until_complete(coro)`를 아주 작게 직접 만들어 보자. `block_on`은 퓨처를
//! poll하고, `Pending`이면 waker가 울릴 때까지 스레드를 재웠다가 다시 poll한다. 그 사이에
//! 쉬지 않고 poll만 반복하면 코어 하나를 태우고, waker 없이 기다리면 언제 다시 poll할지 모른다.
//! waker는 주어진 `Doorbell`을 `std::task::Wake`로 바꿔서 만든다(`unsafe`도 vtable도 필요 없다).
//! 테스트는 스스로 N번 깨우는 퓨처, 다른 스레드가 깨우는 퓨처, poll이 끝나기도 전에 깨우는
//! 퓨처를 돌려 보며 poll 횟수와 깨움 횟수를 센다.
//!
//! Build a very small version of Python's `loop.run_until_complete(coro)`. `block_on` polls
//! the future; on `Pending` it puts the thread to sleep until the waker rings, then polls again.
//! Polling over and over meanwhile burns a core; waiting without a waker never knows when to
//! poll again. The waker is the given `Doorbell`, turned into a `Waker` through
//! `std::task::Wake` (no `unsafe`, no vtable). The tests count polls and wakes, with futures
//! that wake themselves N times, futures woken from another thread, and futures woken before
//! their poll has returned.

use std::future::Future;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Condvar, Mutex};
use std::task::Wake;

/// What [`block_on`] counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// How many times it called `poll`.
    pub polls: usize,
    /// How many times the future's waker was woken (by `wake` or `wake_by_ref`, from any
    /// thread).
    pub wakes: usize,
}

/// The waker of [`block_on`]. A `Waker` may be cloned, sent to another thread and woken from
/// there, so everything in here can be shared across threads.
#[derive(Default)]
struct Doorbell {
    /// Whether the bell has rung since `block_on` last polled: set by `wake`, cleared by
    /// `block_on` when it goes back to polling.
    rung: Mutex<bool>,
    /// Where `block_on` sleeps until `rung` is set: `wake` notifies it.
    ring: Condvar,
    /// Counted up by every `wake`; read by `block_on` for [`Counts::wakes`].
    wakes: AtomicUsize,
}

impl Wake for Doorbell {
    // (`wake_by_ref` comes for free: by default it clones the `Arc` and calls this.)
    // TODO: 깨움을 세고, `rung`을 세우고, 기다리는 `block_on`을 깨우자.
    //       / Count the wake, set `rung`, and wake up the waiting `block_on`.
    fn wake(self: Arc<Self>) {
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint future/tiny_block_on
        // TODO: complete this. Stuck? cargo run -p course -- hint future/tiny_block_on
        todo!()
    }
}

/// Runs `future` to the end on this thread and says how many polls and wakes it took: one poll
/// to begin with, then one more each time the waker has rung since the last poll (several wakes
/// before the next poll call for one poll).
// TODO: `Doorbell`로 waker를 만들고, 퓨처를 고정(pin)한 뒤 "poll하고, `Pending`이면 울릴 때까지
//       기다리기"를 반복하자.
//       / Make a waker from a `Doorbell`, pin the future, then loop: poll; on `Pending`, wait
//       until the bell rings.
pub fn block_on<F: Future>(future: F) -> (F::Output, Counts) {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint future/tiny_block_on
    // TODO: complete this. Stuck? cargo run -p course -- hint future/tiny_block_on
    todo!()
}
