//! Sockets on the hand-built loop: `mio`'s non-blocking sockets, each registered with the
//! reactor, and every operation written the same way: try it; if the OS says `WouldBlock`, give
//! the reactor this task's waker and return `Pending`; when the socket becomes ready, the task is
//! polled and tries again.
//!
//! This is what `tokio::net` does (with more care: cooperative budgets, readiness kept per
//! socket so a ready socket is not asked twice) and what asyncio's `sock_recv` and streams do
//! with `add_reader` callbacks.

use std::future::poll_fn;
use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::task::{Context, Poll};

use mio::Token;

use crate::executor::with_core;
use crate::reactor::Direction;

// ANCHOR: poll_io
/// Tries `op` on the socket of `token`; on `WouldBlock`, waits for the socket to become ready
/// in `direction` and returns `Pending`. `Interrupted` (a signal) is simply tried again.
fn poll_io<T>(
    cx: &mut Context<'_>,
    token: Token,
    direction: Direction,
    mut op: impl FnMut() -> io::Result<T>,
) -> Poll<io::Result<T>> {
    loop {
        match op() {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                with_core(|core| core.reactor.wait(token, direction, cx.waker()));
                return Poll::Pending;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            result => return Poll::Ready(result),
        }
    }
}
// ANCHOR_END: poll_io

/// A listening socket (`asyncio.start_server`, `tokio::net::TcpListener`).
pub struct TcpListener {
    io: mio::net::TcpListener,
    token: Token,
}

impl TcpListener {
    /// Listens on `addr` (port 0: the system picks a free one).
    ///
    /// # Panics
    ///
    /// Outside [`Runtime::block_on`](crate::Runtime::block_on).
    pub fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
        let mut io = mio::net::TcpListener::bind(addr)?;
        let token = with_core(|core| core.reactor.register(&mut io))?;
        Ok(TcpListener { io, token })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr()
    }

    /// The next connection.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let (io, peer) =
            poll_fn(|cx| poll_io(cx, self.token, Direction::Read, || self.io.accept())).await?;
        Ok((TcpStream::register(io)?, peer))
    }
}

impl Drop for TcpListener {
    fn drop(&mut self) {
        let token = self.token;
        let _ = crate::executor::try_with_core(|core| core.reactor.deregister(&mut self.io, token));
    }
}

/// A TCP connection (`asyncio.open_connection`'s reader and writer in one,
/// `tokio::net::TcpStream`), with a line buffer kept across reads, so a `read_line` dropped
/// halfway (in a `select!`) loses nothing: what it read stays for the next one.
pub struct TcpStream {
    io: mio::net::TcpStream,
    token: Token,
    /// Bytes read but not yet handed out as a line.
    pending: Vec<u8>,
}

impl TcpStream {
    fn register(mut io: mio::net::TcpStream) -> io::Result<TcpStream> {
        let token = with_core(|core| core.reactor.register(&mut io))?;
        Ok(TcpStream {
            io,
            token,
            pending: Vec::new(),
        })
    }

    // ANCHOR: connect
    /// Connects to `addr`. A non-blocking connect returns at once; the socket becomes writable
    /// when the handshake is done (or has failed, which `take_error` then tells).
    ///
    /// # Panics
    ///
    /// Outside [`Runtime::block_on`](crate::Runtime::block_on).
    pub async fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
        let stream = TcpStream::register(mio::net::TcpStream::connect(addr)?)?;
        poll_fn(|cx| {
            poll_io(cx, stream.token, Direction::Write, || {
                if let Some(e) = stream.io.take_error()? {
                    return Err(e);
                }
                match stream.io.peer_addr() {
                    Ok(_) => Ok(()),
                    // Still connecting: wait for the next writable edge.
                    Err(e) if e.kind() == io::ErrorKind::NotConnected => {
                        Err(io::ErrorKind::WouldBlock.into())
                    }
                    Err(e) => Err(e),
                }
            })
        })
        .await?;
        Ok(stream)
    }
    // ANCHOR_END: connect

    /// Reads what has arrived into `buf` (waiting until something has). `Ok(0)`: the other side
    /// closed the connection.
    pub async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.pending.is_empty() {
            let n = self.pending.len().min(buf.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            return Ok(n);
        }
        let (io, token) = (&mut self.io, self.token);
        poll_fn(|cx| poll_io(cx, token, Direction::Read, || io.read(buf))).await
    }

    /// Writes all of `bytes`, waiting whenever the socket's send buffer is full.
    pub async fn write_all(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        let (io, token) = (&mut self.io, self.token);
        while !bytes.is_empty() {
            let n = poll_fn(|cx| poll_io(cx, token, Direction::Write, || io.write(bytes))).await?;
            if n == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            bytes = &bytes[n..];
        }
        Ok(())
    }

    // ANCHOR: read_line
    /// The next line, without its `\n`; `None` once the other side has closed the connection
    /// (a last line without `\n` is still returned). Cancel safe: bytes read by a call that is
    /// dropped stay in the buffer for the next call.
    pub async fn read_line(&mut self) -> io::Result<Option<String>> {
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.pending.drain(..=end).take(end).collect();
                return Ok(Some(String::from_utf8_lossy(&line).into_owned()));
            }
            let mut chunk = [0u8; 512];
            let (io, token) = (&mut self.io, self.token);
            let n =
                poll_fn(|cx| poll_io(cx, token, Direction::Read, || io.read(&mut chunk))).await?;
            if n == 0 {
                if self.pending.is_empty() {
                    return Ok(None);
                }
                let line = std::mem::take(&mut self.pending);
                return Ok(Some(String::from_utf8_lossy(&line).into_owned()));
            }
            self.pending.extend_from_slice(&chunk[..n]);
        }
    }
    // ANCHOR_END: read_line

    /// The address of the other end.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.peer_addr()
    }
}

impl Drop for TcpStream {
    fn drop(&mut self) {
        let token = self.token;
        let _ = crate::executor::try_with_core(|core| core.reactor.deregister(&mut self.io, token));
    }
}
