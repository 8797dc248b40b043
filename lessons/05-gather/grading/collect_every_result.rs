//! `gather_every_result`, hidden tests: other failures, the lookups' schedule, edge cases.

use std::future::Future;
use std::time::Duration;

use gather_exercises::collect_every_result::{
    Directory, Event, LookupError, Request, gather_every_result,
};
use tokio::time::Instant;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(s(60), future)
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time")
}

/// What the directory notes when every request starts at 0 s and runs to its own end, sorted.
fn concurrent_schedule(requests: &[Request]) -> Vec<(Duration, Event)> {
    let mut events = Vec::new();
    for &Request { n, broken } in requests {
        for user in 1..=n {
            events.push((s(u64::from(user - 1)), Event::LookingUp { n, user }));
            if broken == Some(user) {
                events.push((s(u64::from(user)), Event::Failed { n, user }));
                break;
            }
        }
        if broken.is_none() {
            events.push((s(u64::from(n)), Event::Found { n }));
        }
    }
    events.sort();
    events
}

fn sorted(mut events: Vec<(Duration, Event)>) -> Vec<(Duration, Event)> {
    events.sort();
    events
}

/// A failure at 1 s cancels nobody: `find_users(2)` and `(4)` run on and are done at 2 s and
/// 4 s; everything is back at 4 s, in argument order.
#[tokio::test(start_paused = true)]
async fn an_early_failure_cancels_nobody() {
    let requests = [Request::failing(4, 1), Request::ok(2), Request::ok(4)];
    let dir = Directory::new();
    let start = Instant::now();
    let results = within_a_minute(gather_every_result(&dir, &requests)).await;
    assert_eq!(start.elapsed(), s(4));
    assert_eq!(results, [Err(LookupError { n: 4, user: 1 }), Ok(2), Ok(4)]);
    assert!(dir.events().contains(&(s(2), Event::Found { n: 2 })));
    assert!(dir.events().contains(&(s(4), Event::Found { n: 4 })));
    course_marker::passed();
}

/// Every lookup really runs, all from 0 s, each on its own schedule up to its end or its
/// failure (a sleep and made-up results do not count).
#[tokio::test(start_paused = true)]
async fn every_lookup_runs_from_zero_seconds_on_its_own_schedule() {
    let requests = [
        Request::ok(3),
        Request::failing(2, 2),
        Request::ok(1),
        Request::failing(5, 3),
    ];
    let dir = Directory::new();
    within_a_minute(gather_every_result(&dir, &requests)).await;
    assert_eq!(sorted(dir.events()), concurrent_schedule(&requests));
    course_marker::passed();
}

/// When every lookup fails, every error comes back, each in its slot, when the last one fails.
#[tokio::test(start_paused = true)]
async fn every_error_comes_back_when_all_fail() {
    let requests = [Request::failing(3, 3), Request::failing(1, 1)];
    let dir = Directory::new();
    let start = Instant::now();
    let results = within_a_minute(gather_every_result(&dir, &requests)).await;
    assert_eq!(
        results,
        [
            Err(LookupError { n: 3, user: 3 }),
            Err(LookupError { n: 1, user: 1 }),
        ]
    );
    assert_eq!(start.elapsed(), s(3));
    course_marker::passed();
}

/// Without failures it is a plain gather: `5, 1, 3` all `Ok`, in argument order, at 5 s.
#[tokio::test(start_paused = true)]
async fn without_failures_every_result_is_ok_in_argument_order() {
    let requests = [Request::ok(5), Request::ok(1), Request::ok(3)];
    let dir = Directory::new();
    let start = Instant::now();
    let results = within_a_minute(gather_every_result(&dir, &requests)).await;
    assert_eq!(results, [Ok(5), Ok(1), Ok(3)]);
    assert_eq!(start.elapsed(), s(5));
    course_marker::passed();
}

/// No requests: an empty `Vec` at once, and the directory is never asked.
#[tokio::test(start_paused = true)]
async fn no_requests_return_nothing_at_once() {
    let dir = Directory::new();
    let start = Instant::now();
    let results = within_a_minute(gather_every_result(&dir, &[])).await;
    assert!(results.is_empty());
    assert_eq!(start.elapsed(), s(0));
    assert_eq!(dir.events(), []);
    course_marker::passed();
}
