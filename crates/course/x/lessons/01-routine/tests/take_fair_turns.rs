//! `checksum` hands the thread over after every `turn` blocks, so the heartbeat gets in between.

use std::time::Duration;

use routine_exercises::take_fair_turns::run_with_heartbeat;
use tokio::time::Instant;

/// Ten blocks in turns of four: two turns end before the last block, so the heartbeat beats
/// twice, each time between two turns.
#[tokio::test(start_paused = true)]
async fn ten_blocks_in_turns_of_four_let_the_heartbeat_in_twice() {
    let (sum, printed) = run_with_heartbeat((1..=10).collect(), 4).await;
    assert_eq!(printed, "####♥####♥##");
    assert_eq!(sum, 55);
    course_marker::passed();
}

/// Taking turns adds nothing up wrong and takes no virtual time: a yield is not a sleep.
#[tokio::test(start_paused = true)]
async fn taking_turns_keeps_the_sum_and_takes_no_time() {
    let start = Instant::now();
    let (sum, printed) = run_with_heartbeat(vec![7, 8, 9, 10, 11, 12], 3).await;
    assert_eq!(sum, 57);
    assert_eq!(printed, "###♥###");
    assert_eq!(start.elapsed(), Duration::ZERO);
    course_marker::passed();
}
