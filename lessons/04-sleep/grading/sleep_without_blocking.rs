//! Hidden tests for `good_night`: other naps, the line after the nap, many sleepers, a ticker.

use std::future::Future;
use std::time::Duration;

use sleep_exercises::sleep_without_blocking::{GOOD_NIGHT, Log, SECOND, good_night};
use tokio::time::Instant;

async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(60), future)
        .await
        .expect("not finished after 60 s on tokio's clock")
}

fn line(text: &str, at: Duration) -> (String, Duration) {
    (text.to_string(), at)
}

/// Alone, a three-second nap takes exactly three seconds, and good night comes at its end,
/// not at its start.
#[tokio::test(start_paused = true)]
async fn good_night_is_said_after_the_whole_nap() {
    let log = Log::new();
    let start = Instant::now();
    within_a_minute(good_night(log.clone(), 3 * SECOND)).await;
    assert_eq!(start.elapsed(), 3 * SECOND);
    assert_eq!(log.said_at(), [line(GOOD_NIGHT, 3 * SECOND)]);
    course_marker::passed();
}

/// Naps of three and two seconds side by side end at two and at three seconds: three in all,
/// the longer nap, not the sum.
#[tokio::test(start_paused = true)]
async fn naps_of_three_and_two_seconds_end_at_three() {
    let log = Log::new();
    let start = Instant::now();
    let long = tokio::spawn(good_night(log.clone(), 3 * SECOND));
    let short = tokio::spawn(good_night(log.clone(), 2 * SECOND));
    within_a_minute(async {
        long.await.expect("the long nap panicked");
        short.await.expect("the short nap panicked");
    })
    .await;
    assert_eq!(start.elapsed(), 3 * SECOND);
    assert_eq!(
        log.said_at(),
        [line(GOOD_NIGHT, 2 * SECOND), line(GOOD_NIGHT, 3 * SECOND)]
    );
    course_marker::passed();
}

/// Ten sleepers on one thread, each napping a tenth of a second, take a tenth of a second
/// together.
#[tokio::test(start_paused = true)]
async fn ten_short_naps_side_by_side_take_one_nap() {
    let nap = SECOND / 10;
    let log = Log::new();
    let start = Instant::now();
    let nights: Vec<_> = (0..10)
        .map(|_| tokio::spawn(good_night(log.clone(), nap)))
        .collect();
    within_a_minute(async {
        for night in nights {
            night.await.expect("good_night panicked");
        }
    })
    .await;
    assert_eq!(start.elapsed(), nap);
    assert_eq!(log.said_at(), vec![line(GOOD_NIGHT, nap); 10]);
    course_marker::passed();
}

/// A clock ticking every quarter second keeps ticking through a one-second nap: three ticks
/// before good night, none missed or late.
#[tokio::test(start_paused = true)]
async fn a_ticker_keeps_ticking_through_the_nap() {
    let log = Log::new();
    let ticker = tokio::spawn({
        let log = log.clone();
        async move {
            for _ in 0..3 {
                tokio::time::sleep(SECOND / 4).await;
                log.say("tick");
            }
        }
    });
    within_a_minute(good_night(log.clone(), SECOND)).await;
    within_a_minute(ticker).await.expect("the ticker panicked");
    assert_eq!(
        log.said_at(),
        [
            line("tick", SECOND / 4),
            line("tick", SECOND / 2),
            line("tick", 3 * SECOND / 4),
            line(GOOD_NIGHT, SECOND),
        ]
    );
    course_marker::passed();
}
