//! `try_gather_lookups`, hidden tests: cancellation at the failure, the earliest error, edges.

use std::future::Future;
use std::time::Duration;

use gather_exercises::first_error_cancels::{
    Directory, Event, LookupError, Request, try_gather_lookups,
};
use tokio::time::{Instant, sleep};

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(s(60), future)
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time")
}

/// The lookup still running when `find_users(2)` fails is cancelled at exactly 2 s: it started
/// its third user at 2 s and nothing more ever happens, however long we wait afterwards;
/// `find_users(1)`, done at 1 s, had its result thrown away.
#[tokio::test(start_paused = true)]
async fn the_running_lookup_is_cancelled_at_the_failure() {
    let requests = [Request::ok(3), Request::failing(2, 2), Request::ok(1)];
    let dir = Directory::new();
    let result = within_a_minute(try_gather_lookups(&dir, &requests)).await;
    assert_eq!(result, Err(LookupError { n: 2, user: 2 }));
    sleep(s(10)).await;
    let events = dir.events();
    assert!(events.contains(&(s(1), Event::Found { n: 1 })));
    assert!(events.contains(&(s(2), Event::LookingUp { n: 3, user: 3 })));
    assert!(events.contains(&(s(2), Event::Failed { n: 2, user: 2 })));
    assert!(
        !events.contains(&(s(3), Event::Found { n: 3 })),
        "find_users(3) was not cancelled: {events:?}"
    );
    assert!(
        events.iter().all(|&(at, _)| at <= s(2)),
        "something ran after the failure at 2 s: {events:?}"
    );
    course_marker::passed();
}

/// The first error in time wins, not the first in argument order: user 1 of 3 fails at 1 s,
/// before user 3 of 4 (3 s); everything stops at 1 s.
#[tokio::test(start_paused = true)]
async fn the_earliest_error_wins_not_the_first_argument() {
    let requests = [Request::failing(4, 3), Request::failing(3, 1)];
    let dir = Directory::new();
    let start = Instant::now();
    let result = within_a_minute(try_gather_lookups(&dir, &requests)).await;
    assert_eq!(result, Err(LookupError { n: 3, user: 1 }));
    assert_eq!(start.elapsed(), s(1));
    sleep(s(10)).await;
    assert!(dir.events().iter().all(|&(at, _)| at <= s(1)));
    course_marker::passed();
}

/// Every lookup starts at 0 s, not after the one before: a failure at user 1 of the last
/// request still ends everything at 1 s.
#[tokio::test(start_paused = true)]
async fn a_failure_in_the_last_request_stops_everything_at_once() {
    let requests = [Request::ok(5), Request::ok(4), Request::failing(2, 1)];
    let dir = Directory::new();
    let start = Instant::now();
    let result = within_a_minute(try_gather_lookups(&dir, &requests)).await;
    assert_eq!(result, Err(LookupError { n: 2, user: 1 }));
    assert_eq!(start.elapsed(), s(1));
    sleep(s(10)).await;
    let events = dir.events();
    assert!(!events.iter().any(|(_, e)| matches!(e, Event::Found { .. })));
    assert!(events.iter().all(|&(at, _)| at <= s(1)));
    course_marker::passed();
}

/// Without failures: `5, 1, 3` come back `Ok([5, 1, 3])` at 5 s.
#[tokio::test(start_paused = true)]
async fn five_one_three_come_back_in_argument_order() {
    let requests = [Request::ok(5), Request::ok(1), Request::ok(3)];
    let dir = Directory::new();
    let start = Instant::now();
    let result = within_a_minute(try_gather_lookups(&dir, &requests)).await;
    assert_eq!(result, Ok(vec![5, 1, 3]));
    assert_eq!(start.elapsed(), s(5));
    course_marker::passed();
}

/// No requests: `Ok` with nothing in it, at once.
#[tokio::test(start_paused = true)]
async fn no_requests_return_ok_at_once() {
    let dir = Directory::new();
    let start = Instant::now();
    let result = within_a_minute(try_gather_lookups(&dir, &[])).await;
    assert_eq!(result, Ok(vec![]));
    assert_eq!(start.elapsed(), s(0));
    course_marker::passed();
}
