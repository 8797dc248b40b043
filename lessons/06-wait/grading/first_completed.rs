//! `wait_first_completed`, hidden tests: simultaneous finishes, each pending future's own
//! finishing time, waiting again, edge cases.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;
use wait_exercises::first_completed::{Done, find_users, wait_first_completed};

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(s(60), future)
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time")
}

/// `find_users(n)` that returns when it finished, measured from `start`.
async fn timed(n: u32, start: Instant) -> Duration {
    find_users(n).await;
    start.elapsed()
}

fn indexes<T>(items: &[T], index: impl Fn(&T) -> usize) -> Vec<usize> {
    items.iter().map(index).collect()
}

/// Two lookups that end at the same moment (2 s) are both in `done`, as in asyncio; the one
/// still running is the only one pending.
#[tokio::test(start_paused = true)]
async fn lookups_finishing_together_are_all_done() {
    let start = Instant::now();
    let lookups = vec![find_users(2), find_users(4), find_users(2)];
    let (mut done, pending) = within_a_minute(wait_first_completed(lookups)).await;
    assert_eq!(start.elapsed(), s(2));
    done.sort_by_key(|d| d.index);
    assert_eq!(
        done,
        [
            Done {
                index: 0,
                output: 2
            },
            Done {
                index: 2,
                output: 2
            },
        ]
    );
    assert_eq!(indexes(&pending, |p| p.index), [1]);
    course_marker::passed();
}

/// Awaited right after `wait` returns, every pending lookup ends at its own time (4 s, 2 s,
/// 3 s), as if `wait` had never stopped it.
#[tokio::test(start_paused = true)]
async fn pending_lookups_finish_at_their_own_times() {
    let start = Instant::now();
    let lookups: Vec<_> = [4, 1, 2, 3].map(|n| timed(n, start)).into();
    let (done, pending) = within_a_minute(wait_first_completed(lookups)).await;
    assert_eq!(start.elapsed(), s(1));
    assert_eq!(
        done,
        [Done {
            index: 1,
            output: s(1)
        }]
    );
    assert_eq!(indexes(&pending, |p| p.index), [0, 2, 3]);
    let finished_at = within_a_minute(futures::future::join_all(pending)).await;
    assert_eq!(finished_at, [s(4), s(2), s(3)]);
    course_marker::passed();
}

/// `pending` keeps the order the futures came in, whatever order they would finish in.
#[tokio::test(start_paused = true)]
async fn pending_keeps_the_order_they_came_in() {
    let lookups: Vec<_> = [3, 5, 1, 4, 2].map(find_users).into();
    let (done, pending) = within_a_minute(wait_first_completed(lookups)).await;
    assert_eq!(
        done,
        [Done {
            index: 2,
            output: 1
        }]
    );
    assert_eq!(indexes(&pending, |p| p.index), [0, 1, 3, 4]);
    course_marker::passed();
}

/// The pending futures can go to `wait_first_completed` again (asyncio's `while pending:`
/// loop): the second wait returns at 2 s with `find_users(2)`, the third at 3 s.
#[tokio::test(start_paused = true)]
async fn pending_futures_can_be_waited_for_again() {
    let start = Instant::now();
    let lookups = vec![find_users(3), find_users(2), find_users(1)];
    let (_, pending) = within_a_minute(wait_first_completed(lookups)).await;
    let (done, pending) = within_a_minute(wait_first_completed(pending)).await;
    assert_eq!(start.elapsed(), s(2));
    assert_eq!(
        done,
        [Done {
            index: 1,
            output: 2
        }]
    );
    assert_eq!(indexes(&pending, |p| p.index), [0]);
    let (done, pending) = within_a_minute(wait_first_completed(pending)).await;
    assert_eq!(start.elapsed(), s(3));
    assert_eq!(
        done,
        [Done {
            index: 0,
            output: 3
        }]
    );
    assert!(pending.is_empty());
    course_marker::passed();
}

/// A future that is ready on its first poll (`find_users(0)`) makes `wait` return at 0 s; the
/// other, awaited afterwards, still ends at its own 2 s.
#[tokio::test(start_paused = true)]
async fn a_future_ready_at_once_returns_at_zero_seconds() {
    let start = Instant::now();
    let lookups = vec![find_users(2), find_users(0)];
    let (done, pending) = within_a_minute(wait_first_completed(lookups)).await;
    assert_eq!(start.elapsed(), s(0));
    assert_eq!(
        done,
        [Done {
            index: 1,
            output: 0
        }]
    );
    assert_eq!(indexes(&pending, |p| p.index), [0]);
    let rest = within_a_minute(futures::future::join_all(pending)).await;
    assert_eq!(rest, [2]);
    assert_eq!(start.elapsed(), s(2));
    course_marker::passed();
}
