//! 3장 연습 문제: `async fn`은 `Future`를 구현하는 상태 기계가 되고, 실행기는 waker가 울렸을 때만
//! 그 퓨처를 다시 poll한다. 상태 기계, waker를 남기는 쪽, waker로 기다리는 쪽을 하나씩 직접 쓴다.
//!
//! Lesson 2 exercises: an `async fn` becomes a state machine implementing `Future`, and an
//! executor polls it again only when its waker rings. Write each part yourself: the state
//! machine, the future that leaves its waker behind, and the executor that waits on it.
//!
//! - [`countdown_by_hand`]: a hand-written `Future` (enum states, a pinned `Sleep`) that does
//!   what an `async fn` with two `.await`s does.
//! - [`remember_the_waker`]: a reply future that forgot to store its waker, and so slept forever.
//! - [`tiny_block_on`]: a `block_on` on `std::task::Wake` that counts polls and wakes.

pub mod countdown_by_hand;
pub mod remember_the_waker;
pub mod tiny_block_on;
