//! 2장 연습 문제: async fn을 호출하면 퓨처가 만들어질 뿐이고, 본문은 `.await`할 때 실행된다.
//! `tokio::spawn`은 퓨처를 태스크로 띄워 기다리지 않아도 돌게 하고, 그 결과는 `JoinHandle`을
//! `.await`해서 받는다.
//!
//! Lesson 3's exercises: calling an async fn only builds a future, and its body runs when the
//! future is awaited. `tokio::spawn` starts a future as a task that runs without being awaited,
//! and its result comes back by awaiting the `JoinHandle`.

pub mod build_then_await;
pub mod spawn_in_background;
