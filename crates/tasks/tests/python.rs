//! The course's Python version tells the same story with asyncio: the Task object, cancellation
//! with `finally`, `CancelledError` at the next `await`, `to_thread` that runs on, the message a
//! cancelled `read_pair` loses, `TaskGroup`, `shield`, `run_coroutine_threadsafe` and retry.

use std::process::Command;
use std::sync::OnceLock;

fn python() -> &'static str {
    static OUT: OnceLock<String> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/python/tasks.py"))
            .env("COURSE_TASKS_UNIT", "0.1")
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

/// The text of a line with its decimal numbers taken out, and the numbers.
fn split_numbers(line: &str) -> (String, Vec<f64>) {
    let mut text = String::new();
    let mut numbers = Vec::new();
    let mut current = String::new();
    for c in line.chars().chain([' ']) {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
            current.push(c);
        } else {
            if let Ok(n) = current.parse::<f64>()
                && current.contains('.')
            {
                numbers.push(n);
                text.push('#');
            } else {
                text.push_str(&current);
            }
            current.clear();
            text.push(c);
        }
    }
    (text, numbers)
}

/// The script prints `line`: the same words, and its times (decimal numbers, in units of 0.1 s
/// of the wall clock) within 0.3 units, since a loaded machine's threads start late.
fn has(line: &str) {
    let (text, numbers) = split_numbers(line);
    assert!(
        python().lines().any(|l| {
            let (t, n) = split_numbers(l);
            t == text
                && n.len() == numbers.len()
                && n.iter().zip(&numbers).all(|(a, b)| (a - b).abs() <= 0.3)
        }),
        "no `{line}` in:\n{}",
        python()
    );
}

#[test]
fn a_python_task_returns_raises_or_is_cancelled_as_a_join_handle_says() {
    has("result 1 at 1.0");
    has("raised at 1.0");
    has("cancelled at 2.0");
}

/// Python's `finally` runs where Rust's `Drop` does; but Python can refuse, Rust cannot.
#[test]
fn python_cleans_up_in_finally_and_may_even_refuse() {
    has("connection closed at 2.0");
    has("refused, done at 3.0");
}

#[test]
fn python_cancels_at_the_next_await_too() {
    let steps: Vec<&str> = python()
        .lines()
        .filter(|l| l.starts_with("step "))
        .collect();
    assert_eq!(
        steps,
        ["step 1", "step 2 (after cancel)", "step 3 (after cancel)"]
    );
}

/// The task is cancelled at 1, but the thread runs on to 3: `spawn_blocking` in Rust returns
/// its result instead.
#[test]
fn a_to_thread_task_is_cancelled_but_its_thread_runs_on() {
    has("to_thread cancelled at 1.0, thread finished at 3.0");
}

/// `wait_for` cancels `read_pair` halfway, and the same messages are lost as in Rust.
#[test]
fn python_loses_the_same_messages_as_rust() {
    has("wait_for loop [(1, 2), (4, 5)]");
}

#[test]
fn task_group_shield_threadsafe_and_retry_say_what_rust_says() {
    has("lookup of 1 s failed at 1.0");
    for n in [1, 2, 3] {
        has(&format!("lookup({n}) ended at 1.0"));
    }
    has("shield: gave up at 1.0, job finished at 3.0");
    has("run_coroutine_threadsafe 42");
    has("retry 3 tries at 0.0, 1.0, 1.0");
}
