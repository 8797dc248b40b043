// Mistake: counting wakes in a `Cell`: a waker can be woken from any thread, so it must be
// `Send + Sync`.
use std::cell::Cell;
use std::sync::Arc;
use std::task::{Wake, Waker};

struct Counter {
    wakes: Cell<usize>,
}

impl Wake for Counter {
    fn wake(self: Arc<Self>) {
        self.wakes.set(self.wakes.get() + 1);
    }
}

fn main() {
    let counter = Arc::new(Counter { wakes: Cell::new(0) });
    let waker = Waker::from(Arc::clone(&counter)); //~ ERROR E0277
    waker.wake_by_ref();
    assert_eq!(counter.wakes.get(), 1);
}
