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

fn selfcheck(course: &Path, lessons: &[&str]) -> Output {
    Command::new(COURSE)
        .arg("--course")
        .arg(course)
        .arg("selfcheck")
        .args(lessons)
        .output()
        .unwrap()
}

/// Every solution passes every test (hidden ones too), every released stub compiles and
/// fails every test, every exercise has its TODO, hints and points. Then a copy of the course
/// with a planted mistake: a test that a stub already passes gives free points, and selfcheck
/// names it. (One test, in this order: the copy starts from the dependencies the first check
/// has built, instead of compiling tokio again.)
#[test]
fn the_course_checks_out_and_a_planted_mistake_is_caught() {
    let out = selfcheck(&root(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "selfcheck found problems:\n{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("every solution passes every test, every stub compiles and fails")
    );
    a_test_the_stub_already_passes_is_caught();
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

fn a_test_the_stub_already_passes_is_caught() {
    let course = root().join("target/grader/selfcheck-mutant");
    let _ = fs::remove_dir_all(&course);
    for part in [
        "Cargo.toml",
        "Cargo.lock",
        "rust-toolchain.toml",
        "crates/course-marker",
        "lessons",
    ] {
        copy(&root().join(part), &course.join(part));
    }
    // With its timestamps, which cargo's freshness checks compare.
    let deps = "target/grader/deps-target";
    fs::create_dir_all(course.join(deps).parent().unwrap()).unwrap();
    let status = Command::new("cp")
        .arg("-a")
        .arg(root().join(deps))
        .arg(course.join(deps))
        .status()
        .unwrap();
    assert!(status.success());
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

    // Only the lesson with the mistake (all lessons are there, so that the dependencies are
    // asked for with the same features as in the course itself).
    let out = selfcheck(&course, &["gather"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("gather/gather_lookups: the released stub already passes `gather/gather_lookups::trivially_passes`"), "{stderr}");
    assert!(
        stderr.contains("selfcheck: 1 problem(s) in 3 exercises"),
        "{stderr}"
    );

    // A lesson that does not exist is named, not ignored.
    let out = selfcheck(&course, &["gathre"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no lesson named `gathre` (the lessons: routine, awaiting, future,"),
        "{stderr}"
    );
}

/// `selfcheck --hidden DIR` checks the instructor's private hidden tests too: a private test
/// that the reference solution fails is reported (and, with the seed given, the seeded public
/// test still passes).
#[test]
fn selfcheck_checks_the_private_hidden_tests() {
    let private = root().join("target/grader/selfcheck-private");
    let _ = fs::remove_dir_all(&private);
    let grading = private.join("05-gather/grading");
    fs::create_dir_all(&grading).unwrap();
    fs::write(
        grading.join("gather_lookups.rs"),
        "use gather_exercises::gather_lookups::{Directory, gather_lookups};\n\n\
         #[tokio::test(start_paused = true)]\n\
         async fn private_test_the_solution_fails() {\n\
         \x20   assert_eq!(gather_lookups(&Directory::new(), &[1]).await, [2]);\n\
         \x20   course_marker::passed();\n\
         }\n",
    )
    .unwrap();
    fs::write(
        private.join("05-gather/points.toml"),
        "[gather_lookups]\nprivate_test_the_solution_fails = 3\n",
    )
    .unwrap();
    let out = Command::new(COURSE)
        .arg("--course")
        .arg(root())
        .args([
            "--lang",
            "en",
            "selfcheck",
            "gather",
            "--seed",
            "4",
            "--hidden",
        ])
        .arg(&private)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("gather/gather_lookups: the solution does not get full marks")
            && stderr.contains("private_test_the_solution_fails"),
        "{stderr}"
    );
}
