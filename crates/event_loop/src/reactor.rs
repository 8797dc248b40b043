//! Step 3: the reactor. The operating system tells us which sockets became ready (epoll on
//! Linux, kqueue on macOS, through `mio`); the reactor turns each readiness event into a wake of
//! the task that waits for it.
//!
//! asyncio's selector loop does the same with `selectors.DefaultSelector` (also epoll on Linux):
//! `loop.add_reader(fd, callback)` and, in `_run_once`, `self._selector.select(timeout)`, whose
//! events put the callbacks on the ready queue. Here a waker takes the callback's place.
//!
//! `mio` reports readiness *edge-triggered*: once when a socket goes from "would block" to
//! "ready", not again while it stays ready. So a socket operation always tries first, and only
//! when the OS answers `WouldBlock` does the task hand its waker to the reactor and wait; the
//! next edge comes after that answer, so it cannot be missed.

use std::cell::RefCell;
use std::io;
use std::task::Waker;
use std::time::Duration;

use mio::event::Source;
use mio::{Events, Interest, Poll, Token};

/// The token of the waker that interrupts a wait (a wake from another thread).
const UNPARK: Token = Token(usize::MAX);

/// Which way a task waits on a socket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Read,
    Write,
}

/// Who waits on one registered socket.
#[derive(Default)]
struct Waiting {
    reader: Option<Waker>,
    writer: Option<Waker>,
}

// ANCHOR: reactor
pub(crate) struct Reactor {
    poll: RefCell<Poll>,
    events: RefCell<Events>,
    /// Indexed by token; `None` is a free place.
    sources: RefCell<Vec<Option<Waiting>>>,
    free: RefCell<Vec<usize>>,
}

impl Reactor {
    pub(crate) fn new() -> io::Result<Reactor> {
        Ok(Reactor {
            poll: RefCell::new(Poll::new()?),
            events: RefCell::new(Events::with_capacity(1024)),
            sources: RefCell::new(Vec::new()),
            free: RefCell::new(Vec::new()),
        })
    }

    /// A `mio::Waker` that makes a waiting [`turn`](Reactor::turn) return at once.
    pub(crate) fn unpark_waker(&self) -> io::Result<mio::Waker> {
        mio::Waker::new(self.poll.borrow().registry(), UNPARK)
    }

    /// Watches `source` for reading and writing. Returns its token.
    pub(crate) fn register(&self, source: &mut impl Source) -> io::Result<Token> {
        let index = {
            let mut sources = self.sources.borrow_mut();
            match self.free.borrow_mut().pop() {
                Some(index) => {
                    sources[index] = Some(Waiting::default());
                    index
                }
                None => {
                    sources.push(Some(Waiting::default()));
                    sources.len() - 1
                }
            }
        };
        let token = Token(index);
        let registered = self.poll.borrow().registry().register(
            source,
            token,
            Interest::READABLE | Interest::WRITABLE,
        );
        if let Err(e) = registered {
            self.forget(token);
            return Err(e);
        }
        Ok(token)
    }

    /// Stops watching `source` (the socket is being closed).
    pub(crate) fn deregister(&self, source: &mut impl Source, token: Token) {
        // Fails only if the socket was never registered, which `register` rules out.
        let _ = self.poll.borrow().registry().deregister(source);
        self.forget(token);
    }

    fn forget(&self, token: Token) {
        if let Some(place) = self.sources.borrow_mut().get_mut(token.0) {
            *place = None;
            self.free.borrow_mut().push(token.0);
        }
    }

    /// The task of `waker` waits until the socket of `token` is ready for `direction`.
    pub(crate) fn wait(&self, token: Token, direction: Direction, waker: &Waker) {
        if let Some(Some(waiting)) = self.sources.borrow_mut().get_mut(token.0) {
            let slot = match direction {
                Direction::Read => &mut waiting.reader,
                Direction::Write => &mut waiting.writer,
            };
            match slot {
                Some(w) if w.will_wake(waker) => {}
                _ => *slot = Some(waker.clone()),
            }
        }
    }

    /// Asks the OS which sockets are ready, waiting at most `timeout` (`None`: until one is),
    /// and wakes the tasks that wait on them. Returns how many tasks it woke.
    pub(crate) fn turn(&self, timeout: Option<Duration>) -> usize {
        let mut events = self.events.borrow_mut();
        match self.poll.borrow_mut().poll(&mut events, timeout) {
            Ok(()) => {}
            // A signal interrupted the wait: the loop just goes round again.
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return 0,
            Err(e) => panic!("the OS refused to report readiness: {e}"),
        }
        let mut woken = Vec::new();
        {
            let mut sources = self.sources.borrow_mut();
            for event in events.iter() {
                let Some(Some(waiting)) = sources.get_mut(event.token().0) else {
                    continue; // UNPARK, or a socket closed since
                };
                // An error or a closed connection wakes both sides: their next try returns it.
                let broken = event.is_error();
                if event.is_readable() || event.is_read_closed() || broken {
                    woken.extend(waiting.reader.take());
                }
                if event.is_writable() || event.is_write_closed() || broken {
                    woken.extend(waiting.writer.take());
                }
            }
        }
        // Woken outside the borrow: a waker only queues its task, but it may be anyone's.
        let count = woken.len();
        for waker in woken {
            waker.wake();
        }
        count
    }
}
// ANCHOR_END: reactor
