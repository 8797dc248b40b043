//! The passing twins of `tests/ui/wait/*.rs`: the same code with only the mistake fixed.

// ANCHOR: select_loop_moves_future
mod select_loop_moves_future {
    use std::time::Duration;

    async fn find_users(n: u64) -> u64 {
        tokio::time::sleep(Duration::from_secs(n)).await;
        n
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn main() {
        // Fixed: pin the future once, outside the loop, and lend it to select! with `&mut`;
        // a round that the sleep wins leaves the lookup where it was.
        let mut lookup = std::pin::pin!(find_users(3));
        let mut waited = 0;
        loop {
            tokio::select! {
                n = &mut lookup => {
                    println!("found {n}");
                    break;
                }
                _ = tokio::time::sleep(Duration::from_millis(400)) => waited += 1,
            }
        }
        // (The twin's own check: seven 0.4 s rounds, up to 2.8 s, before the lookup won at 3 s.)
        assert_eq!(waited, 7);
    }
}
// ANCHOR_END: select_loop_moves_future

// ANCHOR: std_mutex_guard_held_across_await_in_spawn
mod std_mutex_guard_held_across_await_in_spawn {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn main() {
        let found = Arc::new(Mutex::new(Vec::new()));
        let shared = found.clone();
        let task = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            // Fixed: lock after the .await; the guard is dropped at the end of this statement,
            // before any other .await, so the task stays Send.
            shared.lock().unwrap().push(3);
        });
        task.await.unwrap();
        assert_eq!(*found.lock().unwrap(), [3]);
    }
}
// ANCHOR_END: std_mutex_guard_held_across_await_in_spawn
