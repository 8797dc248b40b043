//! Golden files: a lesson's whole output, committed, compared byte for byte.
//!
//! The book includes these files verbatim, so they must be exactly what the binary prints on the
//! paused clock. To regenerate them after a deliberate change, run
//! `UPDATE_GOLDEN=1 cargo test --workspace` and read the diff before committing.

use std::path::Path;
use std::process::Command;

/// Runs a lesson binary (from `env!("CARGO_BIN_EXE_<name>")`) with `args` and returns its
/// standard output; fails the test, with standard error, if it does not exit 0.
pub fn run_bin(exe: &str, args: &[&str]) -> String {
    let out = Command::new(exe)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("could not run {exe}: {e}"));
    let stdout = String::from_utf8(out.stdout).expect("lesson output is UTF-8");
    assert!(
        out.status.success(),
        "{exe} {args:?} exited with {}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Checks that a lesson binary refuses a bad argument the way every lesson must: the reason
/// and the usage on standard error, in Korean unless `--lang en` was given, exit status 2, no
/// panic.
pub fn assert_refuses_bad_arguments(exe: &str, lesson: &str) {
    for (args, reason, usage) in [
        (
            &["--lang=fr"][..],
            "오류: 모르는 언어 `fr`: ko 또는 en을 쓰세요".to_string(),
            format!("사용법: cargo run -p {lesson}"),
        ),
        (
            &["--lang", "en", "--fast"][..],
            "error: unknown option `--fast`".to_string(),
            format!("usage: cargo run -p {lesson}"),
        ),
    ] {
        let out = Command::new(exe)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("could not run {exe}: {e}"));
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with(&reason), "{stderr}");
        assert!(stderr.contains(&usage), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// Compares `actual` with the file at `path`; with `UPDATE_GOLDEN=1` writes it instead.
pub fn check(path: impl AsRef<Path>, actual: &str) {
    let path = path.as_ref();
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        }
        std::fs::write(path, actual)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("cannot read golden file {}: {e}\n(regenerate with UPDATE_GOLDEN=1 cargo test --workspace)", path.display())
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output, first at line {}:\n  golden: {:?}\n  actual: {:?}\n(if the change is intended: UPDATE_GOLDEN=1 cargo test --workspace, then read the diff)",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or("<end of file>"),
            actual.lines().nth(first).unwrap_or("<end of output>"),
        );
    }
}
