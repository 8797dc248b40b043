// Mistake: keeping tasks as `Box<dyn Future>`. `poll` takes `Pin<&mut Self>`: a future that
// may borrow from itself must not move once polled, and a plain `Box` promises nothing.
use std::future::Future;
use std::task::{Context, Waker};

fn main() {
    let mut tasks: Vec<Box<dyn Future<Output = ()>>> = vec![Box::new(async {})];
    let mut cx = Context::from_waker(Waker::noop());
    for task in &mut tasks {
        let _ = task.as_mut().poll(&mut cx); //~ ERROR no method named `poll`
    }
}
