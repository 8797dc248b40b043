//! The facts lesson 9 teaches, on tokio's paused clock.

use std::time::Duration;

use queue::{Limit, Lock};

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// A queue of two, one worker at a second a job: the producer's sends return at 0, 0, 0, then
/// one a second; the jobs are done at 1..6 s; `join` returns at 6 s.
#[tokio::test(start_paused = true)]
async fn a_full_queue_holds_the_producer_back() {
    let seen = queue::backpressure(6, 2, 1).await;
    assert_eq!(seen.sent, [s(0), s(0), s(0), s(1), s(2), s(3)]);
    assert_eq!(
        seen.done,
        (1..=6).map(|k| (k, s(k as u64))).collect::<Vec<_>>()
    );
    assert_eq!(seen.joined, s(6));
}

/// Three workers share one receiver: six jobs are done by 2 s.
#[tokio::test(start_paused = true)]
async fn three_workers_share_one_receiver() {
    let seen = queue::backpressure(6, 2, 3).await;
    assert_eq!(seen.joined, s(2));
    let mut jobs: Vec<u32> = seen.done.iter().map(|(job, _)| *job).collect();
    jobs.sort();
    assert_eq!(jobs, [1, 2, 3, 4, 5, 6]);
}

/// 1000 one-second lookups, 10 at a time: exactly 100 s, never more than 10 at once, with a
/// semaphore and with `buffer_unordered`.
#[tokio::test(start_paused = true)]
async fn ten_at_a_time_take_exactly_a_hundred_seconds() {
    for how in [Limit::Semaphore, Limit::BufferUnordered] {
        assert_eq!(queue::limited(1000, 10, how).await, (s(100), 10), "{how:?}");
    }
}

/// tokio's mutex lets the second task wait its turn (2 s); std's, held across `.await` on one
/// thread, deadlocks.
#[test]
fn a_std_mutex_held_across_await_deadlocks_on_one_thread() {
    assert_eq!(
        queue::two_tasks_one_lock(Lock::Tokio, Duration::from_secs(10)),
        Some(s(2))
    );
    assert_eq!(
        queue::two_tasks_one_lock(Lock::Std, Duration::from_millis(300)),
        None
    );
}

/// `Event`: the three waiting go on at `set()` (2 s), the late one at once when it comes (3 s).
#[tokio::test(start_paused = true)]
async fn an_event_lets_every_waiter_through_once_set() {
    assert_eq!(queue::event().await, [s(2), s(2), s(2), s(3)]);
    assert_eq!(queue::notify_alone().await, (true, 3));
}

#[tokio::test(start_paused = true)]
async fn oneshot_watch_broadcast_and_barrier_each_fit_their_case() {
    assert_eq!(queue::one_reply().await, 42);
    assert_eq!(queue::latest_value().await, 2);
    assert_eq!(queue::everyone_hears().await, [[1, 2, 3], [1, 2, 3]]);
    assert_eq!(queue::meet().await, [s(3), s(3), s(3)]);
}
