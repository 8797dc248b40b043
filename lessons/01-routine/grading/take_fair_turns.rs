//! Hidden checks of `checksum`: every turn length, exact boundaries, no extra yields.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::time::Duration;

use routine_exercises::take_fair_turns::{Out, checksum, run_with_heartbeat};
use tokio::time::Instant;

/// The pattern `blocks` blocks in turns of `turn` must print: full turns separated by one `♥`.
fn expected(blocks: usize, turn: usize) -> String {
    (0..blocks)
        .map(|i| if i > 0 && i % turn == 0 { "♥#" } else { "#" })
        .collect()
}

/// Turns of one block: the heartbeat beats between every two blocks.
#[tokio::test(start_paused = true)]
async fn turns_of_one_block_alternate_with_the_heartbeat() {
    let (sum, printed) = run_with_heartbeat(vec![1, 2, 3, 4], 1).await;
    assert_eq!(printed, "#♥#♥#♥#");
    assert_eq!(sum, 10);
    course_marker::passed();
}

/// When the blocks fill the last turn exactly, no heartbeat follows it: the sum is ready first.
#[tokio::test(start_paused = true)]
async fn no_yield_after_the_last_block() {
    let (sum, printed) = run_with_heartbeat((1..=8).collect(), 4).await;
    assert_eq!(printed, "####♥####");
    assert_eq!(sum, 36);
    course_marker::passed();
}

/// A turn as long as the whole job (or longer) is the original: it runs straight through and
/// the heartbeat never gets in.
#[tokio::test(start_paused = true)]
async fn a_turn_as_long_as_the_job_runs_straight_through() {
    for turn in [5, 6, 100] {
        let (sum, printed) = run_with_heartbeat(vec![10, 20, 30, 40, 50], turn).await;
        assert_eq!(printed, "#####", "turn = {turn}");
        assert_eq!(sum, 150);
    }
    course_marker::passed();
}

/// No blocks: nothing printed, a sum of 0, and no heartbeat.
#[tokio::test(start_paused = true)]
async fn no_blocks_sum_to_zero() {
    let (sum, printed) = run_with_heartbeat(Vec::new(), 3).await;
    assert_eq!((sum, printed.as_str()), (0, ""));
    course_marker::passed();
}

/// Every length from 1 to 12 blocks and every turn from 1 to 5: the exact pattern, the sum,
/// and no virtual time.
#[tokio::test(start_paused = true)]
async fn every_length_and_turn_gives_the_exact_pattern() {
    let start = Instant::now();
    for blocks in 1..=12u64 {
        for turn in 1..=5 {
            let (sum, printed) = run_with_heartbeat((1..=blocks).collect(), turn).await;
            assert_eq!(
                printed,
                expected(blocks as usize, turn),
                "{blocks} blocks in turns of {turn}"
            );
            assert_eq!(sum, blocks * (blocks + 1) / 2);
        }
    }
    assert_eq!(start.elapsed(), Duration::ZERO);
    course_marker::passed();
}

/// Polled directly, `checksum` adds exactly `turn` blocks per poll (fewer only in the last) and
/// needs one poll per turn: no empty turns at the start or the end.
#[tokio::test(start_paused = true)]
async fn each_poll_adds_exactly_one_turn_of_blocks() {
    let out = Out::default();
    let mut job = pin!(checksum((1..=11).collect(), 3, out.clone()));
    let mut blocks_per_poll = Vec::new();
    let sum = poll_fn(|cx| {
        let before = out.lock().unwrap().len();
        let poll = job.as_mut().poll(cx);
        blocks_per_poll.push(out.lock().unwrap().len() - before);
        assert!(blocks_per_poll.len() <= 4, "polled more than 4 times");
        poll
    })
    .await;
    assert_eq!(sum, 66);
    assert_eq!(blocks_per_poll, [3, 3, 3, 2]);
    course_marker::passed();
}
