//! Hidden checks of `do_async`: other counts, more coroutines, and exactly one yield per digit.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::time::Duration;

use routine_exercises::interleave_digits::{Out, do_async};
use tokio::time::Instant;

async fn run_as_tasks(coroutines: &[(u32, usize)]) -> String {
    let out = Out::default();
    let tasks: Vec<_> = coroutines
        .iter()
        .map(|&(n, times)| tokio::spawn(do_async(n, times, out.clone())))
        .collect();
    for task in tasks {
        task.await.expect("do_async panicked");
    }
    out.lock().expect("a printing task panicked").clone()
}

/// Three coroutines go round in the order they were started: 5, 7, 9, 5, 7, 9, ...
#[tokio::test(start_paused = true)]
async fn three_coroutines_go_round_in_order() {
    assert_eq!(
        run_as_tasks(&[(5, 4), (7, 4), (9, 4)]).await,
        "579579579579"
    );
    course_marker::passed();
}

/// When the short one has printed its digits, the long one goes on alone.
#[tokio::test(start_paused = true)]
async fn the_longer_coroutine_goes_on_alone_after_the_shorter_ends() {
    assert_eq!(run_as_tasks(&[(5, 4), (7, 1)]).await, "57555");
    assert_eq!(run_as_tasks(&[(5, 1), (7, 3)]).await, "5777");
    course_marker::passed();
}

/// `do_async(n, 0)` prints nothing and ends; the other coroutine is not disturbed.
#[tokio::test(start_paused = true)]
async fn zero_digits_print_nothing() {
    assert_eq!(run_as_tasks(&[(5, 0), (7, 2)]).await, "77");
    course_marker::passed();
}

/// Each poll prints at most one digit (so no turn holds two), and the coroutine needs no more
/// than one poll per digit plus the last one (so it yields once per digit, not twice): the
/// coroutine stops exactly where the digits should switch, and nowhere else.
#[tokio::test(start_paused = true)]
async fn each_turn_prints_one_digit_and_yields_once() {
    for times in [1, 3, 10] {
        let out = Out::default();
        let start = Instant::now();
        let mut coroutine = pin!(do_async(5, times, out.clone()));
        let mut digits_per_poll = Vec::new();
        poll_fn(|cx| {
            let before = out.lock().unwrap().len();
            let poll = coroutine.as_mut().poll(cx);
            digits_per_poll.push(out.lock().unwrap().len() - before);
            assert!(
                digits_per_poll.len() <= times + 1,
                "do_async(5, {times}) was polled more than {} times: it yields more than once \
                 per digit",
                times + 1
            );
            poll
        })
        .await;
        assert_eq!(out.lock().unwrap().as_str(), "5".repeat(times));
        assert!(
            digits_per_poll.iter().all(|&d| d <= 1),
            "a turn printed more than one digit: {digits_per_poll:?}"
        );
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
    course_marker::passed();
}

/// A hundred each still alternate strictly, and still in no virtual time.
#[tokio::test(start_paused = true)]
async fn a_hundred_each_alternate_strictly_in_no_time() {
    let start = Instant::now();
    assert_eq!(run_as_tasks(&[(3, 100), (5, 100)]).await, "35".repeat(100));
    assert_eq!(start.elapsed(), Duration::ZERO);
    course_marker::passed();
}
