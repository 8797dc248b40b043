//! The benchmark's committed results (`bench/results.json`, written by
//! `cargo run --release -p threads -- bench`) are what the book shows: the table and the chart
//! are drawn from them, never typed by hand, and the run they hold met the lesson's targets.
//! After a new benchmark run the files are rewritten by the run itself; after a change to how
//! they are drawn: `UPDATE_GOLDEN=1 cargo test -p threads --test bench`.

use std::path::Path;

use threads::bench::{self, Variant};
use timeline::golden::check;

fn results() -> bench::Results {
    bench::committed(&Path::new(env!("CARGO_MANIFEST_DIR")).join("bench"))
        .expect("bench/results.json: run cargo run --release -p threads -- bench")
}

#[test]
fn the_committed_table_and_chart_are_drawn_from_the_results() {
    let results = results();
    check("bench/results.md", &bench::book_file(&results));
    check("bench/results.svg", &bench::chart(&results));
}

/// The last line's shape, exactly as the issue fixes it, computed from the results.
#[test]
fn the_last_line_says_tokio_against_asyncio_at_a_million() {
    let line = bench::last_line(&results());
    let words: Vec<&str> = line.split(' ').collect();
    assert_eq!(words[0], "1000000", "{line}");
    assert_eq!(&words[1..3], ["sleeps:", "tokio"], "{line}");
    assert!(line.contains(" B/task; asyncio "), "{line}");
    assert!(line.ends_with("x less memory"), "{line}");
}

/// The run committed met the lesson's targets on its machine: a million one-second sleeps in at
/// most 1.5 s and 250 B each with tokio, at least 15 times faster and 5 times smaller than
/// asyncio.
#[test]
fn the_committed_run_met_the_targets() {
    let results = results();
    let at_a_million = |variant: Variant| {
        results
            .waits
            .iter()
            .find(|r| r.variant == variant.code() && r.n == 1_000_000)
            .and_then(|r| r.measured.clone())
            .unwrap_or_else(|| panic!("{} at 1000000 is missing", variant.code()))
    };
    let tokio = at_a_million(Variant::TokioFutures);
    let asyncio = at_a_million(Variant::PythonAsyncio);
    assert!(tokio.wall <= 1.5, "{}", tokio.wall);
    assert!(bench::bytes_per_task(&tokio) <= 250);
    assert!(asyncio.wall / tokio.wall >= 15.0);
    assert!(bench::bytes_per_task(&asyncio) >= 5 * bench::bytes_per_task(&tokio));
    // And the CPU table says what the chapter says: one core for Python threads and the
    // current-thread runtime, two for processes, Rust threads and the multi-thread runtime.
    for row in &results.cpu {
        let cores = row.measured.cpu / row.measured.wall;
        let parallel = !matches!(
            row.variant.as_str(),
            "cpu-python-threads" | "cpu-tokio-current-thread"
        );
        assert_eq!(cores > 1.5, parallel, "{}: {cores:.2} cores", row.variant);
    }
}
