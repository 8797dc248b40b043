//! The demo's whole output on the paused clock is the committed golden file, in both languages,
//! and the book's picture of the semaphore is the committed SVG.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p queue`.

use std::sync::Arc;
use std::time::Duration;

use timeline::Timeline;
use timeline::clock::{self, Clock};
use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_queue");

#[test]
fn korean_output_matches_the_golden_file() {
    check("golden/ko.txt", &run_bin(EXE, &["--paused"]));
}

#[test]
fn english_output_matches_the_golden_file() {
    check(
        "golden/en.txt",
        &run_bin(EXE, &["--paused", "--lang", "en"]),
    );
}

/// Six lookups of a second under a semaphore of two: three rounds, 3 s.
#[test]
fn the_semaphore_picture_matches_the_committed_svg() {
    let svg = clock::run(Clock::Paused, async {
        let tl = Timeline::quiet();
        let permits = Arc::new(tokio::sync::Semaphore::new(2));
        let mut lookups = Vec::new();
        for k in 1..=6 {
            let permits = Arc::clone(&permits);
            lookups.push(tl.task(format!("lookup({k})"), async move {
                let _permit = permits.acquire().await.expect("never closed");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }));
        }
        futures::future::join_all(lookups).await;
        tl.svg("Semaphore(2): six one-second lookups, two at a time — 3 s")
    });
    check("golden/semaphore.svg", &svg);
}

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    timeline::golden::assert_refuses_bad_arguments(EXE, "queue");
}
