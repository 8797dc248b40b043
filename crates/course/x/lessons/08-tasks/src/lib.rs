//! 8장 연습 문제: 태스크를 만들고, 기다리고, 취소한다. 파이썬의 `TaskGroup`(첫 오류에서 나머지
//! 취소), 받은 일을 잃지 않는 정상 종료, 시간 제한에 걸린 일을 정말로 멈추기(`wait_for`)다.
//!
//! Lesson 8's exercises: make tasks, wait for them, cancel them. Python's `TaskGroup` (the first
//! error cancels the rest), a graceful shutdown that loses no accepted job, and a time limit that
//! really stops the work it gives up on (`wait_for`).

pub mod cancel_the_group;
pub mod lookup_within;
pub mod shut_down_gracefully;
