//! `Timers`와 `Sleep`: 실행기에 타이머 달기 / timers for the executor.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Wake, Waker};
use std::time::Duration;

use event_loop_exercises::timers::{Timers, run, sleep};

/// 몇 번 깨워졌는지 세는 waker / A waker that counts its wakes.
struct Count(AtomicUsize);

impl Wake for Count {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn counter() -> (Arc<Count>, Waker) {
    let count = Arc::new(Count(AtomicUsize::new(0)));
    let waker = Waker::from(Arc::clone(&count));
    (count, waker)
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// 마감 전에는 아무것도 울리지 않고, 마감이 되면 그 타이머만 울린다.
/// Nothing fires before its deadline; at the deadline, that timer fires.
#[test]
fn a_timer_fires_at_its_deadline_and_not_before() {
    let mut timers = Timers::default();
    let (count, waker) = counter();
    timers.add(secs(2), waker);
    assert_eq!(timers.next_deadline(), Some(secs(2)));
    assert_eq!(timers.wake_due(Duration::from_millis(1999)), 0);
    assert_eq!(count.0.load(Ordering::SeqCst), 0);
    assert_eq!(timers.wake_due(secs(2)), 1);
    assert_eq!(count.0.load(Ordering::SeqCst), 1);
    assert_eq!(timers.next_deadline(), None);
    assert!(timers.is_empty());
    course_marker::passed();
}

/// 늦게 넣었어도 마감이 이른 타이머가 먼저다 / The earliest deadline comes first, whatever
/// the order added.
#[test]
fn the_earliest_deadline_is_next() {
    let mut timers = Timers::default();
    let (late, late_waker) = counter();
    let (early, early_waker) = counter();
    timers.add(secs(3), late_waker);
    timers.add(secs(1), early_waker);
    assert_eq!(timers.next_deadline(), Some(secs(1)));
    assert_eq!(timers.wake_due(secs(1)), 1);
    assert_eq!(early.0.load(Ordering::SeqCst), 1);
    assert_eq!(late.0.load(Ordering::SeqCst), 0);
    assert_eq!(timers.next_deadline(), Some(secs(3)));
    course_marker::passed();
}

/// 1초, 2초, 3초 잠을 함께 기다리면 가상 시계로 3초에 끝난다.
/// Sleeps of 1, 2 and 3 s awaited together end at 3 s on the virtual clock.
#[test]
fn three_sleeps_together_end_at_the_longest() {
    let ((), ran) = run(async {
        futures::join!(sleep(secs(1)), sleep(secs(2)), sleep(secs(3)));
    });
    assert_eq!(ran.ended_at, secs(3));
    course_marker::passed();
}
