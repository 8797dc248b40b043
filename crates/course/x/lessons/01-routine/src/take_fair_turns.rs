//! 서버 한 스레드에서 두 코루틴이 돈다. `checksum`은 데이터 블록을 하나씩 더하면서 블록마다
//! `#`을 찍고, `heartbeat`는 차례가 올 때마다 `♥`을 찍어 "살아 있다"고 알린다. 그런데 `.await`가
//! 하나도 없는 `checksum`은 `async`여도 한 번 poll되면 끝까지 내달린다(노트의 3을 100번 찍은
//! 뒤에야 5가 나오던 셀). 그동안 하트비트는 한 번도 못 뛴다: `##########`. `checksum`이 블록
//! `turn`개마다 스레드를 넘겨서 `####♥####♥##`처럼 되게 하자. 첫 블록 앞과 마지막 블록 뒤에는
//! 넘기지 않는다(결과만 늦어진다). 테스트는 찍힌 모양, 합계, 흐른 가상 시간(0)을 확인한다.
//!
//! Two coroutines share a server's one thread. `checksum` adds up data blocks, printing `#` per
//! block; `heartbeat` prints `♥` whenever it gets a turn, to say "still alive". But `checksum`
//! has no `.await` in it, so although it is `async`, once polled it runs straight to the end
//! (the notebook's cell that printed a hundred 3s before any 5), and the heartbeat never gets in:
//! `##########`. Make `checksum` hand the thread over after every `turn` blocks, to get
//! `####♥####♥##`. Not before the first block, not after the last (that only delays the
//! result). The tests check the printed pattern, the sum, and the virtual time taken (none).

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Poll;

/// Where both coroutines print: `#` for a block added, `♥` for a heartbeat.
pub type Out = Arc<Mutex<String>>;

/// Prints `mark` into `out`.
pub fn print_mark(out: &Out, mark: char) {
    out.lock().expect("a printing task panicked").push(mark);
}

/// Python's `await asyncio.sleep(0)`: hands the thread back to the event loop once (the same
/// as in `interleave_digits`).
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

/// Beats once per turn it gets, until `done` is set: prints `♥`, then hands the thread back.
pub async fn heartbeat(out: Out, done: Arc<AtomicBool>) {
    while !done.load(Ordering::SeqCst) {
        print_mark(&out, '♥');
        pass_the_thread().await;
    }
}

/// Runs `checksum(blocks, turn, ..)` and [`heartbeat`] as two tasks on the current runtime,
/// the checksum first (as `asyncio.gather(checksum(...), heartbeat(...))` would), and returns
/// the sum and what the two printed together. The heartbeat stops once the sum is known.
pub async fn run_with_heartbeat(blocks: Vec<u64>, turn: usize) -> (u64, String) {
    let out = Out::default();
    let done = Arc::new(AtomicBool::new(false));
    let worker = tokio::spawn({
        let (out, done) = (out.clone(), done.clone());
        async move {
            let sum = checksum(blocks, turn, out).await;
            done.store(true, Ordering::SeqCst);
            sum
        }
    });
    let beats = tokio::spawn(heartbeat(out.clone(), done));
    let sum = worker.await.expect("checksum panicked");
    beats.await.expect("heartbeat panicked");
    let printed = std::mem::take(&mut *out.lock().expect("a printing task panicked"));
    (sum, printed)
}

/// Adds up `blocks`, printing `#` for each block added, and hands the thread over after every
/// `turn` blocks (`turn` is at least 1), except after the last block.
///
/// As given, with no `.await`, it runs straight through:
///
/// ```text
/// let mut sum = 0;
/// for block in blocks {
///     sum += block;
///     print_mark(&out, '#');
/// }
/// sum
/// ```
// TODO: 블록 `turn`개를 더할 때마다 `pass_the_thread().await`로 한 번 양보하자. 첫 블록
//       앞이나 마지막 블록 뒤에서는 양보하지 않는다.
//       / After every `turn` blocks, yield once with `pass_the_thread().await`; never before the
//       first block or after the last.
pub async fn checksum(blocks: Vec<u64>, turn: usize, out: Out) -> u64 {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint routine/take_fair_turns
    // TODO: complete this. Stuck? cargo run -p course -- hint routine/take_fair_turns
    todo!()
}
