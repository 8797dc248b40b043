//! Step 2: timers. A heap of deadlines, each with the waker of the task that waits for it; the
//! loop fires the due ones and sleeps in the reactor until the next.
//!
//! asyncio keeps the same heap (`loop._scheduled`, a `heapq` of `TimerHandle`s) and tokio a
//! timer wheel (a hashed, hierarchical one: insertion and removal in constant time). A binary
//! heap is the simplest thing that finds the earliest deadline quickly: push and pop in
//! O(log n).

use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::executor::with_core;

/// Which clock a runtime runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Real time: a sleep takes as long as it says.
    Real,
    /// Virtual time (tokio's paused clock): when no task can run and no socket is ready, time
    /// jumps to the next deadline. The output is the same on every machine.
    Virtual,
}

/// The loop's clock: time since the runtime started.
pub(crate) struct Time {
    clock: Clock,
    start: Instant,
    /// Where virtual time stands.
    virtual_now: Cell<Duration>,
}

impl Time {
    pub(crate) fn new(clock: Clock) -> Time {
        Time {
            clock,
            start: Instant::now(),
            virtual_now: Cell::new(Duration::ZERO),
        }
    }

    pub(crate) fn now(&self) -> Duration {
        match self.clock {
            Clock::Real => self.start.elapsed(),
            Clock::Virtual => self.virtual_now.get(),
        }
    }

    pub(crate) fn is_virtual(&self) -> bool {
        self.clock == Clock::Virtual
    }

    /// Moves virtual time forward to `at` (never back).
    pub(crate) fn advance_to(&self, at: Duration) {
        if at > self.virtual_now.get() {
            self.virtual_now.set(at);
        }
    }
}

// ANCHOR: timers
/// One pending timer: when, and whom to wake. `seq` keeps timers with the same deadline in the
/// order they were set, so they fire first come, first served (as asyncio's and tokio's do).
struct Entry {
    at: Duration,
    seq: u64,
    waker: Waker,
}

// `BinaryHeap` is a max-heap: the entry that compares greatest comes out first, so the order is
// reversed here to make the earliest deadline the greatest.
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}

impl Eq for Entry {}

/// The timer heap.
#[derive(Default)]
pub(crate) struct Timers {
    heap: BinaryHeap<Entry>,
    seq: u64,
}

impl Timers {
    /// Wakes `waker` once time reaches `at`.
    pub(crate) fn add(&mut self, at: Duration, waker: Waker) {
        self.seq += 1;
        self.heap.push(Entry {
            at,
            seq: self.seq,
            waker,
        });
    }

    /// The earliest deadline, if any timer is pending: how long the loop may wait.
    pub(crate) fn next_deadline(&self) -> Option<Duration> {
        self.heap.peek().map(|e| e.at)
    }

    /// Wakes every timer due at `now`, earliest first. Returns how many.
    pub(crate) fn fire(&mut self, now: Duration) -> usize {
        let mut fired = 0;
        while self.heap.peek().is_some_and(|e| e.at <= now) {
            if let Some(entry) = self.heap.pop() {
                entry.waker.wake();
                fired += 1;
            }
        }
        fired
    }

    /// Pending timers.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.heap.len()
    }
}
// ANCHOR_END: timers

// ANCHOR: sleep
/// Waits `duration` (`asyncio.sleep`, `tokio::time::sleep`). The deadline is taken when
/// `sleep` is called, as tokio does, not when the future is first polled.
///
/// # Panics
///
/// Outside [`Runtime::block_on`](crate::Runtime::block_on).
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        at: now() + duration,
        waker: None,
    }
}

/// The future [`sleep`] returns.
pub struct Sleep {
    at: Duration,
    /// The waker last handed to the heap: a poll with the same waker adds nothing.
    waker: Option<Waker>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        with_core(|core| {
            if core.time.now() >= self.at {
                return Poll::Ready(());
            }
            let known = self.waker.as_ref().is_some_and(|w| w.will_wake(cx.waker()));
            if !known {
                // A dropped `Sleep` leaves its entry behind: it fires a wake nobody needs.
                // tokio removes it (its entries are linked into the wheel and unlinked on drop).
                core.timers.borrow_mut().add(self.at, cx.waker().clone());
                self.waker = Some(cx.waker().clone());
            }
            Poll::Pending
        })
    }
}
// ANCHOR_END: sleep

/// Time since the running loop started (`loop.time()`, relative).
///
/// # Panics
///
/// Outside [`Runtime::block_on`](crate::Runtime::block_on).
pub fn now() -> Duration {
    with_core(|core| core.time.now())
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::task::Wake;

    use super::*;

    /// A waker that writes its name down when woken.
    struct Named(&'static str, Arc<Mutex<Vec<&'static str>>>);

    impl Wake for Named {
        fn wake(self: Arc<Self>) {
            self.1.lock().unwrap().push(self.0);
        }
    }

    #[test]
    fn timers_fire_when_due_earliest_first_and_ties_in_order() {
        let woken = Arc::new(Mutex::new(Vec::new()));
        let waker = |name| Waker::from(Arc::new(Named(name, Arc::clone(&woken))));
        let mut timers = Timers::default();
        timers.add(Duration::from_secs(3), waker("late"));
        timers.add(Duration::from_secs(1), waker("first at 1 s"));
        timers.add(Duration::from_secs(1), waker("second at 1 s"));
        assert_eq!(timers.next_deadline(), Some(Duration::from_secs(1)));
        assert_eq!(timers.fire(Duration::from_millis(999)), 0);
        assert_eq!(timers.fire(Duration::from_secs(1)), 2);
        assert_eq!(*woken.lock().unwrap(), ["first at 1 s", "second at 1 s"]);
        assert_eq!(timers.next_deadline(), Some(Duration::from_secs(3)));
        assert_eq!(timers.fire(Duration::from_secs(10)), 1);
        assert_eq!(
            *woken.lock().unwrap(),
            ["first at 1 s", "second at 1 s", "late"]
        );
        assert_eq!(timers.next_deadline(), None);
        assert_eq!(timers.len(), 0);
    }
}
