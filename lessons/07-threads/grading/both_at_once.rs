//! `both_at_once`, hidden tests: results in argument order whatever finishes first, jobs that
//! borrow locals mutably, and meeting again and again.

use std::sync::{Arc, Barrier, mpsc};
use std::time::Duration;

use threads_exercises::both_at_once::both_at_once;

fn within_five_seconds<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(job());
    });
    result
        .recv_timeout(Duration::from_secs(5))
        .expect("the two jobs did not meet at the barrier within 5 s")
}

/// `b` finishes first (it does nothing after the barrier); the results still come back as
/// `(a's, b's)`, of different types.
#[test]
fn results_come_back_in_argument_order() {
    let barrier = Arc::new(Barrier::new(2));
    let (a, b) = within_five_seconds(move || {
        both_at_once(
            || {
                barrier.wait();
                (0..1000u64)
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .len()
            },
            || {
                barrier.wait();
                String::from("b")
            },
        )
    });
    assert_eq!(a, 1000);
    assert_eq!(b, "b");
    course_marker::passed();
}

/// Each job borrows a different local mutably.
#[test]
fn each_job_may_change_a_local_of_its_own() {
    let mut left = vec![1, 2, 3];
    let mut right = String::from("ab");
    both_at_once(|| left.push(4), || right.push('c'));
    assert_eq!(left, [1, 2, 3, 4]);
    assert_eq!(right, "abc");
    course_marker::passed();
}

/// Ten pairs of jobs, each pair meeting at its own barrier.
#[test]
fn ten_meetings_in_a_row() {
    let met = within_five_seconds(|| {
        (0..10)
            .map(|k| {
                let barrier = Barrier::new(2);
                both_at_once(
                    || {
                        barrier.wait();
                        k
                    },
                    || {
                        barrier.wait();
                        k * 10
                    },
                )
            })
            .collect::<Vec<_>>()
    });
    assert_eq!(met.len(), 10);
    assert_eq!(met[9], (9, 90));
    course_marker::passed();
}
