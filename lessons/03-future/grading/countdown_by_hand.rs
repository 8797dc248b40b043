//! Hidden checks of `Countdown`: other starting counts, its states poll by poll, running
//! alongside another countdown, and polls and wakes equal to the async fn's.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Wake, Waker};
use std::time::Duration;

use future_exercises::countdown_by_hand::{Countdown, Event, Log, countdown};
use tokio::time::{Instant, timeout};

const S: Duration = Duration::from_secs(1);

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
    let output = timeout(Duration::from_secs(60), run)
        .await
        .expect("still pending after 60 s: nobody woke the future (was its new Sleep polled?)");
    (output, polls, wakes.load(Ordering::SeqCst))
}

/// What `countdown(from)` records: counts a second apart, ignition at `from` s, liftoff at
/// `from + 2` s.
fn expected(from: u32) -> Vec<(Event, Duration)> {
    let mut events: Vec<_> = (1..=from)
        .rev()
        .map(|left| (Event::Count(left), S * (from - left)))
        .collect();
    events.push((Event::Ignition, S * from));
    events.push((Event::Liftoff, S * (from + 2)));
    events
}

/// From 0 there is nothing to count: ignition in the first poll, liftoff two seconds later.
#[tokio::test(start_paused = true)]
async fn countdown_from_zero_ignites_in_its_first_poll() {
    let log = Log::new();
    let ((), polls, wakes) = traced(Countdown::new(0, log.clone())).await;
    assert_eq!(
        log.events(),
        [(Event::Ignition, Duration::ZERO), (Event::Liftoff, S * 2)]
    );
    assert_eq!((polls, wakes), (2, 1));
    course_marker::passed();
}

/// For every start from 0 to 6 the two futures record the same events at the same times, end
/// at `from + 2` seconds, and are polled and woken the same number of times: `from + 2` polls,
/// `from + 1` wakes.
#[tokio::test(start_paused = true)]
async fn every_start_from_zero_to_six_matches_the_async_fn() {
    for from in 0..=6 {
        let sugar = Log::new();
        let ((), sugar_polls, sugar_wakes) = traced(countdown(from, sugar.clone())).await;
        let by_hand = Log::new();
        let start = Instant::now();
        let ((), polls, wakes) = traced(Countdown::new(from, by_hand.clone())).await;
        assert_eq!(start.elapsed(), S * (from + 2), "from {from}");
        assert_eq!(by_hand.events(), expected(from), "from {from}");
        assert_eq!(by_hand.events(), sugar.events(), "from {from}");
        assert_eq!((polls, wakes), (sugar_polls, sugar_wakes), "from {from}");
        assert_eq!(polls, from as usize + 2, "from {from}");
    }
    course_marker::passed();
}

/// Built, it is in `Start` and has recorded nothing; then each poll moves it one state on, and
/// the last poll, the only `Ready`, leaves it `Done`.
#[tokio::test(start_paused = true)]
async fn each_poll_moves_it_one_state_on() {
    let log = Log::new();
    let mut future = pin!(Countdown::new(2, log.clone()));
    assert_eq!(future.state_name(), "Start");
    assert!(log.events().is_empty());
    let mut seen = Vec::new();
    let run = poll_fn(|cx| {
        let poll = future.as_mut().poll(cx);
        seen.push((future.state_name(), poll.is_ready()));
        assert!(seen.len() <= 10, "polled in circles: {seen:?}");
        poll
    });
    timeout(Duration::from_secs(60), run)
        .await
        .expect("nobody woke the future");
    let seen: Vec<(&str, bool)> = seen.iter().map(|(s, r)| (s.as_str(), *r)).collect();
    assert_eq!(
        seen,
        [
            ("Counting { left: 2 }", false),
            ("Counting { left: 1 }", false),
            ("Igniting", false),
            ("Done", true),
        ]
    );
    course_marker::passed();
}

/// A poll before a sleep is over changes nothing: polled again at once (a spurious poll, which
/// every future must tolerate), it stays where it was, records nothing and stays `Pending`.
#[tokio::test(start_paused = true)]
async fn an_early_poll_changes_nothing() {
    let log = Log::new();
    let mut future = pin!(Countdown::new(1, log.clone()));
    let waker = Waker::noop();
    let mut cx = Context::from_waker(waker);
    assert!(future.as_mut().poll(&mut cx).is_pending());
    assert_eq!(future.state_name(), "Counting { left: 1 }");
    for _ in 0..3 {
        assert!(future.as_mut().poll(&mut cx).is_pending());
    }
    assert_eq!(future.state_name(), "Counting { left: 1 }");
    assert_eq!(log.events(), [(Event::Count(1), Duration::ZERO)]);
    // It still finishes on time when polled by a real task.
    traced(future).await;
    assert_eq!(log.events(), expected(1));
    course_marker::passed();
}

/// Two countdowns joined in one task run at the same time, each on its own schedule: the whole
/// takes as long as the longer one (5 s), not the sum (8 s), and each wakes only for its own
/// sleeps.
#[tokio::test(start_paused = true)]
async fn two_joined_countdowns_lift_off_on_their_own_schedules() {
    let (three, one) = (Log::new(), Log::new());
    let start = Instant::now();
    let (a, b) = tokio::join!(
        traced(Countdown::new(3, three.clone())),
        traced(Countdown::new(1, one.clone())),
    );
    assert_eq!(start.elapsed(), S * 5);
    assert_eq!(three.events(), expected(3));
    assert_eq!(one.events(), expected(1));
    // `join!` polls both whenever either is woken, so only the wakes are each one's own.
    assert_eq!((a.2, b.2), (4, 2));
    course_marker::passed();
}

/// It is polled only when a sleep ends, and is `Ready` only at liftoff: a countdown from 1 is
/// polled at 0 s (count), 1 s (ignition) and 3 s (liftoff), and only the last poll is `Ready`.
/// Returning `Ready` at ignition, or before the ignition wait is over, lifts off early.
#[tokio::test(start_paused = true)]
async fn it_is_polled_when_a_sleep_ends_and_ready_only_at_liftoff() {
    let mut future = pin!(Countdown::new(1, Log::new()));
    let start = Instant::now();
    let mut polled_at = Vec::new();
    let run = poll_fn(|cx| {
        let poll = future.as_mut().poll(cx);
        polled_at.push((start.elapsed(), poll.is_ready()));
        assert!(polled_at.len() <= 10, "polled in circles: {polled_at:?}");
        poll
    });
    timeout(Duration::from_secs(60), run)
        .await
        .expect("nobody woke the future");
    assert_eq!(
        polled_at,
        [(Duration::ZERO, false), (S, false), (S * 3, true)]
    );
    course_marker::passed();
}
