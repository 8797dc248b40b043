//! `lookups_with_deadline`, hidden tests: cancellation at the deadline, one limit per lookup
//! from the same start, other futures, edge cases.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use tokio::time::{Instant, sleep};
use wait_exercises::give_up_at_deadline::{TimedOut, find_users, lookups_with_deadline};

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

/// Who was dropped before finishing (cancelled), and when.
type Cancelled = Rc<RefCell<Vec<(u32, Duration)>>>;

/// Dropped with its lookup; if the lookup had not finished, it was cancelled.
struct Watch {
    n: u32,
    finished: bool,
    start: Instant,
    cancelled: Cancelled,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if !self.finished {
            self.cancelled
                .borrow_mut()
                .push((self.n, self.start.elapsed()));
        }
    }
}

/// `find_users(n)` that writes down in `cancelled` when it is dropped half-way.
fn watched(n: u32, start: Instant, cancelled: &Cancelled) -> impl Future<Output = u32> + use<> {
    let cancelled = cancelled.clone();
    async move {
        let mut watch = Watch {
            n,
            finished: false,
            start,
            cancelled,
        };
        let found = find_users(n).await;
        watch.finished = true;
        found
    }
}

/// The lookups given up are cancelled (dropped) at exactly 1.5 s, and the one that finished
/// in time is not; waiting on afterwards changes nothing.
#[tokio::test(start_paused = true)]
async fn given_up_lookups_are_cancelled_at_the_deadline() {
    let start = Instant::now();
    let cancelled = Cancelled::default();
    let lookups: Vec<_> = [3, 2, 1].map(|n| watched(n, start, &cancelled)).into();
    let results = within_a_minute(lookups_with_deadline(lookups, ms(1500))).await;
    assert_eq!(results, [Err(TimedOut), Err(TimedOut), Ok(1)]);
    let mut at_return = cancelled.borrow().clone();
    at_return.sort();
    assert_eq!(at_return, [(2, ms(1500)), (3, ms(1500))]);
    sleep(s(10)).await;
    assert_eq!(cancelled.borrow().len(), 2);
    course_marker::passed();
}

/// Every lookup gets the same limit from the same start, all running together: with 2.5 s,
/// `find_users(4)` is given up while `(1)` and `(2)` make it; back at 2.5 s (one limit after
/// another would take longer).
#[tokio::test(start_paused = true)]
async fn every_lookup_gets_the_limit_from_the_same_start() {
    let start = Instant::now();
    let lookups: Vec<_> = [4, 1, 2].map(find_users).into();
    let results = within_a_minute(lookups_with_deadline(lookups, ms(2500))).await;
    assert_eq!(results, [Err(TimedOut), Ok(1), Ok(2)]);
    assert_eq!(start.elapsed(), ms(2500));
    course_marker::passed();
}

/// `5, 3, 1` with a 4 s limit: only `find_users(5)` is given up, at 4 s.
#[tokio::test(start_paused = true)]
async fn only_the_lookup_past_the_limit_is_given_up() {
    let start = Instant::now();
    let cancelled = Cancelled::default();
    let lookups: Vec<_> = [5, 3, 1].map(|n| watched(n, start, &cancelled)).into();
    let results = within_a_minute(lookups_with_deadline(lookups, s(4))).await;
    assert_eq!(results, [Err(TimedOut), Ok(3), Ok(1)]);
    assert_eq!(start.elapsed(), s(4));
    assert_eq!(*cancelled.borrow(), [(5, s(4))]);
    course_marker::passed();
}

/// Well within a 10 s limit, `2, 1` are back at 2 s, not at 10 s.
#[tokio::test(start_paused = true)]
async fn a_generous_limit_is_not_waited_out() {
    let start = Instant::now();
    let lookups: Vec<_> = [2, 1].map(find_users).into();
    let results = within_a_minute(lookups_with_deadline(lookups, s(10))).await;
    assert_eq!(results, [Ok(2), Ok(1)]);
    assert_eq!(start.elapsed(), s(2));
    course_marker::passed();
}

/// Any future will do: with a 750 ms limit, a 500 ms job makes it and a 1 s job does not.
#[tokio::test(start_paused = true)]
async fn any_future_can_be_given_a_limit() {
    async fn job(label: &'static str, took: Duration) -> &'static str {
        sleep(took).await;
        label
    }
    let start = Instant::now();
    let jobs = vec![job("fast", ms(500)), job("slow", s(1))];
    let results = within_a_minute(lookups_with_deadline(jobs, ms(750))).await;
    assert_eq!(results, [Ok("fast"), Err(TimedOut)]);
    assert_eq!(start.elapsed(), ms(750));
    course_marker::passed();
}

/// Nothing to look up: an empty `Vec` at once, not after the limit.
#[tokio::test(start_paused = true)]
async fn nothing_to_look_up_returns_at_once() {
    let start = Instant::now();
    let lookups: Vec<_> = Vec::<u32>::new().into_iter().map(find_users).collect();
    let results = within_a_minute(lookups_with_deadline(lookups, s(5))).await;
    assert!(results.is_empty());
    assert_eq!(start.elapsed(), s(0));
    course_marker::passed();
}
