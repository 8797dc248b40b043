//! Tasks and cancellation: what Python's asyncio-task page says, in Rust.
//!
//! Run: `cargo run -p tasks` (English: `cargo run -p tasks -- --lang en`; the same output on
//! every machine: `--paused`)
//!
//! - [`task_object`]: `create_task` is `tokio::spawn`, and the `Task` object is a `JoinHandle`:
//!   await it for the result, `abort()` it, ask `is_finished()`; a `JoinError` says whether the
//!   task was cancelled or panicked.
//! - [`cancel_with_cleanup`] and [`abort_takes_effect_at_the_next_await`]: Python throws
//!   `CancelledError` into the coroutine; Rust drops the future where it waits. `Drop` runs then
//!   (and nothing can be awaited there), and code between two `.await`s is never cut short.
//! - [`blocking_work_cannot_be_aborted`]: `spawn_blocking` (`asyncio.to_thread`) work runs to its
//!   end whatever `abort()` says.
//! - [`select_loop`]: cancel safety. A future that was half done when `select!` dropped it loses
//!   what it had read; keeping it alive across the loop loses nothing.
//! - [`first_error_cancels_the_group`]: `asyncio.TaskGroup` is a `JoinSet` whose first error
//!   aborts the rest; [`graceful_shutdown`]: `CancellationToken` and `TaskTracker` stop workers
//!   between jobs, so no accepted job is lost.
//! - [`shielded_timeout`]: `asyncio.wait_for(shield(...))` is a spawned task with a timeout on its
//!   handle: the wait gives up, the work goes on. [`from_a_plain_thread`]:
//!   `run_coroutine_threadsafe` is `Handle::spawn`.
//! - [`retry`]: an async closure (`AsyncFn`) where Python passes a coroutine function.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use timeline::Timeline;
use timeline::clock::blocking_sleep_until;
use tokio::sync::mpsc;
use tokio::task::{JoinError, JoinSet};
use tokio::time::{Instant, sleep, timeout};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub const SECOND: Duration = Duration::from_secs(1);

/// How a task ended, as its `JoinHandle` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ended {
    /// `Ok(value)` at this time.
    Returned(u32, Duration),
    /// `Err(e)` with `e.is_panic()`.
    Panicked(Duration),
    /// `Err(e)` with `e.is_cancelled()`: it was aborted.
    Cancelled(Duration),
}

fn ended(result: Result<u32, JoinError>, at: Duration) -> Ended {
    match result {
        Ok(value) => Ended::Returned(value, at),
        Err(e) if e.is_panic() => Ended::Panicked(at),
        Err(_) => Ended::Cancelled(at),
    }
}

// ANCHOR: task_object
/// Three tasks and their handles: one returns 1 after a second, one panics after a second, one
/// would take five seconds but is aborted at two. Returns how each ended (when its handle gave
/// the result) and whether the five-second one was still running at one second.
pub async fn task_object() -> (Vec<Ended>, bool) {
    let start = Instant::now();
    let returns = tokio::spawn(async {
        sleep(SECOND).await;
        1
    });
    let panics = tokio::spawn(async {
        sleep(SECOND).await;
        panic!("lookup failed");
    });
    let aborted = tokio::spawn(async {
        sleep(5 * SECOND).await;
        5
    });
    let mut ends = vec![
        ended(returns.await, start.elapsed()),
        ended(panics.await, start.elapsed()),
    ];
    let running_at_one = !aborted.is_finished();
    sleep(SECOND).await;
    aborted.abort(); // Python: task.cancel()
    ends.push(ended(aborted.await, start.elapsed()));
    (ends, running_at_one)
}
// ANCHOR_END: task_object

// ANCHOR: cleanup
/// Says when it is dropped: with the future that owns it, when that future is cancelled.
pub struct Cleanup {
    tl: Timeline,
    start: Instant,
    what: &'static str,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        // Only plain code here: `Drop` cannot `.await` (no `finally: await conn.close()`).
        self.tl.say(format!(
            "{} {} s",
            self.what,
            timeline::secs(self.start.elapsed())
        ));
    }
}
// ANCHOR_END: cleanup

// ANCHOR: cancel_with_cleanup
/// A task that holds a connection (a [`Cleanup`] guard) while it waits five seconds, aborted at
/// two: the guard is dropped at two seconds, and the line after the wait never runs.
pub async fn cancel_with_cleanup(tl: &Timeline) -> Ended {
    let start = Instant::now();
    let task_tl = tl.clone();
    let task = tokio::spawn(tl.task("query", async move {
        let _connection = Cleanup {
            tl: task_tl.clone(),
            start,
            what: "connection closed at",
        };
        sleep(5 * SECOND).await;
        task_tl.say("query done"); // never said
        5
    }));
    sleep(2 * SECOND).await;
    task.abort();
    ended(task.await, start.elapsed())
}
// ANCHOR_END: cancel_with_cleanup

// ANCHOR: next_await
/// A task aborts itself in the middle of three steps of plain code: the steps still run to the
/// end, and the task stops at its next `.await`. Returns the lines it said.
pub async fn abort_takes_effect_at_the_next_await(tl: &Timeline) -> Vec<String> {
    let (give, mut take) = mpsc::channel(1);
    let task_tl = tl.clone();
    let task = tokio::spawn(async move {
        let me: tokio::task::AbortHandle = take.recv().await.expect("its own handle");
        task_tl.say("step 1");
        me.abort(); // asks for cancellation; nothing stops yet
        task_tl.say("step 2 (after abort)");
        task_tl.say("step 3 (after abort)");
        tokio::task::yield_now().await; // the next .await: cancelled here
        task_tl.say("step 4"); // never said
    });
    give.send(task.abort_handle())
        .await
        .expect("the task waits for it");
    let _ = task.await;
    tl.texts()
}
// ANCHOR_END: next_await

// ANCHOR: blocking
/// `spawn_blocking` work (three seconds of a blocking call), aborted after one: it runs to its end
/// at three seconds, and its handle gives its result, not a cancellation.
pub async fn blocking_work_cannot_be_aborted() -> Ended {
    let start = Instant::now();
    let deadline = start + 3 * SECOND;
    let work = tokio::task::spawn_blocking(move || {
        blocking_sleep_until(deadline); // std::thread::sleep, as the course's clock allows
        3
    });
    sleep(SECOND).await;
    work.abort(); // too late: blocking work cannot be stopped once it runs
    ended(work.await, start.elapsed())
}
// ANCHOR_END: blocking

/// How the messages of [`select_loop`] are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A new `read_pair` future each time round the loop: not cancel safe.
    NewEachRound,
    /// One `read_pair` future kept across the loop, pinned outside it.
    KeptAcrossRounds,
}

// ANCHOR: read_pair
/// Two messages, as one: the first is received and held in this future while it waits for the
/// second. Drop the future between the two, and the first is gone.
async fn read_pair(rx: &mut mpsc::Receiver<u32>) -> Option<(u32, u32)> {
    let first = rx.recv().await?;
    let second = rx.recv().await?;
    Some((first, second))
}
// ANCHOR_END: read_pair

// ANCHOR: select_loop
/// Six messages, one every 0.3 s, read in pairs by a loop that also ticks every second. Returns
/// the pairs read. With a new `read_pair` each round, a tick that wins while a pair is half read
/// drops the first message of that pair.
pub async fn select_loop(reading: Reading) -> Vec<(u32, u32)> {
    let (tx, mut rx) = mpsc::channel(8);
    tokio::spawn(async move {
        for n in 1..=6 {
            sleep(Duration::from_millis(300)).await;
            let _ = tx.send(n).await;
        }
    });
    let mut ticks = tokio::time::interval_at(Instant::now() + SECOND, SECOND);
    let mut pairs = Vec::new();
    match reading {
        Reading::NewEachRound => loop {
            tokio::select! {
                biased; // the same order every time (a tick and a message can come together)
                pair = read_pair(&mut rx) => match pair {
                    Some(pair) => pairs.push(pair),
                    None => break,
                },
                _ = ticks.tick() => {} // the half-read pair is dropped here
            }
        },
        Reading::KeptAcrossRounds => {
            let mut reading = Box::pin(read_pair(&mut rx));
            loop {
                tokio::select! {
                    biased;
                    pair = &mut reading => match pair {
                        Some(pair) => {
                            pairs.push(pair);
                            drop(reading);
                            reading = Box::pin(read_pair(&mut rx));
                        }
                        None => break,
                    },
                    _ = ticks.tick() => {} // the pair stays half read, in `reading`
                }
            }
        }
    }
    pairs
}
// ANCHOR_END: select_loop

/// A lookup that takes `secs` seconds and fails if `fails`, with a guard that says when it is
/// cancelled.
async fn lookup(tl: Timeline, start: Instant, secs: u64, fails: bool) -> Result<u64, String> {
    let guard = Cleanup {
        tl: tl.clone(),
        start,
        what: if fails {
            "lookup(failing) ended at"
        } else {
            "lookup ended at"
        },
    };
    sleep(Duration::from_secs(secs)).await;
    drop(guard);
    if fails {
        Err(format!("lookup of {secs} s failed"))
    } else {
        Ok(secs)
    }
}

// ANCHOR: task_group
/// `asyncio.TaskGroup`: three lookups (3 s, 1 s failing, 2 s) in a `JoinSet`; the first error
/// aborts the others at that moment and is returned. Returns the result and when it came.
pub async fn first_error_cancels_the_group(tl: &Timeline) -> (Result<Vec<u64>, String>, Duration) {
    let start = Instant::now();
    let mut group = JoinSet::new();
    for (secs, fails) in [(3, false), (1, true), (2, false)] {
        let name = format!("lookup({secs}{})", if fails { ", fails" } else { "" });
        group.spawn(tl.task(name, lookup(tl.clone(), start, secs, fails)));
    }
    let mut found = Vec::new();
    while let Some(joined) = group.join_next().await {
        match joined.expect("a lookup panicked") {
            Ok(secs) => found.push(secs),
            Err(e) => {
                // What TaskGroup does: cancel the others, and wait until they have stopped.
                group.abort_all();
                while group.join_next().await.is_some() {}
                return (Err(e), start.elapsed());
            }
        }
    }
    (Ok(found), start.elapsed())
}
// ANCHOR_END: task_group

// ANCHOR: graceful
/// Three workers take jobs (one second each) from a shared list until a shutdown at 2.5 s. The
/// token stops them between jobs, not in the middle of one; the tracker waits for them. Returns
/// the jobs done, in order, and when the shutdown was over.
pub async fn graceful_shutdown(jobs: u32) -> (Vec<u32>, Duration) {
    let start = Instant::now();
    let queue = Arc::new(Mutex::new((1..=jobs).collect::<Vec<u32>>()));
    let done = Arc::new(Mutex::new(Vec::new()));
    let token = CancellationToken::new();
    let tracker = TaskTracker::new();
    for _ in 0..3 {
        let (queue, done, token) = (Arc::clone(&queue), Arc::clone(&done), token.clone());
        tracker.spawn(async move {
            while !token.is_cancelled() {
                let Some(job) = queue.lock().unwrap().pop() else {
                    break;
                };
                sleep(SECOND).await; // the job: accepted jobs always finish
                done.lock().unwrap().push(job);
            }
        });
    }
    tracker.close();
    sleep(Duration::from_millis(2500)).await;
    token.cancel(); // shutdown: no new jobs
    tracker.wait().await; // the jobs in hand finish
    let mut done = done.lock().unwrap().clone();
    done.sort();
    (done, start.elapsed())
}
// ANCHOR_END: graceful

// ANCHOR: shield
/// `asyncio.wait_for(asyncio.shield(job()), 1)`: the job (3 s) runs as a task of its own, and
/// only the wait for its handle has a one-second limit. Returns when the wait gave up and when
/// the job finished anyway.
pub async fn shielded_timeout() -> (Duration, Duration) {
    let start = Instant::now();
    let mut job = tokio::spawn(async move {
        sleep(3 * SECOND).await;
        start.elapsed()
    });
    let gave_up = match timeout(SECOND, &mut job).await {
        Ok(_) => unreachable!("three seconds do not fit in one"),
        Err(_elapsed) => start.elapsed(),
    };
    let finished = job.await.expect("the job panicked");
    (gave_up, finished)
}
// ANCHOR_END: shield

// ANCHOR: from_a_plain_thread
/// `asyncio.run_coroutine_threadsafe(coro, loop)`: a plain thread hands a future to the runtime
/// through its `Handle`, and waits for the result on a channel (its `concurrent.futures.Future`).
pub async fn from_a_plain_thread() -> u32 {
    let handle = tokio::runtime::Handle::current();
    let (reply, answer) = tokio::sync::oneshot::channel();
    let thread = std::thread::spawn(move || {
        let task = handle.spawn(async { 40 + 2 });
        // Back on the runtime's side: the task's result goes to the thread's channel.
        handle.spawn(async move {
            let _ = reply.send(task.await.unwrap_or_default());
        });
    });
    thread.join().expect("the plain thread panicked");
    answer.await.expect("the task answered")
}
// ANCHOR_END: from_a_plain_thread

/// Why [`retry`] gave up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GaveUp<E> {
    /// Every attempt ran out of time.
    TimedOut,
    /// The last attempt failed with this error.
    Failed(E),
}

// ANCHOR: retry
/// Up to `attempts` tries of `op`, each limited to `limit`; the first `Ok` is the answer. `op` is
/// an async closure (`async || ...`, Rust 1.85): Python would pass a coroutine function and call
/// it once per try.
pub async fn retry<T, E>(
    attempts: u32,
    limit: Duration,
    op: impl AsyncFn() -> Result<T, E>,
) -> Result<T, GaveUp<E>> {
    let mut last = GaveUp::TimedOut;
    for _ in 0..attempts {
        match timeout(limit, op()).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(e)) => last = GaveUp::Failed(e),
            Err(_elapsed) => last = GaveUp::TimedOut,
        }
    }
    Err(last)
}
// ANCHOR_END: retry

/// A lookup that is slow (2 s) the first time, fails the second, and answers the third: for
/// [`retry`] with one-second tries. Returns the answer and when each try started.
pub async fn flaky_lookup_with_retry() -> (Result<u32, GaveUp<String>>, Vec<Duration>) {
    let start = Instant::now();
    let tries = Rc::new(RefCell::new(Vec::new()));
    let result = retry(3, SECOND, async || {
        tries.borrow_mut().push(start.elapsed());
        let attempt = tries.borrow().len();
        match attempt {
            1 => {
                sleep(2 * SECOND).await;
                Ok(1)
            }
            2 => Err("lookup failed".to_string()),
            _ => Ok(3),
        }
    })
    .await;
    let tries = tries.borrow().clone();
    (result, tries)
}
