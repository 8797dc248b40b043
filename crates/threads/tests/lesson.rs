//! The facts lesson 7 teaches: parallelism shown by structure (a barrier that two jobs pass only
//! together), waiting at scale on tokio's paused clock, the co-operative budget's polls counted
//! exactly, and what `spawn_local` and `std::thread::scope` allow.

use std::time::Duration;

use threads::{Budget, Met, Runner, Waiter};
use timeline::Timeline;

/// Long enough for two threads to start on a loaded machine; a pass comes as soon as they meet.
const PLENTY: Duration = Duration::from_secs(10);

#[test]
fn two_threads_meet_at_the_barrier() {
    assert_eq!(
        threads::meet_at_a_barrier(Runner::Threads, PLENTY),
        Met::Both
    );
}

/// `#[tokio::main]`'s runtime runs tasks on several worker threads at once.
#[test]
fn two_tasks_on_the_multi_thread_runtime_meet_at_the_barrier() {
    assert_eq!(
        threads::meet_at_a_barrier(Runner::MultiThread, PLENTY),
        Met::Both
    );
}

/// One thread, tasks taking turns (asyncio's shape): the first task blocks the thread at the
/// barrier, the second never runs. Caught by the watching thread's timeout.
#[test]
fn two_tasks_on_a_current_thread_runtime_are_stuck_at_the_barrier() {
    assert_eq!(
        threads::meet_at_a_barrier(Runner::CurrentThread, Duration::from_millis(300)),
        Met::Stuck
    );
}

/// Ten thousand one-second waits take one second, as tasks and as futures in one task.
#[tokio::test(start_paused = true)]
async fn ten_thousand_waits_take_one_second_either_way() {
    for waiter in Waiter::ALL {
        assert_eq!(
            threads::wait_many(10_000, waiter).await,
            Duration::from_secs(1),
            "{waiter:?}"
        );
    }
}

/// Inside one task the polls grow with the square of N (the budget runs out after 128 and every
/// sleep still waiting is polled again each round); `unconstrained` and `JoinSet` poll each
/// sleep exactly twice. The figures are this tokio's (1.54), on the paused clock.
#[tokio::test(start_paused = true)]
async fn inside_one_task_the_polls_grow_with_the_square_of_n() {
    let mut in_a_task = Vec::new();
    for n in [1_000, 2_000, 4_000] {
        in_a_task.push(threads::polls_for(n, Budget::InATask).await);
        assert_eq!(threads::polls_for(n, Budget::Unconstrained).await, 2 * n);
        assert_eq!(threads::polls_for(n, Budget::JoinSet).await, 2 * n);
    }
    assert_eq!(in_a_task, [5_416, 18_640, 68_512]);
    // Doubling N multiplies the polls by more than three: the square, not the line.
    assert!(in_a_task.windows(2).all(|w| w[1] > 3 * w[0]));
}

/// The budget is not a matter of spawned tasks: `block_on` polling the same `FuturesUnordered`
/// spends the same budget and makes exactly as many polls.
#[tokio::test(start_paused = true)]
async fn block_on_spends_the_same_budget_as_a_task() {
    for n in [1_000, 2_000] {
        let in_a_task = threads::polls_for(n, Budget::InATask).await;
        let from_block_on = tokio::task::spawn_blocking(move || threads::polls_from_block_on(n))
            .await
            .expect("a thread of its own");
        assert_eq!(from_block_on, in_a_task, "n = {n}");
        assert!(from_block_on > 2 * n);
    }
}

/// Single-threaded state (`Rc<RefCell<_>>`) written by three `spawn_local` tasks, in the order
/// their waits end.
#[tokio::test(start_paused = true)]
async fn spawn_local_tasks_share_rc_state_on_one_thread() {
    let tl = Timeline::quiet();
    let tally = threads::tally_on_one_thread(&tl).await;
    let s = Duration::from_secs;
    assert_eq!(tally, [(1, s(1)), (2, s(2)), (3, s(3))]);
    assert_eq!(tl.tasks(), ["wait(3)", "wait(1)", "wait(2)"]);
}

/// Scoped threads may borrow a local: the halves add up, for odd lengths and one element too.
#[test]
fn scoped_threads_sum_a_borrowed_list() {
    let numbers: Vec<u64> = (1..=100).collect();
    assert_eq!(threads::sum_in_two_threads(&numbers), 5050);
    assert_eq!(threads::sum_in_two_threads(&[7, 8, 9]), 24);
    assert_eq!(threads::sum_in_two_threads(&[5]), 5);
    assert_eq!(threads::sum_in_two_threads(&[]), 0);
}

/// A tokio sleep is a small value held inline; an OS thread reserves a 2 MiB stack.
#[test]
fn a_sleep_is_bytes_and_a_thread_is_megabytes() {
    let (one_wait, stack) = threads::sizes();
    assert!(one_wait < 256, "{one_wait}");
    assert_eq!(stack, 2 << 20);
}
