//! Records which task held the thread when, on tokio's clock, and draws it.
//!
//! Every lesson wraps its futures in [`Timeline::task`]. Each time the executor polls a wrapped
//! future, the wrapper writes down a [`Span`]: who was polled, and the tokio instants at which the
//! poll began and ended. While a task is being polled, [`Timeline::say`] prints a line and writes
//! it down under that task's name. From those two lists come the assertions of the lesson tests
//! (exact virtual times, exact order) and the pictures: [`Timeline::chart`] for the terminal and
//! [`Timeline::svg`] for the book.
//!
//! Times are read from `tokio::time::Instant`, so on a paused clock (`start_paused = true`) every
//! figure is exact and every run draws the same picture.
//!
//! Layout:
//! - [`clock`]: a current-thread runtime on the real or the paused clock, and a blocking sleep
//!   that moves the paused clock the way a real one would.
//! - [`cli`]: the lessons' shared command line (`--lang ko|en`, `--paused`, usage, exit 2).
//! - [`golden`]: compares a lesson's whole output with its committed golden file.
//! - [`stopwatch`]: prints start and end clock times and the total, the way the notebook does.
//! - `chart` and `svg`: the two renderers.

pub mod cli;
pub mod clock;
pub mod golden;
pub mod measure;
pub mod stopwatch;

mod chart;
mod svg;

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

/// One poll of one task: from `from` to `to` that task held the thread.
///
/// For an async task both ends are usually the same instant (polling takes no virtual time); a
/// task that blocks the thread inside its poll makes a span with length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The name given to [`Timeline::task`].
    pub task: String,
    /// When the poll began, measured from the timeline's start.
    pub from: Duration,
    /// When the poll returned.
    pub to: Duration,
    /// What the poll returned: `true` when the task finished in it.
    pub finished: bool,
    /// The how-manyth poll to begin on this timeline (0, 1, 2, ...): orders polls that begin at
    /// the same virtual instant, which is most of them.
    pub order: usize,
}

/// One line a task said (and printed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The task that was being polled when the line was said, or `main` outside any task.
    pub task: String,
    /// When it was said, measured from the timeline's start.
    pub at: Duration,
    /// The text, exactly as printed.
    pub text: String,
}

#[derive(Default)]
struct Record {
    spans: Vec<Span>,
    lines: Vec<Line>,
    /// Task names in the order they were first registered: the chart's rows.
    tasks: Vec<String>,
    /// How many polls have begun: the next span's `order`.
    polls_begun: usize,
}

/// A shared recorder. Cloning it is cheap and every clone writes into the same record.
#[derive(Clone)]
pub struct Timeline {
    origin: Instant,
    /// Another runtime's clock and its reading at the start, when the timeline is not on
    /// tokio's (the event_loop lesson's hand-built loop).
    clock: Option<(fn() -> Duration, Duration)>,
    record: Arc<Mutex<Record>>,
    /// `false` in tests that only want the record and not the printing.
    echo: bool,
}

thread_local! {
    /// The tasks being polled on this thread, innermost last. A `join!` inside a traced task
    /// polls traced children from inside the parent's poll, so this is a stack, not a slot.
    static CURRENT: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

impl Timeline {
    /// Starts a timeline at tokio's `Instant::now()`; call it inside a runtime. Lines are
    /// printed to standard output as they are said.
    pub fn new() -> Self {
        Timeline {
            origin: Instant::now(),
            clock: None,
            record: Arc::default(),
            echo: true,
        }
    }

    /// Like [`Timeline::new`], but records without printing.
    pub fn quiet() -> Self {
        Timeline {
            echo: false,
            ..Timeline::new()
        }
    }

    /// A quiet timeline on another runtime's clock: `now` reads that runtime's time (the
    /// event_loop lesson passes its own loop's `now`).
    pub fn on_clock(now: fn() -> Duration) -> Self {
        Timeline {
            clock: Some((now, now())),
            ..Timeline::quiet()
        }
    }

    /// Time since the timeline started, on tokio's clock (or the one given to
    /// [`Timeline::on_clock`]).
    pub fn elapsed(&self) -> Duration {
        match self.clock {
            Some((now, start)) => now() - start,
            None => self.origin.elapsed(),
        }
    }

    /// Wraps `future` so that each of its polls is recorded as a [`Span`] of `name`.
    pub fn task<F: Future>(&self, name: impl Into<String>, future: F) -> Traced<F> {
        let name = name.into();
        let mut record = self.lock();
        if !record.tasks.contains(&name) {
            record.tasks.push(name.clone());
        }
        drop(record);
        Traced {
            timeline: self.clone(),
            name,
            future,
        }
    }

    /// Prints `text` (when not quiet) and records it under the task being polled.
    pub fn say(&self, text: impl Into<String>) {
        let text = text.into();
        if self.echo {
            println!("{text}");
        }
        let task = current_task().unwrap_or_else(|| "main".to_string());
        let at = self.elapsed();
        self.lock().lines.push(Line { task, at, text });
    }

    /// Every poll recorded so far, in the order the polls began.
    pub fn spans(&self) -> Vec<Span> {
        let mut spans = self.lock().spans.clone();
        spans.sort_by_key(|s| s.order);
        spans
    }

    /// The names of the tasks in the order they were polled, one entry per poll: who held the
    /// thread, turn by turn.
    pub fn turns(&self) -> Vec<String> {
        self.spans().into_iter().map(|s| s.task).collect()
    }

    /// Every line said so far, in order.
    pub fn lines(&self) -> Vec<Line> {
        self.lock().lines.clone()
    }

    /// Just the texts of [`Timeline::lines`]: handy for asserting an exact output order.
    pub fn texts(&self) -> Vec<String> {
        self.lock().lines.iter().map(|l| l.text.clone()).collect()
    }

    /// The instant each line was said, keyed by its text: `(text, seconds)` pairs.
    pub fn said_at(&self) -> Vec<(String, Duration)> {
        self.lock()
            .lines
            .iter()
            .map(|l| (l.text.clone(), l.at))
            .collect()
    }

    /// When `task` finished (the end of its last poll), if it has.
    pub fn finished_at(&self, task: &str) -> Option<Duration> {
        self.lock()
            .spans
            .iter()
            .find(|s| s.task == task && s.finished)
            .map(|s| s.to)
    }

    /// Task names in the order they were registered.
    pub fn tasks(&self) -> Vec<String> {
        self.lock().tasks.clone()
    }

    /// The terminal picture: one row per task, who held the thread when.
    pub fn chart(&self) -> String {
        chart::render(&self.tasks(), &self.spans())
    }

    /// The same picture as a standalone SVG document, for the book.
    pub fn svg(&self, title: &str) -> String {
        svg::render(title, &self.tasks(), &self.spans())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Record> {
        // A panic while the lock is held only ever happens inside a failing test; the record
        // itself stays consistent, so a poisoned lock is still safe to read.
        self.record
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline::new()
    }
}

/// The name of the traced task being polled on this thread, if any.
pub fn current_task() -> Option<String> {
    CURRENT.with(|stack| stack.borrow().last().cloned())
}

/// A future that records each of its polls. Made by [`Timeline::task`].
#[pin_project::pin_project]
pub struct Traced<F> {
    timeline: Timeline,
    name: String,
    #[pin]
    future: F,
}

impl<F: Future> Future for Traced<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let from = this.timeline.elapsed();
        let order = {
            let mut record = this.timeline.lock();
            record.polls_begun += 1;
            record.polls_begun - 1
        };
        CURRENT.with(|stack| stack.borrow_mut().push(this.name.clone()));
        // Pop even if the inner future panics, so a test's panic message is not followed by a
        // second one from a corrupted stack.
        struct Pop;
        impl Drop for Pop {
            fn drop(&mut self) {
                CURRENT.with(|stack| stack.borrow_mut().pop());
            }
        }
        let pop = Pop;
        let poll = this.future.poll(cx);
        drop(pop);
        let to = this.timeline.elapsed();
        this.timeline.lock().spans.push(Span {
            task: this.name.clone(),
            from,
            to,
            finished: poll.is_ready(),
            order,
        });
        poll
    }
}

/// The chart's key, in the reader's language.
pub fn legend(lang: cli::Lang) -> &'static str {
    lang.t(
        "█ 스레드를 잡고 실행 중 · 살아 있지만 기다리는 중",
        "█ holding the thread, running · alive but waiting",
    )
}

/// Formats a duration the way the lessons print elapsed time: seconds with three decimals.
pub fn secs(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two traced tasks sleeping 1 s and 2 s: their spans, lines and finishing times are exact.
    #[tokio::test(start_paused = true)]
    async fn spans_and_lines_are_exact_on_the_paused_clock() {
        let tl = Timeline::quiet();
        let a = tl.task("a", async {
            tokio::time::sleep(Duration::from_secs(1)).await;
            tl.say("a done");
        });
        let b = tl.task("b", async {
            tokio::time::sleep(Duration::from_secs(2)).await;
            tl.say("b done");
        });
        tokio::join!(a, b);
        tl.say("both done");

        assert_eq!(tl.finished_at("a"), Some(Duration::from_secs(1)));
        assert_eq!(tl.finished_at("b"), Some(Duration::from_secs(2)));
        let lines = tl.lines();
        assert_eq!(
            lines
                .iter()
                .map(|l| (l.task.as_str(), l.at.as_secs()))
                .collect::<Vec<_>>(),
            [("a", 1), ("b", 2), ("main", 2)]
        );
        // join! polls every unfinished future whenever it is woken, and for fairness starts each
        // round one future further along: at 1 s it polls b first (still pending), then a.
        assert_eq!(tl.turns(), ["a", "b", "b", "a", "b"]);
    }
}
