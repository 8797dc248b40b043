//! Start and end clock times and the total, printed the way the notebook prints them:
//! `start : 06:40:01`, `end : 06:40:02`, `>>> 총 소요 시간: ...`.

use std::time::Duration;

use tokio::time::Instant;

use crate::cli::Lang;
use crate::clock::{Clock, wall_clock};
use crate::secs;

/// Measures one scenario on tokio's clock.
pub struct Stopwatch {
    clock: Clock,
    lang: Lang,
    start: Instant,
    /// Where the demo's virtual wall clock stood when this stopwatch started.
    since_demo_start: Duration,
}

impl Stopwatch {
    /// Prints `start : HH:MM:SS` and starts measuring. `since_demo_start` keeps the paused
    /// clock's wall time moving from one scenario to the next (pass the demo timeline's
    /// `elapsed()`).
    pub fn start(clock: Clock, lang: Lang, since_demo_start: Duration) -> Self {
        println!("start : {}", wall_clock(clock, since_demo_start));
        Stopwatch {
            clock,
            lang,
            start: Instant::now(),
            since_demo_start,
        }
    }

    /// Prints `end : HH:MM:SS` and the total, and returns the total.
    pub fn stop(self) -> Duration {
        let took = self.start.elapsed();
        println!(
            "end : {}",
            wall_clock(self.clock, self.since_demo_start + took)
        );
        println!(
            "{} {} s",
            self.lang.t(">>> 총 소요 시간:", ">>> total time:"),
            secs(took)
        );
        took
    }
}
