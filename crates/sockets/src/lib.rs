//! Real sockets: the notebook's `find_users` against a user directory that answers over TCP.
//!
//! Run: `cargo run -p sockets` (English: `cargo run -p sockets -- --lang en`; the same output on
//! every machine: `--paused`)
//!
//! - [`serve`]: a small user-directory server on `127.0.0.1` (port 0: the system picks one).
//!   A line protocol: the client sends `LOOKUP <user>`, the server waits [`DELAY`] (the
//!   notebook's `sleep(1)`, now the server's work) and answers `FOUND <user>`; `BYE` ends the
//!   connection.
//! - [`find_users`]: the notebook's coroutine as a client: `n` lookups, one after another, on one
//!   connection. [`one_after_another`] and [`together`]: `find_users(3)`, `(2)`, `(1)` take
//!   3 + 2 + 1 = 6 s in turn and 3 s joined.
//! - [`ticks_during_lookups`]: the same lookups with `std::net` inside an async task: the whole
//!   thread stalls, and a task that should tick every 0.2 s does not.
//! - [`read_in_select`]: `read_exact` in a `select!` loop loses bytes when a tick wins halfway;
//!   reading lines into a buffer kept across the loop loses none.
//!
//! Tests use real sockets on loopback and assert content and order, and time only on tokio's
//! paused clock (the server and the client share the runtime, so the clock jumps only when both
//! wait).

pub mod bench;

use std::io::{BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, sleep};

/// How long the directory takes for one lookup (the notebook's `asyncio.sleep(1)`).
pub const DELAY: Duration = Duration::from_secs(1);

// ANCHOR: serve
/// Starts the user directory on a free port of `127.0.0.1` and returns the port. Each connection
/// is served by a task of its own, so many clients are served at once.
pub async fn serve() -> std::io::Result<u16> {
    serve_with(DELAY).await
}

/// [`serve`] with another delay per lookup (the Python comparison runs on the real clock).
pub async fn serve_with(delay: Duration) -> std::io::Result<u16> {
    serve_buffered(delay, DEFAULT_BUFFER).await
}

/// The read buffer of each connection when none is given: tokio's `BufReader` default, 8 KiB.
pub const DEFAULT_BUFFER: usize = 8 * 1024;

/// [`serve_with`], reading each connection through a buffer of `capacity` bytes (the benchmark
/// measures what the default 8 KiB costs per connection).
pub async fn serve_buffered(delay: Duration, capacity: usize) -> std::io::Result<u16> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let port = listener.local_addr()?.port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(answer(stream, delay, capacity));
        }
    });
    Ok(port)
}

/// One connection: a line in, a line out, until `BYE` or the end of the stream.
async fn answer(stream: TcpStream, delay: Duration, capacity: usize) {
    let (reading, mut writing) = stream.into_split();
    let mut lines = BufReader::with_capacity(capacity, reading).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let reply = match line.split_once(' ') {
            Some(("LOOKUP", user)) => {
                sleep(delay).await; // the directory's work
                format!("FOUND {user}\n")
            }
            _ if line == "BYE" => break,
            _ => format!("ERROR {line}\n"),
        };
        if writing.write_all(reply.as_bytes()).await.is_err() {
            break;
        }
    }
}
// ANCHOR_END: serve

// ANCHOR: find_users
/// The notebook's `find_users_async(n)` as a client: `n` lookups, one after another, on one
/// connection. Returns the users found, with the time each answer came.
pub async fn find_users(port: u16, n: u32) -> std::io::Result<Vec<(String, Duration)>> {
    let start = Instant::now();
    let stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let (reading, mut writing) = stream.into_split();
    let mut answers = BufReader::new(reading).lines();
    let mut found = Vec::new();
    for i in 1..=n {
        writing
            .write_all(format!("LOOKUP {n}-{i}\n").as_bytes())
            .await?;
        let answer = answers.next_line().await?.unwrap_or_default();
        found.push((answer, start.elapsed()));
    }
    writing.write_all(b"BYE\n").await?;
    Ok(found)
}
// ANCHOR_END: find_users

// ANCHOR: one_after_another
/// `find_users(3)`, `(2)`, `(1)` awaited in turn: 6 s. Returns when it ended.
pub async fn one_after_another(port: u16) -> std::io::Result<Duration> {
    let start = Instant::now();
    for n in [3, 2, 1] {
        find_users(port, n).await?;
    }
    Ok(start.elapsed())
}
// ANCHOR_END: one_after_another

// ANCHOR: together
/// `find_users(3)`, `(2)`, `(1)` joined, three connections at once: 3 s. Returns the answers of
/// each, in argument order, and when the last came.
pub async fn together(port: u16) -> std::io::Result<(Vec<Vec<(String, Duration)>>, Duration)> {
    let start = Instant::now();
    let (a, b, c) = tokio::try_join!(
        find_users(port, 3),
        find_users(port, 2),
        find_users(port, 1)
    )?;
    Ok((vec![a, b, c], start.elapsed()))
}
// ANCHOR_END: together

/// How [`ticks_during_lookups`] talks to the directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Client {
    /// `std::net::TcpStream`: every read holds the thread until the answer comes.
    Blocking,
    /// `tokio::net::TcpStream`: every read hands the thread back while it waits.
    Async,
}

/// How long a lookup takes in [`ticks_during_lookups`]: three take 0.75 s.
pub const QUICK: Duration = Duration::from_millis(250);

/// How often the ticker of [`ticks_during_lookups`] wants to run.
pub const TICK: Duration = Duration::from_millis(200);

// ANCHOR: blocking_client
/// Three lookups of [`QUICK`] each (0.75 s) while another task of the same thread wants to tick
/// every [`TICK`]. Returns how many ticks it got in during the lookups: with `std::net` none (the
/// blocking reads hold the thread), with `tokio::net` three (at 0.2, 0.4 and 0.6 s).
pub async fn ticks_during_lookups(client: Client) -> u32 {
    let ticks = Arc::new(AtomicU32::new(0));
    let ticker = tokio::spawn({
        let ticks = Arc::clone(&ticks);
        async move {
            loop {
                sleep(TICK).await;
                ticks.fetch_add(1, Ordering::SeqCst);
            }
        }
    });
    tokio::task::yield_now().await; // the ticker starts and sleeps
    match client {
        Client::Blocking => {
            // The server cannot be a task of this thread: the blocked thread could not run it.
            let port = serve_on_another_thread(QUICK);
            let stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
            let mut answers = std::io::BufReader::new(stream.try_clone().expect("clone"));
            let mut writing = stream;
            for i in 1..=3 {
                writeln!(writing, "LOOKUP blocking-{i}").expect("write");
                let mut answer = String::new();
                answers.read_line(&mut answer).expect("read"); // the thread stops here
            }
        }
        Client::Async => {
            let port = serve_with(QUICK).await.expect("bind");
            find_users(port, 3).await.expect("lookups"); // each read hands the thread back
        }
    }
    ticker.abort();
    ticks.load(Ordering::SeqCst)
}
// ANCHOR_END: blocking_client

/// How [`read_in_select`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// `read_exact` of a whole record in each round: not cancel safe.
    ReadExact,
    /// `read_buf` into a buffer kept across the loop: cancel safe.
    KeptBuffer,
}

// ANCHOR: read_in_select
/// A sender writes six 4-byte records in halves (2 bytes, 0.3 s, 2 bytes, 0.3 s...); a reader
/// loop also ticks every second. With `read_exact` in the `select!`, a tick that wins halfway
/// drops the bytes already read and the records go out of step; with a buffer kept across the
/// loop, every record comes out whole.
pub async fn read_in_select(reading: Reading) -> Vec<String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("accept");
        for record in ["aaaa", "bbbb", "cccc", "dddd", "eeee", "ffff"] {
            for half in [&record[..2], &record[2..]] {
                sleep(Duration::from_millis(300)).await;
                let _ = stream.write_all(half.as_bytes()).await;
            }
        }
    });
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let mut ticks = tokio::time::interval_at(
        Instant::now() + Duration::from_secs(1),
        Duration::from_secs(1),
    );
    let mut records = Vec::new();
    let mut kept = Vec::new();
    while records.len() < 6 {
        match reading {
            Reading::ReadExact => {
                let mut record = [0u8; 4];
                tokio::select! {
                    biased;
                    read = stream.read_exact(&mut record) => {
                        if read.is_err() { break }
                        records.push(String::from_utf8_lossy(&record).into_owned());
                    }
                    _ = ticks.tick() => {} // `read_exact` dropped: what it read is gone
                }
            }
            Reading::KeptBuffer => {
                tokio::select! {
                    biased;
                    read = stream.read_buf(&mut kept) => {
                        if matches!(read, Ok(0) | Err(_)) { break }
                        while kept.len() >= 4 {
                            let record: Vec<u8> = kept.drain(..4).collect();
                            records.push(String::from_utf8_lossy(&record).into_owned());
                        }
                    }
                    _ = ticks.tick() => {} // the bytes read so far wait in `kept`
                }
            }
        }
    }
    records
}
// ANCHOR_END: read_in_select

/// [`serve_with`] on a runtime of its own, on a thread of its own (real clock): for a client
/// that blocks its thread, whose own runtime could not serve it.
pub fn serve_on_another_thread(delay: Duration) -> u16 {
    let (tell, port) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let _ = tell.send(serve_with(delay).await.expect("bind"));
            std::future::pending::<()>().await
        });
    });
    port.recv().expect("the server started")
}

// ANCHOR: flush
/// The lookup written into a `BufWriter` and never flushed sits in the writer's buffer: the
/// server never sees it, and the answer never comes (given up after 5 s). With `flush()` it comes.
pub async fn lookup_through_a_buffer(port: u16, flush: bool) -> Option<String> {
    let stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let (reading, writing) = stream.into_split();
    let mut writing = tokio::io::BufWriter::new(writing);
    writing.write_all(b"LOOKUP flushed\n").await.ok()?;
    if flush {
        writing.flush().await.ok()?; // the bytes leave the buffer for the socket
    }
    let mut answers = BufReader::new(reading).lines();
    tokio::time::timeout(Duration::from_secs(5), answers.next_line())
        .await
        .ok()?
        .ok()?
}
// ANCHOR_END: flush
