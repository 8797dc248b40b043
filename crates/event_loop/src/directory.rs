//! The sockets lesson's user directory and client, on this lesson's loop: the same line
//! protocol (`LOOKUP <user>` → `FOUND <user>`, `BYE`), so this client can talk to the sockets
//! lesson's tokio server, and tokio's client to this server.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use futures::future::try_join_all;

use crate::net::{TcpListener, TcpStream};
use crate::{sleep, spawn};

// ANCHOR: serve
/// Starts the directory on a free port of `127.0.0.1`, each lookup taking `delay`; returns the
/// port. A task per connection, as in the sockets lesson.
pub fn serve(delay: Duration) -> io::Result<u16> {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
    let port = listener.local_addr()?.port();
    spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            spawn(answer(stream, delay));
        }
    });
    Ok(port)
}

async fn answer(mut stream: TcpStream, delay: Duration) {
    while let Ok(Some(line)) = stream.read_line().await {
        let reply = match line.split_once(' ') {
            Some(("LOOKUP", user)) => {
                sleep(delay).await; // the directory's work
                format!("FOUND {user}\n")
            }
            _ if line == "BYE" => break,
            _ => format!("ERROR {line}\n"),
        };
        if stream.write_all(reply.as_bytes()).await.is_err() {
            break;
        }
    }
}
// ANCHOR_END: serve

// ANCHOR: find_users
/// The sockets lesson's `find_users(port, n)`: `n` lookups, one after another, on one
/// connection; the answers with the time each came (time since the loop started).
pub async fn find_users(port: u16, n: u32) -> io::Result<Vec<(String, Duration)>> {
    let start = crate::now();
    let mut stream = TcpStream::connect(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    let mut found = Vec::new();
    for i in 1..=n {
        stream
            .write_all(format!("LOOKUP {n}-{i}\n").as_bytes())
            .await?;
        let answer = stream.read_line().await?.unwrap_or_default();
        found.push((answer, crate::now() - start));
    }
    stream.write_all(b"BYE\n").await?;
    Ok(found)
}
// ANCHOR_END: find_users

/// `find_users(3)`, `(2)`, `(1)` joined, three connections at once. Returns the answers of
/// each, in argument order, and when the last came (as `sockets::together`).
pub async fn together(port: u16) -> io::Result<(Vec<Vec<(String, Duration)>>, Duration)> {
    let start = crate::now();
    let answers = try_join_all([3, 2, 1].map(|n| find_users(port, n))).await?;
    Ok((answers, crate::now() - start))
}
