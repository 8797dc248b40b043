//! `block_on` polls once, then once more each time the waker has rung, and sleeps in between.

use std::future::{Future, poll_fn};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::task::{Poll, Waker};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a test waits for `block_on`: below the grader's per-test limit (10 s by default),
/// so that this message, not the grader's timeout, reaches the student.
const GUARD: Duration = Duration::from_secs(5);

/// How long the worker waits, before its first wake, for a poll that nobody asked for. A
/// busy-polling `block_on` polls again within microseconds, and surely within this time even on
/// a loaded machine; a correct one never does, and only this first round waits. The verdict
/// then does not depend on which thread the scheduler runs first.
const WATCH: Duration = Duration::from_millis(500);

/// Waits until `idle` counts a poll nobody asked for, or `WATCH` has passed.
fn watch_for_idle_polls(idle: &AtomicUsize) {
    let until = Instant::now() + WATCH;
    while idle.load(Ordering::SeqCst) == 0 && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(1));
    }
}

use future_exercises::tiny_block_on::{Counts, block_on};

/// Runs `f` on a thread of its own and waits for its result: a `block_on` that waits for a wake
/// that never comes fails the test after 10 s instead of hanging it.
fn guarded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(f());
    });
    match result.recv_timeout(GUARD) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("block_on panicked"),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("block_on did not return within 5 s: did it miss a wake?")
        }
    }
}

/// Like `await asyncio.sleep(0)` `times` times: each poll but the last wakes its own waker and
/// returns `Pending`.
fn wakes_itself(times: usize) -> impl Future<Output = &'static str> {
    let mut left = times;
    poll_fn(move |cx| {
        if left == 0 {
            return Poll::Ready("done");
        }
        left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}

/// A future woken from another thread, `rounds` times: each poll hands a clone of the waker to
/// a worker thread, which marks the round done and wakes it. Its output says how many times it
/// was polled while its round was not done yet: polls nobody asked for.
fn woken_by_a_worker(rounds: usize) -> impl Future<Output = usize> {
    let (jobs, worker_jobs) = mpsc::channel::<(Arc<AtomicBool>, Waker)>();
    let mut jobs = Some(jobs);
    let idle = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&idle);
    let mut worker = Some(std::thread::spawn(move || {
        for (round, (done, waker)) in worker_jobs.into_iter().enumerate() {
            if round == 0 {
                watch_for_idle_polls(&seen);
            }
            done.store(true, Ordering::SeqCst);
            waker.wake();
        }
    }));
    let (mut done_rounds, mut unasked) = (0, 0);
    let mut current: Option<Arc<AtomicBool>> = None;
    poll_fn(move |cx| {
        if let Some(done) = &current {
            if !done.load(Ordering::SeqCst) {
                unasked += 1;
                idle.fetch_add(1, Ordering::SeqCst);
                return Poll::Pending;
            }
            done_rounds += 1;
        }
        if done_rounds == rounds {
            // Hang up on the worker so that it ends, then wait for it.
            jobs = None;
            worker.take().map(JoinHandle::join);
            return Poll::Ready(unasked);
        }
        let done = Arc::new(AtomicBool::new(false));
        current = Some(Arc::clone(&done));
        jobs.as_ref()
            .expect("polled after it returned `Ready`")
            .send((done, cx.waker().clone()))
            .expect("the worker thread is gone");
        Poll::Pending
    })
}

/// A future that is ready at once is polled once, and its waker is never woken.
#[test]
fn a_future_that_is_ready_at_once_is_polled_once() {
    let (output, counts) = guarded(|| block_on(std::future::ready(42)));
    assert_eq!(output, 42);
    assert_eq!(counts, Counts { polls: 1, wakes: 0 });
    course_marker::passed();
}

/// Five wakes, five more polls: one to begin with, then one per wake.
#[test]
fn a_future_that_wakes_itself_five_times_is_polled_six_times() {
    let (output, counts) = guarded(|| block_on(wakes_itself(5)));
    assert_eq!(output, "done");
    assert_eq!(counts, Counts { polls: 6, wakes: 5 });
    course_marker::passed();
}

/// Woken three times from another thread, the future is polled four times: once to begin
/// with, once after each wake. `block_on` sleeps in between instead of polling in circles.
#[test]
fn a_future_woken_three_times_from_another_thread_is_polled_four_times() {
    let (unasked, counts) = guarded(|| block_on(woken_by_a_worker(3)));
    assert_eq!(
        unasked, 0,
        "polled while nothing had woken it: busy-polling"
    );
    assert_eq!(counts, Counts { polls: 4, wakes: 3 });
    course_marker::passed();
}
