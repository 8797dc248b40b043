//! 9장 연습 문제: 한 번에 몇 개까지만 돌리기(`Semaphore`), 꽉 찬 대기열이 생산자를 붙잡게 두고
//! 모두 처리될 때까지 기다리기(`Queue`, `join`), 그리고 파이썬의 `asyncio.Event`를 직접 만들기다.
//!
//! Lesson 9's exercises: run at most so many at once (`Semaphore`), let a full queue hold the
//! producer back and wait until everything is done (`Queue`, `join`), and build Python's
//! `asyncio.Event` yourself.

pub mod at_most;
pub mod drain;
pub mod event;
