//! The demo's whole output on the paused clock is the committed golden file, in both languages,
//! and the book's timeline pictures are the committed SVGs.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p wait`.

use timeline::Timeline;
use timeline::cli::Lang;
use timeline::golden::{check, run_bin};
use wait::{ReturnWhen, Runner};

const EXE: &str = env!("CARGO_BIN_EXE_wait");

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
async fn the_first_completed_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    wait::wait_scene(
        &tl,
        Lang::En,
        [None, None, None],
        ReturnWhen::FirstCompleted,
        None,
    )
    .await;
    check(
        "golden/first_completed.svg",
        &tl.svg("wait(FirstCompleted) returns at 1 s; the two pending ones awaited afterwards"),
    );
}

#[tokio::test(start_paused = true)]
async fn the_pending_futures_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    wait::busy_caller(&tl, Lang::En, Runner::Futures).await;
    check(
        "golden/pending_futures.svg",
        &tl.svg("pending futures, caller busy 1 s to 2.5 s: nobody polls them"),
    );
}

#[tokio::test(start_paused = true)]
async fn the_pending_tasks_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    wait::busy_caller(&tl, Lang::En, Runner::Tasks).await;
    check(
        "golden/pending_tasks.svg",
        &tl.svg("pending JoinHandles, caller busy 1 s to 2.5 s: the tasks run on"),
    );
}

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    for (args, reason, usage) in [
        (
            &["--lang=fr"][..],
            "오류: 모르는 언어 `fr`: ko 또는 en을 쓰세요",
            "사용법: cargo run -p wait",
        ),
        (
            &["3"][..],
            "오류: 이 레슨은 `3` 같은 인자를 받지 않습니다",
            "사용법: cargo run -p wait",
        ),
        (
            &["--lang", "en", "3"][..],
            "error: unexpected argument `3`",
            "usage: cargo run -p wait",
        ),
    ] {
        let out = std::process::Command::new(EXE).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with(reason), "{stderr}");
        assert!(stderr.contains(usage), "{stderr}");
    }
}
