//! The course's Python version of the lesson prints the same digits as the Rust one.

use std::process::Command;

use routine::{show_runs, without_await};
use timeline::Timeline;
use timeline::cli::Lang;

fn python() -> String {
    let out = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/python/routine.py"))
        .output()
        .expect("python3 is needed for the Python comparison (apt-get install python3)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn line<'a>(output: &'a str, scene: &str) -> &'a str {
    output
        .lines()
        .find_map(|l| {
            l.strip_prefix(scene)
                .and_then(|rest| rest.strip_prefix(": "))
        })
        .unwrap_or_else(|| panic!("no `{scene}:` line in\n{output}"))
}

#[tokio::test(start_paused = true)]
async fn python_prints_what_rust_prints() {
    let py = python();
    let tl = Timeline::quiet();
    assert_eq!(
        line(&py, "subroutines"),
        routine::subroutines(&tl, Lang::En)
    );
    assert_eq!(
        line(&py, "coroutines"),
        routine::coroutines(&tl, Lang::En).await
    );
    let (no_await, one_yield) =
        without_await(&tl, &Timeline::quiet(), &Timeline::quiet(), Lang::En).await;
    assert_eq!(
        line(&py, "no_await"),
        show_runs(&no_await).replace('×', "x")
    );
    assert_eq!(
        line(&py, "one_yield"),
        show_runs(&one_yield).replace('×', "x")
    );
}
