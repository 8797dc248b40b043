//! Hidden checks of `block_on`: many wakes, wakes that come together, a wake that comes while
//! the poll is still running, and many rounds of waiting on another thread without busy-polling.

use std::future::{Future, poll_fn};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Poll, Waker};
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

/// `await asyncio.sleep(0)`, once.
fn yield_once() -> impl Future<Output = ()> {
    let mut yielded = false;
    poll_fn(move |cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}

/// An `async` block that yields a thousand times: a thousand wakes, a thousand and one polls.
#[test]
fn an_async_block_that_yields_a_thousand_times_is_polled_a_thousand_and_one_times() {
    let (output, counts) = guarded(|| {
        block_on(async {
            for _ in 0..1000 {
                yield_once().await;
            }
            String::from("> all 1000 users looked up!")
        })
    });
    assert_eq!(output, "> all 1000 users looked up!");
    assert_eq!(
        counts,
        Counts {
            polls: 1001,
            wakes: 1000
        }
    );
    course_marker::passed();
}

/// Three wakes during one poll (by reference, through a clone woken by value, through a clone
/// woken by reference) are three wakes but one reason to poll again: two polls.
#[test]
fn wakes_before_the_next_poll_make_one_more_poll() {
    let mut polled = false;
    let (output, counts) = guarded(move || {
        block_on(poll_fn(move |cx| {
            if polled {
                return Poll::Ready('✓');
            }
            polled = true;
            cx.waker().wake_by_ref();
            // A clone woken by value: `Wake::wake` itself, not `wake_by_ref`.
            let by_value = cx.waker().clone();
            by_value.wake();
            cx.waker().clone().wake_by_ref();
            Poll::Pending
        }))
    });
    assert_eq!(output, '✓');
    assert_eq!(counts, Counts { polls: 2, wakes: 3 });
    course_marker::passed();
}

/// The other thread wakes the future before its first poll has even returned `Pending` (the
/// poll waits for the thread). That wake must not be lost: `block_on` must not then wait for
/// another one.
#[test]
fn a_wake_that_comes_before_the_poll_returns_is_not_lost() {
    let mut polled = false;
    let (output, counts) = guarded(move || {
        block_on(poll_fn(move |cx| {
            if polled {
                return Poll::Ready("woken in time");
            }
            polled = true;
            let waker = cx.waker().clone();
            std::thread::spawn(move || waker.wake())
                .join()
                .expect("the waking thread panicked");
            Poll::Pending
        }))
    });
    assert_eq!(output, "woken in time");
    assert_eq!(counts, Counts { polls: 2, wakes: 1 });
    course_marker::passed();
}

/// A hundred rounds of waiting on another thread: each round the future hands its waker to a
/// worker thread and is woken once the worker has done the round. `block_on` polls exactly once
/// per wake, and never while the future is still waiting (that would be busy-polling).
#[test]
fn a_hundred_wakes_from_another_thread_make_a_hundred_more_polls_and_no_idle_ones() {
    const ROUNDS: usize = 100;
    let (unasked, counts) = guarded(|| {
        let (jobs, worker_jobs) = mpsc::channel::<(Arc<AtomicBool>, Waker)>();
        let idle = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&idle);
        let worker = std::thread::spawn(move || {
            for (round, (done, waker)) in worker_jobs.into_iter().enumerate() {
                if round == 0 {
                    watch_for_idle_polls(&seen);
                }
                done.store(true, Ordering::SeqCst);
                waker.wake();
            }
        });
        let mut rounds = 0;
        let mut current: Option<Arc<AtomicBool>> = None;
        let mut unasked = 0;
        let output = block_on(poll_fn(move |cx| {
            if let Some(done) = &current {
                if !done.load(Ordering::SeqCst) {
                    unasked += 1;
                    idle.fetch_add(1, Ordering::SeqCst);
                    return Poll::Pending;
                }
                rounds += 1;
            }
            if rounds == ROUNDS {
                return Poll::Ready(unasked);
            }
            let done = Arc::new(AtomicBool::new(false));
            current = Some(Arc::clone(&done));
            jobs.send((done, cx.waker().clone()))
                .expect("the worker thread is gone");
            Poll::Pending
        }));
        worker.join().expect("the worker thread panicked");
        output
    });
    assert_eq!(
        unasked, 0,
        "polled while nothing had woken it: busy-polling"
    );
    assert_eq!(
        counts,
        Counts {
            polls: ROUNDS + 1,
            wakes: ROUNDS
        }
    );
    course_marker::passed();
}

/// A waker kept after `block_on` has returned can still be woken, from any thread, harmlessly.
#[test]
fn a_waker_kept_after_block_on_returned_can_still_be_woken() {
    let kept: Arc<Mutex<Option<Waker>>> = Arc::default();
    let (output, counts) = guarded({
        let kept = Arc::clone(&kept);
        move || {
            block_on(poll_fn(move |cx| {
                *kept.lock().unwrap() = Some(cx.waker().clone());
                Poll::Ready(1)
            }))
        }
    });
    assert_eq!((output, counts), (1, Counts { polls: 1, wakes: 0 }));
    let waker = kept.lock().unwrap().take().expect("the waker was kept");
    std::thread::spawn(move || waker.wake())
        .join()
        .expect("waking a kept waker panicked");
    course_marker::passed();
}
