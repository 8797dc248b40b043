//! The demo's whole output on the paused clock is the committed golden file, in both languages,
//! and the book's timeline pictures are the committed SVGs.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p gather`.

use gather::NOTE_COUNTS;
use timeline::Timeline;
use timeline::cli::Lang;
use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_gather");

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
async fn the_sequential_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    gather::one_after_another(&tl, Lang::En, &NOTE_COUNTS).await;
    check(
        "golden/sequential.svg",
        &tl.svg("find_users(3); find_users(2); find_users(1)"),
    );
}

#[tokio::test(start_paused = true)]
async fn the_gather_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    gather::gather(&tl, Lang::En, &NOTE_COUNTS).await;
    check(
        "golden/gather.svg",
        &tl.svg("join_all([find_users(3), find_users(2), find_users(1)])"),
    );
}

#[tokio::test(start_paused = true)]
async fn the_try_join_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    gather::try_join_cancels(&tl, Lang::En).await;
    check(
        "golden/try_join.svg",
        &tl.svg("try_join!: find_users(2) fails at 2 s, find_users(3) is dropped"),
    );
}

/// Other counts change the joined scenes: `5 3 1` joined takes 5 s, not 9.
#[test]
fn counts_on_the_command_line_are_used() {
    let out = run_bin(EXE, &["--paused", "--lang", "en", "5", "3", "1"]);
    assert!(out.contains("find_users(5, 3, 1)"), "{out}");
    assert!(out.contains(">>> total time: 9.000 s"), "{out}");
    assert!(out.contains(">>> total time: 5.000 s"), "{out}");
    assert!(out.contains("results (argument order): [5, 3, 1]"), "{out}");
}

fn refused(args: &[&str]) -> String {
    let out = std::process::Command::new(EXE).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?} printed before refusing");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        stderr.contains("usage: cargo run -p gather")
            || stderr.contains("사용법: cargo run -p gather"),
        "{stderr}"
    );
    stderr
}

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    assert!(refused(&["--lang=fr"]).starts_with("오류: 모르는 언어 `fr`: ko 또는 en을 쓰세요"));
    let korean = refused(&["3", "two"]);
    assert!(
        korean.starts_with("오류: `two`은(는) 수가 아닙니다"),
        "{korean}"
    );
    assert!(
        korean.contains("2번과 3번 장면에서 find_users 하나가 조회할 사용자 수"),
        "{korean}"
    );
    assert!(refused(&["--lang", "en", "3", "two"]).starts_with("error: `two` is not a count"));
    assert!(refused(&["--lang", "en", "0"]).starts_with("error: count `0` is out of range"));
    assert!(refused(&["21"]).starts_with("오류: 수 `21`이(가) 범위를 벗어났습니다"));
}
