//! Hidden checks of `Reply` and `Sender`: several lookups at once, one wake per answer, the
//! latest waker, answers from another thread, and a reply dropped before the answer.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Wake, Waker};
use std::time::Duration;

use future_exercises::remember_the_waker::reply_channel;
use tokio::time::{Instant, sleep, timeout};

const S: Duration = Duration::from_secs(1);

/// A waker that only counts how often it is woken.
#[derive(Default)]
struct Counter(AtomicUsize);

impl Wake for Counter {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

impl Counter {
    fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

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
    let output = timeout(Duration::from_secs(60), run)
        .await
        .expect("still waiting after 60 s: nobody woke the task (where did the waker go?)");
    (output, polls)
}

/// The notebook's three lookups, answered after 3, 2 and 1 seconds by three tasks, awaited by
/// three more: each gets its answer at its own second, and all are done at 3 s.
#[tokio::test(start_paused = true)]
async fn three_lookups_are_answered_each_at_its_own_second() {
    let start = Instant::now();
    let mut waiting = Vec::new();
    for n in [3u32, 2, 1] {
        let (sender, reply) = reply_channel();
        tokio::spawn(async move {
            sleep(S * n).await;
            sender.send(format!("> all {n} users looked up!"));
        });
        waiting.push(tokio::spawn(async move {
            let (answer, polls) = counting_polls(reply).await;
            (answer, polls, start.elapsed())
        }));
    }
    let mut got = Vec::new();
    for task in waiting {
        got.push(task.await.expect("a waiting task panicked"));
    }
    assert_eq!(
        got,
        [
            ("> all 3 users looked up!".to_string(), 2, S * 3),
            ("> all 2 users looked up!".to_string(), 2, S * 2),
            ("> all 1 users looked up!".to_string(), 2, S),
        ]
    );
    assert_eq!(start.elapsed(), S * 3);
    course_marker::passed();
}

/// Polled three times before the answer (spurious polls are allowed), the reply stays pending,
/// keeps no more than the one waker, and `send` wakes that waker exactly once.
#[test]
fn send_wakes_the_waiting_waker_exactly_once() {
    let (sender, reply) = reply_channel::<u32>();
    let mut reply = pin!(reply);
    let counter = Arc::new(Counter::default());
    let waker = Waker::from(Arc::clone(&counter));
    let mut cx = Context::from_waker(&waker);
    for _ in 0..3 {
        assert!(reply.as_mut().poll(&mut cx).is_pending());
    }
    assert_eq!(counter.count(), 0, "woken before anything was sent");
    sender.send(7);
    assert_eq!(counter.count(), 1);
    assert_eq!(reply.as_mut().poll(&mut cx), std::task::Poll::Ready(7));
    assert_eq!(counter.count(), 1);
    course_marker::passed();
}

/// Between two polls the reply may have moved to another task: `send` must wake the waker of
/// the latest poll, not the first one it saw.
#[test]
fn send_wakes_the_waker_of_the_latest_poll() {
    let (sender, reply) = reply_channel::<&str>();
    let mut reply = pin!(reply);
    let (first, latest) = (Arc::new(Counter::default()), Arc::new(Counter::default()));
    let first_waker = Waker::from(Arc::clone(&first));
    let latest_waker = Waker::from(Arc::clone(&latest));
    assert!(
        reply
            .as_mut()
            .poll(&mut Context::from_waker(&first_waker))
            .is_pending()
    );
    assert!(
        reply
            .as_mut()
            .poll(&mut Context::from_waker(&latest_waker))
            .is_pending()
    );
    sender.send("user 2");
    assert_eq!((first.count(), latest.count()), (0, 1));
    course_marker::passed();
}

/// An answer sent from an OS thread wakes a task on the runtime's thread. The thread sends only
/// after the reply has been polled once and found nothing, so the wake is what ends the wait.
#[tokio::test]
async fn an_answer_sent_from_another_thread_wakes_the_task() {
    let (sender, reply) = reply_channel();
    let (polled, first_poll) = std::sync::mpsc::channel();
    let mut reply = pin!(reply);
    let mut polls = 0;
    let thread = std::thread::spawn(move || {
        first_poll.recv().expect("the reply was never polled");
        sender.send(vec![1, 2, 3]);
    });
    // Real clock here (a paused clock would jump past an OS thread it cannot see); the timeout
    // only matters when the answer never wakes the task.
    let answer = timeout(
        Duration::from_secs(5), // below the grader's per-test limit, so this message reaches the student
        poll_fn(|cx| {
            polls += 1;
            assert!(polls <= 100, "polled in circles");
            let poll = reply.as_mut().poll(cx);
            if polls == 1 {
                assert!(poll.is_pending(), "ready before anything was sent");
                polled.send(()).expect("the sending thread is gone");
            }
            poll
        }),
    )
    .await
    .expect("the answer from the other thread never woke the task");
    thread.join().expect("the sending thread panicked");
    assert_eq!(answer, [1, 2, 3]);
    assert_eq!(polls, 2);
    course_marker::passed();
}

/// Sending to a reply that was polled and then dropped (its task was cancelled) is fine: the
/// stored waker is woken or dropped, nothing panics.
#[test]
fn sending_after_the_reply_was_dropped_does_not_panic() {
    let (sender, reply) = reply_channel::<String>();
    let counter = Arc::new(Counter::default());
    let waker = Waker::from(Arc::clone(&counter));
    {
        let mut reply = pin!(reply);
        assert!(
            reply
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
    }
    sender.send("too late".to_string());
    assert!(counter.count() <= 1);
    course_marker::passed();
}
