//! The course keeps its own promises about shape: every lesson crate opens with its idea and run
//! command, has golden output in both languages, a Python twin and its tests; every compile-fail
//! case has a snapshot and a passing twin; the README's lesson map names every lesson.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Crates under `crates/` that are the course's tools, not lessons.
const TOOLS: &[&str] = &["timeline", "course", "course-marker"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn sorted_dir(path: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(path)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", path.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    entries
}

/// The lesson crates, by name.
fn lessons() -> Vec<String> {
    sorted_dir(&root().join("crates"))
        .into_iter()
        .filter(|p| p.join("Cargo.toml").exists())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| !TOOLS.contains(&name.as_str()))
        .collect()
}

/// `tests/ui/<lesson>/<mistake>.rs`, grouped by lesson.
fn compile_fail_cases() -> BTreeMap<String, Vec<String>> {
    let mut cases = BTreeMap::new();
    for dir in sorted_dir(&root().join("tests/ui"))
        .into_iter()
        .filter(|p| p.is_dir())
    {
        let lesson = dir.file_name().unwrap().to_string_lossy().into_owned();
        let names = sorted_dir(&dir)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        cases.insert(lesson, names);
    }
    cases
}

#[test]
fn there_are_six_lessons_at_least() {
    let lessons = lessons();
    for seed in ["routine", "future", "awaiting", "sleep", "gather", "wait"] {
        assert!(
            lessons.iter().any(|l| l == seed),
            "crates/{seed} is missing; lessons found: {lessons:?}"
        );
    }
}

#[test]
fn every_lesson_opens_with_its_idea_and_run_command() {
    for lesson in lessons() {
        for file in ["src/main.rs", "src/lib.rs"] {
            let text = read(&root().join("crates").join(&lesson).join(file));
            let opening: String = text
                .lines()
                .take_while(|l| l.starts_with("//!"))
                .collect::<Vec<_>>()
                .join("\n");
            assert!(
                opening.len() > 40,
                "crates/{lesson}/{file} must open with a //! paragraph stating the idea"
            );
            assert!(
                opening.contains(&format!("Run: `cargo run -p {lesson}`")),
                "crates/{lesson}/{file}'s //! opening must say `Run: `cargo run -p {lesson}``"
            );
        }
    }
}

#[test]
fn every_lesson_has_golden_output_a_python_twin_and_tests() {
    for lesson in lessons() {
        let dir = root().join("crates").join(&lesson);
        for file in [
            "golden/ko.txt",
            "golden/en.txt",
            "tests/lesson.rs",
            "tests/golden.rs",
            "tests/python.rs",
        ] {
            assert!(
                dir.join(file).is_file(),
                "crates/{lesson}/{file} is missing"
            );
        }
        let python = sorted_dir(&dir.join("python"));
        assert!(
            python
                .iter()
                .any(|p| p.extension().is_some_and(|e| e == "py")),
            "crates/{lesson}/python/ has no script"
        );
        assert!(
            sorted_dir(&dir.join("golden"))
                .iter()
                .any(|p| p.extension().is_some_and(|e| e == "svg")),
            "crates/{lesson}/golden/ has no timeline picture (.svg) for the book"
        );
        let ko = read(&dir.join("golden/ko.txt"));
        let en = read(&dir.join("golden/en.txt"));
        assert!(
            ko.chars().any(|c| ('가'..='힣').contains(&c)),
            "crates/{lesson}/golden/ko.txt has no Korean"
        );
        assert!(
            !en.chars().any(|c| ('가'..='힣').contains(&c)) || lesson_quotes_korean(&lesson),
            "crates/{lesson}/golden/en.txt has Korean in it"
        );
    }
}

/// Lessons whose English output quotes Korean on purpose (none so far).
fn lesson_quotes_korean(_lesson: &str) -> bool {
    false
}

#[test]
fn every_compile_fail_case_has_a_snapshot_and_a_passing_twin() {
    let lessons = lessons();
    for (lesson, cases) in compile_fail_cases() {
        assert!(
            lessons.contains(&lesson),
            "tests/ui/{lesson}/ names no lesson crate"
        );
        assert!(
            cases.len() >= 2,
            "tests/ui/{lesson}/ has {} case(s); each lesson shows at least two mistakes",
            cases.len()
        );
        let fixed = read(&root().join("crates").join(&lesson).join("tests/fixed.rs"));
        for case in cases {
            let stderr = root()
                .join("tests/ui")
                .join(&lesson)
                .join(format!("{case}.stderr"));
            assert!(
                stderr.is_file(),
                "{} is missing: TRYBUILD=overwrite cargo test -p course-tests",
                stderr.display()
            );
            assert!(
                fixed.contains(&format!("// ANCHOR: {case}\n")),
                "crates/{lesson}/tests/fixed.rs has no passing twin anchored `// ANCHOR: {case}`"
            );
        }
    }
    for lesson in lessons {
        assert!(
            compile_fail_cases().contains_key(&lesson),
            "lesson {lesson} has no compile-fail cases in tests/ui/{lesson}/"
        );
    }
}

#[test]
fn the_readme_maps_every_lesson() {
    let readme = read(&root().join("README.md"));
    for lesson in lessons() {
        assert!(
            readme.contains(&format!("cargo run -p {lesson}")),
            "README.md's lesson map does not show `cargo run -p {lesson}`"
        );
    }
}

/// A learner's first commands are the ones a learner wants: next to the two commands, each
/// half of the README says that one lesson's tests are `cargo test -p <lesson>` (seconds), and
/// that the whole suite takes minutes.
#[test]
fn the_readme_points_a_learner_to_one_lessons_tests() {
    let readme = read(&root().join("README.md"));
    for (heading, lesson_tests, minutes) in [
        ("## 두 가지 명령", "`cargo test -p routine`(몇 초)", "몇 분"),
        (
            "## The two commands",
            "`cargo test -p routine` (seconds)",
            "minutes",
        ),
    ] {
        let section = readme
            .split(heading)
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .unwrap_or_else(|| panic!("README.md has no `{heading}`"));
        assert!(
            section.contains(lesson_tests),
            "{heading}: no `{lesson_tests}`"
        );
        assert!(section.contains(minutes), "{heading}: no `{minutes}`");
    }
}

/// `scripts/test` skips doc tests (rustdoc per crate costs 15 s and finds none), so a code block
/// in a doc comment must not be one that rustdoc would run: every fence is `text`.
#[test]
fn no_doc_comment_holds_a_runnable_example() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for path in sorted_dir(dir) {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if path.is_dir() && name != "target" && !name.starts_with('.') {
                walk(&path, out);
            } else if name.ends_with(".rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for top in ["crates", "lessons", "tests"] {
        walk(&root().join(top), &mut files);
    }
    let mut runnable = Vec::new();
    for file in files {
        let text = read(&file);
        let mut open = false;
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            let Some(doc) = trimmed
                .strip_prefix("///")
                .or_else(|| trimmed.strip_prefix("//!"))
            else {
                continue;
            };
            let Some(info) = doc.trim().strip_prefix("```") else {
                continue;
            };
            if open {
                open = false;
            } else {
                open = true;
                if info.trim() != "text" {
                    runnable.push(format!("{}:{}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        runnable.is_empty(),
        "doc-comment code blocks rustdoc would run (mark them ```text, or move the example into a test): {runnable:?}"
    );
}
