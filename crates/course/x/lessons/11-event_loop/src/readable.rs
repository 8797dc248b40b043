//! 이 파일의 `block_on`은 퓨처가 깨어 있으면 poll하고, 아니면 리액터의 `turn`에서 운영체제가
//! 소켓이 준비됐다고 알려 줄 때까지 기다린다. 빠진 것은 리액터의 두 메서드와 `read_some`이다.
//! 읽을 것이 없으면(`WouldBlock`) 태스크의 waker를 리액터에 맡기고 `Pending`을 돌려주고, 소켓이
//! 읽을 수 있게 되면 `turn`이 그 waker를 깨운다. asyncio에서 `loop.add_reader(fd, callback)`와
//! `selector.select()`가 하는 일이고, 11장의 `reactor.rs`와 `net.rs`가 하는 일이다. 스스로를
//! 곧바로 다시 깨우는 바쁜 대기(busy-wait)는 `block_on`이 잡아낸다.
//!
//! This file's `block_on` polls the future when it is awake and otherwise waits in the reactor's
//! `turn` until the OS says a socket is ready. Missing: the reactor's two methods and
//! `read_some`. With nothing to read (`WouldBlock`), hand the task's waker to the reactor and
//! return `Pending`; when the socket becomes readable, `turn` wakes that waker. That is asyncio's
//! `loop.add_reader(fd, callback)` and `selector.select()`, and chapter 11's `reactor.rs` and
//! `net.rs`. A future that wakes itself straight away (a busy wait) is caught by `block_on`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::{Future, poll_fn};
use std::io::{self, Read};
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use mio::net::TcpStream;
use mio::{Events, Interest, Token};

/// Readiness from the OS (epoll on Linux, kqueue on macOS), turned into wakes.
pub struct Reactor {
    pub poll: RefCell<mio::Poll>,
    pub events: RefCell<Events>,
    /// The waker of the task waiting to read each socket, by the socket's token.
    pub readers: RefCell<HashMap<Token, Waker>>,
}

impl Reactor {
    pub fn new() -> io::Result<Reactor> {
        Ok(Reactor {
            poll: RefCell::new(mio::Poll::new()?),
            events: RefCell::new(Events::with_capacity(256)),
            readers: RefCell::new(HashMap::new()),
        })
    }

    /// Watches `stream` for reading under `token`. (mio reports readiness edge-triggered: once
    /// when the socket goes from "nothing to read" to "something to read".)
    pub fn register(&self, stream: &mut TcpStream, token: Token) -> io::Result<()> {
        self.poll
            .borrow()
            .registry()
            .register(stream, token, Interest::READABLE)
    }

    /// The task of `waker` waits until the socket of `token` is readable: keep (a clone of) the
    /// waker under that token, replacing any earlier one.
    pub fn wait_readable(&self, token: Token, waker: &Waker) {
        // TODO: 이 토큰 아래 waker를 맡아 두자.
        // TODO: keep the waker under this token.
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint event_loop/readable
        // TODO: complete this. Stuck? cargo run -p course -- hint event_loop/readable
        todo!()
    }

    /// Waits at most `timeout` (`None`: until something happens) for readiness events with
    /// `self.poll.borrow_mut().poll(&mut events, timeout)`; for each event that is readable,
    /// read-closed or an error, wakes the waker kept for its token and forgets it. Returns how
    /// many wakers it woke. An interrupted wait (`ErrorKind::Interrupted`) woke nobody: 0.
    pub fn turn(&self, timeout: Option<Duration>) -> io::Result<usize> {
        // TODO: 준비된 소켓을 물어보고, 맡아 둔 waker를 깨우고 세자.
        // TODO: ask which sockets are ready; wake and count the wakers kept for them.
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint event_loop/readable
        // TODO: complete this. Stuck? cargo run -p course -- hint event_loop/readable
        todo!()
    }
}

/// Reads what has arrived on `stream` (registered under `token`) into `buf`, waiting without
/// holding the thread until something has: try `stream.read(buf)`; on `WouldBlock`, hand this
/// task's waker to `reactor.wait_readable` and return `Pending`; on `Interrupted`, try again;
/// anything else is the answer. `Ok(0)`: the other side closed the connection.
/// (`std::future::poll_fn` turns a closure over `cx` into a future you can `.await`.)
pub async fn read_some(
    reactor: &Reactor,
    stream: &mut TcpStream,
    token: Token,
    buf: &mut [u8],
) -> io::Result<usize> {
    // TODO: 읽어 보고, `WouldBlock`이면 리액터에 waker를 맡기고 `Pending`.
    // TODO: try to read; on `WouldBlock`, hand the reactor the waker and return `Pending`.
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint event_loop/readable
    // TODO: complete this. Stuck? cargo run -p course -- hint event_loop/readable
    todo!()
}

/// The one task's waker: a flag `block_on` reads.
struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// What [`block_on`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ran {
    /// How many times the future was polled.
    pub polls: u32,
    /// How many times `block_on` waited in the reactor.
    pub turns: u32,
}

/// How many polls in a row, without a wait in the reactor between them, count as a busy wait.
const BUSY: u32 = 1000;

/// How long a wait in the reactor may find nothing before `block_on` gives up.
const STUCK: Duration = Duration::from_secs(10);

/// Runs `future` to the end (given: not part of the exercise): polls it when it was woken, and
/// otherwise waits in `reactor.turn`.
///
/// # Panics
///
/// On a busy wait (the future keeps waking itself), and when a wait in the reactor finds
/// nothing for 10 s (nothing is left that could wake the future).
pub fn block_on<F: Future>(reactor: &Reactor, future: F) -> (F::Output, Ran) {
    let flag = Arc::new(Flag(AtomicBool::new(true)));
    let waker = Waker::from(Arc::clone(&flag));
    let mut future = pin!(future);
    let mut ran = Ran { polls: 0, turns: 0 };
    let mut in_a_row = 0;
    loop {
        if flag.0.swap(false, Ordering::SeqCst) {
            ran.polls += 1;
            in_a_row += 1;
            assert!(
                in_a_row <= BUSY,
                "polled {BUSY} times in a row with no wait in the reactor: a busy wait \
                 (the future wakes itself instead of handing its waker to the reactor)"
            );
            if let Poll::Ready(output) = future.as_mut().poll(&mut Context::from_waker(&waker)) {
                return (output, ran);
            }
            continue;
        }
        in_a_row = 0;
        ran.turns += 1;
        let started = Instant::now();
        let woke = reactor
            .turn(Some(STUCK))
            .unwrap_or_else(|e| panic!("the reactor failed: {e}"));
        assert!(
            woke > 0 || flag.0.load(Ordering::SeqCst) || started.elapsed() < STUCK,
            "waited {STUCK:?} in the reactor and nothing woke the future \
             (does read_some hand its waker to the reactor, and does turn wake it?)"
        );
    }
}
