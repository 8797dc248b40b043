//! The hand-written `Countdown` does what `async fn countdown` does, at the same virtual times,
//! polled and woken as often as the async fn.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Wake, Waker};
use std::time::Duration;

use future_exercises::countdown_by_hand::{Countdown, Event, Log, countdown};
use tokio::time::{Instant, timeout};

const S: Duration = Duration::from_secs(1);

/// Forwards wakes to the task's own waker, counting them.
struct CountingWaker {
    task: Waker,
    wakes: Arc<AtomicUsize>,
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
        self.task.wake_by_ref();
    }
}

/// Awaits `future`, counting how often it is polled and how often it wakes its waker. Fails
/// fast instead of hanging when it is polled in circles, or when it is never woken again.
async fn traced<F: Future>(future: F) -> (F::Output, usize, usize) {
    let wakes = Arc::new(AtomicUsize::new(0));
    let mut future = pin!(future);
    let mut polls = 0;
    let run = poll_fn(|cx| {
        polls += 1;
        assert!(
            polls <= 100,
            "polled 100 times: does the future wake itself instead of waiting for its Sleep?"
        );
        let waker = Waker::from(Arc::new(CountingWaker {
            task: cx.waker().clone(),
            wakes: Arc::clone(&wakes),
        }));
        future.as_mut().poll(&mut Context::from_waker(&waker))
    });
    // On the paused clock a future nobody wakes lets virtual time jump to this deadline.
    let output = timeout(Duration::from_secs(60), run)
        .await
        .expect("still pending after 60 s: nobody woke the future (was its new Sleep polled?)");
    (output, polls, wakes.load(Ordering::SeqCst))
}

/// From 3: the counts a second apart, ignition at 3 s, liftoff 2 s later, exactly as the async
/// fn records them.
#[tokio::test(start_paused = true)]
async fn countdown_by_hand_records_what_the_async_fn_records_at_the_same_times() {
    let sugar = Log::new();
    traced(countdown(3, sugar.clone())).await;
    let by_hand = Log::new();
    traced(Countdown::new(3, by_hand.clone())).await;
    assert_eq!(
        by_hand.events(),
        [
            (Event::Count(3), Duration::ZERO),
            (Event::Count(2), S),
            (Event::Count(1), S * 2),
            (Event::Ignition, S * 3),
            (Event::Liftoff, S * 5),
        ]
    );
    assert_eq!(by_hand.events(), sugar.events());
    course_marker::passed();
}

/// One poll to start and one after each of the four sleeps (three counts, one ignition): five
/// polls, four wakes, five seconds.
#[tokio::test(start_paused = true)]
async fn countdown_from_three_is_polled_five_times_after_four_wakes() {
    let start = Instant::now();
    let ((), polls, wakes) = traced(Countdown::new(3, Log::new())).await;
    assert_eq!((polls, wakes), (5, 4));
    assert_eq!(start.elapsed(), S * 5);
    course_marker::passed();
}
