//! A `Reply` leaves its waker behind when it has to wait, and `send` wakes it: the answer is
//! received the moment it is sent.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::time::Duration;

use future_exercises::remember_the_waker::reply_channel;
use tokio::time::{Instant, sleep, timeout};

const S: Duration = Duration::from_secs(1);

/// Awaits `future` and says how many times it was polled. Fails fast instead of hanging when
/// it is polled in circles, or when nobody ever wakes it.
async fn counting_polls<F: Future>(future: F) -> (F::Output, usize) {
    let mut future = pin!(future);
    let mut polls = 0;
    let run = poll_fn(|cx| {
        polls += 1;
        assert!(
            polls <= 100,
            "polled 100 times: does the reply wake itself instead of waiting for `send`?"
        );
        future.as_mut().poll(cx)
    });
    // On the paused clock, a task nobody wakes lets virtual time jump to this deadline.
    let output = timeout(Duration::from_secs(60), run)
        .await
        .expect("still waiting after 60 s: nobody woke the task (where did the waker go?)");
    (output, polls)
}

/// The lookup answers after one second; the waiting task gets the answer at exactly 1 s, after
/// two polls: one that found nothing and left its waker, one after `send` woke it.
#[tokio::test(start_paused = true)]
async fn the_answer_arrives_the_moment_it_is_sent() {
    let (sender, reply) = reply_channel();
    let start = Instant::now();
    tokio::spawn(async move {
        sleep(S).await;
        sender.send("user 1");
    });
    let (answer, polls) = counting_polls(reply).await;
    assert_eq!(answer, "user 1");
    assert_eq!(start.elapsed(), S);
    assert_eq!(polls, 2);
    course_marker::passed();
}

/// An answer sent before anyone waits is there at the first poll: no waiting, no waker needed.
#[tokio::test(start_paused = true)]
async fn an_answer_sent_before_the_first_poll_is_ready_at_once() {
    let (sender, reply) = reply_channel();
    sender.send(String::from("> all 3 users looked up!"));
    let (answer, polls) = counting_polls(reply).await;
    assert_eq!(answer, "> all 3 users looked up!");
    assert_eq!(polls, 1);
    course_marker::passed();
}
