//! `good_night`: a sleep that hands the thread back lets every task on the thread go on.

use std::future::Future;
use std::time::Duration;

use sleep_exercises::sleep_without_blocking::{GOOD_NIGHT, Log, SECOND, good_night};
use tokio::time::Instant;

/// Awaits `future`, failing instead of hanging if it has not finished after a minute on tokio's
/// (paused) clock.
async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(60), future)
        .await
        .expect("not finished after 60 s on tokio's clock")
}

fn line(text: &str, at: Duration) -> (String, Duration) {
    (text.to_string(), at)
}

/// Why a time of 0 s: the message a failure here shows.
const BLOCKING_SLEEP_HINT: &str = "0초(`left: 0ns`)라면 블로킹 sleep이다: `std::thread::sleep`은 스레드를 붙잡을 뿐 \
     tokio의 정지된 시계를 움직이지 않는다. `tokio::time::sleep(..).await`로 자자 (4장 `블로킹 sleep과 \
     비동기 sleep`). / 0 s (`left: 0ns`) means a blocking sleep: `std::thread::sleep` holds the thread \
     but does not move tokio's paused clock. Sleep with `tokio::time::sleep(..).await` (chapter 4, \
     `Blocking sleep and async sleep`).";

/// Two `good_night` tasks sleep through the same second: both say good night at 1 s, and the
/// pair takes one second, not two. (A blocking sleep does not move tokio's paused clock, so it
/// would say good night at 0 s.)
#[tokio::test(start_paused = true)]
async fn two_good_nights_end_together_at_one_second() {
    let log = Log::new();
    let start = Instant::now();
    let first = tokio::spawn(good_night(log.clone(), SECOND));
    let second = tokio::spawn(good_night(log.clone(), SECOND));
    within_a_minute(async {
        first.await.expect("good_night 1 panicked");
        second.await.expect("good_night 2 panicked");
    })
    .await;
    assert_eq!(start.elapsed(), SECOND, "{}", BLOCKING_SLEEP_HINT);
    assert_eq!(
        log.said_at(),
        [line(GOOD_NIGHT, SECOND), line(GOOD_NIGHT, SECOND)],
        "{}",
        BLOCKING_SLEEP_HINT
    );
    course_marker::passed();
}

/// While both sleep, a third task on the same thread wakes up at 0.5 s and speaks: nothing is
/// frozen.
#[tokio::test(start_paused = true)]
async fn a_task_that_wakes_at_half_a_second_is_not_frozen() {
    let log = Log::new();
    let nights = [
        tokio::spawn(good_night(log.clone(), SECOND)),
        tokio::spawn(good_night(log.clone(), SECOND)),
    ];
    let other = tokio::spawn({
        let log = log.clone();
        async move {
            tokio::time::sleep(SECOND / 2).await;
            log.say("half past");
        }
    });
    within_a_minute(async {
        for night in nights {
            night.await.expect("good_night panicked");
        }
        other.await.expect("the other task panicked");
    })
    .await;
    assert_eq!(
        log.said_at(),
        [
            line("half past", SECOND / 2),
            line(GOOD_NIGHT, SECOND),
            line(GOOD_NIGHT, SECOND)
        ]
    );
    course_marker::passed();
}
