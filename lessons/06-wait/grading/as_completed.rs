//! `show_as_completed`, hidden tests: other counts, any kind of future, ties, edge cases.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep};
use wait_exercises::as_completed::{find_users, show_as_completed};

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

const fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(s(60), future)
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time")
}

/// Every result of `futures`, with when `show` got it; and when `show_as_completed` returned.
async fn shown_at<F: Future>(futures: Vec<F>) -> (Vec<(F::Output, Duration)>, Duration) {
    let start = Instant::now();
    let mut shown = Vec::new();
    within_a_minute(show_as_completed(futures, |output| {
        shown.push((output, start.elapsed()))
    }))
    .await;
    (shown, start.elapsed())
}

/// `5, 1, 3`: shown 1 at 1 s, 3 at 3 s, 5 at 5 s; back at 5 s.
#[tokio::test(start_paused = true)]
async fn five_one_three_are_shown_in_finishing_order() {
    let (shown, returned) = shown_at([5, 1, 3].map(find_users).into()).await;
    assert_eq!(shown, [(1, s(1)), (3, s(3)), (5, s(5))]);
    assert_eq!(returned, s(5));
    course_marker::passed();
}

/// Any future will do, not only lookups: a 1.5 s job and a 0.5 s job are shown at 0.5 s and
/// 1.5 s.
#[tokio::test(start_paused = true)]
async fn any_future_is_shown_when_it_finishes() {
    async fn job(label: &'static str, took: Duration) -> &'static str {
        sleep(took).await;
        label
    }
    let (shown, returned) = shown_at(vec![job("slow", ms(1500)), job("fast", ms(500))]).await;
    assert_eq!(shown, [("fast", ms(500)), ("slow", ms(1500))]);
    assert_eq!(returned, ms(1500));
    course_marker::passed();
}

/// Two lookups that end at the same moment are both shown at that moment.
#[tokio::test(start_paused = true)]
async fn lookups_ending_together_are_shown_together() {
    let (shown, returned) = shown_at([2, 1, 2].map(find_users).into()).await;
    assert_eq!(shown, [(1, s(1)), (2, s(2)), (2, s(2))]);
    assert_eq!(returned, s(2));
    course_marker::passed();
}

/// A future ready on its first poll is shown at 0 s, before the others.
#[tokio::test(start_paused = true)]
async fn a_future_ready_at_once_is_shown_at_zero_seconds() {
    let (shown, _) = shown_at([2, 0].map(find_users).into()).await;
    assert_eq!(shown, [(0, s(0)), (2, s(2))]);
    course_marker::passed();
}

/// Forty lookups, longest first: shown 1, 2, ..., 40, each at its own second.
#[tokio::test(start_paused = true)]
async fn forty_lookups_are_shown_one_a_second() {
    let lookups: Vec<_> = (1..=40).rev().map(find_users).collect();
    let (shown, returned) = shown_at(lookups).await;
    let expected: Vec<(u32, Duration)> = (1..=40).map(|n| (n, s(u64::from(n)))).collect();
    assert_eq!(shown, expected);
    assert_eq!(returned, s(40));
    course_marker::passed();
}

/// Nothing to show: `show` is never called and it returns at once.
#[tokio::test(start_paused = true)]
async fn nothing_to_show_returns_at_once() {
    let lookups: Vec<_> = Vec::<u32>::new().into_iter().map(find_users).collect();
    let (shown, returned) = shown_at(lookups).await;
    assert!(shown.is_empty());
    assert_eq!(returned, s(0));
    course_marker::passed();
}
