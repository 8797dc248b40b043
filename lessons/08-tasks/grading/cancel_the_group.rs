//! `all_or_first_error`, hidden tests: nothing to look up, two failures, a failure after the
//! others finished, many lookups.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tasks_exercises::cancel_the_group::all_or_first_error;
use tokio::time::Instant;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// (조회의 초, 끝나거나 버려진 시각, 끝났는지) / (the lookup's seconds, when it ended or was
/// dropped, whether it finished)
type Log = Arc<Mutex<Vec<(u64, Duration, bool)>>>;

struct Guard {
    log: Log,
    secs: u64,
    start: Instant,
    finished: bool,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let entry = (self.secs, self.start.elapsed(), self.finished);
        self.log.lock().unwrap().push(entry);
    }
}

fn lookup(
    secs: u64,
    fails: bool,
    log: &Log,
    start: Instant,
) -> impl Future<Output = Result<u64, String>> + Send + 'static {
    let log = Arc::clone(log);
    async move {
        let mut guard = Guard {
            log,
            secs,
            start,
            finished: false,
        };
        tokio::time::sleep(s(secs)).await;
        guard.finished = true;
        if fails {
            Err(format!("lookup {secs} failed"))
        } else {
            Ok(secs * 10)
        }
    }
}

async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(s(60), future)
        .await
        .expect("not done after 60 s of virtual time")
}

#[tokio::test(start_paused = true)]
async fn nothing_to_look_up_is_an_empty_success() {
    type Lookup = std::pin::Pin<Box<dyn Future<Output = Result<u64, String>> + Send>>;
    let lookups: Vec<Lookup> = Vec::new();
    let start = Instant::now();
    assert_eq!(
        within_a_minute(all_or_first_error(lookups)).await,
        Ok(vec![])
    );
    assert_eq!(start.elapsed(), s(0));
    course_marker::passed();
}

/// Failures at 2 s and 4 s: the one at 2 s is returned, and the one at 4 s is cancelled.
#[tokio::test(start_paused = true)]
async fn of_two_failures_the_first_is_returned() {
    let (log, start) = (Arc::default(), Instant::now());
    let lookups = vec![lookup(4, true, &log, start), lookup(2, true, &log, start)];
    assert_eq!(
        within_a_minute(all_or_first_error(lookups)).await,
        Err("lookup 2 failed".to_string())
    );
    assert_eq!(start.elapsed(), s(2));
    let mut log = log.lock().unwrap().clone();
    log.sort();
    assert_eq!(log, [(2, s(2), true), (4, s(2), false)]);
    course_marker::passed();
}

/// The failing lookup is the longest: the others have finished by then; the error still wins.
#[tokio::test(start_paused = true)]
async fn a_late_failure_still_fails_the_group() {
    let (log, start) = (Arc::default(), Instant::now());
    let lookups = vec![
        lookup(1, false, &log, start),
        lookup(3, true, &log, start),
        lookup(2, false, &log, start),
    ];
    assert_eq!(
        within_a_minute(all_or_first_error(lookups)).await,
        Err("lookup 3 failed".to_string())
    );
    assert_eq!(start.elapsed(), s(3));
    course_marker::passed();
}

/// A hundred lookups of 1..=100 s, one failing at 50 s: returned at 50 s, the 50 still running
/// cancelled at 50 s.
#[tokio::test(start_paused = true)]
async fn a_hundred_lookups_one_failing() {
    let (log, start) = (Arc::default(), Instant::now());
    let lookups: Vec<_> = (1..=100).map(|k| lookup(k, k == 50, &log, start)).collect();
    let result = tokio::time::timeout(s(200), all_or_first_error(lookups))
        .await
        .expect("not done");
    assert_eq!(result, Err("lookup 50 failed".to_string()));
    assert_eq!(start.elapsed(), s(50));
    let log = log.lock().unwrap().clone();
    let cancelled = log
        .iter()
        .filter(|(_, at, finished)| !finished && *at == s(50))
        .count();
    assert_eq!(cancelled, 50);
    course_marker::passed();
}
