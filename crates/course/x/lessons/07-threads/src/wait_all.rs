//! 기다릴 것들(퓨처)을 받아 모두 끝날 때까지 기다리자. 쉬워 보이지만, 이 함수는 태스크 안에서
//! 불린다. 한 태스크 안에서 `join_all`이나 `FuturesUnordered`로 많은 퓨처를 poll하면 tokio의
//! 협력 예산(한 번 poll될 때 128번)이 바닥난 뒤로 준비되지 않은 퓨처가 모두 `Pending`을 돌려주며
//! 다시 poll해 달라고 하고, poll 횟수가 퓨처 수의 제곱으로 늘어난다. 테스트는 정지된 시계에서
//! 1초 sleep들을 poll한 횟수를 센다. 하나에 두 번(시작할 때, 끝날 때)이면 충분하다.
//!
//! Take the things to wait for (futures) and wait until all are done. It looks easy, but this
//! function is called inside a task. Poll many futures inside one task with `join_all` or
//! `FuturesUnordered`, and once tokio's co-operative budget (128 per poll of the task) runs out,
//! every future not yet ready answers `Pending` and asks to be polled again: the polls grow with
//! the square of the number of futures. The tests count, on the paused clock, how many times
//! one-second sleeps were polled. Two each (one to start, one when it is over) is enough.

use std::future::Future;

// TODO: 모두 끝날 때까지 기다리되, 예산이 바닥나 같은 퓨처를 거듭 poll하지 않게 하자.
//       / Wait for all of them, without a spent budget polling the same futures again and again.
/// `waits`가 모두 끝날 때까지 기다린다. 퓨처 하나를 두 번보다 많이 poll하지 않는다.
/// Waits until every future in `waits` is done, polling none more than twice.
pub async fn wait_all<F>(waits: Vec<F>)
where
    F: Future<Output = ()> + Send + 'static,
{
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint threads/wait_all
    // TODO: complete this. Stuck? cargo run -p course -- hint threads/wait_all
    todo!()
}
