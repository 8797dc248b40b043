//! The course's Python version of the lesson says what the Rust one says: a coroutine runs only
//! when awaited (a coroutine object never awaited warns and never runs), a task runs without
//! being awaited, and awaiting a coroutine after a second of other work takes two sleep units
//! where awaiting a task takes one.

use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use timeline::Timeline;
use timeline::cli::Lang;

/// The sleep unit the Python script runs with, in seconds: long enough that a loaded machine's
/// scheduling delays stay a small part of it.
const UNIT: &str = "0.2";

struct Run {
    stdout: String,
    stderr: String,
}

/// Runs the script once for all the tests of this file.
fn python() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let out = Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/python/awaiting.py"))
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

/// The lines of one scene, without the `scene: ` prefix. In Python the thing a call builds is a
/// coroutine; in Rust it is a future: the same sentence names each its own way.
fn scene(scene: &str) -> Vec<String> {
    python()
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix(scene)?.strip_prefix(": "))
        .map(|l| l.replace("coroutine", "future"))
        .collect()
}

#[tokio::test(start_paused = true)]
async fn python_runs_a_coroutine_only_when_awaited_as_rust_runs_a_future() {
    let lazy = awaiting::lazy(&Timeline::quiet(), Lang::En).await;
    assert_eq!(scene("lazy"), lazy);
    let nested = awaiting::nested(&Timeline::quiet(), Lang::En).await;
    assert_eq!(scene("nested"), nested);
}

#[tokio::test(start_paused = true)]
async fn a_coroutine_never_awaited_warns_and_never_runs_like_a_dropped_future() {
    let never = awaiting::never_awaited(&Timeline::quiet(), Lang::En).await;
    assert_eq!(scene("never"), never);
    assert!(!python().stdout.contains("7777777777"));
    assert!(
        python()
            .stderr
            .contains("RuntimeWarning: coroutine 'do_asyncs' was never awaited"),
        "no warning on stderr:\n{}",
        python().stderr
    );
}

/// Splits `hello 1.00` into `("hello", Some(1.00))`; a line with no number keeps `None`.
fn timed(line: &str) -> (String, Option<f64>) {
    match line.rsplit_once(' ') {
        Some((text, number)) if number.parse::<f64>().is_ok() => {
            (text.to_string(), number.parse().ok())
        }
        _ => (line.to_string(), None),
    }
}

/// Python's figures are wall-clock times in sleep units; Rust's are exact seconds on the paused
/// clock. They agree when each Python figure is within 0.4 units of the Rust one.
fn same_story(py_scene: &str, rust: &Timeline, rust_took: Duration) {
    let py: Vec<(String, Option<f64>)> = scene(py_scene).iter().map(|l| timed(l)).collect();
    let mut rust_lines: Vec<(String, Option<f64>)> = rust
        .said_at()
        .into_iter()
        .map(|(text, at)| {
            let secs = (text == "hello" || text == "world").then_some(at.as_secs_f64());
            (text, secs)
        })
        .collect();
    rust_lines.push(("took".to_string(), Some(rust_took.as_secs_f64())));
    assert_eq!(
        py.iter().map(|(text, _)| text).collect::<Vec<_>>(),
        rust_lines.iter().map(|(text, _)| text).collect::<Vec<_>>(),
        "{py_scene}: the lines come in another order"
    );
    for ((text, py_at), (_, rust_at)) in py.iter().zip(&rust_lines) {
        if let (Some(py_at), Some(rust_at)) = (py_at, rust_at) {
            assert!(
                (py_at - rust_at).abs() < 0.4,
                "{py_scene}: `{text}` at {py_at} units in Python, {rust_at} s in Rust"
            );
        }
    }
}

#[tokio::test(start_paused = true)]
async fn python_awaits_a_coroutine_in_two_units_and_a_task_in_one_like_rust() {
    let tl = Timeline::quiet();
    let took = awaiting::await_future(&tl, Lang::En).await;
    assert_eq!(took, Duration::from_secs(2));
    same_story("await_coroutine", &tl, took);

    let tl = Timeline::quiet();
    let took = awaiting::await_task(&tl, Lang::En).await;
    assert_eq!(took, Duration::from_secs(1));
    same_story("await_task", &tl, took);
}
