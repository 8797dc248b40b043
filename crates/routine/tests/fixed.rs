//! The passing twins of `tests/ui/routine/*.rs`: the same code with only the mistake fixed.

// ANCHOR: shared_mut_string_in_two_coroutines
mod shared_mut_string_in_two_coroutines {
    use std::cell::RefCell;

    // Fixed: the coroutines share the string through a `RefCell` and borrow it mutably only
    // for the moment of each `push_str`, never across an `.await`.
    async fn do_async(n: u32, out: &RefCell<String>) {
        for _ in 0..10 {
            out.borrow_mut().push_str(&n.to_string());
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn main() {
        let out = RefCell::new(String::new());
        tokio::join!(do_async(5, &out), do_async(7, &out));
        let out = out.into_inner();
        assert_eq!(
            (out.matches('5').count(), out.matches('7').count()),
            (10, 10)
        );
    }
}
// ANCHOR_END: shared_mut_string_in_two_coroutines

// ANCHOR: python_yield_in_async_fn
mod python_yield_in_async_fn {
    use std::cell::RefCell;

    async fn do_async(n: u32, out: &RefCell<String>) {
        for _ in 0..10 {
            out.borrow_mut().push_str(&n.to_string());
            tokio::task::yield_now().await; // fixed: yielding is awaiting a future that yields
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn main() {
        let out = RefCell::new(String::new());
        tokio::join!(do_async(5, &out), do_async(7, &out));
        // They take turns. tokio wakes yielded tasks newest first and join! rotates who goes
        // first (see routine's `pass_the_thread`), so the digits come in pairs at most.
        let out = out.into_inner();
        assert!(
            routine::runs(&out).iter().all(|&(_, len)| len <= 2),
            "{out}"
        );
    }
}
// ANCHOR_END: python_yield_in_async_fn
