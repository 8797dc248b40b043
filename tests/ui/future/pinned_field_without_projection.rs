// Mistake: reaching a pinned field through `self: Pin<&mut Self>` without projecting it.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project::pin_project;
use tokio::time::Sleep;

#[pin_project]
struct LookUp {
    i: u32,
    #[pin]
    sleep: Sleep,
}

impl Future for LookUp {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        ready!(Pin::new(&mut self.sleep).poll(cx)); //~ ERROR E0277
        Poll::Ready(self.i)
    }
}

fn main() {}
