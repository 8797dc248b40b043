//! 이 파일의 실행기는 태스크를 poll하고, 깰 태스크가 없으면 다음 타이머의 시각으로 가상 시계를 옮긴다.
//! 그런데 타이머 힙이 비어 있다. 힙의 순서(`Entry`의 `Ord`), `Timers`의 세 메서드, 그리고 `Sleep`의
//! `poll`을 채우자. asyncio의 `loop._scheduled`가 `heapq`로 하는 일이고, 11장의 `timer.rs`가 하는
//! 일이다. 주의할 점: Rust의 `BinaryHeap`은 가장 *큰* 것부터 꺼낸다. 마감이 같은 타이머는 넣은
//! 순서대로 울려야 한다. 같은 waker로 두 번 poll된 `Sleep`은 타이머를 하나만 남긴다.
//!
//! The executor in this file polls tasks and, when no task is awake, moves its virtual clock to
//! the next timer. But the timer heap is empty. Fill in the heap's order (`Entry`'s `Ord`), the
//! three methods of `Timers`, and `Sleep::poll`: what asyncio's `loop._scheduled` does with
//! `heapq`, and chapter 11's `timer.rs`. Mind that Rust's `BinaryHeap` pops the *greatest* entry
//! first; timers with the same deadline fire in the order they were added; a `Sleep` polled
//! twice with the same waker leaves one timer, not two.

use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

/// One pending timer: when (time since the executor started), the order it was added in, and
/// whom to wake.
pub struct Entry {
    pub at: Duration,
    pub seq: u64,
    pub waker: Waker,
}

/// The heap pops the greatest entry first, so the *earliest* deadline must compare greatest;
/// of two with the same deadline, the one added first (smaller `seq`).
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // TODO: 마감이 가장 이른 항목이 가장 크게, 마감이 같으면 먼저 넣은 쪽이 크게.
        // TODO: the earliest deadline compares greatest; on a tie, the one added first.
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint event_loop/timers
        // TODO: complete this. Stuck? cargo run -p course -- hint event_loop/timers
        todo!()
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

/// The timer heap.
#[derive(Default)]
pub struct Timers {
    pub heap: BinaryHeap<Entry>,
    /// How many timers were ever added: the next `seq`.
    pub added: u64,
}

impl Timers {
    /// Wakes `waker` once the clock reaches `at`.
    pub fn add(&mut self, at: Duration, waker: Waker) {
        // TODO: `seq`를 매겨 힙에 넣자.
        // TODO: number the entry with `seq` and push it.
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint event_loop/timers
        // TODO: complete this. Stuck? cargo run -p course -- hint event_loop/timers
        todo!()
    }

    /// The earliest pending deadline, if any: where the executor moves the clock when no task is
    /// awake.
    pub fn next_deadline(&self) -> Option<Duration> {
        // TODO: 꺼내지 말고 맨 위의 마감만 보자.
        // TODO: look at the top deadline without popping it.
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint event_loop/timers
        // TODO: complete this. Stuck? cargo run -p course -- hint event_loop/timers
        todo!()
    }

    /// Wakes every timer due at `now` (deadline ≤ now), earliest first, and removes it. Returns
    /// how many it woke.
    pub fn wake_due(&mut self, now: Duration) -> usize {
        // TODO: 마감이 된 것을 이른 것부터 꺼내 깨우고 세자.
        // TODO: pop what is due, earliest first, wake each and count them.
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint event_loop/timers
        // TODO: complete this. Stuck? cargo run -p course -- hint event_loop/timers
        todo!()
    }

    /// Pending timers.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

/// The executor's state that `sleep` and `now` reach: the virtual clock and the timers.
struct Core {
    now: Cell<Duration>,
    timers: RefCell<Timers>,
}

thread_local! {
    static CORE: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
}

fn core() -> Rc<Core> {
    CORE.with(|c| c.borrow().clone())
        .expect("sleep and now work inside timers::run only")
}

/// Time on the executor's virtual clock.
pub fn now() -> Duration {
    core().now.get()
}

/// Timers pending in the running executor's heap.
pub fn pending_timers() -> usize {
    core().timers.borrow().len()
}

/// Sleeps `duration` on the executor's virtual clock. The deadline is taken now, when `sleep`
/// is called.
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        at: now() + duration,
        waker: None,
    }
}

/// The future [`sleep`] returns.
pub struct Sleep {
    /// The deadline.
    pub at: Duration,
    /// The waker last handed to the timers, if any.
    pub waker: Option<Waker>,
}

impl Future for Sleep {
    type Output = ();

    /// `Ready` once the clock has reached the deadline. Otherwise hands the timers this task's
    /// waker (unless the timers already hold a waker that wakes the same task: see
    /// `Waker::will_wake`) and returns `Pending`. Reach the timers with
    /// `core().timers.borrow_mut()` and the clock with `now()`.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // TODO: 마감이면 `Ready`, 아니면 waker를 타이머에 맡기고(같은 태스크면 한 번만) `Pending`.
        // TODO: `Ready` at the deadline; otherwise hand the timers the waker (once per task),
        //       then `Pending`.
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint event_loop/timers
        // TODO: complete this. Stuck? cargo run -p course -- hint event_loop/timers
        todo!()
    }
}

/// The one task's waker: a flag the executor reads.
struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, AtomicOrdering::SeqCst);
    }
}

/// What [`run`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ran {
    /// When the future finished, on the virtual clock.
    pub ended_at: Duration,
    /// How many times it was polled.
    pub polls: u32,
}

/// Runs `future` on a virtual clock that starts at 0 (given: not part of the exercise). Polls
/// it when it was woken; when it was not, moves the clock to the next timer and wakes what is
/// due. Returns its output and what the run took.
///
/// # Panics
///
/// When the future waits and no timer is pending: nothing could ever wake it.
pub fn run<F: Future>(future: F) -> (F::Output, Ran) {
    let core = Rc::new(Core {
        now: Cell::new(Duration::ZERO),
        timers: RefCell::new(Timers::default()),
    });
    CORE.with(|c| *c.borrow_mut() = Some(Rc::clone(&core)));
    let flag = Arc::new(Flag(AtomicBool::new(true)));
    let waker = Waker::from(Arc::clone(&flag));
    let mut future = pin!(future);
    let mut polls = 0;
    let output = loop {
        if flag.0.swap(false, AtomicOrdering::SeqCst) {
            polls += 1;
            if let Poll::Ready(output) = future.as_mut().poll(&mut Context::from_waker(&waker)) {
                break output;
            }
            continue;
        }
        let next = core.timers.borrow().next_deadline();
        let Some(at) = next else {
            panic!(
                "the future waits, but no timer is pending: nothing will ever wake it \
                 (does Sleep::poll hand its waker to the timers?)"
            );
        };
        core.now.set(core.now.get().max(at));
        let due = core.now.get();
        let woke = core.timers.borrow_mut().wake_due(due);
        if woke == 0 {
            panic!(
                "the clock moved to {at:?}, the earliest deadline, but wake_due woke no timer \
                 (is a timer with deadline <= now due?)"
            );
        }
    };
    CORE.with(|c| *c.borrow_mut() = None);
    (
        output,
        Ran {
            ended_at: core.now.get(),
            polls,
        },
    )
}
