//! The course's Python version (`python/wait.py`) against the Rust one:
//! - the note's `asyncio.wait([coroutine, ...])` raises the TypeError the lesson quotes on this
//!   python3 (3.11 and later);
//! - the fixed version (tasks) with FIRST_COMPLETED hands back the same done and pending as
//!   Rust's `wait`, and its pending tasks run on while the caller is busy, line for line as
//!   Rust's spawned tasks do (and unlike Rust's plain futures);
//! - `asyncio.as_completed` gives the order `FuturesUnordered` gives: 1, 2, 3.

use std::process::Command;
use std::sync::OnceLock;

use timeline::Timeline;
use timeline::cli::Lang;
use wait::{NOTE_COUNTS, ReturnWhen, Runner};

/// Seconds per sleep in the Python run. The scenes' events sit at least half a unit apart,
/// so this leaves 100 ms between any two of them.
const UNIT: &str = "0.2";

/// The script's output; it runs once for all the tests here.
fn python() -> &'static str {
    static OUTPUT: OnceLock<String> = OnceLock::new();
    OUTPUT.get_or_init(run_python)
}

fn run_python() -> String {
    let out = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/python/wait.py"))
        .env("COURSE_SLEEP_UNIT", UNIT)
        .output()
        .expect("python3 is needed for the Python comparison (apt-get install python3)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "python printed warnings:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of section `== name ==`.
fn section<'a>(output: &'a str, name: &str) -> Vec<&'a str> {
    output
        .lines()
        .skip_while(|l| *l != format!("== {name} =="))
        .skip(1)
        .take_while(|l| !l.starts_with("== "))
        .collect()
}

fn value<'a>(lines: &[&'a str], key: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(key).and_then(|v| v.strip_prefix(": ")))
        .unwrap_or_else(|| panic!("no `{key}:` line in {lines:#?}"))
}

/// The lookups' own lines and the caller's `[main]` lines, without the caller's times: the
/// story both languages tell, in order.
fn story(lines: impl IntoIterator<Item = String>) -> Vec<String> {
    lines
        .into_iter()
        .filter(|l| l.contains("사용자") || l.starts_with("[main]"))
        .map(|l| {
            if l.starts_with("[main] wait") {
                "[main] wait returned".to_string()
            } else if l.starts_with("[main]") {
                "[main] busy done".to_string()
            } else {
                l
            }
        })
        .collect()
}

#[test]
fn the_notes_wait_with_bare_coroutines_is_a_type_error_since_3_11() {
    let py = python();
    let lines = section(py, "wait_coroutines");
    let version = value(&lines, "python");
    let (major, minor) = version.split_once('.').unwrap();
    let (major, minor): (u32, u32) = (major.parse().unwrap(), minor.parse().unwrap());
    if (major, minor) >= (3, 11) {
        assert_eq!(
            lines[1],
            "TypeError: Passing coroutines is forbidden, use tasks explicitly."
        );
    } else {
        assert_eq!(
            lines[1],
            "no TypeError: this Python still wraps coroutines in tasks"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn python_tasks_wait_like_rust_join_handles() {
    let py = python();
    let lines = section(py, "wait_first_completed");

    // Same done and pending as Rust's `wait(.., FirstCompleted, ..)`, as counts.
    let tl = Timeline::quiet();
    let (waited, _) = wait::wait_scene(
        &tl,
        Lang::Ko,
        [None, None, None],
        ReturnWhen::FirstCompleted,
        None,
    )
    .await;
    let done: Vec<usize> = waited.done.iter().map(|d| NOTE_COUNTS[d.index]).collect();
    let pending: Vec<usize> = waited.pending.iter().map(|&i| NOTE_COUNTS[i]).collect();
    assert_eq!(value(&lines, "done"), format!("{done:?}"));
    assert_eq!(value(&lines, "pending"), format!("{pending:?}"));

    // Line for line, Python's pending tasks behave like Rust's spawned tasks, not its futures.
    let python_story = story(lines.iter().map(|l| l.to_string()));
    let tasks = Timeline::quiet();
    wait::busy_caller(&tasks, Lang::Ko, Runner::Tasks).await;
    assert_eq!(python_story, story(tasks.texts()));
    let futures = Timeline::quiet();
    wait::busy_caller(&futures, Lang::Ko, Runner::Futures).await;
    assert_ne!(python_story, story(futures.texts()));

    // Wall clock, so windows: wait returned after about one unit, all were done after about
    // three (the Rust futures took 3.5 on the same scene).
    let returned: f64 = value(&lines, "returned_units").parse().unwrap();
    assert!(
        (0.95..2.5).contains(&returned),
        "returned after {returned} units"
    );
    let all_done: f64 = value(&lines, "all_done_units").parse().unwrap();
    assert!(
        (2.95..5.0).contains(&all_done),
        "all done after {all_done} units"
    );
}

#[tokio::test(start_paused = true)]
async fn python_as_completed_order_is_rusts_futures_unordered_order() {
    let py = python();
    let python_order: Vec<usize> = section(py, "as_completed")
        .iter()
        .filter_map(|l| l.strip_prefix("completed: "))
        .map(|n| n.parse().unwrap())
        .collect();
    let orders = wait::as_completed(&Timeline::quiet(), Lang::Ko).await;
    assert_eq!(python_order, orders.as_completed);
    assert_eq!(python_order, [1, 2, 3]);
}
