//! 5장 연습 문제: 여러 퓨처를 한꺼번에 돌리고(`asyncio.gather`) 결과를 인자 순서대로 모은다.
//! 하나가 실패하면 어떻게 되는지도 두 가지 방식으로 연습한다. 모든 결과를 모으는
//! `return_exceptions=True`, 그리고 첫 오류에서 나머지를 그 자리에서 취소하는 `try_join`이다.
//!
//! Lesson 5 exercises: run several futures at once (`asyncio.gather`) and collect their results
//! in argument order. Then two ways to handle a failure: collect every result, as
//! `return_exceptions=True` does, or stop at the first error and cancel the rest on the spot,
//! as `try_join` does.

pub mod collect_every_result;
pub mod first_error_cancels;
pub mod gather_lookups;
