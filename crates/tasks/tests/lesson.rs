//! The facts lesson 8 teaches, on tokio's paused clock.

use std::time::Duration;

use tasks::{Ended, GaveUp, Reading};
use timeline::Timeline;
use timeline::clock::{self, Clock};

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// The handle is the Task object: a result, a panic, a cancellation, each at its time.
#[tokio::test(start_paused = true)]
async fn a_join_handle_says_returned_panicked_or_cancelled() {
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let (ends, running_at_one) = tasks::task_object().await;
    std::panic::set_hook(quiet);
    assert_eq!(
        ends,
        [
            Ended::Returned(1, s(1)),
            Ended::Panicked(s(1)),
            Ended::Cancelled(s(2))
        ]
    );
    assert!(running_at_one);
}

/// Cancelled at 2 s: the guard's `Drop` runs then, and the line after the wait never does.
#[tokio::test(start_paused = true)]
async fn a_cancelled_task_drops_its_guard_where_it_waits() {
    let tl = Timeline::quiet();
    assert_eq!(
        tasks::cancel_with_cleanup(&tl).await,
        Ended::Cancelled(s(2))
    );
    assert_eq!(tl.texts(), ["connection closed at 2.000 s"]);
}

/// `abort()` stops nothing at once: the plain code after it runs, and the task stops at its next
/// `.await`.
#[tokio::test(start_paused = true)]
async fn abort_takes_effect_at_the_next_await() {
    let tl = Timeline::quiet();
    assert_eq!(
        tasks::abort_takes_effect_at_the_next_await(&tl).await,
        ["step 1", "step 2 (after abort)", "step 3 (after abort)"]
    );
}

/// `spawn_blocking` work aborted at 1 s still runs to 3 s and returns its result.
#[test]
fn blocking_work_runs_to_its_end_whatever_abort_says() {
    let end = clock::run(Clock::Paused, tasks::blocking_work_cannot_be_aborted());
    assert_eq!(end, Ended::Returned(3, s(3)));
}

/// A new `read_pair` each round loses the first message of a pair whenever a tick wins halfway
/// (3 at 1 s, 6 at 2 s); the one kept across the loop loses none.
#[tokio::test(start_paused = true)]
async fn a_future_dropped_halfway_by_select_loses_what_it_read() {
    assert_eq!(
        tasks::select_loop(Reading::NewEachRound).await,
        [(1, 2), (4, 5)]
    );
    assert_eq!(
        tasks::select_loop(Reading::KeptAcrossRounds).await,
        [(1, 2), (3, 4), (5, 6)]
    );
}

/// TaskGroup: the failing lookup (1 s) cancels the others at 1 s, and their guards say so.
#[tokio::test(start_paused = true)]
async fn the_first_error_cancels_the_rest_of_the_group() {
    let tl = Timeline::quiet();
    let (result, at) = tasks::first_error_cancels_the_group(&tl).await;
    assert_eq!(result, Err("lookup of 1 s failed".to_string()));
    assert_eq!(at, s(1));
    let mut said = tl.said_at();
    said.sort();
    assert_eq!(
        said,
        [
            ("lookup ended at 1.000 s".to_string(), s(1)),
            ("lookup ended at 1.000 s".to_string(), s(1)),
            ("lookup(failing) ended at 1.000 s".to_string(), s(1)),
        ]
    );
}

/// Shutdown at 2.5 s: the three jobs in hand finish at 3 s; nothing accepted is lost, and the
/// job never taken is still waiting.
#[tokio::test(start_paused = true)]
async fn a_graceful_shutdown_finishes_the_jobs_in_hand() {
    let (done, at) = tasks::graceful_shutdown(10).await;
    assert_eq!(done, (2..=10).collect::<Vec<u32>>());
    assert_eq!(at, s(3));
}

/// `wait_for(shield(job), 1)`: the wait gives up at 1 s, the job finishes at 3 s.
#[tokio::test(start_paused = true)]
async fn a_timeout_on_a_handle_gives_up_and_the_task_goes_on() {
    assert_eq!(tasks::shielded_timeout().await, (s(1), s(3)));
}

/// `run_coroutine_threadsafe`: a plain thread spawns on the runtime through its handle.
#[tokio::test(start_paused = true)]
async fn a_plain_thread_spawns_on_the_runtime_through_its_handle() {
    assert_eq!(tasks::from_a_plain_thread().await, 42);
}

/// Retry with one-second tries: the slow try times out at 1 s, the failing one fails at once,
/// the third answers, all by 1 s.
#[tokio::test(start_paused = true)]
async fn retry_tries_an_async_closure_until_it_answers() {
    let (result, tries) = tasks::flaky_lookup_with_retry().await;
    assert_eq!(result, Ok(3));
    assert_eq!(tries, [s(0), s(1), s(1)]);
    let always_slow = tasks::retry(2, s(1), async || {
        tokio::time::sleep(s(5)).await;
        Ok::<u32, String>(0)
    })
    .await;
    assert_eq!(always_slow, Err(GaveUp::TimedOut));
    let always_failing = tasks::retry(2, s(1), async || Err::<u32, _>("no")).await;
    assert_eq!(always_failing, Err(GaveUp::Failed("no")));
}

/// `current_task()` and `all_tasks()`: each task has an id of its own, and the runtime counts
/// the tasks alive (there is no stable list of them).
#[tokio::test(start_paused = true)]
async fn tasks_have_ids_and_the_runtime_counts_them() {
    let metrics = tokio::runtime::Handle::current().metrics();
    let first = tokio::spawn(async {
        tokio::time::sleep(s(1)).await;
        tokio::task::id()
    });
    let second = tokio::spawn(async {
        tokio::time::sleep(s(1)).await;
        tokio::task::id()
    });
    assert_eq!(metrics.num_alive_tasks(), 2);
    let (first_id, second_id) = (first.id(), second.id());
    assert_eq!(first.await.unwrap(), first_id);
    assert_eq!(second.await.unwrap(), second_id);
    assert_ne!(first_id, second_id);
    assert_eq!(metrics.num_alive_tasks(), 0);
}
