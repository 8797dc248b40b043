//! Threads and tasks: Rust has no GIL, tokio's default runtime runs tasks in parallel, and the
//! reason to use async is what a waiting thing costs.
//!
//! Run: `cargo run -p threads` (English: `cargo run -p threads -- --lang en`; the same output
//! on every machine: `--paused`; the measurements: `cargo run --release -p threads -- bench`)
//!
//! - [`meet_at_a_barrier`]: two jobs that must both stand at a `std::sync::Barrier` at the same
//!   time. OS threads and tokio's multi-thread runtime get there; a current-thread runtime (the
//!   shape of Python's event loop) cannot, and is caught stuck by a timeout on another thread.
//!   That is parallelism shown by structure, not by a stopwatch.
//! - [`wait_many`]: N things that each wait one second, as tasks, as futures in one task.
//! - [`polls_for`]: the co-operative budget trap. Many futures polled inside one task (with
//!   `join_all` or `FuturesUnordered`) are polled again and again once the task's budget is
//!   spent, so the polls grow with the square of N; `unconstrained` and `JoinSet` stay at two
//!   polls each.
//! - [`tally_on_one_thread`] and [`sum_in_two_threads`]: what `Send` and `Sync` allow, and the
//!   two ways around them: `spawn_local` for single-threaded state, `std::thread::scope` for
//!   threads that borrow.
//!
//! The mistakes that go with this lesson do not compile; they live in `tests/ui/threads/`, and
//! `tests/fixed.rs` holds each one fixed. The measurements are `src/bench.rs`.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, mpsc};
use std::time::Duration;

use futures::stream::{FuturesUnordered, StreamExt};
use timeline::Timeline;
use tokio::runtime::Builder;
use tokio::task::{JoinSet, LocalSet};
use tokio::time::{Instant, sleep};

pub mod bench;

/// How long every waiting thing of this lesson waits (the notebook's `asyncio.sleep(1)`).
pub const SECOND: Duration = Duration::from_secs(1);

/// Where two jobs run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runner {
    /// Two `std::thread`s.
    Threads,
    /// Two tasks on tokio's multi-thread runtime (two worker threads), the runtime
    /// `#[tokio::main]` builds.
    MultiThread,
    /// Two tasks on a current-thread runtime: one thread, tasks take turns, like asyncio.
    CurrentThread,
}

impl Runner {
    pub const ALL: [Runner; 3] = [Runner::Threads, Runner::MultiThread, Runner::CurrentThread];

    pub fn code(self) -> &'static str {
        match self {
            Runner::Threads => "std::thread",
            Runner::MultiThread => "tokio multi-thread",
            Runner::CurrentThread => "tokio current-thread",
        }
    }
}

/// What happened at the barrier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Met {
    /// Both jobs stood at the barrier at the same time: they ran in parallel.
    Both,
    /// One job waits at the barrier forever: the other never ran while it waited.
    Stuck,
}

// ANCHOR: barrier
/// Two jobs that each must reach the same `Barrier` before either can go on. A barrier for two
/// lets its waiters through only when both stand at it at once, so the jobs finish only if they
/// ran at the same time. The jobs run on another thread; this one waits for them up to `limit`
/// and reports `Stuck` if they are not done by then (a stuck thread is left behind: nothing can
/// free a thread blocked at a barrier).
pub fn meet_at_a_barrier(runner: Runner, limit: Duration) -> Met {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let barrier = Arc::new(Barrier::new(2));
        match runner {
            Runner::Threads => {
                let jobs: Vec<_> = (0..2)
                    .map(|_| {
                        let barrier = Arc::clone(&barrier);
                        std::thread::spawn(move || {
                            barrier.wait();
                        })
                    })
                    .collect();
                for job in jobs {
                    job.join().expect("a job panicked");
                }
            }
            Runner::MultiThread | Runner::CurrentThread => {
                let runtime = if runner == Runner::MultiThread {
                    Builder::new_multi_thread().worker_threads(2).build()
                } else {
                    Builder::new_current_thread().build()
                }
                .expect("a tokio runtime");
                runtime.block_on(async {
                    // Spawned from outside the workers: each task waits in the shared queue
                    // for whichever worker is free.
                    let jobs: Vec<_> = (0..2)
                        .map(|_| {
                            let barrier = Arc::clone(&barrier);
                            tokio::spawn(async move {
                                // Blocking on purpose: this is the proof, not a pattern.
                                barrier.wait();
                            })
                        })
                        .collect();
                    for job in jobs {
                        job.await.expect("a job panicked");
                    }
                });
            }
        }
        let _ = done.send(());
    });
    match finished.recv_timeout(limit) {
        Ok(()) => Met::Both,
        Err(_) => Met::Stuck,
    }
}
// ANCHOR_END: barrier

/// How N waiting things are waited for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiter {
    /// One task each, in a `JoinSet`.
    Tasks,
    /// One future each, all inside one task in a `FuturesUnordered`, polled `unconstrained`.
    Futures,
}

impl Waiter {
    pub const ALL: [Waiter; 2] = [Waiter::Tasks, Waiter::Futures];

    pub fn code(self) -> &'static str {
        match self {
            Waiter::Tasks => "JoinSet (tokio::spawn)",
            Waiter::Futures => "FuturesUnordered",
        }
    }
}

// ANCHOR: wait_many
/// `n` things that each wait one second, all at once; returns how long the whole took (on a
/// paused clock: exactly one second, whatever `n`).
pub async fn wait_many(n: usize, waiter: Waiter) -> Duration {
    let start = Instant::now();
    match waiter {
        Waiter::Tasks => {
            let mut tasks = JoinSet::new();
            for _ in 0..n {
                tasks.spawn(sleep(SECOND));
            }
            while tasks.join_next().await.is_some() {}
        }
        Waiter::Futures => {
            // `unconstrained`: see `polls_for` for what the co-operative budget does otherwise.
            tokio::task::unconstrained(async {
                let mut waits: FuturesUnordered<_> = (0..n).map(|_| sleep(SECOND)).collect();
                while waits.next().await.is_some() {}
            })
            .await;
        }
    }
    start.elapsed()
}
// ANCHOR_END: wait_many

/// `n` one-second sleeps in one `FuturesUnordered`, as a future to spawn: the budget trap
/// of [`polls_for`], without the counting (for the benchmark).
pub fn in_a_task(n: usize) -> impl std::future::Future<Output = ()> + Send + 'static {
    let mut waits: FuturesUnordered<_> = (0..n).map(|_| sleep(SECOND)).collect();
    async move { while waits.next().await.is_some() {} }
}

/// What one waiting thing is, in memory: a tokio `Sleep` (held inline by whoever waits on it)
/// and the stack an OS thread reserves by default.
pub fn sizes() -> (usize, usize) {
    let one_wait = std::mem::size_of::<tokio::time::Sleep>();
    // std's default for spawned threads (RUST_MIN_STACK may change it): 2 MiB.
    (one_wait, 2 * 1024 * 1024)
}

/// How `n` futures are polled in [`polls_for`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    /// In one spawned task, in a `FuturesUnordered` (what `join_all` does for more than 30).
    InATask,
    /// The same, inside `tokio::task::unconstrained`.
    Unconstrained,
    /// One task each, in a `JoinSet`.
    JoinSet,
}

impl Budget {
    pub const ALL: [Budget; 3] = [Budget::InATask, Budget::Unconstrained, Budget::JoinSet];

    pub fn name(self, lang: timeline::cli::Lang) -> &'static str {
        match self {
            Budget::InATask => lang.t("태스크 안의 FuturesUnordered", "FuturesUnordered in a task"),
            Budget::Unconstrained => lang.t("같은 것, unconstrained", "the same, unconstrained"),
            Budget::JoinSet => "JoinSet",
        }
    }
}

/// A one-second sleep that counts its polls in `polls`.
async fn counted_sleep(polls: Arc<AtomicUsize>) {
    let mut nap = std::pin::pin!(sleep(SECOND));
    std::future::poll_fn(|cx| {
        polls.fetch_add(1, Ordering::Relaxed);
        nap.as_mut().poll(cx)
    })
    .await
}

// ANCHOR: polls_for
/// How many times `n` one-second sleeps are polled in all, waited for as `budget` says. Each
/// sleep needs two polls (one to start, one when it is over). Inside one task, tokio's
/// co-operative budget (128 operations per poll of the task) runs out after 128 sleeps; from
/// then on every sleep polled answers `Pending` and asks to be polled again, so each round polls
/// all the sleeps still waiting and only 128 get through: about n² / 256 polls in all.
pub async fn polls_for(n: usize, budget: Budget) -> usize {
    let polls = Arc::new(AtomicUsize::new(0));
    let sleeps = || (0..n).map(|_| counted_sleep(Arc::clone(&polls)));
    match budget {
        Budget::InATask => {
            let mut waits: FuturesUnordered<_> = sleeps().collect();
            tokio::spawn(async move { while waits.next().await.is_some() {} })
                .await
                .expect("the task panicked");
        }
        Budget::Unconstrained => {
            let mut waits: FuturesUnordered<_> = sleeps().collect();
            tokio::spawn(tokio::task::unconstrained(async move {
                while waits.next().await.is_some() {}
            }))
            .await
            .expect("the task panicked");
        }
        Budget::JoinSet => {
            let mut tasks = JoinSet::new();
            for wait in sleeps() {
                tasks.spawn(wait);
            }
            while tasks.join_next().await.is_some() {}
        }
    }
    polls.load(Ordering::Relaxed)
}
// ANCHOR_END: polls_for

/// [`polls_for`] with `FuturesUnordered` polled by `Runtime::block_on` itself, on a fresh
/// current-thread runtime on the paused clock: not a spawned task, and yet the same budget, for
/// tokio gives the future of `block_on` one too.
pub fn polls_from_block_on(n: usize) -> usize {
    let polls = Arc::new(AtomicUsize::new(0));
    let mut waits: FuturesUnordered<_> =
        (0..n).map(|_| counted_sleep(Arc::clone(&polls))).collect();
    timeline::clock::run(timeline::clock::Clock::Paused, async move {
        while waits.next().await.is_some() {}
    });
    polls.load(Ordering::Relaxed)
}

// ANCHOR: tally
/// Three tasks that each wait `1..=3` seconds and then write to one `Rc<RefCell<Vec<_>>>`:
/// state that is not `Send`, so the tasks are `spawn_local`ed on a `LocalSet` and stay on this
/// thread. Returns what they wrote, in the order they wrote it, with the time (the tasks are
/// traced on `tl` as `wait(3)`, `wait(1)`, `wait(2)`).
pub async fn tally_on_one_thread(tl: &Timeline) -> Vec<(u64, Duration)> {
    let start = Instant::now();
    let tally = Rc::new(RefCell::new(Vec::new()));
    let local = LocalSet::new();
    for secs in [3, 1, 2] {
        let tally = Rc::clone(&tally);
        let wait = async move {
            sleep(Duration::from_secs(secs)).await;
            tally.borrow_mut().push((secs, start.elapsed()));
        };
        local.spawn_local(tl.task(format!("wait({secs})"), wait));
    }
    local.await;
    tally.take()
}
// ANCHOR_END: tally

// ANCHOR: scoped
/// The sum of `numbers`, each half summed on a thread of its own. The threads borrow `numbers`:
/// `std::thread::scope` waits for them before it returns, so the borrow cannot outlive the data.
pub fn sum_in_two_threads(numbers: &[u64]) -> u64 {
    let (left, right) = numbers.split_at(numbers.len() / 2);
    std::thread::scope(|scope| {
        let left = scope.spawn(|| left.iter().sum::<u64>());
        let right = scope.spawn(|| right.iter().sum::<u64>());
        left.join().expect("a thread panicked") + right.join().expect("a thread panicked")
    })
}
// ANCHOR_END: scoped
