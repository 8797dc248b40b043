//! `Reactor` and `read_some`, hidden tests: a closed connection, one wake per wait and per
//! socket, and a hundred connections read at once.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::task::{Wake, Waker};
use std::time::Duration;

use event_loop_exercises::readable::{Reactor, block_on, read_some};
use mio::Token;

/// 루프백으로 연결된 한 쌍(둘 다 논블로킹 mio 소켓): 읽는 쪽과 테스트가 쓰는 쪽
/// A connected pair on loopback (both non-blocking mio sockets): the reading end, and the end
/// the test writes with (a few bytes at a time, which the empty send buffer always takes).
fn socket_pair() -> std::io::Result<(mio::net::TcpStream, mio::net::TcpStream)> {
    let listener = mio::net::TcpListener::bind(([127, 0, 0, 1], 0).into())?;
    let ours = mio::net::TcpStream::connect(listener.local_addr()?)?;
    loop {
        match listener.accept() {
            Ok((theirs, _)) => return Ok((ours, theirs)),
            // The handshake has not reached the listener yet.
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::yield_now(),
            Err(e) => return Err(e),
        }
    }
}

struct Count(AtomicUsize);

impl Wake for Count {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn counter() -> (Arc<Count>, Waker) {
    let count = Arc::new(Count(AtomicUsize::new(0)));
    (Arc::clone(&count), Waker::from(count))
}

/// Polls `read` once (it must wait: nothing was sent yet), lets the other side go, and returns
/// `Pending` with no wake of its own: only the reactor can bring the task back. (Polling `read`
/// again right away would race the other side.)
async fn wait_then_let_go<F: std::future::Future>(read: F, go: mpsc::Sender<()>) -> F::Output {
    let mut read = std::pin::pin!(read);
    let mut started = false;
    std::future::poll_fn(|cx| {
        if !started {
            started = true;
            assert!(read.as_mut().poll(cx).is_pending(), "nothing was sent yet");
            go.send(()).unwrap();
            return std::task::Poll::Pending;
        }
        read.as_mut().poll(cx)
    })
    .await
}

/// The other side closes while the reader waits: the reader wakes and reads 0 bytes.
#[test]
fn a_closed_connection_wakes_the_reader_with_zero_bytes() {
    let reactor = Reactor::new().unwrap();
    let (mut ours, theirs) = socket_pair().unwrap();
    reactor.register(&mut ours, Token(7)).unwrap();
    let (go, wait) = mpsc::channel::<()>();
    let closer = std::thread::spawn(move || {
        wait.recv().unwrap();
        drop(theirs);
    });
    let mut buf = [0u8; 8];
    let (n, ran) = block_on(
        &reactor,
        wait_then_let_go(read_some(&reactor, &mut ours, Token(7), &mut buf), go),
    );
    closer.join().unwrap();
    assert_eq!(n.unwrap(), 0);
    assert_eq!(ran.polls, 2);
    course_marker::passed();
}

/// Each socket wakes its own waiter, once: two sockets with data wake two wakers; a later turn
/// with nobody waiting wakes nobody.
#[test]
fn each_socket_wakes_its_own_waiter_once() {
    let reactor = Reactor::new().unwrap();
    let (mut a, mut a_peer) = socket_pair().unwrap();
    let (mut b, mut b_peer) = socket_pair().unwrap();
    reactor.register(&mut a, Token(1)).unwrap();
    reactor.register(&mut b, Token(2)).unwrap();
    let (a_count, a_waker) = counter();
    let (b_count, b_waker) = counter();
    reactor.wait_readable(Token(1), &a_waker);
    reactor.wait_readable(Token(2), &b_waker);
    b_peer.write_all(b"b").unwrap();
    assert_eq!(reactor.turn(Some(Duration::from_secs(5))).unwrap(), 1);
    assert_eq!(b_count.0.load(Ordering::SeqCst), 1);
    assert_eq!(a_count.0.load(Ordering::SeqCst), 0);
    a_peer.write_all(b"a").unwrap();
    assert_eq!(reactor.turn(Some(Duration::from_secs(5))).unwrap(), 1);
    assert_eq!(a_count.0.load(Ordering::SeqCst), 1);
    // Nobody waits any more: new bytes wake nobody.
    a_peer.write_all(b"again").unwrap();
    assert_eq!(reactor.turn(Some(Duration::from_millis(100))).unwrap(), 0);
    assert_eq!(a_count.0.load(Ordering::SeqCst), 1);
    assert_eq!(b_count.0.load(Ordering::SeqCst), 1);
    course_marker::passed();
}

/// A hundred connections, read at once in one task; the other side writes to them in reverse
/// order once all wait. Each reader gets its own line.
#[test]
fn a_hundred_connections_are_read_at_once() {
    let reactor = Reactor::new().unwrap();
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for i in 0..100 {
        let (mut o, t) = socket_pair().unwrap();
        reactor.register(&mut o, Token(i)).unwrap();
        ours.push(o);
        theirs.push(t);
    }
    let (go, wait) = mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        wait.recv().unwrap();
        for (i, t) in theirs.iter_mut().enumerate().rev() {
            t.write_all(format!("line {i}").as_bytes()).unwrap();
        }
        theirs
    });
    let (lines, _) = block_on(&reactor, async {
        let reads = ours.iter_mut().enumerate().map(|(i, o)| {
            let reactor = &reactor;
            async move {
                let mut buf = [0u8; 32];
                let n = read_some(reactor, o, Token(i), &mut buf).await.unwrap();
                String::from_utf8_lossy(&buf[..n]).into_owned()
            }
        });
        wait_then_let_go(futures::future::join_all(reads), go).await
    });
    let _theirs = writer.join().unwrap();
    let expected: Vec<String> = (0..100).map(|i| format!("line {i}")).collect();
    assert_eq!(lines, expected);
    course_marker::passed();
}

/// An error other than WouldBlock is the answer, not a reason to wait: reading a connection
/// the other side has reset returns the error.
#[test]
fn a_reset_connection_is_an_error_not_a_wait() {
    let reactor = Reactor::new().unwrap();
    let (mut ours, theirs) = socket_pair().unwrap();
    reactor.register(&mut ours, Token(3)).unwrap();
    // A socket closed with bytes it never read resets the connection (Linux sends RST).
    ours.write_all(b"never read").unwrap();
    drop(theirs);
    let mut buf = [0u8; 8];
    let (result, _) = block_on(&reactor, read_some(&reactor, &mut ours, Token(3), &mut buf));
    let err = result.expect_err("a reset connection reads as an error");
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionReset);
    course_marker::passed();
}
