//! 7장 연습 문제: Rust의 스레드는 정말로 동시에 돌고(GIL이 없다), 컴파일러는 스레드가 빌리는
//! 것이 스레드보다 오래 사는지 확인한다. 그리고 기다리는 것이 많을 때는 한 태스크 안의 퓨처를
//! 협력 예산이 어떻게 다루는지 알아야 한다.
//!
//! Lesson 7's exercises: Rust's threads really run at the same time (there is no GIL), and the
//! compiler checks that what a thread borrows outlives it. And with many things to wait for,
//! you need to know what the co-operative budget does to the futures inside one task.

pub mod both_at_once;
pub mod wait_all;
