//! `both_at_once`: 두 일을 동시에 / two jobs at the same time.

use std::sync::{Arc, Barrier, mpsc};
use std::time::Duration;

use threads_exercises::both_at_once::both_at_once;

/// `job`을 다른 스레드에서 돌리고 5초 안에 끝나기를 기다린다. 두 일이 차례로 돌면 첫 일이
/// 장벽에서 영영 기다리므로, 테스트는 멈추지 않고 실패한다.
/// Runs `job` on another thread and waits 5 s for it: if the two jobs ran one after the other,
/// the first waits at the barrier forever, and the test fails instead of hanging.
fn within_five_seconds<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(job());
    });
    result.recv_timeout(Duration::from_secs(5)).expect(
        "두 일이 5초 안에 장벽에서 만나지 못했다: 하나씩 차례로 돌렸나? / the two jobs did not \
         meet at the barrier within 5 s: did they run one after the other?",
    )
}

/// 두 일이 같은 장벽에 함께 서야 지나갈 수 있다 / Both jobs must stand at one barrier together.
#[test]
fn both_jobs_stand_at_the_barrier_together() {
    let barrier = Arc::new(Barrier::new(2));
    let (a, b) = within_five_seconds(move || {
        both_at_once(
            || {
                barrier.wait();
                "a"
            },
            || {
                barrier.wait();
                "b"
            },
        )
    });
    assert_eq!((a, b), ("a", "b"));
    course_marker::passed();
}

/// 두 일이 호출한 쪽의 지역 변수를 빌린다 / The jobs borrow the caller's local.
#[test]
fn the_jobs_may_borrow_a_local() {
    let numbers: Vec<u64> = (1..=100).collect();
    let (left, right) = numbers.split_at(50);
    let (a, b) = both_at_once(|| left.iter().sum::<u64>(), || right.iter().sum::<u64>());
    assert_eq!((a, b), (1275, 3775));
    course_marker::passed();
}
