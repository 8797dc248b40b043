//! The passing twin of each compile-fail case in `tests/ui/future/`: the same code with only
//! the fix, run as a test. The book shows each pair side by side.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker, ready};
use std::time::Duration;

use pin_project::pin_project;
use tokio::time::{Instant, Sleep, sleep};

// ANCHOR: poll_unpinned_future
async fn find_user(i: u32) -> u32 {
    tokio::time::sleep(Duration::from_secs(1)).await;
    i
}

#[tokio::test(start_paused = true)]
async fn poll_unpinned_future_fixed() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut future = pin!(find_user(1)); // the fix: pin it, then poll through `as_mut()`
    assert_eq!(future.as_mut().poll(&mut cx), Poll::Pending);
    // Pinned, it can be polled again and again: a second later the same future is ready.
    tokio::time::advance(Duration::from_secs(1)).await;
    assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready(1));
}
// ANCHOR_END: poll_unpinned_future

// ANCHOR: pinned_field_without_projection
#[pin_project]
struct LookUp {
    i: u32,
    #[pin]
    sleep: Sleep,
}

impl Future for LookUp {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let this = self.project(); // the fix: `Pin<&mut Sleep>` for `sleep`, `&mut u32` for `i`
        ready!(this.sleep.poll(cx));
        Poll::Ready(*this.i)
    }
}

#[tokio::test(start_paused = true)]
async fn pinned_field_without_projection_fixed() {
    let start = Instant::now();
    let sleep = sleep(Duration::from_secs(1));
    assert_eq!(LookUp { i: 7, sleep }.await, 7);
    assert_eq!(start.elapsed(), Duration::from_secs(1));
}
// ANCHOR_END: pinned_field_without_projection

// ANCHOR: waker_counter_in_a_cell
struct Counter {
    wakes: AtomicUsize, // the fix: an atomic counter, which any thread may add to
}

impl Wake for Counter {
    fn wake(self: Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn waker_counter_in_a_cell_fixed() {
    let counter = Arc::new(Counter {
        wakes: AtomicUsize::new(0),
    });
    let waker = Waker::from(Arc::clone(&counter));
    waker.wake_by_ref();
    assert_eq!(counter.wakes.load(Ordering::SeqCst), 1);
    // What `Send + Sync` is for: a clone of the waker, woken on another thread.
    let elsewhere = waker.clone();
    std::thread::spawn(move || elsewhere.wake()).join().unwrap();
    assert_eq!(counter.wakes.load(Ordering::SeqCst), 2);
}
// ANCHOR_END: waker_counter_in_a_cell
