// Mistake: a run queue shared through `Rc`, because the loop runs on one thread. A `Waker` may
// be sent to any thread and called there, so what it holds must be `Send + Sync`.
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Wake, Waker};

struct TaskWaker {
    key: usize,
    queue: Rc<RefCell<VecDeque<usize>>>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.queue.borrow_mut().push_back(self.key);
    }
}

fn main() {
    let queue = Rc::new(RefCell::new(VecDeque::new()));
    let task = Arc::new(TaskWaker { key: 0, queue });
    let waker = Waker::from(task); //~ ERROR cannot be sent between threads
    waker.wake();
}
