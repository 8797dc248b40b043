//! `count_sheep_async`: a blocking call sent to a blocking thread leaves the runtime's thread to
//! the other tasks. These tests run on tokio's default one-thread test runtime.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use sleep_exercises::count_sheep_off_thread::{count_sheep_async, shepherd};

/// The shepherd lets five sheep through one at a time while they are being counted, and all
/// five are counted.
#[tokio::test]
async fn five_sheep_are_counted_while_the_shepherd_lets_them_in() {
    let (gate, counter_side) = mpsc::channel();
    let shepherd = tokio::spawn(shepherd(gate, 5));
    assert_eq!(count_sheep_async(counter_side).await, 5);
    shepherd.await.expect("the shepherd panicked");
    course_marker::passed();
}

/// A ticker task on the runtime's thread keeps ticking while the sheep are counted.
#[tokio::test]
async fn a_ticker_keeps_ticking_while_sheep_are_counted() {
    let ticks = Arc::new(AtomicUsize::new(0));
    let ticker = tokio::spawn({
        let ticks = ticks.clone();
        async move {
            loop {
                ticks.fetch_add(1, Ordering::SeqCst);
                tokio::task::yield_now().await;
            }
        }
    });
    let (gate, counter_side) = mpsc::channel();
    let shepherd = tokio::spawn(shepherd(gate, 3));
    assert_eq!(count_sheep_async(counter_side).await, 3);
    assert!(
        ticks.load(Ordering::SeqCst) > 0,
        "the ticker never ticked while the sheep were counted"
    );
    ticker.abort();
    shepherd.await.expect("the shepherd panicked");
    course_marker::passed();
}
