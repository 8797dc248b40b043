//! `course selfcheck`: the course checks its own exercises, as rustlings' `dev check` does.
//!
//! - every exercise has its story file with a solution region and a `// TODO:`, its visible
//!   and hidden tests, hints in both languages, and points for exactly the tests that exist;
//!   every test writes the completion marker; no stray files;
//! - the instructor's solutions, graded like a student's submission, get full marks;
//! - the released stubs, graded the same way, compile, and every test fails.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::course::{Course, Lesson};
use crate::error::{Error, Result};
use crate::fsx;
use crate::grade::{self, Options, sandbox::Isolation};
use crate::release;
use crate::stub;

/// Test function names declared in a test file (after a `#[test]`-like attribute).
pub fn test_names(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut pending = false;
    for line in source.lines() {
        let t = line.trim();
        if t.starts_with("#[") && t.contains("test") {
            pending = true;
        } else if let Some(at) = t.find("fn ").filter(|_| pending) {
            let rest = &t[at + 3..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
            pending = false;
        }
    }
    names
}

fn check_lesson(lesson: &Lesson, problems: &mut Vec<String>) -> Result<()> {
    let at = |rel: &str| format!("lessons/{}/{rel}", lesson.folder);
    let names: BTreeSet<String> = lesson.exercises.iter().map(|e| e.name.clone()).collect();
    let manifest = fsx::read(&lesson.dir.join("Cargo.toml"))?;
    for (folder, allowed_extra) in [("src", Some("lib.rs")), ("tests", None), ("grading", None)] {
        let dir = lesson.dir.join(folder);
        for rel in fsx::files_under(&dir).unwrap_or_default() {
            let stem = rel
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let ok = rel.components().count() == 1
                && rel.extension().is_some_and(|e| e == "rs")
                && (names.contains(&stem) || allowed_extra == Some(rel.to_string_lossy().as_ref()));
            if !ok {
                problems.push(format!(
                    "{}: a stray file (not an exercise of lesson.toml)",
                    at(&format!("{folder}/{}", rel.display()))
                ));
            }
        }
    }
    for exercise in &lesson.exercises {
        let id = lesson.id(exercise);
        let src = lesson.dir.join("src").join(format!("{}.rs", exercise.name));
        match std::fs::read_to_string(&src) {
            Err(_) => problems.push(format!(
                "{id}: {} is missing",
                at(&format!("src/{}.rs", exercise.name))
            )),
            Ok(text) => {
                if !stub::has_solution(&text) {
                    problems.push(format!("{id}: no `// BEGIN SOLUTION` region, so the student version would already be solved"));
                }
                if !text.lines().any(|l| l.trim_start().starts_with("// TODO:")) {
                    problems.push(format!(
                        "{id}: no `// TODO:` telling the learner where to work"
                    ));
                }
                if let Err(e) = stub::stub_source(&text, &id, &src.display().to_string()) {
                    problems.push(format!("{id}: {e}"));
                }
            }
        }
        if exercise.hints.is_empty()
            || exercise
                .hints
                .iter()
                .any(|h| h.text.ko.trim().is_empty() || h.text.en.trim().is_empty())
        {
            problems.push(format!(
                "{id}: needs at least one hint, each in Korean and English"
            ));
        }
        // (With private hidden tests in place of the public ones, a hint may be tied to a public
        // hidden test that is not run: it is simply never shown for it.)
        for hint in exercise.hints.iter().filter(|_| lesson.private.is_none()) {
            for test in hint
                .tests
                .iter()
                .filter(|t| !exercise.points.contains_key(*t))
            {
                problems.push(format!(
                    "{id}: a hint is tied to `{test}`, which is not one of the exercise's tests"
                ));
            }
        }
        let mut declared = BTreeSet::new();
        for folder in ["tests", "grading"] {
            let path = if folder == "grading" {
                lesson.grading_file(&exercise.name)
            } else {
                lesson
                    .dir
                    .join(folder)
                    .join(format!("{}.rs", exercise.name))
            };
            let Ok(text) = std::fs::read_to_string(&path) else {
                problems.push(format!(
                    "{id}: {} is missing",
                    at(&format!("{folder}/{}.rs", exercise.name))
                ));
                continue;
            };
            let tests = test_names(&text);
            let markers = text.matches("course_marker::passed()").count();
            if markers < tests.len() {
                problems.push(format!("{id}: {} has {} tests but {markers} `course_marker::passed()` calls; every test ends with one", at(&format!("{folder}/{}.rs", exercise.name)), tests.len()));
            }
            declared.extend(tests);
        }
        if !manifest.contains(&format!("path = \"grading/{}.rs\"", exercise.name)) {
            problems.push(format!(
                "{id}: the GRADING block of {} has no [[test]] for grading/{}.rs",
                at("Cargo.toml"),
                exercise.name
            ));
        }
        let pointed: BTreeSet<String> = exercise.points.keys().cloned().collect();
        for missing in declared.difference(&pointed) {
            problems.push(format!(
                "{id}: test `{missing}` has no points in lesson.toml"
            ));
        }
        for extra in pointed.difference(&declared) {
            problems.push(format!(
                "{id}: lesson.toml gives points to `{extra}`, which no test file declares"
            ));
        }
    }
    Ok(())
}

/// The lessons named in `names` (all of them if none is named), in course order.
pub fn chosen<'c>(course: &'c Course, names: &[String]) -> Result<Vec<&'c Lesson>> {
    if let Some(unknown) = names
        .iter()
        .find(|n| !course.lessons.iter().any(|l| l.lesson == **n))
    {
        let known: Vec<&str> = course.lessons.iter().map(|l| l.lesson.as_str()).collect();
        return Err(Error::new(format!(
            "no lesson named `{unknown}` (the lessons: {})",
            known.join(", ")
        )));
    }
    Ok(course
        .lessons
        .iter()
        .filter(|l| names.is_empty() || names.contains(&l.lesson))
        .collect())
}

/// Writes the two fixture submissions: the instructor's solutions and the released stubs.
fn write_submissions(lessons: &[&Lesson], dir: &Path) -> Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    for lesson in lessons {
        for rel in fsx::files_under(&lesson.dir.join("src"))? {
            fsx::copy(
                &lesson.dir.join("src").join(&rel),
                &dir.join("solutions/lessons")
                    .join(&lesson.folder)
                    .join("src")
                    .join(&rel),
            )?;
        }
        for (rel, text) in release::lesson_files(lesson)? {
            if rel.starts_with("src") {
                fsx::write_atomic(
                    &dir.join("stubs/lessons").join(&lesson.folder).join(&rel),
                    text,
                )?;
            }
        }
    }
    Ok(())
}

/// Runs every check on `lessons` (see [`chosen`]); returns the problems found (none means
/// they are sound).
pub fn selfcheck(
    course: &Course,
    lessons: &[&Lesson],
    jobs: usize,
    seed: u64,
) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for lesson in lessons {
        check_lesson(lesson, &mut problems)?;
    }
    if !problems.is_empty() {
        return Ok(problems);
    }
    // A folder of this run's own: two selfchecks at once (a private one beside the public one)
    // must not rewrite each other's fixture submissions before either takes the grader's lock.
    let scratch: PathBuf = course
        .root
        .join("target/grader/selfcheck")
        .join(std::process::id().to_string());
    let submissions = scratch.join("submissions");
    write_submissions(lessons, &submissions)?;
    let options = Options {
        submissions,
        out: scratch.join("out"),
        jobs,
        shard: None,
        test_timeout: std::time::Duration::from_secs(30),
        submission_timeout: std::time::Duration::from_secs(1800),
        isolation: Isolation::detect(),
        progress: false,
        only: Vec::new(),
        exercises: Vec::new(),
        overrides: Default::default(),
        seed,
        lang: crate::Lang::En,
    };
    let summary = grade::grade(course, &options);
    let _ = std::fs::remove_dir_all(&scratch);
    let summary = summary?;
    let ids: BTreeSet<String> = lessons
        .iter()
        .flat_map(|l| l.exercises.iter().map(|e| l.id(e)))
        .collect();
    for result in &summary.results {
        for e in result.exercises.iter().filter(|e| ids.contains(&e.id)) {
            match result.student.as_str() {
                "solutions" if e.status != "pass" || e.points != e.max_points => {
                    let failing: Vec<String> = e
                        .tests
                        .iter()
                        .filter(|t| t.status != "pass")
                        .map(|t| {
                            format!(
                                "{} ({}: {})",
                                t.name,
                                t.status,
                                t.message
                                    .as_deref()
                                    .unwrap_or("")
                                    .lines()
                                    .next()
                                    .unwrap_or("")
                            )
                        })
                        .collect();
                    problems.push(format!(
                        "{}: the solution does not get full marks: {} {}",
                        e.id,
                        e.status,
                        e.message.clone().unwrap_or_else(|| failing.join("; "))
                    ));
                }
                "stubs" if e.status == "did_not_build" => {
                    problems.push(format!(
                        "{}: the released stub does not compile: {}",
                        e.id,
                        e.message.clone().unwrap_or_default()
                    ));
                }
                "stubs" => {
                    for t in e.tests.iter().filter(|t| t.status == "pass") {
                        problems.push(format!(
                            "{}: the released stub already passes `{}`",
                            e.id, t.name
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_names_follow_test_attributes() {
        let source = "#[test]\nfn a() {}\n\n#[tokio::test(start_paused = true)]\nasync fn b() {}\nfn helper() {}\n";
        assert_eq!(test_names(source), ["a", "b"]);
    }
}
