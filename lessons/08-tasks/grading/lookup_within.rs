//! `lookup_within`, hidden tests: a lookup that ends exactly at the limit, a zero limit, and
//! many lookups given up on at once.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tasks_exercises::lookup_within::lookup_within;
use tokio::time::Instant;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

struct Connection {
    closed: Arc<Mutex<Vec<Duration>>>,
    start: Instant,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.closed.lock().unwrap().push(self.start.elapsed());
    }
}

fn slow_lookup(
    secs: u64,
    closed: &Arc<Mutex<Vec<Duration>>>,
) -> impl std::future::Future<Output = u64> + Send + 'static {
    let connection = Connection {
        closed: Arc::clone(closed),
        start: Instant::now(),
    };
    async move {
        let _connection = connection;
        tokio::time::sleep(s(secs)).await;
        secs
    }
}

/// Ending at the very instant of the limit still counts (the lookup is polled first).
#[tokio::test(start_paused = true)]
async fn ending_exactly_at_the_limit_counts() {
    let closed = Arc::default();
    assert_eq!(lookup_within(s(2), slow_lookup(2, &closed)).await, Some(2));
    course_marker::passed();
}

/// A zero limit: a lookup that has to wait is given up at once, and closed at 0 s.
#[tokio::test(start_paused = true)]
async fn a_zero_limit_gives_up_at_once() {
    let closed = Arc::default();
    let start = Instant::now();
    assert_eq!(lookup_within(s(0), slow_lookup(1, &closed)).await, None);
    assert_eq!(start.elapsed(), s(0));
    assert_eq!(*closed.lock().unwrap(), [s(0)]);
    course_marker::passed();
}

/// Ten lookups of 5 s, each limited to 2 s, run together: all given up and closed at 2 s.
#[tokio::test(start_paused = true)]
async fn ten_lookups_given_up_together_all_stop() {
    let closed = Arc::default();
    let start = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..10 {
        set.spawn(lookup_within(s(2), slow_lookup(5, &closed)));
    }
    while let Some(result) = set.join_next().await {
        assert_eq!(result.unwrap(), None);
    }
    assert_eq!(start.elapsed(), s(2));
    tokio::time::sleep(s(10)).await;
    assert_eq!(*closed.lock().unwrap(), vec![s(2); 10]);
    course_marker::passed();
}
