//! 4장 연습 문제: 블로킹 sleep은 그 스레드의 모든 태스크를 멈추고, async sleep은 자는 동안
//! 스레드를 양보한다. 피할 수 없는 블로킹 호출은 `spawn_blocking`으로 다른 스레드에 보낸다.
//!
//! Lesson 4's exercises: a blocking sleep freezes every task on its thread, and an async sleep
//! hands the thread back while it waits. A blocking call that cannot be avoided goes to another
//! thread with `spawn_blocking`.

pub mod count_sheep_off_thread;
pub mod sleep_without_blocking;
