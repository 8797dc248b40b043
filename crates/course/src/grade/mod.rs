//! `course grade`: grades a folder of submissions, one folder per student, without trusting them.
//!
//! For each student:
//! 1. **Rebuild from instructor files.** A fresh workspace is assembled from the instructor's
//!    lessons (manifests, visible tests, lesson.toml) and the released stubs; only the
//!    student's exercise files (`src/<exercise>.rs`) are laid over the stubs. Nothing else of
//!    the submission is used: no `lib.rs`, no build script, no `.cargo/` configuration, no
//!    toolchain file, no manifest. The code each exercise file gives (types, helpers,
//!    constants) must be as given (`given`).
//! 2. **Build** offline, in the sandbox, with the dependencies built once for the whole class
//!    (`base`) and shared: a student's build compiles only the lesson crates, first without
//!    any hidden test in reach, then the hidden tests against it (`build`).
//! 3. **Bans.** The same compile recognises forbidden APIs after name resolution and macro
//!    expansion (`bans`); an exercise whose file uses one, or changed what it was given, is
//!    not run but `flagged`, with the reasons, for the instructor to read.
//! 4. **Run each test in its own process**, four at a time per exercise, sandboxed (it sees
//!    its own program and the shared libraries, nothing else), with a wall-clock timeout and
//!    an output cap. A test passes only if its process exits 0 *and* it wrote its name to the
//!    marker descriptor the grader hands it, after its last assertion (`course-marker`).
//!
//! Statuses per exercise: `pass`, `fail`, `timeout`, `error` (did not build, or not submitted),
//! `flagged`. A lesson whose crate does not build is built again without the files at fault
//! (the stubs in their place), so a compile error or a ban costs only its own exercise.
//! Submissions are never written to; every output file is written atomically, and holds
//! nothing that changes between runs (no times, no temporary paths), so grading the same
//! folder twice gives identical files.

pub mod bans;
mod build;
pub mod formats;
mod given;
#[cfg(test)]
mod marker_tests;
pub mod merge;
pub mod overrides;
pub mod report;
pub mod sandbox;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::course::{Course, Exercise, Lesson};
use crate::error::{Error, Result};
use crate::fsx;
use sandbox::{Isolation, Limits, View};

/// How to grade.
#[derive(Clone, Debug)]
pub struct Options {
    pub submissions: PathBuf,
    pub out: PathBuf,
    pub jobs: usize,
    /// Grade only the students whose index (in name order) is `k - 1` modulo `n`.
    pub shard: Option<(usize, usize)>,
    pub test_timeout: Duration,
    pub submission_timeout: Duration,
    pub isolation: Isolation,
    /// Show a progress bar on standard error.
    pub progress: bool,
    /// Regrade only these students into an existing `out`, leaving the others as they are.
    pub only: Vec<String>,
    /// Regrade only these exercises (ids) into an existing `out`: every other exercise's result
    /// is kept from the earlier grading.
    pub exercises: Vec<String>,
    /// The instructor's adjustments, waivers and late penalty.
    pub overrides: overrides::Overrides,
    /// The class's seed, handed to the tests as `COURSE_SEED` (`course_marker::seed()`): hidden
    /// tests draw their inputs from it, so that tests read in the public repository do not fix
    /// the answers.
    pub seed: u64,
    /// The language of the summary and of `gradescope.json`.
    pub lang: crate::Lang,
}

/// One test's result.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TestResult {
    /// `gather/join_three_lookups::joined_lookups_end_at_three_seconds`
    pub name: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    pub points: u32,
    pub max_points: u32,
    /// A hidden test (from `grading/`): its name and message are the student's to see only after
    /// the due date on Gradescope.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// One exercise's result.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ExerciseResult {
    pub id: String,
    pub status: String,
    pub points: u32,
    pub max_points: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub tests: Vec<TestResult>,
    /// What the instructor's overrides changed, with the reasons.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<String>,
    /// The student's file is the reference solution, comments and layout aside (for the
    /// instructor; it changes no grade).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub matches_reference: bool,
}

/// One student's result.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct StudentResult {
    pub student: String,
    pub exercises: Vec<ExerciseResult>,
    pub sandboxed: bool,
    /// What is wrong with the submission as a whole (its layout), said once, in both languages.
    pub problem: Option<crate::course::Text>,
    /// Handed in after the due date (see `overrides`).
    pub late: Option<overrides::Late>,
}

impl StudentResult {
    /// The exercises' points (after the instructor's adjustments).
    pub fn points(&self) -> u32 {
        self.exercises.iter().map(|e| e.points).sum()
    }

    /// What goes in the gradebook: the points less the late penalty, rounded down.
    pub fn total(&self) -> u32 {
        let percent = self.late.as_ref().map_or(0, |l| l.percent);
        self.points() * (100 - percent) / 100
    }
}

/// What the terminal summary needs.
pub struct Summary {
    pub results: Vec<StudentResult>,
    pub gradings: usize,
    pub took: Duration,
}

/// `course_marker::VAR`, named here so that the tool does not link the marker crate (whose
/// constructor would take a descriptor 3 of its own); a test checks that the two agree.
const MARKER_VAR: &str = "COURSE_MARKER_FD";

/// Seconds one test may run, in grading and in a learner's `check` alike.
pub const TEST_TIMEOUT_SECS: u64 = 10;

/// An exercise's status. `not_attempted`: the file is the released stub; `not_submitted`: the
/// file (or its lesson, or the whole layout) is not there; `did_not_build`: it does not compile;
/// `error`: the grader could not grade it (a fault of the grader or the machine, not the
/// student's).
pub const STATUSES: [&str; 8] = [
    "pass",
    "fail",
    "timeout",
    "not_attempted",
    "not_submitted",
    "did_not_build",
    "flagged",
    "error",
];

fn limits_for_tests(options: &Options) -> Limits {
    Limits {
        wall: options.test_timeout,
        output: 256 * 1024,
        memory: 512 << 20,
        file_size: 16 << 20,
        processes: 512,
    }
}

/// Grades every student of `options.submissions` (or one shard of them).
pub fn grade(course: &Course, options: &Options) -> Result<Summary> {
    let started = Instant::now();
    let mut students = students(&options.submissions, options.shard)?;
    for id in &options.exercises {
        course.find(id)?;
    }
    let updating = !options.only.is_empty() || !options.exercises.is_empty();
    if updating && !options.out.join("gradebook.csv").is_file() {
        return Err(Error::new(format!(
            "--only and --exercise update an earlier grading, and {} has no gradebook.csv: grade the class first",
            options.out.display()
        )));
    }
    if !options.only.is_empty() {
        for name in &options.only {
            if !students.iter().any(|(s, _)| s == name) {
                return Err(Error::new(format!(
                    "--only {name}: no such student folder in {}",
                    options.submissions.display()
                )));
            }
        }
        students.retain(|(s, _)| options.only.contains(s));
    }
    fsx::create_dir_all(&options.out)?;
    let base = build::Base::prepare(course)?;

    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<BTreeMap<String, StudentResult>> = Mutex::default();
    let failure: Mutex<Option<Error>> = Mutex::default();
    let total = students.len();
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some((name, dir)) = students.get(i) else {
                        break;
                    };
                    let finished = || done.fetch_add(1, Ordering::SeqCst) + 1;
                    match grade_student(course, &base, name, dir, options) {
                        Ok(mut result) => {
                            options.overrides.apply(&mut result);
                            if !options.exercises.is_empty() {
                                // Only the chosen exercises are new; the rest as graded before.
                                match report::read_student(&options.out, name) {
                                    Ok(mut earlier) => {
                                        for e in &mut earlier.exercises {
                                            if let Some(new) = result.exercises.iter().find(|n| {
                                                n.id == e.id && options.exercises.contains(&e.id)
                                            }) {
                                                *e = new.clone();
                                            }
                                        }
                                        earlier.late = result.late.clone();
                                        result = earlier;
                                    }
                                    Err(e) => {
                                        failure
                                            .lock()
                                            .unwrap_or_else(|p| p.into_inner())
                                            .get_or_insert(Error::new(format!("{name}: {e}")));
                                        finished();
                                        continue;
                                    }
                                }
                            }
                            let n = finished();
                            if options.progress {
                                progress(n, total, name);
                            } else {
                                // Not a terminal (a CI log, a file): a line per student.
                                let max: u32 = result.exercises.iter().map(|e| e.max_points).sum();
                                eprintln!("[{n}/{total}] {name}: {} / {max}", result.total());
                            }
                            results
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .insert(name.clone(), result);
                        }
                        Err(e) => {
                            finished();
                            failure
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .get_or_insert(Error::new(format!("{name}: {e}")));
                        }
                    }
                }
            });
        }
    });
    if options.progress {
        eprintln!();
    }
    if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    let results: Vec<StudentResult> = results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_values()
        .collect();
    if !updating {
        report::write_all(course, &options.out, &results, options.lang)?;
        // A folder of an earlier grading whose student is not in this one would sit beside a
        // gradebook that does not list it.
        for name in report::graded_students(&options.out)? {
            if !results.iter().any(|r| r.student == name) {
                let path = options.out.join(&name);
                std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            }
        }
    } else {
        report::update(course, &options.out, &results, options.lang)?;
    }
    let gradings = results.len() * course.all().count();
    Ok(Summary {
        results,
        gradings,
        took: started.elapsed(),
    })
}

fn progress(done: usize, total: usize, name: &str) {
    let width = 30;
    let filled = (done * width).checked_div(total).unwrap_or(width);
    eprint!(
        "\r[{}{}] {done}/{total} {name:<24.24}",
        "#".repeat(filled),
        " ".repeat(width - filled)
    );
    let _ = std::io::stderr().flush();
}

/// The student folders, by name, in name order (then the shard's slice of them).
pub(crate) fn students(
    dir: &Path,
    shard: Option<(usize, usize)>,
) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Err(Error::new(format!(
            "{}: no such folder of submissions (expected one folder per student)",
            dir.display()
        )));
    }
    let mut all: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    all.sort();
    if all.is_empty() {
        return Err(Error::new(format!(
            "{}: no student folders in it (expected one folder per student)",
            dir.display()
        )));
    }
    Ok(match shard {
        None => all,
        Some((k, n)) => all
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k - 1)
            .map(|(_, s)| s)
            .collect(),
    })
}

/// Where a student's lessons are: `<dir>/lessons`, or `<dir>/<one folder>/lessons` (a zip
/// that was unpacked into a folder of its own).
pub(crate) fn find_lessons(dir: &Path) -> Option<PathBuf> {
    if dir.join("lessons").is_dir() {
        return Some(dir.join("lessons"));
    }
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    match entries.as_slice() {
        [only] if only.join("lessons").is_dir() => Some(only.join("lessons")),
        _ => None,
    }
}

fn grade_student(
    course: &Course,
    base: &build::Base,
    name: &str,
    dir: &Path,
    options: &Options,
) -> Result<StudentResult> {
    let deadline = Instant::now() + options.submission_timeout;
    let sandboxed = options.isolation == Isolation::Bubblewrap;
    let Some(lessons_dir) = find_lessons(dir) else {
        return Ok(StudentResult {
            student: name.into(),
            exercises: course
                .all()
                .map(|(l, e)| scored(l, e, "not_submitted", None, vec![]))
                .collect(),
            sandboxed,
            problem: Some(layout_problem(course, dir)),
            late: None,
        });
    };

    // Which lessons did the student hand in, and what do their files say?
    let mut submitted: BTreeMap<String, BTreeMap<PathBuf, String>> = BTreeMap::new();
    for lesson in &course.lessons {
        // (A class that started before the lessons were renumbered hands in the old numbers.)
        let Some(src) = lesson.folder_in(&lessons_dir).map(|d| d.join("src")) else {
            continue;
        };
        if !src.is_dir() {
            continue;
        }
        // Only the exercise files are the student's; `lib.rs` and anything else come from the
        // instructor (a module the student adds could not be declared anyway).
        let mut files = BTreeMap::new();
        for rel in fsx::files_under(&src)? {
            if lesson
                .exercises
                .iter()
                .any(|e| rel == Path::new(&format!("{}.rs", e.name)))
            {
                let path = src.join(&rel);
                let text = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                if text.len() > 512 * 1024 {
                    continue; // a source file this large is not an exercise answer; the stub stands in
                }
                files.insert(
                    Path::new("src").join(&rel),
                    String::from_utf8_lossy(&text).into_owned(),
                );
            }
        }
        submitted.insert(lesson.folder.clone(), files);
    }

    // The code each exercise gives must be as given (see `given`): an exercise whose file
    // changed it is flagged, and the stub stands in for its file in the builds.
    // (The released stubs of each lesson handed in, read once: the untouched-exercise check
    // below needs them too.)
    // The student's own files, before any stub stands in for one (a waived flag is graded on
    // them).
    let own_files = submitted.clone();
    let mut changed_given: BTreeMap<(String, String), Vec<bans::Finding>> = BTreeMap::new();
    let mut released: BTreeMap<&str, BTreeMap<PathBuf, String>> = BTreeMap::new();
    for lesson in &course.lessons {
        let Some(files) = submitted.get_mut(&lesson.folder) else {
            continue;
        };
        let stubs = released
            .entry(lesson.folder.as_str())
            .or_insert(crate::release::lesson_files(lesson)?);
        for exercise in &lesson.exercises {
            let rel = PathBuf::from(format!("src/{}.rs", exercise.name));
            let (Some(text), Some(stub)) = (files.get(&rel), stubs.get(&rel)) else {
                continue;
            };
            let changed = given::changed(stub, text);
            if changed.is_empty() {
                continue;
            }
            let findings = changed
                .into_iter()
                .map(|c| bans::Finding {
                    file: Some(rel.display().to_string()),
                    line: c.line,
                    what: format!("`{}` is not as the exercise gives it", c.item),
                    why: "the code an exercise gives (types, helpers, constants) is the tests' to rely on; write only where the TODOs are".into(),
                })
                .collect();
            changed_given.insert((lesson.folder.clone(), exercise.name.clone()), findings);
            files.insert(rel, stub.clone());
        }
    }

    let work = base.student_workspace(course, name, &submitted)?;
    let built = build::build(base, &work, course, &submitted, options.isolation, deadline)?;

    let mut exercises = Vec::new();
    for lesson in &course.lessons {
        let Some(files) = submitted.get(&lesson.folder) else {
            for exercise in &lesson.exercises {
                exercises.push(scored(lesson, exercise, "not_submitted", None, vec![]));
            }
            continue;
        };
        let Some(lesson_build) = built.lessons.get(&lesson.folder) else {
            for exercise in &lesson.exercises {
                exercises.push(scored(
                    lesson,
                    exercise,
                    "error",
                    Some("the build produced nothing for this lesson".into()),
                    vec![],
                ));
            }
            continue;
        };
        let own_file = |e: &Exercise| format!("src/{}.rs", e.name);
        let stubs = &released[lesson.folder.as_str()];
        // Not there: the stub stands in for it in the builds, and it is not graded.
        let handed_in = |e: &Exercise| files.contains_key(&PathBuf::from(own_file(e)));
        // The released stub itself: its tests still run (so that `selfcheck` sees a stub that
        // passes one), but the student is told only that it was not attempted.
        let untouched = |e: &Exercise| {
            let rel = PathBuf::from(own_file(e));
            match (files.get(&rel), stubs.get(&rel)) {
                (Some(text), Some(stub)) => text.replace("\r\n", "\n") == *stub,
                _ => false,
            }
        };
        let mut graded: BTreeMap<&str, ExerciseResult> = BTreeMap::new();
        let mut to_run: Vec<&Exercise> = Vec::new();
        for exercise in &lesson.exercises {
            if !handed_in(exercise) {
                graded.insert(
                    &exercise.name,
                    scored(lesson, exercise, "not_submitted", None, vec![]),
                );
                continue;
            }
            if let Some(found) = changed_given.get(&(lesson.folder.clone(), exercise.name.clone()))
            {
                let found: Vec<&bans::Finding> = found.iter().collect();
                graded.insert(&exercise.name, flagged(lesson, exercise, &found));
                continue;
            }
            // An exercise answers for its own file and for the lesson's shared files (lib.rs).
            let mine: Vec<&bans::Finding> = lesson_build
                .findings
                .iter()
                .filter(|f| {
                    f.file.as_deref().is_some_and(|file| {
                        file == own_file(exercise)
                            || !lesson.exercises.iter().any(|e| file == own_file(e))
                    })
                })
                .collect();
            if mine.is_empty() {
                to_run.push(exercise);
            } else {
                graded.insert(&exercise.name, flagged(lesson, exercise, &mine));
            }
        }
        match &lesson_build.outcome {
            Ok(binaries) => {
                for exercise in to_run {
                    let tests = run_tests(lesson, exercise, binaries, &work, options, deadline)?;
                    let mut result = from_tests(lesson, exercise, tests);
                    if untouched(exercise) {
                        result.status = "not_attempted".into();
                    }
                    graded.insert(&exercise.name, result);
                }
            }
            // A flagged file, or one that does not compile, stops the whole lesson crate. So
            // that it costs only its own exercise, the others are graded again with the stub
            // in its place: together if the errors lie in exercise files only, else one by
            // one. An exercise with errors of its own is graded alone, so that the errors it
            // is shown are its own.
            Err(_) => {
                // An exercise whose file is the released stub is not attempted: its tests
                // fail without being built again (`selfcheck` sees to that).
                let (stubbed, to_run): (Vec<&Exercise>, Vec<&Exercise>) =
                    to_run.into_iter().partition(|e| untouched(e));
                for exercise in stubbed {
                    graded.insert(
                        &exercise.name,
                        scored(lesson, exercise, "not_attempted", None, vec![]),
                    );
                }
                let errors = &lesson_build.error_files;
                let (mut alone, rest): (Vec<&Exercise>, Vec<&Exercise>) =
                    if errors.iter().all(|f| {
                        f.as_ref()
                            .is_some_and(|f| lesson.exercises.iter().any(|e| *f == own_file(e)))
                    }) {
                        to_run
                            .into_iter()
                            .partition(|e| errors.contains(&Some(own_file(e))))
                    } else {
                        (to_run, vec![])
                    };
                if !rest.is_empty() {
                    match grade_with_stubs(
                        course, base, name, lesson, &rest, files, options, deadline,
                    )? {
                        Some(results) => {
                            for (exercise, result) in rest.iter().zip(results) {
                                graded.insert(&exercise.name, result);
                            }
                        }
                        None => alone.extend(rest),
                    }
                }
                for exercise in alone {
                    let results = grade_with_stubs(
                        course,
                        base,
                        name,
                        lesson,
                        &[exercise],
                        files,
                        options,
                        deadline,
                    )?
                    .unwrap_or_default();
                    for result in results {
                        graded.insert(&exercise.name, result);
                    }
                }
            }
        }
        // A flag the instructor reviewed and waived: the exercise is graded after all, built
        // alone from the student's own file with the stubs beside it and the bans off.
        for exercise in &lesson.exercises {
            let id = lesson.id(exercise);
            let Some(reason) = options.overrides.waived(name, &id) else {
                continue;
            };
            if graded
                .get(exercise.name.as_str())
                .is_none_or(|r| r.status != "flagged")
            {
                continue;
            }
            let mine = own_files.get(&lesson.folder).cloned().unwrap_or_default();
            let result = grade_alone(
                course,
                base,
                name,
                lesson,
                &[exercise],
                &mine,
                options,
                deadline,
                false,
            )?
            .and_then(|mut results| results.pop());
            if let Some(mut result) = result {
                result.overrides.push(format!("flag waived: {reason}"));
                graded.insert(&exercise.name, result);
            }
        }
        for exercise in &lesson.exercises {
            let mut result = graded.remove(exercise.name.as_str()).unwrap_or_else(|| {
                scored(
                    lesson,
                    exercise,
                    "error",
                    Some("the grader could not grade this exercise".into()),
                    vec![],
                )
            });
            let rel = PathBuf::from(format!("src/{}.rs", exercise.name));
            if let (Some(mine), Ok(reference)) = (
                own_files.get(&lesson.folder).and_then(|f| f.get(&rel)),
                fsx::read(&lesson.dir.join(&rel)),
            ) {
                result.matches_reference = given::same_as_reference(mine, &reference);
            }
            exercises.push(result);
        }
    }
    work.clean();
    Ok(StudentResult {
        student: name.into(),
        exercises,
        sandboxed,
        problem: None,
        late: None,
    })
}

/// Grades `exercises` of a lesson that did not build: the student's files for these exercises,
/// the released stubs for everything else of the lesson. If that builds, its tests decide. If
/// not, `None`, unless there is one exercise: then its compile errors (or findings) are its own.
#[allow(clippy::too_many_arguments)]
fn grade_with_stubs(
    course: &Course,
    base: &build::Base,
    student: &str,
    lesson: &Lesson,
    exercises: &[&Exercise],
    files: &BTreeMap<PathBuf, String>,
    options: &Options,
    deadline: Instant,
) -> Result<Option<Vec<ExerciseResult>>> {
    grade_alone(
        course, base, student, lesson, exercises, files, options, deadline, true,
    )
}

/// [`grade_with_stubs`], with the bans on or (for a waived flag) off.
#[allow(clippy::too_many_arguments)]
fn grade_alone(
    course: &Course,
    base: &build::Base,
    student: &str,
    lesson: &Lesson,
    exercises: &[&Exercise],
    files: &BTreeMap<PathBuf, String>,
    options: &Options,
    deadline: Instant,
    bans: bool,
) -> Result<Option<Vec<ExerciseResult>>> {
    let own: Vec<PathBuf> = exercises
        .iter()
        .map(|e| Path::new("src").join(format!("{}.rs", e.name)))
        .collect();
    let mine: BTreeMap<PathBuf, String> = files
        .iter()
        .filter(|(rel, _)| own.contains(rel))
        .map(|(r, t)| (r.clone(), t.clone()))
        .collect();
    let alone = BTreeMap::from([(lesson.folder.clone(), mine)]);
    let names: Vec<&str> = exercises.iter().map(|e| e.name.as_str()).collect();
    let work = base.student_workspace(course, &format!("{student}#{}", names.join("+")), &alone)?;
    let work = if bans { work } else { work.without_bans() };
    let built = build::build(base, &work, course, &alone, options.isolation, deadline)?;
    let single = match exercises {
        [one] => Some(*one),
        _ => None,
    };
    let results = match (built.lessons.get(&lesson.folder), single) {
        (
            Some(build::LessonBuild {
                outcome: Ok(binaries),
                findings,
                ..
            }),
            _,
        ) if findings.is_empty() => {
            let mut results = Vec::new();
            for exercise in exercises {
                let tests = run_tests(lesson, exercise, binaries, &work, options, deadline)?;
                results.push(from_tests(lesson, exercise, tests));
            }
            Some(results)
        }
        (Some(b), Some(exercise)) if !b.findings.is_empty() => Some(vec![flagged(
            lesson,
            exercise,
            &b.findings.iter().collect::<Vec<_>>(),
        )]),
        (
            Some(build::LessonBuild {
                outcome: Err(message),
                ..
            }),
            Some(exercise),
        ) => Some(vec![scored(
            lesson,
            exercise,
            "did_not_build",
            Some(message.clone()),
            vec![],
        )]),
        (None, Some(exercise)) => Some(vec![scored(
            lesson,
            exercise,
            "error",
            Some("the build produced nothing for this lesson".into()),
            vec![],
        )]),
        _ => None,
    };
    work.clean();
    Ok(results)
}

/// An exercise that is not run: its code uses what the exercises may not.
fn flagged(lesson: &Lesson, exercise: &Exercise, findings: &[&bans::Finding]) -> ExerciseResult {
    let reasons: Vec<String> = findings
        .iter()
        .map(|f| match &f.file {
            Some(file) => format!(
                "lessons/{}/{file}:{}: {} ({})",
                lesson.folder, f.line, f.what, f.why
            ),
            None => format!("lessons/{}: {} ({})", lesson.folder, f.what, f.why),
        })
        .collect();
    scored(
        lesson,
        exercise,
        "flagged",
        Some(format!(
            "not run: the code uses what the exercises may not, or changes what they give\n{}",
            reasons.join("\n")
        )),
        vec![],
    )
}

/// What a submission without `lessons/` has instead, and what to do: said once, for the student
/// and for the instructor's summary.
fn layout_problem(course: &Course, dir: &Path) -> crate::course::Text {
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if e.path().is_dir() {
                        format!("{name}/")
                    } else {
                        name
                    }
                })
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    let text = |ko: String, en: String| crate::course::Text {
        ko: format!("{ko} (기대하는 모양: <학생>/lessons/NN-<레슨>/src/<문제>.rs)"),
        en: format!("{en} (expected <student>/lessons/NN-<lesson>/src/<exercise>.rs)"),
    };
    if found.is_empty() {
        return text(
            "제출물이 비어 있습니다".into(),
            "the submission is empty".into(),
        );
    }
    let is_lesson = |n: &str| {
        course
            .lessons
            .iter()
            .any(|l| n.trim_end_matches('/') == l.folder)
    };
    if let Some(lesson) = found.iter().find(|n| is_lesson(n)) {
        return text(
            format!(
                "맨 위에서 찾은 레슨 폴더: `{lesson}`. 레슨 폴더들은 `lessons/` 아래에 넣어 내세요"
            ),
            format!("found `{lesson}` at the top: put the lesson folders under `lessons/`"),
        );
    }
    let archive = [".zip", ".tar", ".tar.gz", ".tgz", ".7z", ".rar"];
    if let Some(file) = found
        .iter()
        .find(|n| archive.iter().any(|a| n.to_ascii_lowercase().ends_with(a)))
    {
        return text(
            format!("찾은 압축 파일: `{file}`. 압축을 풀어 폴더로 내세요"),
            format!("found `{file}`: unpack it and hand in the folder"),
        );
    }
    if found.iter().any(|n| n == "src/") {
        return text(
            "맨 위에서 찾은 폴더: `src/`. `lessons/`가 든 연습 문제 폴더 전체를 내세요".into(),
            "found `src/` at the top: hand in the whole exercise folder, with `lessons/`".into(),
        );
    }
    let shown = found.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    let more = if found.len() > 5 { ", ..." } else { "" };
    text(
        format!("`lessons/` 폴더가 없습니다. 찾은 것: {shown}{more}"),
        format!("no `lessons/` folder; found {shown}{more}"),
    )
}

/// An exercise whose tests did not run (or ran): its status, message and points.
fn scored(
    lesson: &Lesson,
    exercise: &Exercise,
    status: &str,
    message: Option<String>,
    tests: Vec<TestResult>,
) -> ExerciseResult {
    let tests = if tests.is_empty() {
        let visible = visible_tests(lesson, exercise);
        exercise
            .points
            .iter()
            .map(|(test, &max)| TestResult {
                name: format!("{}::{test}", lesson.id(exercise)),
                status: status.to_string(),
                message: None,
                output: None,
                points: 0,
                max_points: max,
                hidden: !declares_fn(&visible, test),
            })
            .collect()
    } else {
        tests
    };
    let points = tests.iter().map(|t| t.points).sum();
    ExerciseResult {
        id: lesson.id(exercise),
        status: status.to_string(),
        points,
        max_points: Lesson::max_points(exercise),
        message,
        tests,
        overrides: Vec::new(),
        matches_reference: false,
    }
}

fn from_tests(lesson: &Lesson, exercise: &Exercise, tests: Vec<TestResult>) -> ExerciseResult {
    let status = if tests.iter().all(|t| t.status == "pass") {
        "pass"
    } else if tests.iter().any(|t| t.status == "timeout") {
        "timeout"
    } else {
        "fail"
    };
    scored(lesson, exercise, status, None, tests)
}

/// The source of an exercise's visible tests (`tests/<exercise>.rs`): a test it does not declare
/// is hidden.
fn visible_tests(lesson: &Lesson, exercise: &Exercise) -> String {
    fsx::read(
        &lesson
            .dir
            .join("tests")
            .join(format!("{}.rs", exercise.name)),
    )
    .unwrap_or_default()
}

fn run_tests(
    lesson: &Lesson,
    exercise: &Exercise,
    binaries: &BTreeMap<String, PathBuf>,
    work: &build::Workspace,
    options: &Options,
    deadline: Instant,
) -> Result<Vec<TestResult>> {
    let visible_source = visible_tests(lesson, exercise);
    // The tests of one exercise run at once, a few at a time: a submission that hangs costs
    // its timeout once per batch, not once per test. Each test is its own sandboxed process,
    // so they share nothing; worst case in memory: `jobs` x TESTS_AT_ONCE x the memory limit.
    let tests: Vec<(&String, u32)> = exercise.points.iter().map(|(t, &m)| (t, m)).collect();
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<TestResult>>>> =
        tests.iter().map(|_| Mutex::default()).collect();
    std::thread::scope(|scope| {
        for _ in 0..TESTS_AT_ONCE.min(tests.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(&(test, max)) = tests.get(i) else {
                        break;
                    };
                    let result = run_test(
                        lesson,
                        exercise,
                        test,
                        max,
                        &visible_source,
                        binaries,
                        work,
                        options,
                        deadline,
                    );
                    *slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .unwrap_or_else(|| Err(Error::new("a test was not run")))
        })
        .collect()
}

/// How many tests of one exercise run at once.
const TESTS_AT_ONCE: usize = 4;

/// Runs one test in the sandbox and reads its verdict.
#[allow(clippy::too_many_arguments)]
fn run_test(
    lesson: &Lesson,
    exercise: &Exercise,
    test: &String,
    max: u32,
    visible_source: &str,
    binaries: &BTreeMap<String, PathBuf>,
    work: &build::Workspace,
    options: &Options,
    deadline: Instant,
) -> Result<TestResult> {
    {
        let name = format!("{}::{test}", lesson.id(exercise));
        let hidden = !declares_fn(visible_source, test);
        let target = if hidden {
            format!("grading_{}", exercise.name)
        } else {
            exercise.name.clone()
        };
        let Some(binary) = binaries.get(&target) else {
            return Ok(TestResult {
                name,
                status: "error".into(),
                message: Some(format!("test target `{target}` was not built")),
                output: None,
                points: 0,
                max_points: max,
                hidden,
            });
        };
        if Instant::now() >= deadline {
            return Ok(TestResult {
                name,
                status: "timeout".into(),
                message: Some("the submission's time ran out before this test".into()),
                output: None,
                points: 0,
                max_points: max,
                hidden,
            });
        }
        let rundir = work.run_dir(&name)?;
        let marker = rundir.join("marker");
        let job = sandbox::Job {
            program: binary,
            // --nocapture: what the test prints goes straight to the grader, which caps it,
            // instead of piling up in libtest's memory.
            args: vec![
                test.clone(),
                "--exact".into(),
                "--test-threads=1".into(),
                "--nocapture".into(),
            ],
            env: vec![
                (MARKER_VAR.into(), "3".into()),
                ("COURSE_SEED".into(), options.seed.to_string()),
                ("RUST_BACKTRACE".into(), "0".into()),
                // glibc reserves 64 MiB of address space per thread arena; under an
                // address-space limit a test with a few threads would fail for that alone.
                ("MALLOC_ARENA_MAX".into(), "2".into()),
            ],
            view: View::Test {
                dir: rundir.clone(),
            },
            marker: Some(marker.clone()),
        };
        let outcome = sandbox::run(&job, options.isolation, limits_for_tests(options))?;
        let marked = std::fs::read_to_string(&marker).is_ok_and(|m| m.lines().any(|l| l == test));
        let _ = std::fs::remove_dir_all(&rundir);
        let output = crate::libtest::test_output(&outcome.output, test);
        let (status, message) = if outcome.timed_out {
            (
                "timeout",
                Some(format!(
                    "did not finish within {} s",
                    options.test_timeout.as_secs()
                )),
            )
        } else if outcome.flooded {
            (
                "fail",
                Some("stopped: printed more output than the grader keeps".to_string()),
            )
        } else if outcome.status.is_some_and(|s| s.success()) && marked {
            ("pass", None)
        } else if outcome.status.is_some_and(|s| s.success()) {
            ("fail", Some("the process exited with status 0 before the test finished (no completion marker)".to_string()))
        } else {
            let panic = crate::libtest::panic_message(&outcome.output);
            let why = if panic.is_empty() {
                format!("the test process ended with {}", describe(outcome.status))
            } else {
                panic
            };
            ("fail", Some(why))
        };
        let output = if status == "pass" || output.is_empty() {
            None
        } else {
            Some(cap(&output, 500))
        };
        Ok(TestResult {
            name,
            status: status.into(),
            message: message.map(|m| cap(&m, 2000)),
            output,
            points: if status == "pass" { max } else { 0 },
            max_points: max,
            hidden,
        })
    }
}

fn describe(status: Option<std::process::ExitStatus>) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status {
        Some(s) if s.code().is_some() => format!("exit status {}", s.code().unwrap_or_default()),
        Some(s) => format!("signal {}", s.signal().unwrap_or_default()),
        None => "a kill".into(),
    }
}

/// Whether `source` declares `fn <name>(`.
fn declares_fn(source: &str, name: &str) -> bool {
    source
        .match_indices(&format!("fn {name}("))
        .next()
        .is_some()
}

/// At most `max` characters, marking the cut.
pub fn cap(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_marker_variable_is_the_marker_crates() {
        assert_eq!(super::MARKER_VAR, course_marker::VAR);
    }
}
