//! Every compile-fail case of lesson 9 (`tests/ui/queue/`), fixed: the same code with only the
//! fix, run as a test. The book shows each mistake beside its fixed version.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};

/// A receiver has one owner. Workers that share it take turns through a mutex (or each gets a
/// channel of its own).
#[tokio::test(start_paused = true)]
async fn receiver_moved_into_two_workers() {
    // ANCHOR: receiver_moved_into_two_workers
    let (tx, rx) = mpsc::channel::<u32>(2);
    let rx = Arc::new(Mutex::new(rx));
    let mut workers = Vec::new();
    for _ in 0..2 {
        let rx = Arc::clone(&rx);
        workers.push(tokio::spawn(async move {
            let mut jobs = Vec::new();
            while let Some(job) = rx.lock().await.recv().await {
                jobs.push(job);
            }
            jobs
        }));
    }
    for job in 1..=4 {
        tx.send(job).await.unwrap();
    }
    drop(tx);
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await.unwrap());
    }
    all.sort();
    assert_eq!(all, [1, 2, 3, 4]);
    // ANCHOR_END: receiver_moved_into_two_workers
}

/// Taking a message changes the receiver: `recv` needs `&mut`.
#[tokio::test(start_paused = true)]
async fn queue_get_through_a_shared_reference() {
    // ANCHOR: queue_get_through_a_shared_reference
    async fn worker(queue: &mut mpsc::Receiver<u32>) -> Option<u32> {
        queue.recv().await
    }

    let (tx, mut rx) = mpsc::channel(2);
    tx.send(1).await.unwrap();
    assert_eq!(worker(&mut rx).await, Some(1));
    // ANCHOR_END: queue_get_through_a_shared_reference
}
