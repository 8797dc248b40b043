//! `find_users`의 조회 결과가 다른 태스크에서 온다. 조회하는 쪽은 `Sender`로 답을 보내고,
//! 기다리는 쪽은 `Reply` 퓨처를 `.await`한다. 지난 버전의 `poll`은 답이 없으면 `Pending`만
//! 돌려주고 waker를 어디에도 남기지 않았다. 그래서 답이 와도 아무도 태스크를 깨우지 않았고,
//! 태스크는 영원히 잠들었다. `Reply::poll`과 `Sender::send`를 다시 쓰자. 테스트는 답이 보내진
//! 바로 그 가상 시각에 받는지, poll과 깨움이 딱 필요한 만큼인지, 가장 최근 poll의 waker를
//! 깨우는지, 다른 스레드에서 보내도 되는지 확인한다.
//!
//! `find_users`'s lookup results come from another task. The looking-up side sends the answer
//! with a `Sender`; the waiting side `.await`s a `Reply` future. The last version's `poll`
//! returned `Pending` when there was no answer yet and left its waker nowhere, so when the answer
//! came, nobody woke the task and it slept forever. Rewrite `Reply::poll` and `Sender::send`.
//! The tests check that the answer is received at the very virtual instant it is sent, that
//! polls and wakes are exactly as many as needed, that the waker of the latest poll is the one
//! woken, and that sending from another thread works.
//!
//! The last version, for the record:
//!
//! ```text
//! fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<T> {
//!     match lock(&self.slot).value.take() {
//!         Some(value) => Poll::Ready(value),
//!         None => Poll::Pending, // and who will poll us again?
//!     }
//! }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

/// What the two ends share.
struct Slot<T> {
    /// The answer: put here by [`Sender::send`], taken out by the poll that returns `Ready`.
    value: Option<T>,
    /// The waker of the task waiting for the answer: stored by a poll that found no answer,
    /// taken and woken by [`Sender::send`].
    waker: Option<Waker>,
}

/// Locks the slot. Nothing panics while holding the lock, so a poisoned lock still holds a
/// valid slot.
fn lock<T>(slot: &Mutex<Slot<T>>) -> MutexGuard<'_, Slot<T>> {
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The sending end: used once, by whoever has the answer.
pub struct Sender<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

/// The receiving end: a future that is ready with the answer once it has been sent.
///
/// (A real one-shot channel, such as `tokio::sync::oneshot`, also tells the receiver when the
/// sender was dropped without sending; this one then simply waits forever.)
pub struct Reply<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

/// A new pair of ends, with nothing sent yet.
pub fn reply_channel<T>() -> (Sender<T>, Reply<T>) {
    let slot = Arc::new(Mutex::new(Slot {
        value: None,
        waker: None,
    }));
    (
        Sender {
            slot: Arc::clone(&slot),
        },
        Reply { slot },
    )
}

impl<T> Sender<T> {
    /// Puts the answer in the slot and wakes the waiting task, if a task is waiting.
    // TODO: 답을 넣고, 저장된 waker가 있으면 꺼내서 깨우자.
    //       / Put the answer in, then take the stored waker, if any, and wake it.
    pub fn send(self, value: T) {
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint future/remember_the_waker
        // TODO: complete this. Stuck? cargo run -p course -- hint future/remember_the_waker
        todo!()
    }
}

impl<T> Future for Reply<T> {
    type Output = T;

    // TODO: 답이 있으면 꺼내서 `Ready`. 없으면 이번 poll의 waker를 남겨 두고 `Pending`.
    //       / If the answer is there, take it: `Ready`. If not, leave this poll's waker behind,
    //       then `Pending`.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint future/remember_the_waker
        // TODO: complete this. Stuck? cargo run -p course -- hint future/remember_the_waker
        todo!()
    }
}
