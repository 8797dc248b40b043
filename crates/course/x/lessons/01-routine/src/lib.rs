//! 1장 연습 문제: 코루틴은 `.await`를 쓴 곳에서만 멈추고 스레드를 넘긴다. 양보 지점을 어디에
//! 두느냐가 두 코루틴이 한 스레드를 어떻게 나눠 쓰는지를 정한다.
//!
//! Lesson 1 exercises: a coroutine stops and hands the thread over only where it `.await`s.
//! Where you put the yield points decides how two coroutines share one thread.
//!
//! - [`interleave_digits`]: `do_async(5)` and `do_async(7)` print `5757...` / make two
//!   coroutines print their digits in turns.
//! - [`take_fair_turns`]: a long job with no `.await` keeps the heartbeat out until it ends;
//!   split it into turns / split a long job into fair turns.

pub mod interleave_digits;
pub mod take_fair_turns;
