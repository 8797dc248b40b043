//! `serve_echo`: 여러 손님을 한꺼번에 받는 에코 서버 / an echo server for many clients at once.

use std::time::Duration;

use sockets_exercises::echo::serve_echo;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// 서버를 띄우고 포트를 돌려준다 / Starts the server and returns its port.
async fn start() -> u16 {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(serve_echo(listener));
    port
}

/// 줄 하나를 보내고 돌아온 줄을 읽는다(정지된 시계로 5초까지) / Sends a line and reads the one
/// that comes back (up to 5 s on the paused clock).
async fn echo(stream: &mut BufReader<TcpStream>, line: &str) -> String {
    stream
        .get_mut()
        .write_all(format!("{line}\n").as_bytes())
        .await
        .unwrap();
    let mut back = String::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_line(&mut back))
        .await
        .expect("5초 동안 답이 없다 / no answer in 5 s")
        .unwrap();
    back
}

/// 손님 하나가 보낸 두 줄이 그대로 돌아온다 / A client's two lines come back as they were.
#[tokio::test(start_paused = true)]
async fn one_client_gets_its_lines_back() {
    let port = start().await;
    let mut client = BufReader::new(TcpStream::connect(("127.0.0.1", port)).await.unwrap());
    assert_eq!(echo(&mut client, "hello").await, "hello\n");
    assert_eq!(echo(&mut client, "안녕, 세상").await, "안녕, 세상\n");
    course_marker::passed();
}

/// 아무것도 보내지 않는 손님이 있어도 다음 손님은 답을 받는다.
/// A client that sends nothing does not hold up the next one.
#[tokio::test(start_paused = true)]
async fn an_idle_client_does_not_hold_up_another() {
    let port = start().await;
    let _idle = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let mut busy = BufReader::new(TcpStream::connect(("127.0.0.1", port)).await.unwrap());
    assert_eq!(echo(&mut busy, "ping").await, "ping\n");
    course_marker::passed();
}
