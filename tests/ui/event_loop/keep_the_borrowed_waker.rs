// Mistake: keeping the waker the poll lends (`cx.waker()` is a `&Waker`, valid for this poll
// only) where the reactor keeps wakers until a socket is ready.
use std::collections::HashMap;
use std::task::Waker;

struct Reactor {
    readers: HashMap<usize, Waker>,
}

impl Reactor {
    fn wait_readable(&mut self, token: usize, waker: &Waker) {
        self.readers.insert(token, waker); //~ ERROR mismatched types
    }
}

fn main() {
    let mut reactor = Reactor { readers: HashMap::new() };
    reactor.wait_readable(1, Waker::noop());
}
