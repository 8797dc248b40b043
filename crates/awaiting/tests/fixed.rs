//! Every compile-fail case of lesson 2 (`tests/ui/awaiting/`), fixed: the same code with only
//! the fix, run as a test. The book shows each mistake beside its twin.

// The twin of `async_fn_called_without_await.rs` must pass under the lint that rejects the
// mistake, so the lint is an error here too, as in the compile-fail case.
#![deny(unused_must_use)]

/// A plain `fn` cannot `.await`, but it can hand the future to a runtime and block until it is
/// done: Python's `loop.run_until_complete(do_asyncs(5))`.
#[test]
fn await_outside_async() {
    // ANCHOR: await_outside_async
    async fn do_asyncs(n: u32) -> String {
        n.to_string().repeat(10)
    }

    fn main() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let digits = runtime.block_on(do_asyncs(5));
        assert_eq!(digits, "5555555555");
    }
    // ANCHOR_END: await_outside_async
    main();
}

/// `async fn main` runs once a runtime drives it: `#[tokio::main]` writes that runtime.
#[test]
fn async_main_without_runtime() {
    // ANCHOR: async_main_without_runtime
    async fn do_asyncs(n: u32) -> String {
        n.to_string().repeat(10)
    }

    #[tokio::main(flavor = "current_thread")]
    async fn main() {
        let digits = do_asyncs(5).await;
        assert_eq!(digits, "5555555555");
    }
    // ANCHOR_END: async_main_without_runtime
    main();
}

/// `.await` turns the future into the value it promised.
#[test]
fn future_used_as_its_output() {
    // ANCHOR: future_used_as_its_output
    async fn count_users(n: u32) -> u32 {
        n
    }

    #[tokio::main(flavor = "current_thread")]
    async fn main() {
        let found: u32 = count_users(3).await;
        assert_eq!(found, 3);
    }
    // ANCHOR_END: future_used_as_its_output
    main();
}

/// `Arc` instead of `Rc`: the same shared pointer, with an atomic count, so the task is `Send`.
#[test]
fn rc_held_across_await_in_spawn() {
    // ANCHOR: rc_held_across_await_in_spawn
    use std::sync::Arc;

    #[tokio::main(flavor = "current_thread")]
    async fn main() {
        let task = tokio::spawn(async {
            let names = Arc::new(vec!["hello", "world"]);
            tokio::task::yield_now().await;
            names.len()
        });
        assert_eq!(task.await.unwrap(), 2);
    }
    // ANCHOR_END: rc_held_across_await_in_spawn
    main();
}

/// `async move`: the task owns the string instead of borrowing it from `main`.
#[test]
fn tokio_spawn_borrows_local() {
    // ANCHOR: tokio_spawn_borrows_local
    #[tokio::main(flavor = "current_thread")]
    async fn main() {
        let greeting = String::from("good night");
        let task = tokio::spawn(async move { greeting.len() });
        assert_eq!(task.await.unwrap(), 10);
    }
    // ANCHOR_END: tokio_spawn_borrows_local
    main();
}

/// With `.await` the future is used, and the body runs.
#[test]
fn async_fn_called_without_await() {
    // ANCHOR: async_fn_called_without_await
    async fn do_asyncs(n: u32) {
        println!("{}", n.to_string().repeat(10));
    }

    #[tokio::main(flavor = "current_thread")]
    async fn main() {
        do_asyncs(5).await;
    }
    // ANCHOR_END: async_fn_called_without_await
    main();
}
