//! 잠이 안 와서 양을 센다. `count_sheep`는 고칠 수 없는 오래된 동기 라이브러리 함수다: 울타리
//! 문(`gate`, 표준 라이브러리 채널)에서 양을 한 마리씩 `recv`로 기다리며 스레드를 붙잡고 있다가,
//! 문이 닫히면 센 수를 돌려준다. 양을 들여보내는 `shepherd`는 같은 런타임의 async 태스크다.
//! async 코드에서 `count_sheep`를 그냥 부르면 런타임의 하나뿐인 스레드를 붙잡아서 목동이
//! 움직이지 못한다. `spawn_blocking`으로 블로킹 전용 스레드에 보내고, 그 `JoinHandle`을
//! `.await`해서 센 수를 돌려주자 (파이썬의 `asyncio.to_thread`). 테스트는 스레드가 하나인
//! 런타임에서 돈다: 양이 `PATIENCE` 동안 오지 않으면 `count_sheep`가 패닉한다.
//!
//! Can't sleep, so: counting sheep. `count_sheep` is an old synchronous library function you
//! cannot change: it holds its thread in `recv`, waiting for the sheep to come through the gate
//! (a standard-library channel) one by one, and returns how many it counted once the gate
//! closes. The `shepherd` who lets them through is an async task on the same runtime. Called
//! straight from async code, `count_sheep` holds the runtime's only thread and the shepherd
//! cannot move. Send it to a blocking thread with `spawn_blocking`, and await its `JoinHandle`
//! to return the count (Python's `asyncio.to_thread`). The tests run on a one-thread runtime: if
//! no sheep comes for `PATIENCE`, `count_sheep` panics.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// 양 한 마리 / One sheep.
#[derive(Debug)]
pub struct Sheep;

/// `count_sheep`가 다음 양을 기다려 주는 시간 (실제 시간). 정답에서는 기다릴 일이 없다.
///
/// How long `count_sheep` waits for the next sheep before giving up, in real time. A correct
/// answer never comes close.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// 오래된 동기 라이브러리 함수: 문이 닫힐 때까지 양을 세며 스레드를 붙잡는다. 고치지 않는다.
///
/// The old synchronous library function: holds its thread, counting sheep until the gate
/// closes. Leave it as it is.
pub fn count_sheep(gate: Receiver<Sheep>) -> u32 {
    let mut counted = 0;
    loop {
        match gate.recv_timeout(PATIENCE) {
            Ok(Sheep) => counted += 1,
            Err(RecvTimeoutError::Disconnected) => return counted,
            Err(RecvTimeoutError::Timeout) => panic!(
                "no sheep came for {PATIENCE:?} after {counted}: is count_sheep holding the \
                 runtime's thread, so that the shepherd cannot run? / 양이 {PATIENCE:?} 동안 오지 \
                 않았다: count_sheep가 런타임의 스레드를 붙잡고 있어서 목동이 움직이지 못하는 게 \
                 아닐까?"
            ),
        }
    }
}

/// 목동: 양 `flock` 마리를 한 마리씩 들여보내고, 한 마리마다 스레드를 양보한다. 다 보내면
/// 문을 닫는다 (`gate`를 버린다). 고치지 않는다.
///
/// The shepherd: lets `flock` sheep through one at a time, handing the thread back after each,
/// then closes the gate (drops `gate`). Leave it as it is.
pub async fn shepherd(gate: Sender<Sheep>, flock: u32) {
    for _ in 0..flock {
        // Sending on a standard channel never blocks: it only fails if the counter is gone.
        gate.send(Sheep).expect("nobody is counting any more");
        tokio::task::yield_now().await;
    }
}

// TODO: count_sheep를 spawn_blocking으로 다른 스레드에서 돌리고, JoinHandle을 .await해서 센
//       수를 돌려주자. / Run count_sheep on another thread with spawn_blocking, and await the
//       JoinHandle to return the count.
pub async fn count_sheep_async(gate: Receiver<Sheep>) -> u32 {
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint sleep/count_sheep_off_thread
    // TODO: complete this. Stuck? cargo run -p course -- hint sleep/count_sheep_off_thread
    todo!()
}
