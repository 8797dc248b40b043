//! The course's Python version of the lesson makes the same claim as the Rust one: a coroutine
//! object is a state machine that its driver resumes step by step. Driven by hand with
//! `coro.send(None)`, it says the same lines in the same order as Rust's `find_users(3)`, takes
//! as many steps as our `block_on` takes polls (n + 1), and between steps it sits in the states
//! `FindUsers` names, with the same saved `i`.

use std::process::Command;

use future::executor::block_on;
use future::{FindUsers, find_users, watch_states};
use timeline::Timeline;
use timeline::cli::Lang;
use timeline::clock::{Clock, runtime};

/// One scenario second, in real seconds, for the Python run.
const UNIT: f64 = 0.05;

fn python(lang: Lang) -> String {
    let out = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/python/future.py"))
        .args(["--lang", lang.code()])
        .env("COURSE_SLEEP_UNIT", UNIT.to_string())
        .output()
        .expect("python3 is needed for the Python comparison (apt-get install python3)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The lines tagged `tag: ` in `output`, without the tag.
fn tagged<'a>(output: &'a str, tag: &str) -> Vec<&'a str> {
    let prefix = format!("{tag}: ");
    output
        .lines()
        .filter_map(|l| l.strip_prefix(prefix.as_str()))
        .collect()
}

fn one<'a>(output: &'a str, tag: &str) -> &'a str {
    match tagged(output, tag)[..] {
        [value] => value,
        _ => panic!("expected one `{tag}:` line in\n{output}"),
    }
}

/// A Rust state as Python's `inspect.getcoroutinestate` (and the saved `i`) shows it.
fn as_python(state: &str) -> String {
    match state {
        "Start" => "CORO_CREATED".to_string(),
        "Done" => "CORO_CLOSED".to_string(),
        sleeping => {
            let i = sleeping
                .strip_prefix("Sleeping { i: ")
                .and_then(|rest| rest.strip_suffix(" }"))
                .unwrap_or_else(|| panic!("not a state of FindUsers: {sleeping}"));
            format!("CORO_SUSPENDED i={i}")
        }
    }
}

#[test]
fn a_python_coroutine_driven_by_hand_steps_like_the_rust_state_machine() {
    for lang in [Lang::Ko, Lang::En] {
        let py = python(lang);

        let timers = runtime(Clock::Paused);
        let _context = timers.enter();
        let (rust, states) = (Timeline::quiet(), Timeline::quiet());
        let (steps, counts) = block_on(
            &timers,
            watch_states(FindUsers::new(&rust, lang, 3), &states),
        );
        let rust_fn = Timeline::quiet();
        block_on(&timers, find_users(&rust_fn, lang, 3));

        // The same lines in the same order, from both Python drivers and both Rust futures.
        assert_eq!(tagged(&py, "by_hand"), rust.texts());
        assert_eq!(tagged(&py, "asyncio"), rust.texts());
        assert_eq!(rust_fn.texts(), rust.texts());

        // One `send` per poll: n + 1 = 4.
        let sends: usize = one(&py, "sends").parse().unwrap();
        assert_eq!(sends, counts.polls);
        assert_eq!(sends, 4);

        // Each send moves the coroutine from one state to the next, as each poll moves
        // FindUsers: created → suspended with i = 1, 2, 3 → closed.
        let rust_steps: Vec<String> = steps
            .iter()
            .enumerate()
            .map(|(k, s)| {
                format!(
                    "{} {} -> {}",
                    k + 1,
                    as_python(&s.before),
                    as_python(&s.after)
                )
            })
            .collect();
        assert_eq!(tagged(&py, "step"), rust_steps);

        // The by-hand driver really slept: three scenario seconds at least (a lower bound only;
        // an upper one wide enough for a loaded machine).
        for tag in ["by_hand_seconds", "asyncio_seconds"] {
            let took: f64 = one(&py, tag).parse().unwrap();
            assert!((2.9..40.0).contains(&took), "{tag}: {took}\n{py}");
        }
    }
}
