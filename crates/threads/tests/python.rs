//! The course's Python version tells the same story: two threads pass the barrier and two
//! asyncio tasks get stuck at it (as tokio's current-thread runtime does); ten thousand asyncio
//! sleeps take about one unit; asyncio, with no budget, runs each coroutine twice; the tasks
//! write their tally at 1, 2 and 3 units.

use std::process::Command;
use std::sync::OnceLock;

/// The unit of time the script runs with, in seconds.
const UNIT: &str = "0.2";

fn python() -> &'static str {
    static OUT: OnceLock<String> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/python/threads.py"))
            .env("COURSE_THREADS_UNIT", UNIT)
            .output()
            .expect("python3 is needed for the Python comparison (apt-get install python3)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    })
}

fn line(prefix: &str) -> &'static str {
    python()
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` line in:\n{}", python()))
}

#[test]
fn python_threads_pass_the_barrier_and_asyncio_tasks_get_stuck_like_a_current_thread_runtime() {
    assert_eq!(line("threading.Thread"), "threading.Thread -> both");
    assert_eq!(line("asyncio tasks"), "asyncio tasks -> stuck");
}

#[test]
fn ten_thousand_asyncio_sleeps_take_about_one_unit() {
    let units: f64 = line("asyncio.gather 10000")
        .split_whitespace()
        .nth(3)
        .unwrap()
        .parse()
        .unwrap();
    // One unit of waiting plus making ten thousand tasks: far from the 10000 units of waiting
    // one after another.
    assert!((1.0..3.0).contains(&units), "{units}");
}

/// No budget: each coroutine runs exactly twice, the line Rust gets with `unconstrained`.
#[test]
fn asyncio_runs_each_coroutine_twice_whatever_n() {
    assert_eq!(line("asyncio 2000"), "asyncio 2000 4000 8000");
}

#[test]
fn asyncio_tasks_write_the_tally_in_the_order_their_waits_end() {
    let tally = line("tasks ");
    let order: Vec<&str> = tally
        .trim_start_matches("tasks ")
        .split(", ")
        .map(|entry| entry.split(" @ ").next().unwrap())
        .collect();
    assert_eq!(order, ["1", "2", "3"], "{tally}");
    assert_eq!(line("threads sum"), "threads sum 5050");
}
