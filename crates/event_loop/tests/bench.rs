//! The benchmark's committed results (`bench/results.json`, written by
//! `cargo run --release -p event_loop -- bench`) and the table the book shows
//! (`bench/results.md`) agree, and they hold what the lesson claims: every task woke, the
//! hand-built loop is within 1.5x of tokio in time and memory at a million tasks, and both grow
//! linearly from ten thousand to a million.

use std::path::Path;

use event_loop::bench::{self, RUNTIMES, SIZES};

fn results() -> bench::Results {
    bench::committed(&Path::new(env!("CARGO_MANIFEST_DIR")).join("bench"))
        .expect("bench/results.json is committed: cargo run --release -p event_loop -- bench")
}

#[test]
fn the_committed_table_is_drawn_from_the_results() {
    let results = results();
    let md =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/results.md"))
            .expect("bench/results.md");
    assert_eq!(md, bench::book_file(&results));
    let last = bench::last_line(&results);
    assert!(last.starts_with("1000000 sleeps: own loop "), "{last}");
    assert!(bench::report(&results).ends_with(&format!("{last}\n")));
}

#[test]
fn every_task_woke_at_every_size_on_both_runtimes() {
    let results = results();
    for n in SIZES {
        for runtime in RUNTIMES {
            let row = bench::row(&results, runtime, n)
                .unwrap_or_else(|| panic!("no {runtime} row at {n}"));
            assert_eq!(row.woke, n, "{row:?}");
            assert!(row.seconds >= 1.0, "each task sleeps a second: {row:?}");
            assert!(row.peak_kb > row.before_kb, "{row:?}");
        }
    }
}

#[test]
fn the_hand_built_loop_is_within_one_and_a_half_times_tokio_at_a_million() {
    let results = results();
    let own = bench::row(&results, "own", 1_000_000).expect("own at 1M");
    let tokio = bench::row(&results, "tokio", 1_000_000).expect("tokio at 1M");
    assert!(own.seconds <= 1.5 * tokio.seconds, "{own:?} vs {tokio:?}");
    assert!(
        own.bytes_per_task() as f64 <= 1.5 * tokio.bytes_per_task() as f64,
        "{own:?} vs {tokio:?}"
    );
}

/// Linear: the memory per task and the time per task beyond the one-second sleep stay within a
/// factor of 2 from 10k to 1M (quadratic growth would be a factor of 100).
#[test]
fn both_grow_linearly_from_ten_thousand_to_a_million() {
    let results = results();
    for runtime in RUNTIMES {
        let small = bench::row(&results, runtime, 10_000).expect("10k");
        let large = bench::row(&results, runtime, 1_000_000).expect("1M");
        let bytes = large.bytes_per_task() as f64 / small.bytes_per_task() as f64;
        assert!(
            (0.5..=2.0).contains(&bytes),
            "{runtime}: {bytes:.2}x bytes per task"
        );
        let time = large.overhead_us() / small.overhead_us().max(0.01);
        assert!(time <= 2.0, "{runtime}: {time:.2}x time per task");
    }
}
