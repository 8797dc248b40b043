//! 11장 연습 문제: 손으로 만든 이벤트 루프의 두 부분이다. 가상 시계로 도는 실행기에 타이머 힙과
//! `sleep`을 달고, mio 리액터가 소켓이 읽을 수 있게 되면 태스크를 깨우게 한다.
//!
//! Lesson 11's exercises: two parts of the event loop built by hand. Give an executor on a
//! virtual clock its timer heap and `sleep`, and make a mio reactor wake a task when its socket
//! becomes readable.

pub mod readable;
pub mod timers;
