//! The demo's whole output on the paused clock is the committed golden file, in both languages,
//! and the book's timeline pictures (async sleep vs blocking sleep) are the committed SVGs.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p sleep`.

use sleep::Sleep;
use timeline::Timeline;
use timeline::cli::Lang;
use timeline::clock::{self, Clock};
use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_sleep");

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

/// The picture of two good nights slept `how`, on the paused clock.
fn picture(how: Sleep, title: &str) -> String {
    clock::run(Clock::Paused, async {
        let tl = Timeline::quiet();
        sleep::two_good_nights(&tl, Lang::En, how).await;
        tl.svg(title)
    })
}

#[test]
fn the_async_sleep_picture_matches_the_committed_svg() {
    check(
        "golden/async.svg",
        &picture(Sleep::Async, "tokio::time::sleep(SECOND).await — 1 s"),
    );
}

#[test]
fn the_blocking_sleep_picture_matches_the_committed_svg() {
    check(
        "golden/blocking.svg",
        &picture(Sleep::Blocking, "std::thread::sleep(SECOND) — 2 s"),
    );
}

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    timeline::golden::assert_refuses_bad_arguments(EXE, "sleep");
}
