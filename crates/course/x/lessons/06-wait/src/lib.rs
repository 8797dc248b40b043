//! 6장 연습 문제: 여러 퓨처를 기다리되 언제 돌아올지를 고른다. 하나가 끝나는 즉시
//! 돌아오고 나머지는 돌려받는 `asyncio.wait(..., FIRST_COMPLETED)`, 끝나는 순서대로 결과를
//! 받는 `asyncio.as_completed` (`FuturesUnordered`), 그리고 시간이 다 되면 포기하고
//! 취소하는 `asyncio.wait_for` (`tokio::time::timeout`)다.
//!
//! Lesson 6 exercises: wait for several futures, and pick when to come back. Return as soon as
//! one has finished and hand the rest back (`asyncio.wait(..., FIRST_COMPLETED)`), take the
//! results in the order they finish (`asyncio.as_completed`, `FuturesUnordered`), and give up
//! and cancel when time runs out (`asyncio.wait_for`, `tokio::time::timeout`).

pub mod as_completed;
pub mod first_completed;
pub mod give_up_at_deadline;
