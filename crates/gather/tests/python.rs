//! The course's Python version (`python/gather.py`) prints the note's `find_users` lines in
//! exactly the order Rust's `join_all` prints them, and takes about as long: 3 sleep units.

use std::process::Command;

use gather::NOTE_COUNTS;
use timeline::Timeline;
use timeline::cli::Lang;

/// Seconds per sleep in the Python run: short, but long enough that the order at each unit is
/// decided by the sleeps and not by scheduling noise.
const UNIT: &str = "0.1";

fn python() -> String {
    let out = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/python/gather.py"))
        .env("COURSE_SLEEP_UNIT", UNIT)
        .output()
        .expect("python3 is needed for the Python comparison (apt-get install python3)");
    assert!(
        out.status.success(),
        "{}",
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

fn elapsed_units(lines: &[&str]) -> f64 {
    lines
        .iter()
        .find_map(|l| l.strip_prefix("elapsed_units: "))
        .expect("an elapsed_units line")
        .parse()
        .unwrap()
}

#[tokio::test(start_paused = true)]
async fn python_gather_prints_rusts_lines_in_rusts_order() {
    let py = python();

    let find_users = section(&py, "find_users");
    let python_lines: Vec<&str> = find_users
        .iter()
        .copied()
        .filter(|l| !l.starts_with("elapsed_units:") && !l.starts_with("results:"))
        .collect();
    let tl = Timeline::quiet();
    let run = gather::gather(&tl, Lang::Ko, &NOTE_COUNTS).await;
    assert_eq!(python_lines, tl.texts());
    assert!(find_users.contains(&format!("results: {:?}", run.results).as_str()));

    // Wall clock, so a window: never less than the longest lookup, and wide above it.
    let units = elapsed_units(&find_users);
    assert!((2.9..6.0).contains(&units), "find_users took {units} units");

    let good_night = section(&py, "good_night");
    assert_eq!(good_night[..2], ["잘자요", "잘자요"]);
    let units = elapsed_units(&good_night);
    assert!((0.9..3.0).contains(&units), "good_night took {units} units");
}
