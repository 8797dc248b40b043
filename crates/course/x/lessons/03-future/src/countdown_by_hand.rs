//! 발사 카운트다운: `countdown(3)`은 3, 2, 1을 1초 간격으로 세고, 점화한 뒤 2초 있다가 이륙한다.
//! 이 `async fn`을 컴파일러는 상태 기계(`Future`)로 바꾼다. 그 상태 기계를 손으로 써 보자.
//! 상태(`State`)와 `new`는 주어져 있고, `Countdown`의 `poll`을 채우면 된다. 레슨의 `FindUsers`에는
//! `.await`가 하나였지만 여기는 둘이라(1초 대기, 점화 대기) 잠든 상태도 두 가지다. 테스트는
//! `async fn`과 같은 사건이 같은 가상 시간에 기록되는지, 그리고 poll 횟수와 깨움 횟수가 딱
//! 필요한 만큼인지(헛도는 poll이나 너무 이른 `Ready`가 없는지) 확인한다.
//!
//! A launch countdown: `countdown(3)` counts 3, 2, 1 a second apart, ignites, and lifts off two
//! seconds later. The compiler turns this `async fn` into a state machine (a `Future`); write
//! that state machine by hand. The states (`State`) and `new` are given: fill in `Countdown`'s
//! `poll`. The lesson's `FindUsers` had one `.await`; this one has two (the one-second wait and
//! the ignition wait), so there are two sleeping states. The tests check that it records the same
//! events at the same virtual times as the `async fn`, and that it is polled and woken exactly as
//! often as needed (no polling in circles, no `Ready` too early).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use pin_project::pin_project;
use tokio::time::{Instant, Sleep, sleep};

/// The wait between two counts.
pub const SECOND: Duration = Duration::from_secs(1);

/// The wait between ignition and liftoff.
pub const IGNITION: Duration = Duration::from_secs(2);

/// What a countdown records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// `left` seconds to go: 3, 2, 1.
    Count(u32),
    /// The engines start.
    Ignition,
    /// The rocket is off.
    Liftoff,
}

/// Where a countdown records its events, each with the time since the log was made (tokio's
/// clock, so the paused clock in tests). Cloning it shares the same log.
#[derive(Clone, Debug)]
pub struct Log {
    start: Instant,
    events: Arc<Mutex<Vec<(Event, Duration)>>>,
}

impl Log {
    /// A new, empty log whose clock starts now.
    pub fn new() -> Log {
        Log {
            start: Instant::now(),
            events: Arc::default(),
        }
    }

    /// Records `event` at the current time.
    pub fn record(&self, event: Event) {
        let at = self.start.elapsed();
        self.events
            .lock()
            .expect("a task panicked while recording")
            .push((event, at));
    }

    /// Everything recorded so far, in order.
    pub fn events(&self) -> Vec<(Event, Duration)> {
        self.events
            .lock()
            .expect("a task panicked while recording")
            .clone()
    }
}

impl Default for Log {
    fn default() -> Log {
        Log::new()
    }
}

/// The sugar: count down from `from`, ignite, lift off.
pub async fn countdown(from: u32, log: Log) {
    for left in (1..=from).rev() {
        log.record(Event::Count(left));
        sleep(SECOND).await;
    }
    log.record(Event::Ignition);
    sleep(IGNITION).await;
    log.record(Event::Liftoff);
}

/// [`countdown`] written out by hand: what `countdown(from, log)` returns, with its states
/// named.
#[pin_project]
pub struct Countdown {
    /// The argument `log`: set by [`Countdown::new`], written to by the polls that record.
    log: Log,
    /// The argument `from`: set by `new`, read by the first poll to know where to start.
    from: u32,
    /// Where the body stands: [`State::Start`] from `new`, moved on only by `poll`. Pinned,
    /// because the `Sleep` inside must not move once polled.
    #[pin]
    state: State,
}

/// Where [`countdown`]'s body can be between two polls.
#[pin_project(project = StateProj)]
pub enum State {
    /// Nothing has run yet: the first poll starts counting (or, from 0, ignites at once).
    Start,
    /// Stopped at `sleep(SECOND).await` right after recording `Count(left)`.
    Counting {
        /// The count just recorded: when the sleep ends, the next is `left - 1` (or ignition
        /// after 1).
        left: u32,
        /// The one-second wait. tokio links a polled `Sleep` into its timer by address, so it
        /// is `!Unpin` and reached through `Pin<&mut Sleep>`.
        #[pin]
        sleep: Sleep,
    },
    /// Stopped at `sleep(IGNITION).await` right after recording `Ignition`.
    Igniting {
        /// The two-second wait before liftoff.
        #[pin]
        sleep: Sleep,
    },
    /// `Liftoff` recorded and `Ready` returned: nothing is left to do.
    Done,
}

impl Countdown {
    /// What calling `countdown(from, log)` returns: a future in its first state. It records
    /// nothing and starts no timer until it is polled.
    pub fn new(from: u32, log: Log) -> Countdown {
        Countdown {
            log,
            from,
            state: State::Start,
        }
    }

    /// The current state's name: `Start`, `Counting { left: 2 }`, `Igniting` or `Done`.
    pub fn state_name(&self) -> String {
        match &self.state {
            State::Start => "Start".to_string(),
            State::Counting { left, .. } => format!("Counting {{ left: {left} }}"),
            State::Igniting { .. } => "Igniting".to_string(),
            State::Done => "Done".to_string(),
        }
    }
}

impl Future for Countdown {
    type Output = ();

    // TODO: `countdown`의 본문을 상태별로 나눠서 쓰자. 상태를 바꾸고 새 `Sleep`을 만들었으면
    //       `Pending`을 돌려주기 전에 그 `Sleep`을 한 번 poll해야 한다.
    //       / Write `countdown`'s body split by state. After moving to a state with a new
    //       `Sleep`, poll that `Sleep` once before returning `Pending`.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint future/countdown_by_hand
        // TODO: complete this. Stuck? cargo run -p course -- hint future/countdown_by_hand
        todo!()
    }
}
