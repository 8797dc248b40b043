//! Every compile-fail case of lesson 7 (`tests/ui/threads/`), fixed: the same code with only the
//! fix, run as a test. The book shows each mistake beside its fixed version.

use std::time::Duration;

/// `Arc` is the shared pointer that may cross threads: its count changes atomically.
#[test]
fn rc_sent_to_a_thread() {
    // ANCHOR: rc_sent_to_a_thread
    use std::sync::Arc;

    let names = Arc::new(vec!["bora", "jin"]);
    let worker = std::thread::spawn(move || names.len());
    assert_eq!(worker.join().unwrap(), 2);
    // ANCHOR_END: rc_sent_to_a_thread
}

/// A `Mutex` lets one thread at a time in, so `Arc<Mutex<_>>` may be shared.
#[test]
fn refcell_shared_through_arc() {
    // ANCHOR: refcell_shared_through_arc
    use std::sync::{Arc, Mutex};

    let tally = Arc::new(Mutex::new(0));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let tally = Arc::clone(&tally);
            std::thread::spawn(move || *tally.lock().unwrap() += 1)
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(*tally.lock().unwrap(), 2);
    // ANCHOR_END: refcell_shared_through_arc
}

/// `std::thread::scope` joins its threads before it returns, so they may borrow locals.
#[test]
fn thread_spawn_borrows_local() {
    // ANCHOR: thread_spawn_borrows_local
    let numbers: Vec<u64> = (1..=100).collect();
    let (left, right) = numbers.split_at(50);
    let total = std::thread::scope(|scope| {
        let a = scope.spawn(|| left.iter().sum::<u64>());
        let b = scope.spawn(|| right.iter().sum::<u64>());
        a.join().unwrap() + b.join().unwrap()
    });
    assert_eq!(total, 5050);
    // ANCHOR_END: thread_spawn_borrows_local
}

/// Single-threaded state stays on one thread: `spawn_local` on a `LocalSet` takes futures that
/// are not `Send` (and the state needs no lock).
#[tokio::test(start_paused = true)]
async fn rc_state_in_tokio_spawn() {
    // ANCHOR: rc_state_in_tokio_spawn
    use std::cell::RefCell;
    use std::rc::Rc;

    let tally = Rc::new(RefCell::new(Vec::new()));
    let writer = Rc::clone(&tally);
    let local = tokio::task::LocalSet::new();
    let task = local.spawn_local(async move {
        tokio::time::sleep(Duration::from_secs(1)).await;
        writer.borrow_mut().push(1);
    });
    local.run_until(task).await.unwrap();
    assert_eq!(*tally.borrow(), [1]);
    // ANCHOR_END: rc_state_in_tokio_spawn
}
