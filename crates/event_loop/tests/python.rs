//! Python's own event loop in a few lines (`python/event_loop_twin.py`: a deque, a heap and a
//! selector) tells the same story as this lesson's loop: on virtual clocks, the same lines at the
//! same times, and over real sockets the same answers at the same times.

use std::process::Command;

use event_loop::scenario::{self, Scene};
use event_loop::{Clock, Runtime, directory};
use timeline::cli::Lang;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/python/event_loop_twin.py");

fn python_sections() -> (Vec<String>, Vec<String>) {
    let out = Command::new("python3")
        .args([SCRIPT, "--virtual"])
        .output()
        .expect("python3 is needed for the Python comparison (apt-get install python3)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut sections = text.split("== ").filter(|s| !s.is_empty()).map(|s| {
        s.lines()
            .skip(1) // the section's title
            .map(str::to_string)
            .collect::<Vec<_>>()
    });
    let timers = sections.next().expect("a timers section");
    let reactor = sections.next().expect("a reactor section");
    (timers, reactor)
}

#[test]
fn the_python_loop_says_the_same_lines_at_the_same_times() {
    let (timers, _) = python_sections();
    let ours: Vec<String> = scenario::on_own_loop(Scene::Spawned, Clock::Virtual, Lang::En, false)
        .iter()
        .map(|e| scenario::line(e.at, &e.text))
        .collect();
    assert_eq!(timers, ours);
}

#[test]
fn the_python_loop_serves_and_asks_over_sockets_as_this_one_does() {
    let (_, reactor) = python_sections();
    let (answers, took) = Runtime::new(Clock::Virtual)
        .expect("a loop")
        .block_on(async {
            let port = directory::serve(scenario::ROUND)?;
            directory::together(port).await
        })
        .expect("lookups");
    let mut ours = vec![format!("  together {} s", timeline::secs(took))];
    for found in answers {
        let lines: Vec<String> = found
            .iter()
            .map(|(line, at)| format!("{line} @ {} s", timeline::secs(*at)))
            .collect();
        ours.push(format!("    {}", lines.join(", ")));
    }
    assert_eq!(reactor, ours);
}
