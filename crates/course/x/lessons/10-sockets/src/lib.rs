//! 10장 연습 문제: 사용자 디렉터리에 여러 연결로 한꺼번에 묻는 클라이언트, 그리고 여러 손님을 한꺼번에
//! 받는 에코 서버다. 테스트는 루프백의 진짜 소켓을 쓰고, 시간은 정지된 시계로 잰다.
//!
//! Lesson 10's exercises: a client that asks the user directory over many connections at once,
//! and an echo server that serves many clients at once. The tests use real sockets on loopback
//! and time them on the paused clock.

pub mod echo;
pub mod lookup_all;
