//! The demo's whole output on the virtual clock is the committed golden file, in both languages.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p event_loop`.

use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_event_loop");

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
fn a_bad_argument_gets_the_usage_and_exit_2() {
    timeline::golden::assert_refuses_bad_arguments(EXE, "event_loop");
}

#[test]
fn bench_refuses_what_is_not_a_count() {
    for bad in ["many", "0", "-3"] {
        let out = std::process::Command::new(EXE)
            .args(["bench", bad])
            .output()
            .expect("the lesson runs");
        assert_eq!(out.status.code(), Some(2), "bench {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("bench"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}
