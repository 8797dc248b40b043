//! 노트의 `do_sync(5); do_sync(7)`은 `5555555555` 다음에 `7777777777`을 출력한다. 서브루틴은
//! 끝까지 실행된 뒤에야 호출한 쪽으로 돌아가기 때문이다. 이번에는 `do_async`를 코루틴으로
//! 만들어서, 한 스레드에 태스크 두 개로 올린 `do_async(5)`와 `do_async(7)`이 숫자를 한 번씩
//! 번갈아 `5757575757...`처럼 출력하게 하자. 테스트는 출력 순서가 정확히 맞는지, 그리고
//! 가상 시간이 전혀 흐르지 않는지(양보는 잠자기가 아니다) 확인한다.
//!
//! The notebook's `do_sync(5); do_sync(7)` prints `5555555555`, then `7777777777`: a subroutine runs
//! to its end before its caller goes on. Now make `do_async` a coroutine, so that `do_async(5)`
//! and `do_async(7)`, run as two tasks on one thread, take turns one digit at a time:
//! `5757575757...`. The tests check the exact order of the digits, and that no virtual time
//! passes (yielding is not sleeping).

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::Poll;

/// Where the coroutines print: one string shared by every task. A spawned task must own what it
/// uses, hence the `Arc`; two tasks write to it, hence the `Mutex`.
pub type Out = Arc<Mutex<String>>;

/// Prints one digit into `out`, like the notebook's `print(n, end='')`.
pub fn print_digit(out: &Out, n: u32) {
    out.lock()
        .expect("a printing task panicked")
        .push_str(&n.to_string());
}

/// Python's `await asyncio.sleep(0)`: hands the thread back to the event loop once.
///
/// The first poll asks to be woken right away and answers "not ready yet", so the executor puts
/// this task at the back of its queue and runs whoever was waiting; the next poll says "done".
/// (`tokio::task::yield_now()` yields too, but wakes yielded tasks in another order, and
/// `tokio::time::sleep(Duration::ZERO)` does not yield at all on the tests' paused clock: try
/// them and see what the tests say.)
pub fn pass_the_thread() -> impl Future<Output = ()> {
    let mut passed = false;
    std::future::poll_fn(move |cx| {
        if passed {
            return Poll::Ready(());
        }
        passed = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}

/// The subroutine, for comparison: prints `n` `times` times and returns. While it runs, nothing
/// else runs on this thread.
pub fn do_sync(n: u32, times: usize, out: &Out) {
    for _ in 0..times {
        print_digit(out, n);
    }
}

/// The coroutine: prints `n` `times` times, like [`do_sync`], but hands the thread over once
/// after every digit, so that another coroutine can print its digit in between.
// TODO: 숫자 하나를 출력할 때마다 `pass_the_thread().await`로 스레드를 한 번 넘겨 주자.
//       / After each digit, hand the thread over once with `pass_the_thread().await`.
pub async fn do_async(n: u32, times: usize, out: Out) {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint routine/interleave_digits
    // TODO: complete this. Stuck? cargo run -p course -- hint routine/interleave_digits
    todo!()
}
