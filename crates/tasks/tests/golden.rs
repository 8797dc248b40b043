//! The demo's whole output on the paused clock is the committed golden file, in both languages,
//! and the book's picture of the TaskGroup is the committed SVG.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p tasks`.

use timeline::Timeline;
use timeline::clock::{self, Clock};
use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_tasks");

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
fn the_task_group_picture_matches_the_committed_svg() {
    let svg = clock::run(Clock::Paused, async {
        let tl = Timeline::quiet();
        let _ = tasks::first_error_cancels_the_group(&tl).await;
        tl.svg("JoinSet as TaskGroup: the failure at 1 s cancels the rest")
    });
    check("golden/task_group.svg", &svg);
}

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    timeline::golden::assert_refuses_bad_arguments(EXE, "tasks");
}
