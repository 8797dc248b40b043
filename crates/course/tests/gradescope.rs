//! `course release --gradescope DIR`: the bundle Gradescope runs, tried here as Gradescope runs
//! it: `run_autograder` with a submission and its metadata under an autograder root, the
//! course's grader (built by `setup.sh` on Gradescope; this test's own build here), and the
//! results file checked against Gradescope's specification.

#[allow(dead_code)]
#[path = "formats/mod.rs"]
mod formats;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const COURSE: &str = env!("CARGO_BIN_EXE_course");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn course(args: &[&str]) -> std::process::Output {
    Command::new(COURSE)
        .arg("--course")
        .arg(root())
        .args(args)
        .output()
        .unwrap()
}

/// Runs the bundle's `run_autograder` under `ag` and gives `ag/results/results.json`.
fn run_autograder(bundle: &Path, ag: &Path, tool: &str) -> serde_json::Value {
    let output = Command::new("bash")
        .arg(bundle.join("run_autograder"))
        .env("AUTOGRADER_ROOT", ag)
        .env("COURSE_DIR", root())
        .env("COURSE_TOOL", tool)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "run_autograder always ends well, whatever it found:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = fs::read_to_string(ag.join("results/results.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_gradescope_bundle_grades_a_submission_as_gradescope_runs_it() {
    let scratch = root().join("target/grader/gradescope-test");
    let _ = fs::remove_dir_all(&scratch);
    let bundle = scratch.join("bundle");
    let out = course(&[
        "--lang",
        "en",
        "release",
        "--gradescope",
        bundle.to_str().unwrap(),
        "--seed",
        "7",
        "--penalty-per-day",
        "10",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // What Gradescope needs at the top of the zip, executable, and the course beside it
    // without its build output.
    for script in ["setup.sh", "run_autograder"] {
        let path = bundle.join(script);
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o755
        );
        let syntax = Command::new("bash").arg("-n").arg(&path).status().unwrap();
        assert!(syntax.success(), "{script}");
    }
    let run = fs::read_to_string(bundle.join("run_autograder")).unwrap();
    assert!(
        run.contains("SEED=7\n")
            && run.contains("PENALTY_PER_DAY=10\n")
            && !["@LANG@", "@SEED@", "@PENALTY@"]
                .iter()
                .any(|p| run.contains(p))
    );
    for part in [
        "course/Cargo.lock",
        "course/rust-toolchain.toml",
        "course/crates/course/src/main.rs",
        "course/lessons/05-gather/grading/gather_lookups.rs",
    ] {
        assert!(bundle.join(part).is_file(), "{part}");
    }
    assert!(!bundle.join("course/target").exists());

    // Into a folder that is not empty: refused, nothing overwritten.
    let again = course(&["release", "--gradescope", bundle.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    // The Gradescope settings belong to the bundle only.
    let student_version = scratch.join("student-version");
    let wrong = course(&[
        "release",
        "--out",
        student_version.to_str().unwrap(),
        "--seed",
        "3",
    ]);
    assert_eq!(wrong.status.code(), Some(2));

    // A student's submission, handed in two days after the due date (Gradescope's metadata).
    let ag = scratch.join("ag");
    let file = ag.join("submission/lessons/05-gather/src/gather_lookups.rs");
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::copy(
        root().join("lessons/05-gather/src/gather_lookups.rs"),
        &file,
    )
    .unwrap();
    fs::write(
        ag.join("submission_metadata.json"),
        r#"{"id": 1, "created_at": "2026-12-12T10:00:00.123456+09:00",
            "assignment": {"due_date": "2026-12-10T23:59:00.000000+09:00", "late_due_date": null,
                           "total_points": "315.0", "title": "Async Rust"},
            "users": [{"email": "bora@example.com", "id": 1002, "name": "Bora Lee"}],
            "previous_submissions": []}"#,
    )
    .unwrap();
    let results = run_autograder(&bundle, &ag, COURSE);
    let errors = formats::gradescope_errors(&results);
    assert!(errors.is_empty(), "{errors:?}");
    // gather_lookups in full (14 points), less 2 days x 10%: 11.
    assert_eq!(results["score"], 11, "{results:#}");
    let tests = results["tests"].as_array().unwrap();
    let passed: u64 = tests
        .iter()
        .filter(|t| {
            t["name"]
                .as_str()
                .unwrap()
                .starts_with("gather/gather_lookups:")
        })
        .map(|t| t["score"].as_u64().unwrap())
        .sum();
    assert_eq!(passed, 14);
    assert!(
        tests
            .iter()
            .any(|t| t["visibility"] == "after_due_date" && t["status"] == "passed")
    );
    // The feedback is titled with the student's name as Gradescope knows it.
    let output = results["output"].as_str().unwrap();
    assert!(
        output.contains("2 day(s) late") && output.contains("Bora Lee"),
        "{results:#}"
    );

    // When the grader itself cannot run, Gradescope still gets results: 0 points and, for the
    // instructor only, why.
    let broken = run_autograder(&bundle, &ag, "/bin/false");
    assert!(formats::gradescope_errors(&broken).is_empty());
    assert_eq!(broken["score"], 0);
    assert_eq!(broken["tests"][0]["visibility"], "hidden");
}
