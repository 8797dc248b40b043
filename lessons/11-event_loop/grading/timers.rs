//! `Timers` and `Sleep`, hidden tests: ties in the order added, many timers in order, one timer
//! per waiting `Sleep`, and the notebook's `find_users` on the executor.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Wake, Waker};
use std::time::Duration;

use event_loop_exercises::timers::{Timers, now, pending_timers, run, sleep};

/// A waker that writes its name into a shared list when woken.
struct Named(&'static str, Arc<Mutex<Vec<String>>>);

impl Wake for Named {
    fn wake(self: Arc<Self>) {
        self.1.lock().unwrap().push(self.0.to_string());
    }
}

struct Numbered(usize, Arc<Mutex<Vec<usize>>>);

impl Wake for Numbered {
    fn wake(self: Arc<Self>) {
        self.1.lock().unwrap().push(self.0);
    }
}

/// Three timers due at the same instant fire in the order they were added.
#[test]
fn timers_with_the_same_deadline_fire_in_the_order_added() {
    let woken = Arc::new(Mutex::new(Vec::new()));
    let mut timers = Timers::default();
    for name in ["first", "second", "third"] {
        timers.add(
            Duration::from_secs(1),
            Waker::from(Arc::new(Named(name, Arc::clone(&woken)))),
        );
    }
    timers.add(
        Duration::from_millis(500),
        Waker::from(Arc::new(Named("earlier", Arc::clone(&woken)))),
    );
    assert_eq!(timers.wake_due(Duration::from_secs(5)), 4);
    assert_eq!(
        *woken.lock().unwrap(),
        ["earlier", "first", "second", "third"]
    );
    course_marker::passed();
}

/// Ten thousand timers added in a scrambled order fire sorted by deadline, each exactly once,
/// whether woken one deadline at a time or all at once.
#[test]
fn ten_thousand_timers_fire_in_deadline_order_once_each() {
    let n = 10_000usize;
    // A fixed permutation of 0..n (7919 is prime, so i * 7919 mod n visits every number once).
    let order: Vec<usize> = (0..n).map(|i| i * 7919 % n).collect();
    let woken = Arc::new(Mutex::new(Vec::new()));
    let mut timers = Timers::default();
    for &k in &order {
        timers.add(
            Duration::from_millis(k as u64),
            Waker::from(Arc::new(Numbered(k, Arc::clone(&woken)))),
        );
    }
    assert_eq!(timers.len(), n);
    let mut fired = 0;
    for ms in (0..n as u64).step_by(1000) {
        fired += timers.wake_due(Duration::from_millis(ms + 999));
    }
    assert_eq!(fired, n);
    assert_eq!(*woken.lock().unwrap(), (0..n).collect::<Vec<_>>());
    assert_eq!(timers.wake_due(Duration::from_secs(3600)), 0);
    assert!(timers.is_empty());
    course_marker::passed();
}

/// A `Sleep` polled again before its deadline, by the same task, adds no second timer: the
/// heap holds one entry per waiting sleep, and the run polls the task once per wake.
#[test]
fn a_sleep_polled_again_by_the_same_task_adds_no_second_timer() {
    let ((), ran) = run(async {
        let mut nap = std::pin::pin!(sleep(Duration::from_secs(2)));
        // Poll it by hand three times with this task's waker, then await it.
        for _ in 0..3 {
            std::future::poll_fn(|cx| {
                assert!(nap.as_mut().poll(cx).is_pending());
                std::task::Poll::Ready(())
            })
            .await;
        }
        assert_eq!(pending_timers(), 1, "one waiting sleep, one timer");
        nap.await;
        assert_eq!(pending_timers(), 0);
    });
    assert_eq!(ran.ended_at, Duration::from_secs(2));
    // One poll to start, one when the single timer fires.
    assert_eq!(ran.polls, 2);
    course_marker::passed();
}

/// The notebook's find_users(3), (2), (1) joined: the lines in the notebook's order, each at
/// its second, the whole at 3 s.
#[test]
fn find_users_joined_ends_at_three_seconds_in_order() {
    async fn find_users(n: u32, log: Rc<RefCell<Vec<(u64, String)>>>) {
        for i in 1..=n {
            log.borrow_mut()
                .push((now().as_secs(), format!("{i} of {n}")));
            sleep(Duration::from_secs(1)).await;
        }
        log.borrow_mut()
            .push((now().as_secs(), format!("{n} done")));
    }
    let log = Rc::new(RefCell::new(Vec::new()));
    let ((), ran) = run(async {
        futures::join!(
            find_users(3, Rc::clone(&log)),
            find_users(2, Rc::clone(&log)),
            find_users(1, Rc::clone(&log))
        );
    });
    assert_eq!(ran.ended_at, Duration::from_secs(3));
    let expected: Vec<(u64, String)> = [
        (0, "1 of 3"),
        (0, "1 of 2"),
        (0, "1 of 1"),
        (1, "2 of 3"),
        (1, "2 of 2"),
        (1, "1 done"),
        (2, "3 of 3"),
        (2, "2 done"),
        (3, "3 done"),
    ]
    .into_iter()
    .map(|(t, s)| (t, s.to_string()))
    .collect();
    assert_eq!(*log.borrow(), expected);
    // Polled at 0 s and at each second the clock moved to: no poll without a wake.
    assert_eq!(ran.polls, 4);
    course_marker::passed();
}
