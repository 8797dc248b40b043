//! The demo's whole output on the paused clock is the committed golden file, in both languages,
//! and the book's picture of the `spawn_local` tasks is the committed SVG.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p threads`.

use timeline::Timeline;
use timeline::clock::{self, Clock};
use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_threads");

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

#[test]
fn the_spawn_local_picture_matches_the_committed_svg() {
    let svg = clock::run(Clock::Paused, async {
        let tl = Timeline::quiet();
        threads::tally_on_one_thread(&tl).await;
        tl.svg("spawn_local on a LocalSet: three tasks, one thread")
    });
    check("golden/spawn_local.svg", &svg);
}

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    timeline::golden::assert_refuses_bad_arguments(EXE, "threads");
}

/// `bench` takes positive whole numbers only, and says so in the language asked for.
#[test]
fn bench_refuses_what_is_not_a_size() {
    let out = std::process::Command::new(EXE)
        .args(["--lang", "en", "bench", "ten"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: bench takes positive whole numbers only"),
        "{stderr}"
    );
}
