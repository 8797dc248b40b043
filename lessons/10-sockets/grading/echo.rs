//! `serve_echo`, hidden tests: a hundred clients held open together, a client that leaves
//! halfway, and a line that arrives in pieces.

use std::time::Duration;

use sockets_exercises::echo::serve_echo;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

async fn start() -> u16 {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(serve_echo(listener));
    port
}

async fn read_back(stream: &mut BufReader<TcpStream>) -> String {
    let mut back = String::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_line(&mut back))
        .await
        .expect("no answer in 5 s")
        .unwrap();
    back
}

/// A hundred clients connect first, then each sends its number, last first: each gets its own
/// back.
#[tokio::test(start_paused = true)]
async fn a_hundred_clients_open_together_each_get_their_own_line() {
    let port = start().await;
    let mut clients = Vec::new();
    for _ in 0..100 {
        clients.push(BufReader::new(
            TcpStream::connect(("127.0.0.1", port)).await.unwrap(),
        ));
    }
    for (i, client) in clients.iter_mut().enumerate().rev() {
        client
            .get_mut()
            .write_all(format!("client {i}\n").as_bytes())
            .await
            .unwrap();
    }
    for (i, client) in clients.iter_mut().enumerate() {
        assert_eq!(read_back(client).await, format!("client {i}\n"));
    }
    course_marker::passed();
}

/// A client that sends half a line and goes away does not stop the server.
#[tokio::test(start_paused = true)]
async fn a_client_that_leaves_halfway_does_not_stop_the_server() {
    let port = start().await;
    {
        let mut leaving = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        leaving.write_all(b"half a li").await.unwrap();
    } // dropped: the connection closes
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut next = BufReader::new(TcpStream::connect(("127.0.0.1", port)).await.unwrap());
    next.get_mut().write_all(b"still here\n").await.unwrap();
    assert_eq!(read_back(&mut next).await, "still here\n");
    course_marker::passed();
}

/// A line sent in two pieces, a second apart, comes back whole; the next line after it.
#[tokio::test(start_paused = true)]
async fn a_line_in_pieces_comes_back_whole() {
    let port = start().await;
    let mut client = BufReader::new(TcpStream::connect(("127.0.0.1", port)).await.unwrap());
    client.get_mut().write_all(b"he").await.unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    client.get_mut().write_all(b"llo\nagain\n").await.unwrap();
    assert_eq!(read_back(&mut client).await, "hello\n");
    assert_eq!(read_back(&mut client).await, "again\n");
    course_marker::passed();
}
