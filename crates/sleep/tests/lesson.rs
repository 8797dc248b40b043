//! The facts lesson 4 teaches, each checked on tokio's paused clock.
//!
//! The blocking variants run inside `timeline::clock::run(Clock::Paused, ..)`: there a blocking
//! sleep moves the virtual clock while it holds the thread, as a real one takes real time. Under
//! `#[tokio::test(start_paused = true)]` it would be a real `std::thread::sleep` and the paused
//! clock would not move at all (the last two tests show that raw fact).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sleep::{NIGHTS, SECOND, Sleep, two_good_nights};
use timeline::cli::Lang;
use timeline::clock::{self, Clock, blocking_sleep};
use timeline::{Span, Timeline};

const ZERO: Duration = Duration::ZERO;

/// Runs the two good nights `how` on the paused clock; returns the timeline and the total.
fn good_nights(how: Sleep) -> (Timeline, Duration) {
    clock::run(Clock::Paused, async {
        let tl = Timeline::quiet();
        let took = two_good_nights(&tl, Lang::En, how).await;
        (tl, took)
    })
}

/// Each poll as `(task, from, to, finished)`.
fn polls(tl: &Timeline) -> Vec<(String, Duration, Duration, bool)> {
    tl.spans()
        .into_iter()
        .map(
            |Span {
                 task,
                 from,
                 to,
                 finished,
                 ..
             }| (task, from, to, finished),
        )
        .collect()
}

fn poll(
    task: &str,
    from: Duration,
    to: Duration,
    finished: bool,
) -> (String, Duration, Duration, bool) {
    (task.to_string(), from, to, finished)
}

/// Who said good night when, as `(task, when)`.
fn nights(tl: &Timeline) -> Vec<(String, Duration)> {
    tl.lines()
        .into_iter()
        .inspect(|l| assert_eq!(l.text, "good night"))
        .map(|l| (l.task, l.at))
        .collect()
}

fn night(task: &str, at: Duration) -> (String, Duration) {
    (task.to_string(), at)
}

/// `tokio::time::sleep(..).await`: each task starts its sleep and hands the thread over at
/// once, so both sleep through the same second and both say good night at 1 s.
#[test]
fn async_sleeps_let_two_good_nights_end_at_one_second() {
    let (tl, took) = good_nights(Sleep::Async);
    assert_eq!(took, SECOND);
    assert_eq!(
        polls(&tl),
        [
            poll(NIGHTS[0], ZERO, ZERO, false),
            poll(NIGHTS[1], ZERO, ZERO, false),
            // At 1 s the two wake in the order they went to sleep.
            poll(NIGHTS[0], SECOND, SECOND, true),
            poll(NIGHTS[1], SECOND, SECOND, true),
        ]
    );
    assert_eq!(
        nights(&tl),
        [night(NIGHTS[0], SECOND), night(NIGHTS[1], SECOND)]
    );
}

/// `std::thread::sleep`: the first task holds the thread from 0 s to 1 s inside one poll (the
/// chart's solid bar); the second is not even polled until then, and holds it from 1 s to 2 s.
#[test]
fn a_blocking_sleep_holds_the_thread_so_two_good_nights_take_two_seconds() {
    let (tl, took) = good_nights(Sleep::Blocking);
    assert_eq!(took, 2 * SECOND);
    assert_eq!(
        polls(&tl),
        [
            poll(NIGHTS[0], ZERO, SECOND, true),
            poll(NIGHTS[1], SECOND, 2 * SECOND, true),
        ]
    );
    assert_eq!(
        nights(&tl),
        [night(NIGHTS[0], SECOND), night(NIGHTS[1], 2 * SECOND)]
    );
}

/// `spawn_blocking`: the same blocking sleeps on two blocking threads. Both tasks start at 0 s
/// (the runtime's thread is free) and both say good night at 1 s. Which of the two blocking
/// threads finishes first is up to the OS, so the 1 s polls and lines are compared as sets.
#[test]
fn spawn_blocking_frees_the_thread_so_two_good_nights_take_one_second() {
    let (tl, took) = good_nights(Sleep::SpawnBlocking);
    assert_eq!(took, SECOND);
    let polls = polls(&tl);
    assert_eq!(
        polls[..2],
        [
            poll(NIGHTS[0], ZERO, ZERO, false),
            poll(NIGHTS[1], ZERO, ZERO, false),
        ]
    );
    let mut last = polls[2..].to_vec();
    last.sort();
    assert_eq!(
        last,
        [
            poll(NIGHTS[0], SECOND, SECOND, true),
            poll(NIGHTS[1], SECOND, SECOND, true),
        ]
    );
    let mut nights = nights(&tl);
    nights.sort();
    assert_eq!(nights, [night(NIGHTS[0], SECOND), night(NIGHTS[1], SECOND)]);
}

/// `tokio::time::sleep(..);` without `.await`: the sleep is built and dropped, each task runs
/// straight through in its first poll, and both good nights come out at 0 s, one after the other.
#[test]
fn a_forgotten_await_sleeps_zero_seconds() {
    let (tl, took) = good_nights(Sleep::ForgotAwait);
    assert_eq!(took, ZERO);
    assert_eq!(
        polls(&tl),
        [
            poll(NIGHTS[0], ZERO, ZERO, true),
            poll(NIGHTS[1], ZERO, ZERO, true),
        ]
    );
    assert_eq!(
        nights(&tl),
        [night(NIGHTS[0], ZERO), night(NIGHTS[1], ZERO)]
    );
}

// ANCHOR: freezes_every_task
/// The one idea, with a third task that only wants to wake up at 0.5 s: beside async sleeps it
/// does; beside blocking sleeps it is frozen with everything else on the thread until 2 s.
#[test]
fn a_blocking_sleep_freezes_every_task_on_its_thread() {
    fn other_task_wakes_at(how: Sleep) -> Duration {
        clock::run(Clock::Paused, async {
            let start = tokio::time::Instant::now();
            let other = tokio::spawn(async move {
                tokio::time::sleep(SECOND / 2).await;
                start.elapsed()
            });
            two_good_nights(&Timeline::quiet(), Lang::En, how).await;
            other.await.expect("the other task panicked")
        })
    }
    assert_eq!(other_task_wakes_at(Sleep::Async), SECOND / 2);
    assert_eq!(other_task_wakes_at(Sleep::Blocking), 2 * SECOND);
}
// ANCHOR_END: freezes_every_task

// ANCHOR: std_thread_sleep_paused
/// The raw fact behind `timeline::clock::blocking_sleep`: a plain `std::thread::sleep` inside a
/// paused runtime holds the thread (the spawned task does not run during it) for real time,
/// while tokio's paused clock does not move at all.
#[tokio::test(start_paused = true)]
async fn std_thread_sleep_blocks_but_does_not_move_the_paused_clock() {
    let (virtual_start, real_start) = (tokio::time::Instant::now(), std::time::Instant::now());
    let ran = Arc::new(AtomicBool::new(false));
    let task = tokio::spawn({
        let ran = ran.clone();
        async move { ran.store(true, Ordering::SeqCst) }
    });
    std::thread::sleep(Duration::from_millis(3));
    assert!(
        !ran.load(Ordering::SeqCst),
        "a task ran during a blocking sleep"
    );
    assert!(real_start.elapsed() >= Duration::from_millis(3));
    assert_eq!(virtual_start.elapsed(), ZERO);
    task.await.unwrap();
    assert!(ran.load(Ordering::SeqCst));
}
// ANCHOR_END: std_thread_sleep_paused

/// On the real clock, the lesson's blocking sleep is `std::thread::sleep`: it takes real time
/// and holds the thread, so the spawned task waits.
#[test]
fn on_the_real_clock_blocking_sleep_is_std_thread_sleep() {
    clock::run(Clock::Real, async {
        let real_start = std::time::Instant::now();
        let ran = Arc::new(AtomicBool::new(false));
        let task = tokio::spawn({
            let ran = ran.clone();
            async move { ran.store(true, Ordering::SeqCst) }
        });
        blocking_sleep(Duration::from_millis(3));
        assert!(
            !ran.load(Ordering::SeqCst),
            "a task ran during a blocking sleep"
        );
        assert!(real_start.elapsed() >= Duration::from_millis(3));
        task.await.unwrap();
    });
}
