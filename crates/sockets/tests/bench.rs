//! The benchmark's committed results (`bench/results.json`, written by
//! `cargo run --release -p sockets -- bench`) and the table the book shows (`bench/results.md`)
//! agree: the table is drawn from the JSON, never typed.

use std::path::Path;

use sockets::bench;

fn results() -> bench::Results {
    bench::committed(&Path::new(env!("CARGO_MANIFEST_DIR")).join("bench"))
        .expect("bench/results.json is committed: cargo run --release -p sockets -- bench")
}

#[test]
fn the_committed_table_is_drawn_from_the_results() {
    let results = results();
    let md =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/results.md"))
            .expect("bench/results.md");
    assert_eq!(md, bench::book_file(&results));
}

/// Every server held every connection, each answered, and the numbers are the arithmetic of the
/// memory read from Linux.
#[test]
fn the_committed_run_held_ten_thousand_connections_on_each_server() {
    let results = results();
    for server in bench::SERVERS {
        let row = results
            .rows
            .iter()
            .find(|r| r.server == server && r.n == bench::DEFAULT_N)
            .unwrap_or_else(|| panic!("no {server} row at {}", bench::DEFAULT_N));
        assert_eq!(row.held, row.n, "{row:?}");
        assert_eq!(row.error, None);
        assert!(row.held_kb > row.before_kb, "{row:?}");
        assert_eq!(
            row.bytes_per_connection(),
            (row.held_kb - row.before_kb) * 1024 / row.n as u64
        );
    }
    let last = bench::last_line(&results);
    assert!(last.starts_with("10000 connections: tokio "), "{last}");
    assert!(bench::report(&results).ends_with(&format!("{last}\n")));
}

#[test]
fn bench_refuses_what_is_not_a_count() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sockets"))
        .args(["bench", "many"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bench"), "{err}");
}
