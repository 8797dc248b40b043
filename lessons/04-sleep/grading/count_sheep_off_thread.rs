//! Hidden tests for `count_sheep_async`: a slow shepherd, a big flock, an empty one, two
//! counters at once. All on tokio's default one-thread test runtime.

use std::sync::mpsc::{self, Sender};

use sleep_exercises::count_sheep_off_thread::{Sheep, count_sheep_async, shepherd};

/// A shepherd that dawdles: many yields between sheep, so an answer that yields a few times
/// and then counts on the runtime's thread still starves it.
async fn slow_shepherd(gate: Sender<Sheep>, flock: u32) {
    for _ in 0..flock {
        for _ in 0..200 {
            tokio::task::yield_now().await;
        }
        gate.send(Sheep).expect("nobody is counting any more");
    }
}

/// Fifty sheep from a slow shepherd are all counted.
#[tokio::test]
async fn a_slow_shepherd_s_flock_is_counted_in_full() {
    let (gate, counter_side) = mpsc::channel();
    let shepherd = tokio::spawn(slow_shepherd(gate, 50));
    assert_eq!(count_sheep_async(counter_side).await, 50);
    shepherd.await.expect("the shepherd panicked");
    course_marker::passed();
}

/// A thousand sheep, one per yield, are all counted.
#[tokio::test]
async fn a_big_flock_is_counted_in_full() {
    let (gate, counter_side) = mpsc::channel();
    let shepherd = tokio::spawn(shepherd(gate, 1000));
    assert_eq!(count_sheep_async(counter_side).await, 1000);
    shepherd.await.expect("the shepherd panicked");
    course_marker::passed();
}

/// A gate closed before any sheep came counts zero.
#[tokio::test]
async fn a_closed_gate_counts_zero() {
    let (gate, counter_side) = mpsc::channel::<Sheep>();
    drop(gate);
    assert_eq!(count_sheep_async(counter_side).await, 0);
    course_marker::passed();
}

/// Two counters at once, each at its own gate, on two blocking threads, while their shepherds
/// share the runtime's one thread.
#[tokio::test]
async fn two_counters_count_two_flocks_at_once() {
    let (gate_a, counter_a) = mpsc::channel();
    let (gate_b, counter_b) = mpsc::channel();
    let counting_a = tokio::spawn(count_sheep_async(counter_a));
    let counting_b = tokio::spawn(count_sheep_async(counter_b));
    let shepherd_a = tokio::spawn(slow_shepherd(gate_a, 7));
    let shepherd_b = tokio::spawn(shepherd(gate_b, 11));
    assert_eq!(counting_a.await.expect("counter a panicked"), 7);
    assert_eq!(counting_b.await.expect("counter b panicked"), 11);
    shepherd_a.await.expect("shepherd a panicked");
    shepherd_b.await.expect("shepherd b panicked");
    course_marker::passed();
}
