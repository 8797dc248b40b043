//! 파이썬의 `asyncio.Event`를 만들자: `set()`은 깃발을 올리고 기다리던 쪽을 모두 보내고,
//! `wait()`은 깃발이 오를 때까지 기다리되 이미 올라 있으면 곧바로 돌아오며, `clear()`는 깃발을 내린다.
//! 깃발은 `tokio::sync::watch` 채널에 둔다. `Notify`만으로 만들면 `set()`보다 늦게 온 쪽이 영원히
//! 기다리기 쉽다.
//!
//! Build Python's `asyncio.Event`: `set()` raises the flag and lets every waiter go, `wait()` waits
//! until the flag is up but returns at once if it already is, and `clear()` lowers it. The flag
//! lives in a `tokio::sync::watch` channel; built on `Notify` alone, a waiter that comes after
//! `set()` easily waits forever.

use tokio::sync::watch;

/// `asyncio.Event`
pub struct Event {
    /// 깃발: 올라 있으면 `true` / The flag: `true` when it is up.
    flag: watch::Sender<bool>,
}

impl Default for Event {
    fn default() -> Self {
        Self::new()
    }
}

impl Event {
    /// 깃발이 내려간 새 이벤트 / A new event, flag down.
    pub fn new() -> Self {
        Event {
            flag: watch::Sender::new(false),
        }
    }

    /// 깃발이 올라 있는가 / Whether the flag is up.
    pub fn is_set(&self) -> bool {
        *self.flag.borrow()
    }

    // TODO: set, clear, wait를 완성하자. / Complete set, clear and wait.

    /// 깃발을 올리고 기다리던 쪽을 모두 보낸다 / Raises the flag and lets every waiter go.
    pub fn set(&self) {
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint queue/event
        // TODO: complete this. Stuck? cargo run -p course -- hint queue/event
        todo!()
    }

    /// 깃발을 내린다 / Lowers the flag.
    pub fn clear(&self) {
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint queue/event
        // TODO: complete this. Stuck? cargo run -p course -- hint queue/event
        todo!()
    }

    /// 깃발이 오를 때까지 기다린다. 이미 올라 있으면 곧바로 돌아온다.
    /// Waits until the flag is up; returns at once if it already is.
    pub async fn wait(&self) {
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint queue/event
        // TODO: complete this. Stuck? cargo run -p course -- hint queue/event
        todo!()
    }
}
