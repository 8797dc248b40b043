//! The demo's whole output on the paused clock is the committed golden file, in both languages,
//! and the book's timeline pictures are the committed SVGs.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p awaiting`.

use timeline::Timeline;
use timeline::cli::Lang;
use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_awaiting");

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

#[tokio::test(start_paused = true)]
async fn the_never_awaited_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    awaiting::never_awaited(&tl, Lang::En).await;
    check(
        "golden/never_awaited.svg",
        &tl.svg("a dropped future vs a spawned task"),
    );
}

#[tokio::test(start_paused = true)]
async fn the_await_future_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    awaiting::await_future(&tl, Lang::En).await;
    check(
        "golden/await_future.svg",
        &tl.svg("future: starts at its .await (2 s)"),
    );
}

#[tokio::test(start_paused = true)]
async fn the_await_task_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    awaiting::await_task(&tl, Lang::En).await;
    check(
        "golden/await_task.svg",
        &tl.svg("task: runs from the spawn (1 s)"),
    );
}

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    timeline::golden::assert_refuses_bad_arguments(EXE, "awaiting");
}
