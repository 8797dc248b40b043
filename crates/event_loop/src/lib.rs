//! The event loop built by hand: a run queue, a timer heap and an I/O reactor on `mio`, in about
//! five hundred lines without `unsafe`, driving the course's own demos.
//!
//! Run: `cargo run -p event_loop` (English: `-- --lang en`; the same output on every machine:
//! `-- --paused`; the benchmark: `cargo run --release -p event_loop -- bench`)
//!
//! The future lesson's `tiny_block_on` polled one future and slept until its waker rang. Three
//! steps grow it into a runtime, the three parts of asyncio's `BaseEventLoop._run_once`:
//! - [`executor`] (step 1): many tasks in a slab, a run queue of task keys, wakers that put
//!   their task back on the queue; [`spawn`], [`JoinHandle`], [`Runtime::block_on`].
//! - [`timer`] (step 2): a heap of deadlines and [`sleep`]; the loop waits until the earliest.
//! - `reactor` (step 3) and [`net`]: readiness events from the OS turned into wakes;
//!   [`net::TcpListener`] and [`net::TcpStream`] on top.
//!
//! [`directory`] is the sockets lesson's server and client on this loop. [`scenario`] runs the same demos on this loop and on tokio's current-thread runtime, and
//! [`bench`] measures both with a million sleeping tasks.

pub mod bench;
pub mod directory;
pub mod executor;
pub mod net;
pub mod scenario;
pub mod timer;

mod reactor;

pub use executor::{JoinHandle, Runtime, Stats, spawn, yield_now};
pub use timer::{Clock, Sleep, now, sleep};
