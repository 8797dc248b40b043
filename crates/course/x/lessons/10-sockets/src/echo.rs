//! 에코 서버를 만들자. 손님이 보낸 줄을 그대로 돌려보내되, 여러 손님을 한꺼번에 받아야 한다. 한 손님이
//! 아무것도 보내지 않고 연결만 붙들고 있어도 다른 손님은 답을 받아야 한다. 파이썬이라면
//! `asyncio.start_server(handle, ...)`가 연결마다 `handle`을 태스크로 돌린다. Rust에서는 그 일을
//! 직접 한다.
//!
//! Build an echo server: every line a client sends goes back to it, and many clients are served
//! at once. A client that connects and sends nothing must not hold up another. In Python,
//! `asyncio.start_server(handle, ...)` runs `handle` as a task for each connection; in Rust you
//! do that yourself.

use tokio::net::TcpListener;

/// `listener`로 들어오는 손님을 모두 한꺼번에 받아, 각자 보낸 줄을 그대로 돌려준다. 손님이 연결을
/// 닫으면 그 손님과의 일은 끝나고, 서버는 계속 다음 손님을 받는다.
/// Serves every client that connects to `listener`, all at once: each line a client sends comes
/// back to it. When a client closes, its part ends and the server goes on accepting.
// TODO: 연결마다 따로 돌게 하자. / Serve each connection on its own.
pub async fn serve_echo(listener: TcpListener) {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint sockets/echo
    // TODO: complete this. Stuck? cargo run -p course -- hint sockets/echo
    todo!()
}
