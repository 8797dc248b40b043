//! Queues and limits: asyncio's queue and synchronisation pages, in Rust.
//!
//! Run: `cargo run -p queue` (English: `cargo run -p queue -- --lang en`; the same output on
//! every machine: `--paused`)
//!
//! - [`backpressure`]: `asyncio.Queue(maxsize)` is a bounded `tokio::sync::mpsc` channel. A full
//!   queue makes the producer wait; `task_done()`/`join()` is the producer dropping its sender and
//!   the workers draining the channel.
//! - [`limited`]: `asyncio.Semaphore(10)` around 1000 one-second lookups: exactly 100 s, and the
//!   same with `StreamExt::buffer_unordered(10)`.
//! - [`two_tasks_one_lock`]: `asyncio.Lock` is `tokio::sync::Mutex`; a `std::sync::Mutex` guard
//!   held across an `.await` on one thread deadlocks, caught by a watchdog.
//! - [`event`], [`one_reply`], [`latest_value`], [`everyone_hears`] and [`meet`]: `Event` is
//!   `Notify`; a one-time reply is `oneshot`; "the latest value" is `watch`; every subscriber
//!   hears every message with `broadcast`; `Barrier` is `tokio::sync::Barrier`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc as std_mpsc};
use std::time::Duration;

use futures::stream::{self, StreamExt};
use tokio::sync::{Barrier, Mutex, Notify, Semaphore, broadcast, mpsc, oneshot, watch};
use tokio::time::{Instant, sleep};

pub const SECOND: Duration = Duration::from_secs(1);

/// What [`backpressure`] saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backpressure {
    /// When each item's `send` returned (it was in the queue).
    pub sent: Vec<Duration>,
    /// `(item, when it was done)`, in the order the workers finished them.
    pub done: Vec<(u32, Duration)>,
    /// When the producer's `join` (awaiting the workers) returned.
    pub joined: Duration,
}

// ANCHOR: backpressure
/// A producer puts `items` jobs into a queue of `capacity`; `workers` workers take them, one
/// second each. The producer waits whenever the queue is full. When it has put everything, it
/// drops its sender; the workers end when the queue is empty and closed, and awaiting them is
/// Python's `queue.join()`.
pub async fn backpressure(items: u32, capacity: usize, workers: usize) -> Backpressure {
    let start = Instant::now();
    let (tx, rx) = mpsc::channel(capacity);
    // One receiver, shared by the workers: whoever holds the lock takes the next job.
    let rx = Arc::new(Mutex::new(rx));
    let done = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut crew = Vec::new();
    for _ in 0..workers {
        let (rx, done) = (Arc::clone(&rx), Arc::clone(&done));
        crew.push(tokio::spawn(async move {
            loop {
                let job = rx.lock().await.recv().await;
                let Some(job) = job else { break }; // closed and empty: no more work
                sleep(SECOND).await;
                done.lock().unwrap().push((job, start.elapsed()));
            }
        }));
    }
    let mut sent = Vec::new();
    for job in 1..=items {
        tx.send(job).await.expect("the workers are there"); // waits while the queue is full
        sent.push(start.elapsed());
    }
    drop(tx); // nothing more: the workers stop once the queue is empty
    for worker in crew {
        worker.await.expect("a worker panicked");
    }
    let done = done.lock().unwrap().clone();
    Backpressure {
        sent,
        done,
        joined: start.elapsed(),
    }
}
// ANCHOR_END: backpressure

/// How [`limited`] bounds the lookups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// A `Semaphore` with `limit` permits, one task per lookup.
    Semaphore,
    /// `buffer_unordered(limit)` over a stream of lookups, in one task.
    BufferUnordered,
}

// ANCHOR: limited
/// `n` one-second lookups with at most `limit` running at once. Returns how long it took and
/// the most that ran at the same time.
pub async fn limited(n: usize, limit: usize, how: Limit) -> (Duration, usize) {
    let start = Instant::now();
    let running = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let lookup = {
        let (running, most) = (Arc::clone(&running), Arc::clone(&most));
        move || {
            let (running, most) = (Arc::clone(&running), Arc::clone(&most));
            async move {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                sleep(SECOND).await;
                running.fetch_sub(1, Ordering::SeqCst);
            }
        }
    };
    match how {
        Limit::Semaphore => {
            let permits = Arc::new(Semaphore::new(limit));
            let mut tasks = tokio::task::JoinSet::new();
            for _ in 0..n {
                let (permits, lookup) = (Arc::clone(&permits), lookup.clone());
                tasks.spawn(async move {
                    let _permit = permits.acquire().await.expect("never closed");
                    lookup().await; // the permit goes back when `_permit` is dropped
                });
            }
            while tasks.join_next().await.is_some() {}
        }
        Limit::BufferUnordered => {
            stream::iter(0..n)
                .map(|_| lookup())
                .buffer_unordered(limit)
                .collect::<Vec<()>>()
                .await;
        }
    }
    (start.elapsed(), most.load(Ordering::SeqCst))
}
// ANCHOR_END: limited

/// Which lock [`two_tasks_one_lock`] uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lock {
    /// `tokio::sync::Mutex`: waiting for it is an `.await`.
    Tokio,
    /// `std::sync::Mutex`, its guard held across an `.await`: waiting for it blocks the thread.
    Std,
}

// ANCHOR: two_tasks_one_lock
/// Two tasks on one thread each take the lock, wait a second holding it, and let go. With
/// tokio's mutex the second waits its turn (done at 2 s); with std's, the second blocks the only
/// thread while the first, holding the lock, waits to be polled again: a deadlock. The tasks run
/// on another thread, and this one reports `None` if they are not done within `limit`.
#[allow(clippy::await_holding_lock)] // the deadlock is what this shows
pub fn two_tasks_one_lock(lock: Lock, limit: Duration) -> Option<Duration> {
    let (done, finished) = std_mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("a runtime");
        let took = runtime.block_on(async {
            let start = Instant::now();
            match lock {
                Lock::Tokio => {
                    let shared = Mutex::new(0);
                    let hold = async || {
                        let mut count = shared.lock().await; // waits without holding the thread
                        sleep(SECOND).await;
                        *count += 1;
                    };
                    tokio::join!(hold(), hold());
                }
                Lock::Std => {
                    let shared = std::sync::Mutex::new(0);
                    let hold = async || {
                        let mut count = shared.lock().unwrap(); // blocks the thread if taken
                        sleep(SECOND).await; // ...while the holder waits for this same thread
                        *count += 1;
                    };
                    tokio::join!(hold(), hold());
                }
            }
            start.elapsed()
        });
        let _ = done.send(took);
    });
    finished.recv_timeout(limit).ok()
}
// ANCHOR_END: two_tasks_one_lock

// ANCHOR: event
/// `asyncio.Event`: three waiters before `set()` at 2 s, one after. `Notify::notify_waiters`
/// wakes the ones waiting; a flag (`watch`) lets a late waiter through at once. Returns when each
/// waiter went on.
pub async fn event() -> Vec<Duration> {
    let start = Instant::now();
    let (set, is_set) = watch::channel(false);
    let mut waiters = tokio::task::JoinSet::new();
    for delay in [0, 1, 1, 3] {
        let mut is_set = is_set.clone();
        waiters.spawn(async move {
            sleep(Duration::from_secs(delay)).await;
            // `wait_for` returns at once if the flag is already true: Event.wait() after set().
            is_set
                .wait_for(|&set| set)
                .await
                .expect("the event is there");
            start.elapsed()
        });
    }
    sleep(2 * SECOND).await;
    set.send_replace(true); // Event.set()
    let mut went_on = waiters.join_all().await;
    went_on.sort();
    went_on
}
// ANCHOR_END: event

/// `Notify` alone: `notify_one` leaves a permit for a waiter that comes later, and
/// `notify_waiters` wakes only those already waiting. Returns (the late waiter got through at once,
/// woken count).
pub async fn notify_alone() -> (bool, usize) {
    let bell = Arc::new(Notify::new());
    bell.notify_one(); // no one waits: a permit is kept
    let late = tokio::time::timeout(Duration::ZERO, bell.notified())
        .await
        .is_ok();
    let woken = Arc::new(AtomicUsize::new(0));
    let mut waiters = tokio::task::JoinSet::new();
    for _ in 0..3 {
        let (bell, woken) = (Arc::clone(&bell), Arc::clone(&woken));
        waiters.spawn(async move {
            bell.notified().await;
            woken.fetch_add(1, Ordering::SeqCst);
        });
    }
    sleep(SECOND).await; // let them start waiting
    bell.notify_waiters();
    waiters.join_all().await;
    (late, woken.load(Ordering::SeqCst))
}

// ANCHOR: one_reply
/// One reply to one request: a `oneshot` channel (asyncio: a `Future` the other side sets).
pub async fn one_reply() -> u32 {
    let (reply, answer) = oneshot::channel();
    tokio::spawn(async move {
        sleep(SECOND).await;
        let _ = reply.send(42);
    });
    answer.await.expect("the sender answered")
}
// ANCHOR_END: one_reply

// ANCHOR: latest_value
/// The latest value only: `watch`. A reader that looks at 2.5 s sees the value of 2 s, not the
/// three that came before.
pub async fn latest_value() -> u32 {
    let (tx, rx) = watch::channel(0);
    tokio::spawn(async move {
        for version in 1..=3 {
            sleep(SECOND).await;
            tx.send_replace(version);
        }
    });
    sleep(Duration::from_millis(2500)).await;
    *rx.borrow()
}
// ANCHOR_END: latest_value

// ANCHOR: everyone_hears
/// Every subscriber hears every message: `broadcast`. Two subscribers, three messages.
pub async fn everyone_hears() -> Vec<Vec<u32>> {
    let (tx, _) = broadcast::channel(8);
    let mut listeners = Vec::new();
    for _ in 0..2 {
        let mut rx = tx.subscribe();
        listeners.push(tokio::spawn(async move {
            let mut heard = Vec::new();
            while let Ok(message) = rx.recv().await {
                heard.push(message);
            }
            heard
        }));
    }
    for message in [1, 2, 3] {
        tx.send(message).expect("there are subscribers");
    }
    drop(tx);
    let mut heard = Vec::new();
    for listener in listeners {
        heard.push(listener.await.expect("a listener panicked"));
    }
    heard
}
// ANCHOR_END: everyone_hears

// ANCHOR: meet
/// `asyncio.Barrier(3)`: three tasks that arrive at 1, 2 and 3 s all go on at 3 s.
pub async fn meet() -> Vec<Duration> {
    let start = Instant::now();
    let barrier = Arc::new(Barrier::new(3));
    let mut arrivals = tokio::task::JoinSet::new();
    for secs in [1, 2, 3] {
        let barrier = Arc::clone(&barrier);
        arrivals.spawn(async move {
            sleep(Duration::from_secs(secs)).await;
            barrier.wait().await; // an .await: waiting does not hold the thread
            start.elapsed()
        });
    }
    arrivals.join_all().await
}
// ANCHOR_END: meet
