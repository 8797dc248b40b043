//! A tiny executor: poll the future; if it is `Pending`, wait until its waker rings; poll again.
//!
//! This is the loop inside asyncio's `loop.run_until_complete(coro)` and tokio's
//! `Runtime::block_on(future)`, cut down to one future, with counters for its polls and wakes.
//! A `Waker` is how a future that cannot go on says "poll me again when this is ready": it hands the waker to
//! whatever it waits for (here tokio's timer), and that thing calls `wake()` when the time has
//! come. An executor that polled in a loop without waiting would work too, and burn a core;
//! one that waited without a waker would never know when to go on.
//!
//! What wakes a `tokio::time::Sleep` is tokio's timer driver, which lives inside a tokio
//! runtime; on a current-thread runtime such as `timers` it runs only while some thread is
//! inside that runtime's `block_on` (on a multi-thread runtime, idle workers drive it). So the wait
//! between two polls is `timers.block_on(alarm.rung())`: this thread lends itself to tokio's
//! driver until our waker rings. That is the same place where asyncio's loop sleeps in
//! `selector.select(timeout)` until the nearest timer or some I/O is due.
//!
//! The road not taken: park this thread with `std::thread::park` and run the runtime's driver
//! on a second thread, with a waker that unparks us. On the real clock that works. On the
//! paused clock it is not deterministic: as soon as our poll registers a new `Sleep`, the other
//! thread may auto-advance virtual time and fire it while this thread is still inside the
//! poll, so a time read after the registration can be a second late, and a `Sleep` can even
//! come back `Ready` from its first poll (tokio registers the timer before it stores the
//! waker). Measured with tokio 1.54.1 on two cores: one run of `find_users(3)` in 2000 polled
//! 3 times with 2 wakes instead of 4 and 3, and one in 30 with three such programs running at
//! once. With one thread, time moves only while we wait, as in tokio's own current-thread
//! runtime, and 9000 runs gave 4 polls and 3 wakes every time.

use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use tokio::runtime::Runtime;

/// What [`block_on`] counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    /// How many times it called `poll`.
    pub polls: usize,
    /// How many times the future's waker was woken.
    pub wakes: usize,
}

// ANCHOR: wake
/// The waker [`block_on`] hands to the future. `Waker::from(Arc<Alarm>)` turns it into a
/// `std::task::Waker` through the [`Wake`] trait: no `unsafe`, no hand-made vtable. A waker
/// can be cloned, sent to another thread and woken from there, so everything in here is
/// shareable across threads (atomics and a mutex, not `Cell`s).
#[derive(Default)]
struct Alarm {
    /// Set by `wake`; cleared by [`Alarm::rung`] when `block_on` goes back to polling.
    rung: AtomicBool,
    /// Counted up by every `wake`; read by `block_on` when the future is done.
    wakes: AtomicUsize,
    /// The waker of the wait that is waiting for this alarm (tokio's `block_on` has a waker of
    /// its own): stored by [`Alarm::rung`], taken and woken by `wake`.
    waiting: Mutex<Option<Waker>>,
}

impl Wake for Alarm {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
        self.rung.store(true, Ordering::SeqCst);
        if let Some(waiting) = self.waiting().take() {
            waiting.wake();
        }
    }
}
// ANCHOR_END: wake

impl Alarm {
    /// A future that is ready once the alarm has rung since the last time it was.
    async fn rung(&self) {
        std::future::poll_fn(|cx| {
            // Check and store under the lock: a `wake` between the two would otherwise find
            // no waiter to wake, and the wait would never end.
            let mut waiting = self.waiting();
            if self.rung.swap(false, Ordering::SeqCst) {
                Poll::Ready(())
            } else {
                *waiting = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await;
    }

    fn waiting(&self) -> std::sync::MutexGuard<'_, Option<Waker>> {
        // Nothing panics while holding this lock, so a poisoned one still holds a valid value.
        self.waiting
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

// ANCHOR: block_on
/// Runs `future` to the end on this thread and says how many polls and wakes it took.
///
/// `timers` is a current-thread tokio runtime used only for its timer: it wakes our waker when
/// a `Sleep` is due. Build one with `timeline::clock::runtime(clock)`.
pub fn block_on<F: Future>(timers: &Runtime, future: F) -> (F::Output, Counts) {
    // While polling, `tokio::time::sleep` finds the timer to register with through this.
    let _context = timers.enter();
    let alarm = Arc::new(Alarm::default());
    let waker = Waker::from(Arc::clone(&alarm));
    let mut cx = Context::from_waker(&waker);
    // `poll` takes `Pin<&mut Self>`: the future must stay where it is from its first poll on.
    let mut future = pin!(future);
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            let wakes = alarm.wakes.load(Ordering::SeqCst);
            return (output, Counts { polls, wakes });
        }
        // `Pending`: the future has given our waker to whatever it waits for. Until that rings
        // there is nothing to do, so lend the thread to tokio's timer driver until it does.
        timers.block_on(alarm.rung());
    }
}
// ANCHOR_END: block_on
