//! `course selfcheck` on the course itself, and on a copy with a planted mistake, so that the
//! check is known to fail when it should.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const COURSE: &str = env!("CARGO_BIN_EXE_course");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn selfcheck(course: &Path) -> Output {
    Command::new(COURSE)
        .arg("--course")
        .arg(course)
        .arg("selfcheck")
        .output()
        .unwrap()
}

/// Every solution passes every test (hidden ones too), every released stub compiles and
/// fails every test, every exercise has its TODO, hints and points.
#[test]
fn the_course_checks_out() {
    let out = selfcheck(&root());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "selfcheck found problems:\n{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("every solution passes every test, every stub compiles and fails")
    );
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
    }
}

/// A test that a stub already passes gives free points: selfcheck names it.
#[test]
fn a_test_the_stub_already_passes_is_caught() {
    let course = root().join("target/grader/selfcheck-mutant");
    let _ = fs::remove_dir_all(&course);
    for part in [
        "Cargo.toml",
        "Cargo.lock",
        "rust-toolchain.toml",
        "crates/course-marker",
        "lessons/05-gather",
    ] {
        copy(&root().join(part), &course.join(part));
    }
    let tests = course.join("lessons/05-gather/tests/gather_lookups.rs");
    let mut text = fs::read_to_string(&tests).unwrap();
    text.push_str("\n#[test]\nfn trivially_passes() {\n    course_marker::passed();\n}\n");
    fs::write(&tests, text).unwrap();
    let manifest = course.join("lessons/05-gather/lesson.toml");
    let toml = fs::read_to_string(&manifest).unwrap().replacen(
        "[exercise.points]\n",
        "[exercise.points]\ntrivially_passes = 1\n",
        1,
    );
    fs::write(&manifest, toml).unwrap();

    let out = selfcheck(&course);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("gather/gather_lookups: the released stub already passes `gather/gather_lookups::trivially_passes`"), "{stderr}");
    assert!(stderr.contains("selfcheck: 1 problem(s)"), "{stderr}");
}
