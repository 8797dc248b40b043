//! `do_async` hands the thread over after every digit, so coroutines on one thread take turns.

use std::time::Duration;

use routine_exercises::interleave_digits::{Out, do_async};
use tokio::time::Instant;

/// Runs one `do_async(n, times)` task per pair, spawned in this order on the test's one thread
/// (as `asyncio.gather` would), and returns what they printed together.
async fn run_as_tasks(coroutines: &[(u32, usize)]) -> String {
    let out = Out::default();
    let tasks: Vec<_> = coroutines
        .iter()
        .map(|&(n, times)| tokio::spawn(do_async(n, times, out.clone())))
        .collect();
    for task in tasks {
        task.await.expect("do_async panicked");
    }
    out.lock().expect("a printing task panicked").clone()
}

/// The notebook's pair, as coroutines: `do_async(5)` and `do_async(7)` print one digit each in turn.
#[tokio::test(start_paused = true)]
async fn five_and_seven_print_one_digit_each_in_turn() {
    assert_eq!(
        run_as_tasks(&[(5, 10), (7, 10)]).await,
        "57575757575757575757"
    );
    course_marker::passed();
}

/// Alone, a coroutine still prints all its digits: yielding lets others in, it loses nothing.
#[tokio::test(start_paused = true)]
async fn a_coroutine_alone_prints_all_its_digits() {
    assert_eq!(run_as_tasks(&[(5, 4)]).await, "5555");
    course_marker::passed();
}

/// Handing the thread over is not sleeping: the whole exchange takes no virtual time.
#[tokio::test(start_paused = true)]
async fn taking_turns_takes_no_time() {
    let start = Instant::now();
    assert_eq!(run_as_tasks(&[(5, 3), (7, 3)]).await, "575757");
    assert_eq!(start.elapsed(), Duration::ZERO);
    course_marker::passed();
}
