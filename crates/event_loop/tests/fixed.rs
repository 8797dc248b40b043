//! Every compile-fail case of lesson 11 (`tests/ui/event_loop/`), fixed: the same code with only
//! the fix, and a check that it does what was meant. The book shows each mistake beside its fix.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

/// What a waker holds is shared with whatever thread calls it: `Arc<Mutex<..>>`, not
/// `Rc<RefCell<..>>`. Then a wake from another thread queues the task.
#[test]
fn wake_with_rc() {
    // ANCHOR: wake_with_rc
    struct TaskWaker {
        key: usize,
        queue: Arc<Mutex<VecDeque<usize>>>,
    }

    impl Wake for TaskWaker {
        fn wake(self: Arc<Self>) {
            self.queue.lock().unwrap().push_back(self.key);
        }
    }

    let queue = Arc::new(Mutex::new(VecDeque::new()));
    let waker = Waker::from(Arc::new(TaskWaker {
        key: 0,
        queue: Arc::clone(&queue),
    }));
    std::thread::spawn(move || waker.wake()).join().unwrap();
    // ANCHOR_END: wake_with_rc
    assert_eq!(*queue.lock().unwrap(), [0]);
}

/// Tasks kept as `Pin<Box<dyn Future>>` (made with `Box::pin`) can be polled in place.
#[test]
fn poll_an_unpinned_box() {
    // ANCHOR: poll_an_unpinned_box
    let mut tasks: Vec<Pin<Box<dyn Future<Output = ()>>>> = vec![Box::pin(async {})];
    let mut cx = Context::from_waker(Waker::noop());
    for task in &mut tasks {
        let _ = task.as_mut().poll(&mut cx);
    }
    // ANCHOR_END: poll_an_unpinned_box
    let mut cx = Context::from_waker(Waker::noop());
    assert!(Box::pin(async { 1 }).as_mut().poll(&mut cx).is_ready());
    assert_eq!(tasks.len(), 1);
}

/// The reactor keeps its own waker: a clone (a cheap one: a reference count goes up).
#[test]
fn keep_the_borrowed_waker() {
    // ANCHOR: keep_the_borrowed_waker
    struct Reactor {
        readers: HashMap<usize, Waker>,
    }

    impl Reactor {
        fn wait_readable(&mut self, token: usize, waker: &Waker) {
            self.readers.insert(token, waker.clone());
        }
    }
    // ANCHOR_END: keep_the_borrowed_waker
    let mut reactor = Reactor {
        readers: HashMap::new(),
    };
    let mut polled = Box::pin(std::future::poll_fn(|cx| {
        reactor.wait_readable(1, cx.waker());
        Poll::<()>::Pending
    }));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(polled.as_mut().poll(&mut cx).is_pending());
    drop(polled);
    // The future that lent the waker is gone; the reactor's clone is its own.
    assert_eq!(reactor.readers.len(), 1);
    reactor.readers.remove(&1).unwrap().wake();
}
