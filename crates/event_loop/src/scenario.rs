//! The course's demos, written once and run on both runtimes: this lesson's loop and tokio's
//! current-thread runtime. What each says, and when, is written down as [`Event`]s; the tests
//! compare the two lists, and the demo prints them.
//!
//! Code that only awaits (`join!`, a `sleep`, a task's handle) does not care which runtime polls
//! it. Only the runtime's own services differ: the clock, `sleep`, `spawn` and `yield_now`. The
//! [`Runtime`] trait names those four, and the scenes are generic over it.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use futures::future::join_all;
use timeline::cli::Lang;

use crate::timer::Clock;

/// What a runtime gives the code it runs.
pub trait Runtime: Copy + 'static {
    /// Time since the scene began.
    fn now(self) -> Duration;
    /// `asyncio.sleep`.
    fn sleep(self, duration: Duration) -> impl Future<Output = ()>;
    /// `asyncio.create_task`, then awaiting the task.
    fn spawn<F>(self, future: F) -> impl Future<Output = F::Output> + 'static
    where
        F: Future + 'static,
        F::Output: 'static;
    /// `asyncio.sleep(0)`.
    fn yield_now(self) -> impl Future<Output = ()>;
}

/// This lesson's loop.
#[derive(Clone, Copy, Debug)]
pub struct Own;

impl Runtime for Own {
    fn now(self) -> Duration {
        crate::now()
    }

    fn sleep(self, duration: Duration) -> impl Future<Output = ()> {
        crate::sleep(duration)
    }

    fn spawn<F>(self, future: F) -> impl Future<Output = F::Output> + 'static
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        crate::spawn(future)
    }

    fn yield_now(self) -> impl Future<Output = ()> {
        crate::yield_now()
    }
}

/// tokio's current-thread runtime, with a `LocalSet` so that tasks need not be `Send` (as on
/// this lesson's loop, which never moves a task to another thread).
#[derive(Clone, Copy, Debug)]
pub struct Tokio {
    start: tokio::time::Instant,
}

impl Tokio {
    /// Starts the scene's clock: call inside a tokio runtime.
    pub fn start() -> Tokio {
        Tokio {
            start: tokio::time::Instant::now(),
        }
    }
}

impl Runtime for Tokio {
    fn now(self) -> Duration {
        self.start.elapsed()
    }

    fn sleep(self, duration: Duration) -> impl Future<Output = ()> {
        tokio::time::sleep(duration)
    }

    fn spawn<F>(self, future: F) -> impl Future<Output = F::Output> + 'static
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let handle = tokio::task::spawn_local(future);
        async move {
            // A scene's task neither panics nor is aborted.
            handle.await.expect("a scene's task ran to the end")
        }
    }

    fn yield_now(self) -> impl Future<Output = ()> {
        tokio::task::yield_now()
    }
}

/// One line a scene said, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub at: Duration,
    pub text: String,
}

/// The lines a scene says: written down, and printed as they are said when `print` is set.
pub struct Log {
    events: RefCell<Vec<Event>>,
    print: bool,
}

impl Log {
    pub fn new(print: bool) -> Rc<Log> {
        Rc::new(Log {
            events: RefCell::new(Vec::new()),
            print,
        })
    }

    /// Writes `text` down at `at` (and prints it).
    pub fn say(&self, at: Duration, text: String) {
        if self.print {
            println!("{}", line(at, &text));
        }
        self.events.borrow_mut().push(Event { at, text });
    }

    pub fn events(&self) -> Vec<Event> {
        self.events.borrow().clone()
    }
}

/// How an event is printed: `  1.0 s  looking up user 2 of 3 ...`.
pub fn line(at: Duration, text: &str) -> String {
    format!("  {:>4.1} s  {text}", at.as_secs_f64())
}

/// The scenes both runtimes play.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scene {
    /// Three tasks that each hand the thread back twice: the run queue serves them in turn.
    Turns,
    /// `find_users(3)`, `(2)`, `(1)` joined in one task (`gather` of coroutines): 3 s.
    Joined,
    /// The same three as spawned tasks (`gather` of tasks): 3 s.
    Spawned,
}

pub const SCENES: [Scene; 3] = [Scene::Turns, Scene::Joined, Scene::Spawned];

/// The notebook's counts.
const COUNTS: [usize; 3] = [3, 2, 1];

/// One lookup, as the notebook's `sleep(1)`.
pub const ROUND: Duration = Duration::from_secs(1);

// ANCHOR: find_users
/// The notebook's `find_users_async(n)`, on any runtime: the gather lesson's lines, one second
/// per user.
pub async fn find_users<R: Runtime>(rt: R, log: Rc<Log>, lang: Lang, n: usize) -> usize {
    for i in 1..=n {
        log.say(rt.now(), gather::looking_up(lang, n, i));
        rt.sleep(ROUND).await;
    }
    log.say(rt.now(), gather::all_found(lang, n));
    n
}
// ANCHOR_END: find_users

/// Plays `scene` on `rt`, saying its lines into `log`.
pub async fn play<R: Runtime>(scene: Scene, rt: R, log: Rc<Log>, lang: Lang) {
    match scene {
        Scene::Turns => {
            let tasks = ["A", "B", "C"].map(|name| {
                let log = Rc::clone(&log);
                rt.spawn(async move {
                    for turn in 1..=2 {
                        let text = match lang {
                            Lang::Ko => format!("태스크 {name}: {turn}번째 차례"),
                            Lang::En => format!("task {name}: turn {turn}"),
                        };
                        log.say(rt.now(), text);
                        rt.yield_now().await;
                    }
                })
            });
            join_all(tasks).await;
        }
        Scene::Joined => {
            join_all(COUNTS.map(|n| find_users(rt, Rc::clone(&log), lang, n))).await;
        }
        Scene::Spawned => {
            let tasks = COUNTS.map(|n| rt.spawn(find_users(rt, Rc::clone(&log), lang, n)));
            join_all(tasks).await;
        }
    }
    let end = match lang {
        Lang::Ko => "끝".to_string(),
        Lang::En => "done".to_string(),
    };
    log.say(rt.now(), end);
}

/// Plays `scene` on this lesson's loop. Returns what was said.
pub fn on_own_loop(scene: Scene, clock: Clock, lang: Lang, print: bool) -> Vec<Event> {
    let runtime = crate::Runtime::new(clock).expect("the OS gave the loop no epoll instance");
    let log = Log::new(print);
    runtime.block_on(play(scene, Own, Rc::clone(&log), lang));
    log.events()
}

/// Plays `scene` on tokio's current-thread runtime (paused when `clock` is virtual).
pub fn on_tokio(scene: Scene, clock: Clock, lang: Lang, print: bool) -> Vec<Event> {
    let clock = match clock {
        Clock::Real => timeline::clock::Clock::Real,
        Clock::Virtual => timeline::clock::Clock::Paused,
    };
    let log = Log::new(print);
    let played = Rc::clone(&log);
    timeline::clock::run(clock, async move {
        let rt = Tokio::start();
        tokio::task::LocalSet::new()
            .run_until(play(scene, rt, played, lang))
            .await;
    });
    log.events()
}
