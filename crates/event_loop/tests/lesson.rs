//! The hand-built loop against tokio: the same scenes say the same lines at the same virtual
//! times; timers, spawn, wakes from other threads and sockets behave as the lesson says.
//! Timing is asserted on virtual clocks only (this loop's and tokio's paused one).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use event_loop::scenario::{self, Event, SCENES, Scene};
use event_loop::{Clock, Runtime, directory, sleep, spawn, yield_now};
use timeline::cli::Lang;

fn runtime() -> Runtime {
    Runtime::new(Clock::Virtual).expect("a loop")
}

/// The timer scenes say the same lines in the same order at the same times. In the run-queue
/// scene the lines are the same, but the order of tasks that yielded at the same instant is
/// not (see the next test).
#[test]
fn every_scene_says_the_same_lines_at_the_same_times_on_both_runtimes() {
    for scene in SCENES {
        for lang in [Lang::Ko, Lang::En] {
            let own = scenario::on_own_loop(scene, Clock::Virtual, lang, false);
            let tokio = scenario::on_tokio(scene, Clock::Virtual, lang, false);
            assert!(!own.is_empty());
            if scene == Scene::Turns {
                let sorted = |mut e: Vec<Event>| {
                    e.sort_by(|a, b| a.text.cmp(&b.text));
                    e
                };
                assert_eq!(sorted(own), sorted(tokio), "{lang:?}");
            } else {
                assert_eq!(own, tokio, "{scene:?} {lang:?}");
            }
        }
    }
}

/// tokio's `yield_now` does not put the task back on the run queue at once: it defers the
/// wake until the scheduler has looked at its drivers, and wakes deferred tasks last first
/// (`runtime/scheduler/defer.rs` pops a `Vec`). This loop, like asyncio's `sleep(0)`, queues
/// them first come, first served. Neither order is a promise of `yield_now`'s documentation.
#[test]
fn tokio_wakes_tasks_that_yielded_together_last_first() {
    let events = scenario::on_tokio(Scene::Turns, Clock::Virtual, Lang::En, false);
    let texts: Vec<&str> = events.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "task A: turn 1",
            "task B: turn 1",
            "task C: turn 1",
            "task C: turn 2",
            "task B: turn 2",
            "task A: turn 2",
            "done"
        ]
    );
}

fn secs(events: &[Event]) -> Vec<(u64, &str)> {
    events
        .iter()
        .map(|e| (e.at.as_millis() as u64, e.text.as_str()))
        .collect()
}

#[test]
fn joined_find_users_takes_three_seconds_in_the_notebooks_order() {
    let events = scenario::on_own_loop(Scene::Joined, Clock::Virtual, Lang::En, false);
    assert_eq!(
        secs(&events),
        [
            (0, "looking up user 1 of 3 ..."),
            (0, "looking up user 1 of 2 ..."),
            (0, "looking up user 1 of 1 ..."),
            (1000, "looking up user 2 of 3 ..."),
            (1000, "looking up user 2 of 2 ..."),
            (1000, "> done: 1 user looked up!"),
            (2000, "looking up user 3 of 3 ..."),
            (2000, "> done: 2 users looked up!"),
            (3000, "> done: 3 users looked up!"),
            (3000, "done"),
        ]
    );
}

#[test]
fn the_run_queue_serves_tasks_first_come_first_served() {
    let events = scenario::on_own_loop(Scene::Turns, Clock::Virtual, Lang::En, false);
    let texts: Vec<&str> = events.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "task A: turn 1",
            "task B: turn 1",
            "task C: turn 1",
            "task A: turn 2",
            "task B: turn 2",
            "task C: turn 2",
            "done"
        ]
    );
    assert!(events.iter().all(|e| e.at == Duration::ZERO));
}

/// Nothing is polled without a wake: `block_on`'s future is polled once to start and once per
/// task that ends (3), each task once to start and once per second it sleeps (3 + 2 + 1).
#[test]
fn spawned_scene_polls_only_what_was_woken() {
    let rt = runtime();
    let log = scenario::Log::new(false);
    rt.block_on(scenario::play(Scene::Spawned, scenario::Own, log, Lang::En));
    let stats = rt.stats();
    assert_eq!(stats.spawned, 3);
    assert_eq!(stats.timers_fired, 3 + 2 + 1);
    assert_eq!(stats.polls, (1 + 3) + (3 + (3 + 2 + 1)));
    assert_eq!(stats.io_wakes, 0);
}

#[test]
fn a_sleep_ends_at_its_deadline_on_the_virtual_clock_and_spawned_tasks_run_unawaited() {
    let rt = runtime();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let (end, answer) = rt.block_on({
        let seen = Rc::clone(&seen);
        async move {
            // Not awaited: it runs anyway, as a task does.
            let detached = Rc::clone(&seen);
            drop(spawn(async move {
                sleep(Duration::from_millis(1500)).await;
                detached.borrow_mut().push(event_loop::now());
            }));
            let handle = spawn(async { 6 * 7 });
            sleep(Duration::from_secs(3)).await;
            (event_loop::now(), handle.await)
        }
    });
    assert_eq!(end, Duration::from_secs(3));
    assert_eq!(answer, 42);
    assert_eq!(*seen.borrow(), [Duration::from_millis(1500)]);
}

#[test]
fn yield_now_lets_every_queued_task_run_first() {
    let rt = runtime();
    let order = Rc::new(RefCell::new(Vec::new()));
    rt.block_on({
        let order = Rc::clone(&order);
        async move {
            let other = Rc::clone(&order);
            let task = spawn(async move { other.borrow_mut().push("task") });
            order.borrow_mut().push("main before");
            yield_now().await;
            order.borrow_mut().push("main after");
            task.await;
        }
    });
    assert_eq!(*order.borrow(), ["main before", "task", "main after"]);
}

/// A waker called on another thread puts the task back and interrupts the reactor's wait (no
/// timer is pending, so without the interruption the loop would wait forever).
#[test]
fn a_wake_from_another_thread_reaches_the_waiting_loop() {
    let rt = Runtime::new(Clock::Real).expect("a loop");
    let got = rt.block_on(async {
        let (tell, answer) = futures::channel::oneshot::channel();
        std::thread::spawn(move || tell.send(7));
        answer.await
    });
    assert_eq!(got, Ok(7));
}

/// The sockets lesson's `together` on tokio's paused clock, and the same client and server on
/// this loop's virtual clock: the same answers at the same times, the last at 3 s.
#[test]
fn sockets_together_gives_the_same_answers_at_the_same_times_on_both_runtimes() {
    let own = runtime()
        .block_on(async {
            let port = directory::serve(scenario::ROUND)?;
            directory::together(port).await
        })
        .expect("lookups on this loop");
    let tokio = timeline::clock::run(timeline::clock::Clock::Paused, async {
        let port = sockets::serve().await?;
        sockets::together(port).await
    })
    .expect("lookups on tokio");
    assert_eq!(own, tokio);
    assert_eq!(own.1, Duration::from_secs(3));
    assert_eq!(
        own.0[0],
        [
            ("FOUND 3-1".to_string(), Duration::from_secs(1)),
            ("FOUND 3-2".to_string(), Duration::from_secs(2)),
            ("FOUND 3-3".to_string(), Duration::from_secs(3)),
        ]
    );
}

/// The protocol holds across runtimes: this loop's client asks the sockets lesson's tokio
/// server, and tokio's client asks this loop's server (each on a thread of its own).
#[test]
fn the_client_and_the_server_talk_to_the_other_runtime() {
    let tokio_port = sockets::serve_on_another_thread(Duration::ZERO);
    let (answers, _) = Runtime::new(Clock::Real)
        .expect("a loop")
        .block_on(directory::together(tokio_port))
        .expect("this loop's client");
    let users: Vec<Vec<&str>> = answers
        .iter()
        .map(|f| f.iter().map(|(l, _)| l.as_str()).collect())
        .collect();
    assert_eq!(
        users,
        [
            vec!["FOUND 3-1", "FOUND 3-2", "FOUND 3-3"],
            vec!["FOUND 2-1", "FOUND 2-2"],
            vec!["FOUND 1-1"]
        ]
    );

    let (tell, port) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = Runtime::new(Clock::Real).expect("a loop");
        rt.block_on(async move {
            let _ = tell.send(directory::serve(Duration::ZERO).expect("bind"));
            std::future::pending::<()>().await
        });
    });
    let port = port.recv().expect("the server started");
    let found = timeline::clock::run(timeline::clock::Clock::Real, sockets::find_users(port, 2))
        .expect("tokio's client");
    let found: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(found, ["FOUND 2-1", "FOUND 2-2"]);
}

/// `read_line` keeps what it read when it is dropped halfway (in a `select!`), as the sockets
/// lesson's fix does: every line comes out whole although a tick wins in the middle of each.
#[test]
fn read_line_dropped_halfway_loses_nothing() {
    use futures::FutureExt;
    let rt = runtime();
    let lines = rt.block_on(async {
        let listener = event_loop::net::TcpListener::bind(([127, 0, 0, 1], 0).into())?;
        let addr = listener.local_addr()?;
        spawn(async move {
            let (mut writer, _) = listener.accept().await.expect("a client");
            for line in ["first\n", "second\n"] {
                let (a, b) = line.split_at(3);
                writer.write_all(a.as_bytes()).await.expect("write");
                sleep(Duration::from_millis(300)).await;
                writer.write_all(b.as_bytes()).await.expect("write");
                sleep(Duration::from_millis(300)).await;
            }
        });
        let mut reader = event_loop::net::TcpStream::connect(addr).await?;
        let mut lines = Vec::new();
        let mut ticks = 0;
        while lines.len() < 2 {
            futures::select! {
                line = reader.read_line().fuse() => lines.push(line?.unwrap_or_default()),
                () = sleep(Duration::from_millis(200)).fuse() => ticks += 1,
            }
        }
        assert!(
            ticks >= 2,
            "the tick won halfway through each line ({ticks} ticks)"
        );
        Ok::<_, std::io::Error>(lines)
    });
    assert_eq!(lines.expect("loopback"), ["first", "second"]);
}
