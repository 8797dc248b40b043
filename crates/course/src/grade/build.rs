//! Assembling and building each student's workspace from instructor-owned files.
//!
//! The dependencies (tokio, futures, pin-project, the marker crate) are compiled once per class
//! into a base target folder, by the instructor's own workspace. Each student's target folder
//! starts as a copy of it (about 110 MB, a fifth of a second), so cargo finds the dependencies
//! fresh and compiles only the student's lesson crates, and the base itself is never written
//! after it is built. A hard-linked copy would be cheaper and is wrong: cargo rewrites some
//! files in place (the lesson crates' fingerprints, whose names do not depend on where the
//! workspace lies), and two students graded at once then overwrote each other's build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::course::Course;
use crate::error::{Error, Result};
use crate::fsx;
use crate::grade::sandbox::{self, Isolation, Limits};
use crate::release;

/// The class-wide part: the instructor's workspace with stubs, built once.
pub struct Base {
    /// `<course>/target/grader/base`: the workspace.
    ws: PathBuf,
    /// Its target folder, holding the compiled dependencies.
    target: PathBuf,
    /// Where students' workspaces are made.
    work: PathBuf,
    /// The workspace manifest every student workspace uses.
    manifest: String,
}

/// One student's workspace and target folder.
pub struct Workspace {
    root: PathBuf,
    ws: PathBuf,
    target: PathBuf,
    runs: PathBuf,
}

pub enum LessonBuild {
    /// Test target name -> test executable.
    Built(BTreeMap<String, PathBuf>),
    /// The compiler's errors.
    Failed(String),
}

pub struct Built {
    pub lessons: BTreeMap<String, LessonBuild>,
}

/// The environment for cargo and for the tests: the machine's toolchain, nothing of the user's
/// shell (no RUSTFLAGS, no CARGO_* overrides, no proxies).
fn base_env(target: &Path) -> Vec<(String, String)> {
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    let cargo_home = std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{home}/.cargo"));
    let rustup_home = std::env::var("RUSTUP_HOME").unwrap_or_else(|_| format!("{home}/.rustup"));
    let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/local/bin:/usr/bin:/bin".into());
    vec![
        ("PATH".into(), path),
        ("HOME".into(), "/tmp".into()),
        ("CARGO_HOME".into(), cargo_home),
        ("RUSTUP_HOME".into(), rustup_home),
        ("CARGO_TARGET_DIR".into(), target.display().to_string()),
        ("CARGO_NET_OFFLINE".into(), "true".into()),
        ("CARGO_TERM_COLOR".into(), "never".into()),
        // No debug info: smaller test binaries, faster links; the grader reads no backtraces.
        ("CARGO_PROFILE_DEV_DEBUG".into(), "0".into()),
        ("CARGO_PROFILE_TEST_DEBUG".into(), "0".into()),
        ("CARGO_INCREMENTAL".into(), "0".into()),
    ]
}

impl Base {
    /// Lays out the base workspace under `<course>/target/grader` and builds its dependencies.
    pub fn prepare(course: &Course) -> Result<Base> {
        let root = course.root.join("target/grader");
        let ws = root.join("base");
        let target = root.join("base-target");
        let work = root.join("work");
        fsx::create_dir_all(&work)?;
        let marker_dir = ws.join("crates/course-marker");
        let student = release::student_files(course)?;
        let manifest = String::from_utf8_lossy(&student[Path::new("Cargo.toml")]).replace(
            "path = \"crates/course-marker\"",
            &format!("path = \"{}\"", marker_dir.display()),
        );
        // The base is the student version with the instructor's manifests and hidden tests:
        // exactly what a student's workspace is, with the stubs as the student's files.
        for (rel, contents) in &student {
            let write = rel.starts_with("crates")
                || rel == Path::new("Cargo.lock")
                || rel == Path::new("rust-toolchain.toml");
            if write {
                write_if_changed(&ws.join(rel), contents)?;
            }
        }
        write_if_changed(&ws.join("Cargo.toml"), manifest.as_bytes())?;
        // A student's workspace has the lessons only; the marker crate stays in the base, where
        // it was compiled, and is found there by its absolute path.
        let manifest = manifest.replace(
            "members = [\"crates/course-marker\", \"lessons/*\"]",
            "members = [\"lessons/*\"]",
        );
        if !manifest.contains("members = [\"lessons/*\"]") {
            return Err(Error::new(
                "the student workspace manifest has an unexpected members list",
            ));
        }
        for lesson in &course.lessons {
            for (rel, contents) in
                instructor_lesson_files(course, &lesson.folder, &BTreeMap::new())?
            {
                write_if_changed(
                    &ws.join("lessons").join(&lesson.folder).join(rel),
                    contents.as_bytes(),
                )?;
            }
        }
        // Fetch once, online, as the instructor (the students' builds are offline).
        let fetch = Command::new("cargo")
            .arg("fetch")
            .current_dir(&ws)
            .stdout(Stdio::null())
            .output()
            .map_err(|e| Error::new(format!("cannot run cargo: {e}")))?;
        if !fetch.status.success() {
            return Err(Error::new(format!(
                "cargo fetch failed in {}:\n{}",
                ws.display(),
                String::from_utf8_lossy(&fetch.stderr)
            )));
        }
        // The base is the instructor's own code, built outside the sandbox; only students'
        // builds run inside it.
        let mut build = Command::new("cargo");
        build
            .args(["build", "--tests", "--workspace", "--offline", "--quiet"])
            .current_dir(&ws)
            .env_clear();
        for (k, v) in base_env(&target) {
            build.env(k, v);
        }
        let out = build
            .output()
            .map_err(|e| Error::new(format!("cannot run cargo: {e}")))?;
        if !out.status.success() {
            return Err(Error::new(format!(
                "the instructor's stubs do not build in {} (run `course selfcheck`):\n{}",
                ws.display(),
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        Ok(Base {
            ws,
            target,
            work,
            manifest,
        })
    }

    /// A fresh workspace for `student`: instructor files, stubs, and the student's `src/**/*.rs`
    /// of each lesson they handed in.
    pub fn student_workspace(
        &self,
        course: &Course,
        student: &str,
        submitted: &BTreeMap<String, BTreeMap<PathBuf, String>>,
    ) -> Result<Workspace> {
        let safe: String = student
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let root = self.work.join(format!("{safe}-{:x}", fnv(student)));
        let _ = std::fs::remove_dir_all(&root);
        let ws = root.join("ws");
        let target = root.join("target");
        let runs = root.join("runs");
        fsx::create_dir_all(&runs)?;
        fsx::write_atomic(&ws.join("Cargo.toml"), &self.manifest)?;
        for name in ["Cargo.lock", "rust-toolchain.toml"] {
            let from = self.ws.join(name);
            if from.is_file() {
                fsx::copy(&from, &ws.join(name))?;
            }
        }
        for lesson in &course.lessons {
            let Some(files) = submitted.get(&lesson.folder) else {
                continue;
            };
            for (rel, contents) in instructor_lesson_files(course, &lesson.folder, files)? {
                fsx::write_atomic(&ws.join("lessons").join(&lesson.folder).join(rel), contents)?;
            }
        }
        // The dependencies, compiled once, copied in (see the module's doc for why not linked).
        let status = Command::new("cp")
            .args(["-a"])
            .arg(&self.target)
            .arg(&target)
            .status()
            .map_err(|e| Error::new(format!("cannot run cp: {e}")))?;
        if !status.success() {
            return Err(Error::new(format!(
                "cannot copy {} to {}",
                self.target.display(),
                target.display()
            )));
        }
        Ok(Workspace {
            root,
            ws,
            target,
            runs,
        })
    }
}

/// A stable short hash, so that two student names that sanitize alike get different folders.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

fn write_if_changed(path: &Path, contents: &[u8]) -> Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    fsx::write_atomic(path, contents)
}

/// A lesson as the grader builds it: the instructor's manifest (hidden tests included),
/// lesson.toml, visible and hidden tests, the released stubs, and over them `student_src`.
fn instructor_lesson_files(
    course: &Course,
    folder: &str,
    student_src: &BTreeMap<PathBuf, String>,
) -> Result<BTreeMap<PathBuf, String>> {
    let lesson = course
        .lessons
        .iter()
        .find(|l| l.folder == folder)
        .ok_or_else(|| Error::new(format!("no lesson {folder}")))?;
    let mut files = release::lesson_files(lesson)?;
    files.retain(|rel, _| {
        rel.starts_with("src") || rel.starts_with("tests") || rel == Path::new("lesson.toml")
    });
    files.insert(
        PathBuf::from("Cargo.toml"),
        fsx::read(&lesson.dir.join("Cargo.toml"))?,
    );
    for rel in fsx::files_under(&lesson.dir.join("grading"))? {
        files.insert(
            Path::new("grading").join(&rel),
            fsx::read(&lesson.dir.join("grading").join(&rel))?,
        );
    }
    for (rel, text) in student_src {
        files.insert(rel.clone(), text.clone());
    }
    Ok(files)
}

impl Workspace {
    pub fn env(&self) -> Vec<(String, String)> {
        base_env(&self.target)
    }

    pub fn lesson_dir(&self, folder: &str) -> PathBuf {
        self.ws.join("lessons").join(folder)
    }

    /// A fresh folder for one test run: the only place the test may write (its marker).
    pub fn run_dir(&self, test: &str) -> Result<PathBuf> {
        let dir = self.runs.join(format!("{:x}", fnv(test)));
        let _ = std::fs::remove_dir_all(&dir);
        fsx::create_dir_all(&dir)?;
        Ok(dir)
    }

    /// The student's folder (workspace, target, runs): what a test may read.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Removes the student's workspace and target folder (the shared files stay in the base).
    pub fn clean(&self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Builds the test binaries of every lesson the student handed in, offline, in the sandbox.
pub fn build(
    base: &Base,
    work: &Workspace,
    course: &Course,
    submitted: &BTreeMap<String, BTreeMap<PathBuf, String>>,
    isolation: Isolation,
    deadline: Instant,
) -> Result<Built> {
    let mut lessons = BTreeMap::new();
    let packages: Vec<(&str, &str)> = course
        .lessons
        .iter()
        .filter(|l| submitted.contains_key(&l.folder))
        .map(|l| (l.folder.as_str(), l.package.as_str()))
        .collect();
    if packages.is_empty() {
        return Ok(Built { lessons });
    }
    let mut args: Vec<String> = vec![
        "build".into(),
        "--tests".into(),
        "--offline".into(),
        "--keep-going".into(),
        "--message-format=json".into(),
    ];
    for (_, package) in &packages {
        args.push("-p".into());
        args.push(package.to_string());
    }
    let cargo = which("cargo")?;
    let job = sandbox::Job {
        program: &cargo,
        args,
        dir: &work.ws,
        env: work.env(),
        readable: vec![base.ws.clone()],
        writable: vec![
            work.ws.clone(),
            work.target.clone(),
            PathBuf::from("/dev/shm"),
        ],
    };
    let wall = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_secs(1));
    let limits = Limits {
        wall,
        output: 64 << 20,
        memory: 8 << 30,
        file_size: 1 << 30,
        processes: 4096,
    };
    let outcome = sandbox::run(&job, isolation, limits)?;
    if outcome.timed_out {
        for (folder, _) in &packages {
            lessons.insert(
                folder.to_string(),
                LessonBuild::Failed("the build did not finish in the submission's time".into()),
            );
        }
        return Ok(Built { lessons });
    }
    let ws_prefix = format!("{}/", work.ws.display());
    let mut binaries: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut other = Vec::new();
    for line in outcome.output.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            if !line.trim().is_empty() {
                other.push(line.to_string());
            }
            continue;
        };
        let manifest = message["manifest_path"].as_str().unwrap_or_default();
        let Some(folder) = packages
            .iter()
            .map(|(f, _)| *f)
            .find(|f| manifest.contains(&format!("/lessons/{f}/")))
        else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-artifact") => {
                if let Some(exe) = message["executable"].as_str() {
                    let name = message["target"]["name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string();
                    binaries
                        .entry(folder.to_string())
                        .or_default()
                        .insert(name, PathBuf::from(exe));
                }
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let rendered = message["message"]["rendered"]
                    .as_str()
                    .unwrap_or_default()
                    .replace(&ws_prefix, "");
                errors.entry(folder.to_string()).or_default().push(rendered);
            }
            _ => {}
        }
    }
    for (folder, _) in &packages {
        let entry = match (errors.remove(*folder), binaries.remove(*folder)) {
            (Some(errs), _) => LessonBuild::Failed(crate::grade::cap(&errs.join("\n"), 4000)),
            (None, Some(bins)) => LessonBuild::Built(bins),
            (None, None) => LessonBuild::Failed(crate::grade::cap(
                &format!(
                    "cargo built nothing:\n{}",
                    other.join("\n").replace(&ws_prefix, "")
                ),
                4000,
            )),
        };
        lessons.insert(folder.to_string(), entry);
    }
    Ok(Built { lessons })
}

/// The full path of a program on PATH (the sandbox runs it by path).
fn which(program: &str) -> Result<PathBuf> {
    let path = std::env::var("PATH").unwrap_or_default();
    path.split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|p| p.is_file())
        .ok_or_else(|| Error::new(format!("{program} is not on PATH")))
}
