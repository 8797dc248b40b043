//! Step 1: the run queue. Tasks wait in a slab; a waker puts its task's key on the queue; the
//! loop takes keys off the queue and polls those tasks, and nothing else.
//!
//! The future lesson's `tiny_block_on` polled one future and slept until its waker rang. Here
//! there are many futures (tasks), so a wake has to say *which* task to poll: each task's waker
//! carries the task's key. A waker may be called from any thread (`Waker` is `Send + Sync`), so
//! the queue is behind a `Mutex`, and a wake from another thread interrupts the reactor if the
//! loop is waiting there. The futures themselves never leave the loop's thread, so they need
//! not be `Send`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use crate::reactor::Reactor;
use crate::timer::{Clock, Time, Timers};

/// A task: a future that runs to the end by itself, its output already handed to its
/// [`JoinHandle`].
type Task = Pin<Box<dyn Future<Output = ()>>>;

/// The key of `block_on`'s own future, which lives on `block_on`'s stack, not in the slab.
const MAIN: u64 = u64::MAX;

// ANCHOR: run_queue
/// Where wakes go: task keys, from any thread.
pub(crate) struct RunQueue {
    keys: Mutex<VecDeque<u64>>,
    /// Set while the loop waits in the reactor: a wake must then interrupt the wait.
    parked: AtomicBool,
    /// Interrupts the reactor's wait (a `mio::Waker`: an eventfd on Linux).
    unpark: mio::Waker,
}

impl RunQueue {
    fn push(&self, key: u64) {
        self.keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push_back(key);
        if self.parked.load(Ordering::SeqCst) {
            let _ = self.unpark.wake();
        }
    }

    fn pop(&self) -> Option<u64> {
        self.keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop_front()
    }

    fn len(&self) -> usize {
        self.keys.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

/// A task's waker: its key and the queue. `std::task::Wake` turns an `Arc` of it into a
/// `Waker` without `unsafe`.
struct TaskWaker {
    key: u64,
    /// Already on the queue: a second wake before the poll adds nothing.
    queued: AtomicBool,
    queue: Arc<RunQueue>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::SeqCst) {
            self.queue.push(self.key);
        }
    }
}
// ANCHOR_END: run_queue

/// A place in the slab. The generation tells a task from an earlier one in the same place, so a
/// waker kept after its task ended wakes nothing.
struct Slot {
    generation: u32,
    task: Option<Task>,
    waker: Option<Arc<TaskWaker>>,
}

fn key(index: u32, generation: u32) -> u64 {
    (u64::from(generation) << 32) | u64::from(index)
}

/// Everything the loop owns. Reached from `spawn`, `sleep` and the sockets through a
/// thread-local, as tokio's `spawn` finds its runtime.
pub(crate) struct Core {
    slots: RefCell<Vec<Slot>>,
    free: RefCell<Vec<u32>>,
    queue: Arc<RunQueue>,
    pub(crate) time: Time,
    pub(crate) timers: RefCell<Timers>,
    pub(crate) reactor: Reactor,
    /// How the loop spent its time, for the demo and the tests.
    pub(crate) stats: RefCell<Stats>,
}

/// What the loop did: polls, and waits in the reactor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Tasks polled (`block_on`'s own future included).
    pub polls: u64,
    /// Tasks spawned.
    pub spawned: u64,
    /// Timers that fired.
    pub timers_fired: u64,
    /// Wakes that came from readiness events.
    pub io_wakes: u64,
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
}

/// Runs `f` with the loop this thread is running.
///
/// # Panics
///
/// Outside [`Runtime::block_on`], as tokio's `spawn` panics outside a runtime.
pub(crate) fn with_core<R>(f: impl FnOnce(&Rc<Core>) -> R) -> R {
    let core = CURRENT.with(|c| c.borrow().clone()).expect(
        "no event_loop runtime here: spawn, sleep and the sockets work inside Runtime::block_on",
    );
    f(&core)
}

/// Runs `f` with the loop this thread is running, if there is one (a socket dropped after
/// `block_on` returned has no loop left to leave).
pub(crate) fn try_with_core<R>(f: impl FnOnce(&Rc<Core>) -> R) -> Option<R> {
    CURRENT.with(|c| c.borrow().clone()).map(|core| f(&core))
}

/// The hand-built runtime: a run queue, a timer heap and a reactor, on one thread.
pub struct Runtime {
    core: Rc<Core>,
}

impl Runtime {
    /// A runtime on `clock`: real time, or virtual time that jumps to the next timer when
    /// nothing can run and no socket is ready (tokio's paused clock).
    pub fn new(clock: Clock) -> std::io::Result<Runtime> {
        let reactor = Reactor::new()?;
        let unpark = reactor.unpark_waker()?;
        Ok(Runtime {
            core: Rc::new(Core {
                slots: RefCell::new(Vec::new()),
                free: RefCell::new(Vec::new()),
                queue: Arc::new(RunQueue {
                    keys: Mutex::new(VecDeque::new()),
                    parked: AtomicBool::new(false),
                    unpark,
                }),
                time: Time::new(clock),
                timers: RefCell::new(Timers::default()),
                reactor,
                stats: RefCell::new(Stats::default()),
            }),
        })
    }

    /// What the loop has done so far.
    pub fn stats(&self) -> Stats {
        *self.core.stats.borrow()
    }

    // ANCHOR: block_on
    /// Runs `future` to the end, and every task it spawns while it runs (Python's
    /// `loop.run_until_complete`). Returns its output.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        let previous = CURRENT.with(|c| c.replace(Some(Rc::clone(&self.core))));
        let _restore = Restore(previous);
        let mut future = pin!(future);
        let main = Arc::new(TaskWaker {
            key: MAIN,
            queued: AtomicBool::new(false),
            queue: Arc::clone(&self.core.queue),
        });
        let waker = Waker::from(Arc::clone(&main));
        main.wake_by_ref();
        loop {
            // 1. Run what is ready: as many as were queued when this round began, so that a
            //    task that keeps waking itself cannot keep timers and sockets waiting.
            for _ in 0..self.core.queue.len() {
                let Some(key) = self.core.queue.pop() else {
                    break;
                };
                if key == MAIN {
                    main.queued.store(false, Ordering::SeqCst);
                    self.core.stats.borrow_mut().polls += 1;
                    if let Poll::Ready(output) =
                        future.as_mut().poll(&mut Context::from_waker(&waker))
                    {
                        return output;
                    }
                } else {
                    self.core.poll_task(key);
                }
            }
            // 2. Nothing left to run: wait for a timer or a socket (or, if tasks are still
            //    queued, only look without waiting).
            self.core.park();
        }
    }
    // ANCHOR_END: block_on
}

/// Puts back the runtime that was current before `block_on` (none, usually).
struct Restore(Option<Rc<Core>>);

impl Drop for Restore {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

impl Core {
    // ANCHOR: poll_task
    /// Polls the task with `key`, if it is still there: taken out of its slot for the poll, so
    /// that the task may spawn (which touches the slab) while it runs.
    fn poll_task(&self, key: u64) {
        let index = (key & u64::from(u32::MAX)) as usize;
        let generation = (key >> 32) as u32;
        let (mut task, waker) = {
            let mut slots = self.slots.borrow_mut();
            let Some(slot) = slots.get_mut(index) else {
                return;
            };
            if slot.generation != generation {
                return; // a waker of a task that has ended
            }
            let (Some(task), Some(waker)) = (slot.task.take(), slot.waker.clone()) else {
                return;
            };
            (task, waker)
        };
        waker.queued.store(false, Ordering::SeqCst);
        self.stats.borrow_mut().polls += 1;
        let done = task
            .as_mut()
            .poll(&mut Context::from_waker(&Waker::from(waker)))
            .is_ready();
        let mut slots = self.slots.borrow_mut();
        if done {
            let slot = &mut slots[index];
            slot.waker = None;
            slot.generation = slot.generation.wrapping_add(1);
            self.free.borrow_mut().push(index as u32);
        } else {
            slots[index].task = Some(task);
        }
    }
    // ANCHOR_END: poll_task

    fn spawn_task(&self, task: Task) {
        let mut slots = self.slots.borrow_mut();
        let index = match self.free.borrow_mut().pop() {
            Some(index) => index,
            None => {
                slots.push(Slot {
                    generation: 0,
                    task: None,
                    waker: None,
                });
                (slots.len() - 1) as u32
            }
        };
        let slot = &mut slots[index as usize];
        let waker = Arc::new(TaskWaker {
            key: key(index, slot.generation),
            queued: AtomicBool::new(false),
            queue: Arc::clone(&self.queue),
        });
        slot.task = Some(task);
        slot.waker = Some(Arc::clone(&waker));
        drop(slots);
        self.stats.borrow_mut().spawned += 1;
        waker.wake_by_ref(); // a new task is ready at once, as with tokio::spawn
    }

    // ANCHOR: park
    /// Nothing is queued (or a round ended): fire due timers, and wait in the reactor until a
    /// socket is ready or the next timer is due. On the virtual clock, time jumps to the next
    /// timer instead, once a look at the sockets (without waiting) found nothing.
    fn park(&self) {
        if self.fire_timers() > 0 {
            return;
        }
        let busy = self.queue.len() > 0;
        let next = self.timers.borrow().next_deadline();
        let wait = if busy {
            Some(Duration::ZERO)
        } else if self.time.is_virtual() {
            // Virtual time: look at the sockets without waiting; if nothing is ready and a
            // timer is pending, jump to it. With no timer, wait for a socket (or another
            // thread's wake).
            if next.is_some() {
                Some(Duration::ZERO)
            } else {
                None
            }
        } else {
            next.map(|at| at.saturating_sub(self.time.now()))
        };
        self.queue.parked.store(true, Ordering::SeqCst);
        let woken = if busy || self.queue.len() > 0 {
            self.reactor.turn(Some(Duration::ZERO))
        } else {
            self.reactor.turn(wait)
        };
        self.queue.parked.store(false, Ordering::SeqCst);
        self.stats.borrow_mut().io_wakes += woken as u64;
        if !busy
            && woken == 0
            && self.queue.len() == 0
            && self.time.is_virtual()
            && let Some(at) = next
        {
            self.time.advance_to(at);
        }
        self.fire_timers();
    }
    // ANCHOR_END: park

    fn fire_timers(&self) -> usize {
        let now = self.time.now();
        let fired = self.timers.borrow_mut().fire(now);
        self.stats.borrow_mut().timers_fired += fired as u64;
        fired
    }
}

// ANCHOR: spawn
/// Starts `future` as a task of the running loop (`asyncio.create_task`, `tokio::spawn`): it is
/// queued at once and runs whether or not the handle is awaited. `'static`: the task may
/// outlive the caller's stack. Not `Send`: it never leaves this thread.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    let state = Rc::new(RefCell::new(JoinState {
        output: None,
        finished: false,
        waiting: None,
    }));
    let done = Rc::clone(&state);
    let task = async move {
        let output = future.await;
        let mut done = done.borrow_mut();
        done.output = Some(output);
        done.finished = true;
        if let Some(waker) = done.waiting.take() {
            waker.wake();
        }
    };
    with_core(|core| core.spawn_task(Box::pin(task)));
    JoinHandle { state }
}

/// The output a task left, and who waits for it.
struct JoinState<T> {
    output: Option<T>,
    finished: bool,
    waiting: Option<Waker>,
}

/// Awaits a spawned task's output (`asyncio.Task`, `tokio::task::JoinHandle`). Dropping it lets
/// the task run on, detached.
pub struct JoinHandle<T> {
    state: Rc<RefCell<JoinState<T>>>,
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut state = self.state.borrow_mut();
        match state.output.take() {
            Some(output) => Poll::Ready(output),
            None => {
                state.waiting = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
// ANCHOR_END: spawn

impl<T> JoinHandle<T> {
    /// Whether the task has ended (`task.done()`).
    pub fn is_finished(&self) -> bool {
        self.state.borrow().finished
    }
}

/// Hands the thread back to the loop once (`asyncio.sleep(0)`, `tokio::task::yield_now`): wakes
/// itself and returns `Pending`, so every task queued before it runs first.
pub async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await;
}
