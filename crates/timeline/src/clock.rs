//! The lessons' runtime: one thread, on the real clock or on tokio's paused clock.
//!
//! Every demo runs on a current-thread runtime, the shape of Python's event loop: one thread,
//! and tasks that take turns on it. `--paused` runs the same code on tokio's paused clock, where
//! a sleep finishes the moment nothing else can run and virtual time jumps to its deadline; the
//! output is then the same on every machine, which is what the golden files and tests need.
//!
//! One thing does not carry over by itself: `std::thread::sleep` does not move the paused clock
//! (it holds the thread for real time, and virtual time stands still). [`blocking_sleep`] is
//! `std::thread::sleep` on the real clock, and on the paused clock moves virtual time forward
//! instead, still without handing the thread back to the executor. The timeline then shows what
//! a real blocking sleep does: nothing else on that thread runs, and time passes.

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::sync::mpsc;
use std::task::{Context, Waker};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::runtime::{Builder, Runtime};
use tokio::time::Instant;

/// Which clock a demo runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Real time: sleeps take as long as they say.
    Real,
    /// tokio's paused clock: sleeps end at once, and virtual time says how long they took.
    Paused,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ThreadRole {
    /// Not a thread of a paused runtime: blocking means `std::thread::sleep`.
    Other,
    /// The thread that drives a paused current-thread runtime.
    PausedDriver,
    /// A `spawn_blocking` thread of a paused runtime.
    PausedBlocking,
}

thread_local! {
    static ROLE: Cell<ThreadRole> = const { Cell::new(ThreadRole::Other) };
}

/// Builds the current-thread runtime the lessons use, on `clock`.
pub fn runtime(clock: Clock) -> Runtime {
    let mut builder = Builder::new_current_thread();
    // The time driver always; the I/O driver too when a lesson builds tokio with `net` (the
    // sockets lessons): `enable_all` turns on what the build has.
    builder.enable_all();
    if clock == Clock::Paused {
        builder
            .start_paused(true)
            .on_thread_start(|| ROLE.with(|role| role.set(ThreadRole::PausedBlocking)));
    }
    // Building a current-thread runtime fails only when the OS refuses a thread-local, a timer
    // or an epoll instance, which no lesson can recover from.
    builder.build().expect("the tokio runtime could not start")
}

/// Runs `future` to completion on a fresh runtime on `clock` (the course's `asyncio.run`).
pub fn run<F: Future>(clock: Clock, future: F) -> F::Output {
    let rt = runtime(clock);
    let previous = ROLE.with(|role| {
        role.replace(if clock == Clock::Paused {
            ThreadRole::PausedDriver
        } else {
            ThreadRole::Other
        })
    });
    let output = rt.block_on(future);
    ROLE.with(|role| role.set(previous));
    output
}

/// Holds the current thread for `duration` without yielding to the executor.
///
/// On the real clock this is exactly `std::thread::sleep(duration)`. On a paused runtime made
/// by [`run`], see [`blocking_sleep_until`].
pub fn blocking_sleep(duration: Duration) {
    blocking_sleep_until(Instant::now() + duration);
}

/// Holds the current thread until `deadline` on tokio's clock, without yielding.
///
/// - Real clock: `std::thread::sleep` until the deadline.
/// - Paused clock, on the runtime's own thread: virtual time jumps to `deadline` right here,
///   inside the poll, so no other task runs in between (the thread is held) and the timeline
///   shows the time passing.
/// - Paused clock, on a `spawn_blocking` thread: the runtime's thread, which stays free, moves
///   virtual time to `deadline` (tokio stops auto-advancing while blocking work runs, so someone
///   has to); two blocking sleeps on two threads that end at the same deadline take that time
///   once, as they would in real time. Take the deadline on the async side, before
///   `spawn_blocking`, so that it does not depend on when the blocking thread starts.
pub fn blocking_sleep_until(deadline: Instant) {
    match ROLE.with(Cell::get) {
        ThreadRole::Other => {
            let now = Instant::now();
            if deadline > now {
                std::thread::sleep(deadline - now);
            }
        }
        ThreadRole::PausedDriver => advance_to(deadline),
        ThreadRole::PausedBlocking => {
            let (done, wait) = mpsc::channel();
            tokio::runtime::Handle::current().spawn(async move {
                advance_to(deadline);
                // The receiver is only gone if the blocking thread died, which a lesson does not
                // do; nothing is left to tell then.
                let _ = done.send(());
            });
            // The sender is dropped without sending only if the runtime shuts down first.
            let _ = wait.recv();
        }
    }
}

/// Moves the paused clock to `deadline`, if it is not already there, without yielding.
fn advance_to(deadline: Instant) {
    let now = Instant::now();
    if deadline <= now {
        return;
    }
    // `tokio::time::advance` moves the clock when first polled and only then yields; polling it
    // once moves time without giving the thread away. The yield it leaves behind wakes a waker
    // that does nothing.
    let mut advance = pin!(tokio::time::advance(deadline - now));
    let _ = advance
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()));
}

/// A wall-clock reading, `HH:MM:SS`, the way the notebook prints `time.strftime('%X')`.
///
/// On the real clock it is the time of day in UTC. On the paused clock there is no wall clock to
/// read, so the demo's virtual clock starts at 09:00:00 and moves with virtual time.
pub fn wall_clock(clock: Clock, since_start: Duration) -> String {
    let secs = match clock {
        Clock::Real => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        Clock::Paused => 9 * 3600 + since_start.as_secs(),
    };
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    /// A blocking sleep on the runtime's thread moves the paused clock and holds the thread:
    /// the other task, ready all along, only runs after it.
    #[test]
    fn blocking_sleep_holds_the_thread_and_moves_the_paused_clock() {
        let order = run(Clock::Paused, async {
            let start = Instant::now();
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            let tx2 = tx.clone();
            let other = tokio::spawn(async move {
                tx2.send(("other ran", start.elapsed())).unwrap();
            });
            blocking_sleep(SECOND);
            tx.send(("blocking sleep ended", start.elapsed())).unwrap();
            other.await.unwrap();
            drop(tx);
            let mut order = Vec::new();
            while let Some(event) = rx.recv().await {
                order.push(event);
            }
            order
        });
        assert_eq!(
            order,
            [("blocking sleep ended", SECOND), ("other ran", SECOND)]
        );
    }

    /// Two blocking sleeps on two `spawn_blocking` threads, both ending at the same deadline,
    /// take one second together, on the paused clock.
    #[test]
    fn parallel_blocking_sleeps_take_their_time_once() {
        let elapsed = run(Clock::Paused, async {
            let start = Instant::now();
            let deadline = start + SECOND;
            let a = tokio::task::spawn_blocking(move || blocking_sleep_until(deadline));
            let b = tokio::task::spawn_blocking(move || blocking_sleep_until(deadline));
            a.await.unwrap();
            b.await.unwrap();
            start.elapsed()
        });
        assert_eq!(elapsed, SECOND);
    }

    #[test]
    fn the_paused_wall_clock_starts_at_nine() {
        assert_eq!(wall_clock(Clock::Paused, Duration::ZERO), "09:00:00");
        assert_eq!(
            wall_clock(Clock::Paused, Duration::from_secs(3661)),
            "10:01:01"
        );
    }
}
