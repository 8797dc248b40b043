// Mistake: calling `poll` on a future that is not pinned, as if it took `&mut self`.
use std::future::Future;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

async fn find_user(i: u32) -> u32 {
    tokio::time::sleep(Duration::from_secs(1)).await;
    i
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut future = find_user(1);
    assert_eq!(future.poll(&mut cx), Poll::Pending); //~ ERROR E0599
}
