//! Every compile-fail case of lesson 8 (`tests/ui/tasks/`), fixed: the same code with only the
//! fix, run as a test. The book shows each mistake beside its fixed version.

use std::sync::{Arc, Mutex};

/// `Drop` cannot wait. Close the connection with `.await` where the code can wait, and keep only
/// plain, quick work in `Drop`.
#[tokio::test(start_paused = true)]
async fn await_in_drop() {
    let closed = Arc::new(Mutex::new(Vec::new()));
    // ANCHOR: await_in_drop
    struct Connection {
        log: Arc<Mutex<Vec<&'static str>>>,
    }

    impl Connection {
        async fn close(self) {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await; // the goodbye
            self.log.lock().unwrap().push("closed with await");
        }
    }

    impl Drop for Connection {
        fn drop(&mut self) {
            self.log.lock().unwrap().push("dropped"); // plain code only
        }
    }

    let connection = Connection {
        log: Arc::clone(&closed),
    };
    connection.close().await;
    // ANCHOR_END: await_in_drop
    assert_eq!(*closed.lock().unwrap(), ["closed with await", "dropped"]);
}

/// Take an `AbortHandle` before the `JoinHandle` is consumed by `.await`.
#[tokio::test(start_paused = true)]
async fn handle_awaited_then_aborted() {
    // ANCHOR: handle_awaited_then_aborted
    let task = tokio::spawn(async { 1 });
    let cancel = task.abort_handle(); // a second handle, only to cancel
    let value = task.await.unwrap();
    cancel.abort(); // the task is done: nothing to cancel, and no error
    assert_eq!(value, 1);
    // ANCHOR_END: handle_awaited_then_aborted
}

/// Each task owns what it uses: a clone of its name.
#[tokio::test(start_paused = true)]
async fn joinset_spawn_borrows_local() {
    // ANCHOR: joinset_spawn_borrows_local
    let names = vec![String::from("bora"), String::from("jin")];
    let mut group = tokio::task::JoinSet::new();
    for name in &names {
        let name = name.clone();
        group.spawn(async move { name.len() });
    }
    let mut lengths = Vec::new();
    while let Some(length) = group.join_next().await {
        lengths.push(length.unwrap());
    }
    lengths.sort();
    assert_eq!(lengths, [3, 4]);
    // ANCHOR_END: joinset_spawn_borrows_local
}
