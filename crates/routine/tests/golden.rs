//! The demo's whole output on the paused clock is the committed golden file, in both languages,
//! and the book's timeline picture is the committed SVG.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p routine`.

use timeline::Timeline;
use timeline::cli::Lang;
use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_routine");

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
async fn the_coroutines_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    routine::coroutines(&tl, Lang::En).await;
    check(
        "golden/coroutines.svg",
        &tl.svg("do_async(5) + do_async(7)"),
    );
}

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    timeline::golden::assert_refuses_bad_arguments(EXE, "routine");
}
