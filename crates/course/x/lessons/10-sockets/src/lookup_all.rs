//! 사용자마다 연결을 하나씩 열어 한꺼번에 묻고, 답을 `users`의 순서대로 돌려주자. 10장의 `together`와
//! 같다. 디렉터리는 조회 하나에 1초가 걸리므로 셋을 차례로 물으면 3초, 한꺼번에 물으면 1초다.
//! 프로토콜은 한 줄씩이다: `LOOKUP <user>`를 보내면 `FOUND <user>`가 돌아오고, `BYE`로 끝낸다.
//! 아래의 `Directory`는 10장의 디렉터리에 동시에 열린 연결 수를 세는 기능을 더한 것이다.
//!
//! Look up every user on a connection of its own, all at once, and return the answers in the
//! order of `users`: lesson 10's `together`. The directory takes a second per lookup, so three
//! asked in turn take 3 s and asked at once 1 s. The protocol is a line at a time: send
//! `LOOKUP <user>` and `FOUND <user>` comes back; `BYE` ends. The `Directory` below is lesson
//! 10's, which also counts the connections open at once.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// 사용자 디렉터리: 조회 하나에 1초 / The user directory: a second per lookup.
pub struct Directory {
    /// 디렉터리가 듣는 `127.0.0.1`의 포트 / The port it listens on, on `127.0.0.1`.
    pub port: u16,
    open: Arc<AtomicUsize>,
    most: Arc<AtomicUsize>,
}

impl Directory {
    /// 빈 포트에서 디렉터리를 시작한다 / Starts the directory on a free port.
    pub async fn start() -> io::Result<Directory> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let port = listener.local_addr()?.port();
        let open = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let (o, m) = (Arc::clone(&open), Arc::clone(&most));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let now = o.fetch_add(1, Ordering::SeqCst) + 1;
                m.fetch_max(now, Ordering::SeqCst);
                let o = Arc::clone(&o);
                tokio::spawn(async move {
                    Directory::answer(stream).await;
                    o.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Ok(Directory { port, open, most })
    }

    /// 연결 하나: 한 줄 받고 한 줄 답한다 / One connection: a line in, a line out.
    async fn answer(stream: TcpStream) {
        let (reading, mut writing) = stream.into_split();
        let mut lines = BufReader::new(reading).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            let reply = match line.split_once(' ') {
                Some(("LOOKUP", user)) => {
                    tokio::time::sleep(Duration::from_secs(1)).await;
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

    /// 동시에 열려 있던 연결 수의 최댓값 / The most connections that were open at once.
    pub fn most_at_once(&self) -> usize {
        self.most.load(Ordering::SeqCst)
    }

    /// 지금 열려 있는 연결 수 / How many connections are open now.
    pub fn open_now(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }
}

/// `users`를 모두 한꺼번에, 사용자마다 연결 하나로 묻고 답을 `users`의 순서대로 돌려준다.
/// Looks up all of `users` at once, a connection each, and returns the answers in their order.
// TODO: 사용자마다 연결을 열어 한꺼번에 묻자. 연결하지 못하면 패닉 대신 `Err`를 돌려주자.
//       / Open a connection per user and ask them all at once; when a connection fails, return
//       `Err` rather than panic.
pub async fn lookup_all(port: u16, users: &[&str]) -> io::Result<Vec<String>> {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint sockets/lookup_all
    // TODO: complete this. Stuck? cargo run -p course -- hint sockets/lookup_all
    todo!()
}
