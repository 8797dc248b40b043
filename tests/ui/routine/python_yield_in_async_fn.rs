// Mistake: yielding the thread the way generator-based coroutines did in Python (`yield`).
// In Rust an async fn gives the thread back only at an `.await`.
use std::cell::RefCell;

async fn do_async(n: u32, out: &RefCell<String>) {
    for _ in 0..10 {
        out.borrow_mut().push_str(&n.to_string());
        yield; //~ ERROR E0658 E0727
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let out = RefCell::new(String::new());
    tokio::join!(do_async(5, &out), do_async(7, &out));
    println!("{}", out.into_inner());
}
