//! `Reactor`와 `read_some`: 소켓이 읽을 수 있게 되면 태스크 깨우기 / wake a task when its socket
//! is readable.

use std::io::Write;
use std::sync::mpsc;

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

/// `read`를 한 번 poll하고(기다려야 한다), 쓰는 쪽을 보낸 뒤 스스로 깨우지 않고 `Pending`을 돌려준다 /
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

/// 이미 와 있는 바이트는 기다리지 않고 읽는다 / Bytes that are already there are read without
/// waiting.
#[test]
fn bytes_already_there_are_read_at_once() {
    let reactor = Reactor::new().unwrap();
    let (mut ours, mut theirs) = socket_pair().unwrap();
    reactor.register(&mut ours, Token(1)).unwrap();
    theirs.write_all(b"hello").unwrap();
    let mut buf = [0u8; 16];
    let (n, ran) = block_on(&reactor, read_some(&reactor, &mut ours, Token(1), &mut buf));
    assert_eq!(&buf[..n.unwrap()], b"hello");
    assert_eq!(ran.polls, 1);
    course_marker::passed();
}

/// 읽을 것이 없으면 리액터에서 기다렸다가, 바이트가 오면 깨어나 읽는다: poll은 딱 두 번이다.
/// With nothing to read, the task waits in the reactor and wakes when bytes come: two polls.
#[test]
fn the_reader_waits_in_the_reactor_until_bytes_come() {
    let reactor = Reactor::new().unwrap();
    let (mut ours, mut theirs) = socket_pair().unwrap();
    reactor.register(&mut ours, Token(1)).unwrap();
    let (go, wait) = mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        wait.recv().unwrap();
        theirs.write_all(b"late").unwrap();
        theirs
    });
    let mut buf = [0u8; 16];
    // 첫 poll: 아직 아무것도 오지 않았다. 그 뒤에 쓰는 쪽을 보내고, 리액터만이 태스크를 다시 깨울 수 있다.
    // First poll: nothing has come yet. Then the writer goes, and only the reactor can wake the
    // task again.
    let (n, ran) = block_on(
        &reactor,
        wait_then_let_go(read_some(&reactor, &mut ours, Token(1), &mut buf), go),
    );
    let _theirs = writer.join().unwrap();
    assert_eq!(&buf[..n.unwrap()], b"late");
    assert_eq!(
        ran.polls, 2,
        "one poll to start, one when the socket became readable"
    );
    assert!(ran.turns >= 1);
    course_marker::passed();
}
