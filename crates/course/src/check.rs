//! Checking one exercise in a learner's folder, the way the grader would but for a learner:
//!
//! - **build** the exercise's visible test with cargo's JSON messages, so that the tool knows
//!   which file each error and warning is about. When the errors are all in *other* exercises
//!   of the lesson (a half-typed line elsewhere), it builds again in a scratch copy of the
//!   folder where those files are the released stubs, as the grader rebuilds a broken lesson
//!   exercise by exercise: one broken file never hides another exercise's result;
//! - **run** each test as its own process, a few at a time, under the grader's per-test
//!   wall-clock limit (a loop that never gives the thread back is stopped and named), with
//!   backtraces off;
//! - **report** only what is about the exercise being checked: its compiler errors, rustc's
//!   warnings on its file (the "futures do nothing unless you `.await`" warning is the clue
//!   lessons 2 and 4 need), and each test's verdict, with paths that lead to the learner's own
//!   file from where they are, never to the instructor's copy of the same name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::course::{Exercise, Lesson};
use crate::error::{Error, Result};
use crate::fsx;
use crate::grade::sandbox::{self, Isolation, Limits, View};
use crate::libtest;
use crate::release;

/// How many tests of one exercise run at once (as in the grader).
const TESTS_AT_ONCE: usize = 4;

/// What checking one exercise found.
pub struct Report {
    pub outcome: Outcome,
    /// rustc's warnings about the exercise's own file, as rustc renders them.
    pub warnings: Vec<String>,
    /// Other exercises of the lesson whose file does not compile right now: their released
    /// stubs stood in for them so that this one could be checked.
    pub left_out: Vec<String>,
}

pub enum Outcome {
    /// The exercise's own file (or its test) does not compile: rustc's errors.
    DoesNotCompile(String),
    /// One verdict per visible test, in the test file's order.
    Tested(Vec<TestRun>),
}

pub struct TestRun {
    pub name: String,
    pub verdict: Verdict,
}

pub enum Verdict {
    Pass,
    /// The panic message (paths made the learner's), or how the process ended.
    Fail(String),
    /// Still running after the per-test limit: stopped.
    Timeout,
}

impl Report {
    pub fn passed(&self) -> bool {
        matches!(&self.outcome, Outcome::Tested(runs)
            if !runs.is_empty() && runs.iter().all(|r| matches!(r.verdict, Verdict::Pass)))
    }
}

/// One diagnostic of rustc, from cargo's JSON messages.
struct Diagnostic {
    level: String,
    /// The lint or error code (`unused_must_use`, `E0308`), when there is one.
    code: Option<String>,
    /// The file of the primary span, relative to the workspace (`lessons/05-gather/src/x.rs`).
    file: Option<String>,
    rendered: String,
}

struct Build {
    ok: bool,
    diagnostics: Vec<Diagnostic>,
    executable: Option<PathBuf>,
    /// Cargo's own words, for a failure that is not rustc's (a broken manifest).
    stderr: String,
}

/// Checks `exercise` of `lesson` in the learner's folder `dir`. `say` receives a line to show
/// while the work goes on (building, running).
pub fn check(
    lesson: &Lesson,
    exercise: &Exercise,
    dir: &Path,
    timeout: Duration,
    say: &dyn Fn(Step),
) -> Result<Report> {
    let own_src = format!("lessons/{}/src/{}.rs", lesson.folder, exercise.name);
    let own_test = format!("lessons/{}/tests/{}.rs", lesson.folder, exercise.name);
    let is_own = |file: &str| file == own_src || file == own_test;
    // The learner's own target folder (or the one their environment names), so that a check
    // reuses what `cargo test` built there and the other way round.
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(t) if !t.is_empty() => std::env::current_dir()
            .map(|here| here.join(&t))
            .unwrap_or_else(|_| PathBuf::from(t)),
        _ => dir.join("target"),
    };

    let unfinished =
        std::fs::read_to_string(dir.join(&own_src)).is_ok_and(|t| t.contains("todo!("));
    say(Step::Building);
    let mut build = cargo_build(dir, &target, &lesson.package, &exercise.name)?;
    let mut left_out = Vec::new();
    if !build.ok {
        let errors: Vec<&Diagnostic> = build
            .diagnostics
            .iter()
            .filter(|d| d.level == "error" && d.file.is_some())
            .collect();
        let own: Vec<&Diagnostic> = errors
            .iter()
            .copied()
            .filter(|d| d.file.as_deref().is_some_and(is_own))
            .collect();
        let siblings: BTreeSet<String> = errors
            .iter()
            .filter_map(|d| d.file.as_deref())
            .filter_map(|f| {
                let name = f
                    .strip_prefix(&format!("lessons/{}/src/", lesson.folder))?
                    .strip_suffix(".rs")?;
                lesson
                    .exercises
                    .iter()
                    .find(|e| e.name == name && e.name != exercise.name)
                    .map(|e| lesson.id(e))
            })
            .collect();
        if !own.is_empty() || siblings.is_empty() {
            let text = if own.is_empty() {
                // Not rustc's complaint about one file: show everything cargo said.
                let all: Vec<&str> = errors.iter().map(|d| d.rendered.as_str()).collect();
                if all.is_empty() {
                    build.stderr.clone()
                } else {
                    all.join("")
                }
            } else {
                own.iter().map(|d| d.rendered.as_str()).collect()
            };
            return Ok(Report {
                outcome: Outcome::DoesNotCompile(text.trim_end().to_string()),
                warnings: own_warnings(&build, &is_own, unfinished),
                left_out: Vec::new(),
            });
        }
        // Only other exercises are broken: check this one with their stubs in a scratch copy.
        say(Step::Isolating(siblings.iter().cloned().collect()));
        let scratch = isolated_copy(lesson, exercise, dir, &target)?;
        build = cargo_build(&scratch, &target, &lesson.package, &exercise.name)?;
        build.as_if_in_lessons();
        left_out = siblings.into_iter().collect();
        if !build.ok {
            let all: String = build
                .diagnostics
                .iter()
                .filter(|d| d.level == "error")
                .map(|d| d.rendered.as_str())
                .collect();
            let text = if all.trim().is_empty() {
                build.stderr.clone()
            } else {
                all
            };
            return Ok(Report {
                outcome: Outcome::DoesNotCompile(text.trim_end().to_string()),
                warnings: Vec::new(),
                left_out,
            });
        }
    }
    let warnings = own_warnings(&build, &is_own, unfinished);
    let Some(executable) = build.executable.clone() else {
        return Err(Error::new(format!(
            "cargo built {} but named no test executable for `{}`",
            lesson.package, exercise.name
        )));
    };
    let mut tests = list_tests(&executable, &target, timeout)?;
    // libtest lists by name; the test file's order is the order a learner reads them in.
    let source = std::fs::read_to_string(dir.join(&own_test)).unwrap_or_default();
    tests.sort_by_key(|name| source.find(&format!("fn {name}(")).unwrap_or(usize::MAX));
    say(Step::Running(tests.len()));
    let runs = run_tests(&executable, &tests, &target, timeout)?;
    Ok(Report {
        outcome: Outcome::Tested(runs),
        warnings,
        left_out,
    })
}

/// What `check` is doing, for the line the learner sees while it works.
pub enum Step {
    Building,
    /// Building again with these (broken) exercises' stubs standing in.
    Isolating(Vec<String>),
    /// Running this many tests.
    Running(usize),
}

/// Lints that only say a stub is still a stub while the file has a `todo!()` in it: its
/// arguments are unused because the body is not written yet.
const STUB_NOISE: [&str; 4] = [
    "unused_variables",
    "unused_imports",
    "dead_code",
    "unused_mut",
];

fn own_warnings(build: &Build, is_own: &dyn Fn(&str) -> bool, unfinished: bool) -> Vec<String> {
    let mut seen = BTreeSet::new();
    build
        .diagnostics
        .iter()
        .filter(|d| d.level == "warning" && d.file.as_deref().is_some_and(is_own))
        .filter(|d| !(unfinished && d.code.as_deref().is_some_and(|c| STUB_NOISE.contains(&c))))
        .filter(|d| seen.insert(d.rendered.clone()))
        .map(|d| d.rendered.trim_end().to_string())
        .collect()
}

impl Build {
    /// A build of the scratch copy names its files `isolated/...`: name them as the learner's.
    fn as_if_in_lessons(&mut self) {
        for d in &mut self.diagnostics {
            if let Some(file) = &mut d.file
                && let Some(rest) = file.strip_prefix(ISOLATED)
            {
                *file = format!("lessons/{rest}");
            }
            d.rendered = d.rendered.replace(ISOLATED, "lessons/");
        }
        self.stderr = self.stderr.replace(ISOLATED, "lessons/");
    }
}

/// Where the scratch copy keeps the lessons. Not `lessons/`: cargo names a workspace member's
/// build by its path inside the workspace, and the copy shares the learner's target folder,
/// so under the same path the copy's build and the learner's would pass for each other.
const ISOLATED: &str = "isolated/";

/// `cargo test --no-run` of one test target, read from cargo's JSON messages.
fn cargo_build(ws: &Path, target: &Path, package: &str, test: &str) -> Result<Build> {
    let output = Command::new("cargo")
        .args([
            "test",
            "--no-run",
            "--message-format=json",
            "--color",
            "never",
            "-p",
            package,
            "--test",
            test,
        ])
        .current_dir(ws)
        .env("CARGO_TARGET_DIR", target)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::new(format!("cannot run cargo: {e}")))?;
    let mut diagnostics = Vec::new();
    let mut executable = None;
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-message") => {
                let m = &message["message"];
                let file = m["spans"].as_array().and_then(|spans| {
                    spans
                        .iter()
                        .find(|s| s["is_primary"].as_bool() == Some(true))
                        .and_then(|s| s["file_name"].as_str())
                        .map(String::from)
                });
                diagnostics.push(Diagnostic {
                    level: m["level"].as_str().unwrap_or_default().to_string(),
                    code: m["code"]["code"].as_str().map(String::from),
                    file,
                    rendered: m["rendered"].as_str().unwrap_or_default().to_string(),
                });
            }
            Some("compiler-artifact")
                if message["target"]["name"].as_str() == Some(test)
                    && message["target"]["kind"]
                        .as_array()
                        .is_some_and(|k| k.iter().any(|k| k == "test")) =>
            {
                executable = message["executable"].as_str().map(PathBuf::from);
            }
            _ => {}
        }
    }
    let stderr = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            !(l.starts_with("Compiling")
                || l.starts_with("Blocking")
                || l.starts_with("Finished")
                || l.starts_with("Executable")
                || l.starts_with("Checking"))
        })
        .collect::<Vec<_>>()
        .join("\n");
    Ok(Build {
        ok: output.status.success(),
        diagnostics,
        executable,
        stderr,
    })
}

/// A copy of the learner's folder under `<target>/course-check/ws`, where the other exercises
/// of the lesson are their released stubs (which compile). The learner's files are only read.
fn isolated_copy(
    lesson: &Lesson,
    exercise: &Exercise,
    dir: &Path,
    target: &Path,
) -> Result<PathBuf> {
    let scratch = target.join("course-check/ws");
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch).map_err(|e| Error::io(&scratch, e))?;
    }
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        let from = entry.path();
        if from.is_dir() {
            for rel in fsx::files_under(&from)? {
                // The tool's own state and backups are not part of a build.
                if name == ".course" && !rel.starts_with("launcher") {
                    continue;
                }
                fsx::copy(&from.join(&rel), &scratch.join(&name).join(&rel))?;
            }
        } else if from.is_file() {
            fsx::copy(&from, &scratch.join(&name))?;
        }
    }
    // The lessons move to `isolated/` (see [`ISOLATED`]), and the manifest says so.
    std::fs::rename(scratch.join("lessons"), scratch.join(ISOLATED))
        .map_err(|e| Error::io(&scratch, e))?;
    let manifest = scratch.join("Cargo.toml");
    let text = fsx::read(&manifest)?;
    if !text.contains("\"lessons/*\"") {
        return Err(Error::new(format!(
            "{}: the workspace's members no longer name \"lessons/*\"",
            dir.join("Cargo.toml").display()
        )));
    }
    fsx::write_atomic(&manifest, text.replace("\"lessons/*\"", "\"isolated/*\""))?;
    let stubs = release::lesson_files(lesson)?;
    let lesson_dir = scratch.join(ISOLATED).join(&lesson.folder);
    for other in lesson.exercises.iter().filter(|e| e.name != exercise.name) {
        let rel = Path::new("src").join(format!("{}.rs", other.name));
        if let Some(stub) = stubs.get(&rel) {
            fsx::write_atomic(&lesson_dir.join(&rel), stub)?;
        }
    }
    Ok(scratch)
}

fn test_job<'a>(executable: &'a Path, args: Vec<String>, rundir: &Path) -> sandbox::Job<'a> {
    let mut env = vec![
        // Backtraces off whatever the learner's shell says: the assertion is what matters.
        ("RUST_BACKTRACE".to_string(), "0".to_string()),
        ("RUST_LIB_BACKTRACE".to_string(), "0".to_string()),
    ];
    for key in ["PATH", "HOME", "TMPDIR", "LANG"] {
        if let Ok(value) = std::env::var(key) {
            env.push((key.to_string(), value));
        }
    }
    sandbox::Job {
        program: executable,
        args,
        env,
        view: View::Test {
            dir: rundir.to_path_buf(),
        },
        marker: None,
    }
}

/// The test names of a test executable, in its order.
fn list_tests(executable: &Path, target: &Path, timeout: Duration) -> Result<Vec<String>> {
    let rundir = target.join("course-check/run");
    fsx::create_dir_all(&rundir)?;
    let job = test_job(
        executable,
        vec!["--list".into(), "--format".into(), "terse".into()],
        &rundir,
    );
    let outcome = sandbox::run(&job, Isolation::ProcessGroup, Limits::wall_only(timeout))?;
    let names: Vec<String> = outcome
        .output
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .map(String::from)
        .collect();
    if names.is_empty() {
        return Err(Error::new(format!(
            "{} lists no tests:\n{}",
            executable.display(),
            outcome.output
        )));
    }
    Ok(names)
}

fn run_tests(
    executable: &Path,
    tests: &[String],
    target: &Path,
    timeout: Duration,
) -> Result<Vec<TestRun>> {
    let rundir = target.join("course-check/run");
    fsx::create_dir_all(&rundir)?;
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<TestRun>>>> =
        tests.iter().map(|_| Mutex::default()).collect();
    std::thread::scope(|scope| {
        for _ in 0..TESTS_AT_ONCE.min(tests.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(name) = tests.get(i) else {
                        break;
                    };
                    let job = test_job(
                        executable,
                        vec![
                            name.clone(),
                            "--exact".into(),
                            "--test-threads=1".into(),
                            "--nocapture".into(),
                        ],
                        &rundir,
                    );
                    let result =
                        sandbox::run(&job, Isolation::ProcessGroup, Limits::wall_only(timeout))
                            .map(|outcome| TestRun {
                                name: name.clone(),
                                verdict: if outcome.timed_out {
                                    Verdict::Timeout
                                } else if outcome.status.is_some_and(|s| s.success()) {
                                    Verdict::Pass
                                } else {
                                    let panic = libtest::panic_message(&outcome.output);
                                    Verdict::Fail(if panic.is_empty() {
                                        libtest::test_output(&outcome.output, name)
                                    } else {
                                        panic
                                    })
                                },
                            });
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

/// How the learner reaches their folder from where they are: `exercises/` from the repository
/// root, nothing inside the folder, `../../` two levels down in it, or the absolute path.
pub fn prefix_from_here(dir: &Path) -> String {
    let Ok(here) = std::env::current_dir().and_then(|d| d.canonicalize()) else {
        return format!("{}/", dir.display());
    };
    let Ok(dir) = dir.canonicalize() else {
        return format!("{}/", dir.display());
    };
    if let Ok(below) = dir.strip_prefix(&here) {
        let s = below.display().to_string();
        return if s.is_empty() { s } else { format!("{s}/") };
    }
    if let Ok(above) = here.strip_prefix(&dir) {
        return "../".repeat(above.components().count());
    }
    format!("{}/", dir.display())
}

/// `text` with every path in the learner's folder (`lessons/...`, as cargo and the tests print
/// them) written as the learner reaches it from where they are.
pub fn learner_paths(text: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("lessons/") {
        let before = &rest[..at];
        let starts_a_path = before
            .chars()
            .last()
            .is_none_or(|c| c.is_whitespace() || c == '`' || c == '(');
        out.push_str(before);
        if starts_a_path {
            out.push_str(prefix);
        }
        out.push_str("lessons/");
        rest = &rest[at + "lessons/".len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_messages_lead_to_the_learners_own_file() {
        let rustc = "error[E0425]: cannot find value `x`\n  --> lessons/05-gather/src/gather_lookups.rs:3:5\n";
        assert_eq!(
            learner_paths(rustc, "exercises/"),
            "error[E0425]: cannot find value `x`\n  --> exercises/lessons/05-gather/src/gather_lookups.rs:3:5\n"
        );
        let panic = "thread 'x' panicked at lessons/05-gather/tests/gather_lookups.rs:30:5:";
        assert_eq!(
            learner_paths(panic, "../../"),
            "thread 'x' panicked at ../../lessons/05-gather/tests/gather_lookups.rs:30:5:"
        );
        // Not a path of the folder: left alone.
        assert_eq!(learner_paths("mylessons/x", "exercises/"), "mylessons/x");
        assert_eq!(learner_paths("a --> lessons/x", ""), "a --> lessons/x");
    }
}
