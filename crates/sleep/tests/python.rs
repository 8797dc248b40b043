//! The course's Python version says what the Rust one says: two gathered `good_night`s take
//! two sleep units with `time.sleep` and one with `asyncio.sleep` (and with `to_thread`, and
//! zero with a forgotten `await`), as Rust's paused clock says 2 s and 1 s.

use std::process::Command;
use std::sync::OnceLock;

use sleep::{Sleep, two_good_nights};
use timeline::Timeline;
use timeline::cli::Lang;
use timeline::clock::{self, Clock};

/// The sleep unit the Python script runs with, in seconds: long enough that a loaded machine's
/// scheduling delays stay a small part of it.
const UNIT: &str = "0.2";

/// How far a Python figure (wall clock, in units) may sit from Rust's (paused clock, in
/// seconds) and still tell the same story: less than half a unit.
const SLACK: f64 = 0.4;

struct Run {
    stdout: String,
    stderr: String,
}

/// Runs the script once for all the tests of this file.
fn python() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let out = Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/python/sleep.py"))
            .env("COURSE_SLEEP_UNIT", UNIT)
            .output()
            .expect("python3 is needed for the Python comparison (apt-get install python3)");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{stderr}");
        Run {
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr,
        }
    })
}

/// The Python name of each Rust way to sleep.
fn python_name(how: Sleep) -> &'static str {
    match how {
        Sleep::Async => "async",
        Sleep::Blocking => "blocking",
        Sleep::SpawnBlocking => "to_thread",
        Sleep::ForgotAwait => "forgot_await",
    }
}

/// One way's figures, in units: when each good night was said (sorted) and the total.
#[derive(Debug)]
struct Figures {
    nights: Vec<f64>,
    took: f64,
}

fn python_figures(how: Sleep) -> Figures {
    let prefix = format!("{}: ", python_name(how));
    let number =
        |rest: &str, what: &str| -> Option<f64> { rest.strip_prefix(what)?.trim().parse().ok() };
    let lines: Vec<&str> = python()
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .collect();
    let mut nights: Vec<f64> = lines
        .iter()
        .filter_map(|l| number(l, "good night"))
        .collect();
    nights.sort_by(f64::total_cmp);
    let took = lines
        .iter()
        .find_map(|l| number(l, "took"))
        .unwrap_or_else(|| panic!("no `{prefix}took` line in\n{}", python().stdout));
    Figures { nights, took }
}

fn rust_figures(how: Sleep) -> Figures {
    clock::run(Clock::Paused, async {
        let tl = Timeline::quiet();
        let took = two_good_nights(&tl, Lang::En, how).await;
        let mut nights: Vec<f64> = tl.lines().iter().map(|l| l.at.as_secs_f64()).collect();
        nights.sort_by(f64::total_cmp);
        Figures {
            nights,
            took: took.as_secs_f64(),
        }
    })
}

#[test]
fn python_time_sleep_takes_twice_what_asyncio_sleep_takes_as_in_rust() {
    let (py_async, py_blocking) = (
        python_figures(Sleep::Async).took,
        python_figures(Sleep::Blocking).took,
    );
    let ratio = py_blocking / py_async;
    assert!(
        (1.6..2.6).contains(&ratio),
        "time.sleep took {py_blocking} units, asyncio.sleep {py_async}: ratio {ratio}"
    );
    assert_eq!(rust_figures(Sleep::Async).took, 1.0);
    assert_eq!(rust_figures(Sleep::Blocking).took, 2.0);
}

#[test]
fn python_and_rust_agree_on_every_way_to_sleep() {
    for how in Sleep::ALL {
        let (py, rust) = (python_figures(how), rust_figures(how));
        assert_eq!(py.nights.len(), 2, "{how:?}: {py:?}");
        assert_eq!(rust.nights.len(), 2, "{how:?}: {rust:?}");
        let pairs = py.nights.iter().zip(&rust.nights);
        for (py_at, rust_at) in pairs.chain([(&py.took, &rust.took)]) {
            assert!(
                (py_at - rust_at).abs() < SLACK,
                "{how:?}: Python {py:?} units, Rust {rust:?} s"
            );
        }
    }
}

#[test]
fn forgetting_await_on_asyncio_sleep_warns_and_sleeps_zero_as_in_rust() {
    assert!(
        python()
            .stderr
            .contains("RuntimeWarning: coroutine 'sleep' was never awaited"),
        "no warning on stderr:\n{}",
        python().stderr
    );
    assert!(python_figures(Sleep::ForgotAwait).took < SLACK);
    // Rust warns at compile time instead (`unused_must_use`, an error in the compile-fail case
    // tests/ui/sleep/forgotten_await_on_sleep.rs); at run time the sleep takes no time at all.
    assert_eq!(rust_figures(Sleep::ForgotAwait).took, 0.0);
}
