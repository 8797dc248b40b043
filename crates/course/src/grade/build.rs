//! Assembling and building each student's workspace from instructor-owned files, in two steps
//! so that student code is never compiled where a hidden test is:
//!
//! 1. **The student's library and the visible tests**, in a workspace that has no `grading/`
//!    folder and manifests without the hidden test targets, in the sandbox (which holds no
//!    course checkout either). The lesson crates are compiled by `clippy-driver`, so the
//!    compile that makes the code also checks it for forbidden APIs (`bans`); the compiler's
//!    dep-info says what else it read. The compiler's messages here show only public files.
//! 2. **The hidden tests**, added afterwards and built against the library of step 1, which
//!    cargo must find fresh: if it compiled the student's code again, nothing of it is run.
//!    Errors in a hidden test are reported by their codes only, never with its source.
//!
//! The dependencies (tokio, futures, pin-project, the marker crate) are compiled once per class
//! into a base target folder, by the instructor's own workspace. Each student's target folder
//! starts as a copy of it (about 50 MB), so cargo finds the dependencies
//! fresh and compiles only the student's lesson crates, and the base itself is never written
//! after it is built. A hard-linked copy would be cheaper and is wrong: cargo rewrites some
//! files in place (the lesson crates' fingerprints, whose names do not depend on where the
//! workspace lies), and two students graded at once then overwrote each other's build.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::course::Course;
use crate::error::{Error, Result};
use crate::fsx;
use crate::grade::bans::{self, Finding};
use crate::grade::sandbox::{self, Isolation, Limits, View};
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
    /// The compiled marker crate, the one folder of the base a student's build reads.
    marker: PathBuf,
    /// Where the grader's `clippy.toml` is.
    lints: PathBuf,
    toolchain: Toolchain,
    /// The files of the [`DEPS`] crate.
    deps_crate: BTreeMap<PathBuf, String>,
    /// Held while this grading run uses `target/grader`: a second run of the same course waits
    /// instead of rewriting the base under the first one's builds.
    _lock: std::fs::File,
}

/// A member of every grading workspace that depends on every shared dependency with every
/// feature, and is built with whatever lessons a student handed in: cargo compiles a
/// dependency once per feature set, the union over the packages being built, so without it a
/// student who hands in one lesson would need tokio, syn and the rest compiled again with that
/// lesson's features instead of using the class's copy in the base.
const DEPS: &str = "grader-deps";

/// The pinned toolchain's own folder and cargo's home: what a build needs to read.
#[derive(Clone, Debug)]
pub struct Toolchain {
    sysroot: PathBuf,
    cargo_home: PathBuf,
}

impl Toolchain {
    /// The toolchain that rustup picks for the course (its `rust-toolchain.toml`), by its own
    /// paths, so that a build in the sandbox needs neither rustup nor the user's home.
    fn find(course_root: &Path) -> Result<Toolchain> {
        let out = Command::new("rustc")
            .args(["--print", "sysroot"])
            .current_dir(course_root)
            .output()
            .map_err(|e| Error::new(format!("cannot run rustc: {e}")))?;
        if !out.status.success() {
            return Err(Error::new(format!(
                "rustc --print sysroot failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        for tool in ["cargo", "rustc", "clippy-driver"] {
            if !sysroot.join("bin").join(tool).is_file() {
                return Err(Error::new(format!(
                    "{} is missing from the toolchain in {} (the grader compiles with clippy: `rustup component add clippy`)",
                    tool,
                    sysroot.display()
                )));
            }
        }
        let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
        let cargo_home = std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{home}/.cargo"));
        Ok(Toolchain {
            sysroot,
            cargo_home: PathBuf::from(cargo_home),
        })
    }

    fn bin(&self, tool: &str) -> PathBuf {
        self.sysroot.join("bin").join(tool)
    }
}

/// One student's workspace and target folder.
pub struct Workspace {
    root: PathBuf,
    ws: PathBuf,
    target: PathBuf,
    runs: PathBuf,
    /// Whether the compiler enforces the bans (always, but for an exercise whose flag the
    /// instructor waived, which is then built alone with the stubs beside it).
    bans: bool,
}

/// One lesson crate's build.
pub struct LessonBuild {
    /// Forbidden uses in the student's code.
    pub findings: Vec<Finding>,
    /// Test target name -> test executable, or the compiler's errors. A lesson with findings
    /// is never built with its hidden tests.
    pub outcome: std::result::Result<BTreeMap<String, PathBuf>, String>,
    /// Where the compiler put its errors: lesson-relative files (`src/x.rs`), or `None` when
    /// an error has no place in the student's `src/` (or the build failed otherwise).
    pub error_files: BTreeSet<Option<String>>,
}

pub struct Built {
    pub lessons: BTreeMap<String, LessonBuild>,
}

/// The environment for cargo: the pinned toolchain, clippy as the lesson crates' compiler,
/// nothing of the user's shell (no RUSTFLAGS, no CARGO_* overrides, no proxies).
fn build_env(
    toolchain: &Toolchain,
    target: &Path,
    lints: &Path,
    bans: bool,
) -> Vec<(String, String)> {
    let path = |p: &Path| p.display().to_string();
    let bans = if bans {
        bans::clippy_args()
    } else {
        String::new()
    };
    vec![
        (
            "PATH".into(),
            format!("{}:/usr/bin:/bin", path(&toolchain.sysroot.join("bin"))),
        ),
        ("HOME".into(), "/tmp".into()),
        ("CARGO_HOME".into(), path(&toolchain.cargo_home)),
        ("RUSTC".into(), path(&toolchain.bin("rustc"))),
        (
            "RUSTC_WORKSPACE_WRAPPER".into(),
            path(&toolchain.bin("clippy-driver")),
        ),
        ("CLIPPY_CONF_DIR".into(), path(lints)),
        ("CLIPPY_ARGS".into(), bans),
        ("CARGO_TARGET_DIR".into(), path(target)),
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
        let toolchain = Toolchain::find(&course.root)?;
        let root = course.root.join("target/grader");
        fsx::create_dir_all(&root)?;
        let lock = lock_grader(&root)?;
        let ws = root.join("base");
        // Only the dependencies are built here; an older grader also kept every lesson's stub
        // build in `base-target`, which each student's copy would then carry.
        let target = root.join("deps-target");
        let _ = std::fs::remove_dir_all(root.join("base-target"));
        let work = root.join("work");
        // Outside every workspace, so that it is nobody's member: compiled once, by plain
        // rustc, and found by its absolute path.
        let marker = root.join("course-marker");
        let lints = root.join("lints");
        fsx::create_dir_all(&work)?;
        write_if_changed(&lints.join("clippy.toml"), bans::CLIPPY_TOML.as_bytes())?;
        let student = release::student_files(course)?;
        let manifest = String::from_utf8_lossy(&student[Path::new("Cargo.toml")])
            .replace(
                "path = \"crates/course-marker\"",
                &format!("path = \"{}\"", marker.display()),
            )
            .replace(
                "members = [\"crates/course-marker\", \"lessons/*\"]",
                &format!("members = [\"lessons/*\", \"{DEPS}\"]"),
            );
        if !manifest.contains(&format!("members = [\"lessons/*\", \"{DEPS}\"]")) {
            return Err(Error::new(
                "the student workspace manifest has an unexpected members list",
            ));
        }
        let manifest = with_every_feature(&manifest, course)?;
        let deps_crate = deps_crate(&manifest)?;
        for (rel, contents) in &deps_crate {
            write_if_changed(&ws.join(rel), contents.as_bytes())?;
        }
        for (rel, contents) in &student {
            if let Ok(inner) = rel.strip_prefix("crates/course-marker") {
                let contents = if inner == Path::new("Cargo.toml") {
                    standalone_manifest(&String::from_utf8_lossy(contents)).into_bytes()
                } else {
                    contents.clone()
                };
                write_if_changed(&marker.join(inner), &contents)?;
            } else if rel == Path::new("Cargo.lock") || rel == Path::new("rust-toolchain.toml") {
                write_if_changed(&ws.join(rel), contents)?;
            }
        }
        write_if_changed(&ws.join("Cargo.toml"), manifest.as_bytes())?;
        // The base is a student's workspace with the stubs as the student's files (and the
        // hidden tests, to check that they build against the stubs).
        let mut expected = std::collections::BTreeSet::new();
        for lesson in &course.lessons {
            for (rel, contents) in
                instructor_lesson_files(course, &lesson.folder, &BTreeMap::new(), true)?
            {
                let rel = Path::new(&lesson.folder).join(rel);
                write_if_changed(&ws.join("lessons").join(&rel), contents.as_bytes())?;
                expected.insert(rel);
            }
        }
        // What an older course left there goes: a lesson that was renamed or renumbered would
        // otherwise be a second package of the same name, a removed test a target of its own.
        let lessons_dir = ws.join("lessons");
        for rel in fsx::files_under(&lessons_dir)? {
            if !expected.contains(&rel) {
                let path = lessons_dir.join(&rel);
                std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            }
        }
        for entry in std::fs::read_dir(&lessons_dir).map_err(|e| Error::io(&lessons_dir, e))? {
            let path = entry.map_err(|e| Error::io(&lessons_dir, e))?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if !course.lessons.iter().any(|l| l.folder == name) {
                std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            }
        }
        // Fetch once, online, as the instructor (the students' builds are offline).
        let fetch = Command::new(toolchain.bin("cargo"))
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
        // builds run inside it. Only the dependencies: every student's lesson crates are
        // compiled in their own target folder anyway.
        let mut build = Command::new(toolchain.bin("cargo"));
        build
            .args(["build", "--tests", "--offline", "--quiet", "-p", DEPS])
            .current_dir(&ws)
            .env_clear();
        for (k, v) in build_env(&toolchain, &target, &lints, true) {
            build.env(k, v);
        }
        let out = build
            .output()
            .map_err(|e| Error::new(format!("cannot run cargo: {e}")))?;
        if !out.status.success() {
            return Err(Error::new(format!(
                "the course's dependencies do not build in {}:\n{}",
                ws.display(),
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        Ok(Base {
            ws,
            target,
            work,
            manifest,
            marker,
            lints,
            toolchain,
            deps_crate,
            _lock: lock,
        })
    }

    /// A fresh workspace for `student`: instructor files, stubs, and the student's `src/**/*.rs`
    /// of each lesson they handed in; no hidden tests yet (see [`build`]).
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
        // The dependency crate keeps the base's timestamps: cargo then finds it fresh instead of
        // compiling and linking it again for every student.
        for rel in self.deps_crate.keys() {
            copy_with_mtime(&self.ws.join(rel), &ws.join(rel))?;
        }
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
            for (rel, contents) in instructor_lesson_files(course, &lesson.folder, files, false)? {
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
            bans: true,
        })
    }

    /// What a student's build may read besides its own workspace.
    fn readable(&self) -> Vec<PathBuf> {
        vec![
            self.toolchain.sysroot.clone(),
            self.toolchain.cargo_home.join("registry"),
            self.marker.clone(),
            self.lints.clone(),
        ]
    }
}

/// Copies a file and its modification time.
fn copy_with_mtime(from: &Path, to: &Path) -> Result<()> {
    fsx::copy(from, to)?;
    let modified = std::fs::metadata(from)
        .and_then(|m| m.modified())
        .map_err(|e| Error::io(from, e))?;
    std::fs::File::options()
        .write(true)
        .open(to)
        .and_then(|f| f.set_modified(modified))
        .map_err(|e| Error::io(to, e))
}

/// The marker crate's manifest without workspace inheritance: in the sandbox it has no
/// workspace above it to inherit from.
fn standalone_manifest(manifest: &str) -> String {
    manifest
        .lines()
        .filter_map(|line| match line.trim() {
            "edition.workspace = true" => Some("edition = \"2024\"".to_string()),
            "publish.workspace = true" => Some("publish = false".to_string()),
            l if l.ends_with(".workspace = true") => None,
            _ => Some(line.to_string()),
        })
        .chain(["\n[workspace]".to_string()])
        .collect::<Vec<_>>()
        .join("\n")
}

/// The [`DEPS`] crate: a manifest naming every workspace dependency, and an empty library.
fn deps_crate(manifest: &str) -> Result<BTreeMap<PathBuf, String>> {
    let table: toml::Table = toml::from_str(manifest)
        .map_err(|e| Error::new(format!("the student workspace manifest: {e}")))?;
    let names: Vec<String> = table
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table())
        .map(|d| d.keys().cloned().collect())
        .unwrap_or_default();
    let deps: String = names
        .iter()
        .map(|n| format!("{n}.workspace = true\n"))
        .collect();
    Ok(BTreeMap::from([
        (
            Path::new(DEPS).join("Cargo.toml"),
            format!(
                "# Written by `course grade` (see grade/build.rs).\n[package]\nname = \"{DEPS}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{deps}"
            ),
        ),
        (Path::new(DEPS).join("src/lib.rs"), String::new()),
    ]))
}

/// The workspace manifest with each shared dependency asking for every feature that any lesson
/// asks for. cargo compiles a dependency once per feature set, and the set is the union over
/// the packages being built: a student who hands in one lesson would otherwise need tokio
/// compiled again with that lesson's features, instead of the class's copy in the base.
fn with_every_feature(manifest: &str, course: &Course) -> Result<String> {
    let mut table: toml::Table = toml::from_str(manifest)
        .map_err(|e| Error::new(format!("the student workspace manifest: {e}")))?;
    let mut wanted: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for lesson in &course.lessons {
        let path = lesson.dir.join("Cargo.toml");
        let lesson_manifest: toml::Table = toml::from_str(&fsx::read(&path)?)
            .map_err(|e| Error::new(format!("{}: {e}", path.display())))?;
        for section in ["dependencies", "dev-dependencies"] {
            let Some(deps) = lesson_manifest.get(section).and_then(|d| d.as_table()) else {
                continue;
            };
            for (name, dep) in deps {
                let features = dep.get("features").and_then(|f| f.as_array());
                let entry = wanted.entry(name.clone()).or_default();
                for feature in features.into_iter().flatten().filter_map(|f| f.as_str()) {
                    entry.insert(feature.to_string());
                }
            }
        }
    }
    let deps = table
        .get_mut("workspace")
        .and_then(|w| w.get_mut("dependencies"))
        .and_then(|d| d.as_table_mut())
        .ok_or_else(|| Error::new("the student workspace manifest has no dependencies"))?;
    for (name, features) in wanted.into_iter().filter(|(_, f)| !f.is_empty()) {
        let Some(dep) = deps.get_mut(&name) else {
            continue;
        };
        if let toml::Value::String(version) = dep {
            *dep = toml::Value::Table(toml::Table::from_iter([(
                "version".to_string(),
                toml::Value::String(version.clone()),
            )]));
        }
        if let Some(dep) = dep.as_table_mut() {
            let mut all: std::collections::BTreeSet<String> = dep
                .get("features")
                .and_then(|f| f.as_array())
                .into_iter()
                .flatten()
                .filter_map(|f| f.as_str().map(String::from))
                .collect();
            all.extend(features);
            dep.insert(
                "features".into(),
                toml::Value::Array(all.into_iter().map(toml::Value::String).collect()),
            );
        }
    }
    toml::to_string(&table)
        .map_err(|e| Error::new(format!("cannot write the student workspace manifest: {e}")))
}

/// A stable short hash, so that two student names that sanitize alike get different folders.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// Locks `target/grader` for this run, waiting (and saying so) while another run holds it.
fn lock_grader(root: &Path) -> Result<std::fs::File> {
    let path = root.join("lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => eprintln!(
            "another grading run of this course is using target/grader: waiting for it to finish \
             ({})",
            path.display()
        ),
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
    }
    file.lock().map_err(|e| Error::io(&path, e))?;
    Ok(file)
}

fn write_if_changed(path: &Path, contents: &[u8]) -> Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    fsx::write_atomic(path, contents)
}

/// A lesson as the grader builds it: lesson.toml, the visible tests, the released stubs and
/// over them `student_src`, and the instructor's manifest: with the hidden tests (`grading/`
/// and their targets) when `hidden`, without them otherwise.
fn instructor_lesson_files(
    course: &Course,
    folder: &str,
    student_src: &BTreeMap<PathBuf, String>,
    hidden: bool,
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
    if hidden {
        files.extend(hidden_files(lesson)?);
    } else {
        files.insert(
            PathBuf::from("Cargo.toml"),
            crate::stub::strip_grading(&fsx::read(&lesson.dir.join("Cargo.toml"))?, "Cargo.toml")?,
        );
    }
    for (rel, text) in student_src {
        files.insert(rel.clone(), text.clone());
    }
    Ok(files)
}

/// The instructor's manifest (with the hidden test targets) and `grading/`.
fn hidden_files(lesson: &crate::course::Lesson) -> Result<BTreeMap<PathBuf, String>> {
    let mut files = BTreeMap::new();
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
    // The instructor's private hidden tests, laid over the public ones.
    if let Some(private) = lesson.private.as_ref().map(|p| p.join("grading"))
        && private.is_dir()
    {
        for rel in fsx::files_under(&private)? {
            files.insert(
                Path::new("grading").join(&rel),
                fsx::read(&private.join(&rel))?,
            );
        }
    }
    Ok(files)
}

impl Workspace {
    /// The same workspace with the bans off: for an exercise whose flag the instructor waived.
    pub fn without_bans(mut self) -> Workspace {
        self.bans = false;
        self
    }

    pub fn lesson_dir(&self, folder: &str) -> PathBuf {
        self.ws.join("lessons").join(folder)
    }

    /// A fresh folder for one test run's marker, outside the test's sandbox.
    pub fn run_dir(&self, test: &str) -> Result<PathBuf> {
        let dir = self.runs.join(format!("{:x}", fnv(test)));
        let _ = std::fs::remove_dir_all(&dir);
        fsx::create_dir_all(&dir)?;
        Ok(dir)
    }

    /// Removes the student's workspace and target folder (the shared files stay in the base).
    pub fn clean(&self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// What one cargo run said about the lesson crates.
#[derive(Default)]
struct CargoReport {
    /// lesson folder -> test target name -> executable
    binaries: BTreeMap<String, BTreeMap<String, PathBuf>>,
    /// lesson folder -> rendered errors (or, for `hidden`, error codes)
    errors: BTreeMap<String, Vec<String>>,
    /// lesson folder -> the files of those errors (see [`LessonBuild::error_files`])
    error_files: BTreeMap<String, BTreeSet<Option<String>>>,
    findings: BTreeMap<String, Vec<Finding>>,
    /// lesson folder -> the dep-info file of its library
    dep_info: BTreeMap<String, PathBuf>,
    /// Lessons whose student code cargo compiled (not fresh).
    compiled_student_code: Vec<String>,
    /// Lines that were not cargo's JSON (cargo's own errors).
    other: Vec<String>,
}

/// Runs `cargo build --tests` for `packages` (lesson folder, package name) in the sandbox.
fn cargo_build(
    base: &Base,
    work: &Workspace,
    packages: &[(&str, &str)],
    isolation: Isolation,
    deadline: Instant,
) -> Result<Option<String>> {
    let mut args: Vec<String> = vec![
        "build".into(),
        "--tests".into(),
        "--offline".into(),
        "--keep-going".into(),
        "--message-format=json".into(),
    ];
    for package in packages.iter().map(|(_, p)| *p).chain([DEPS]) {
        args.push("-p".into());
        args.push(package.to_string());
    }
    let cargo = base.toolchain.bin("cargo");
    let job = sandbox::Job {
        program: &cargo,
        args,
        env: build_env(&base.toolchain, &work.target, &base.lints, work.bans),
        view: View::Build {
            dir: work.ws.clone(),
            readable: base.readable(),
            writable: vec![work.ws.clone(), work.target.clone()],
        },
        marker: None,
    };
    let wall = deadline.saturating_duration_since(Instant::now());
    if wall.is_zero() {
        return Ok(None);
    }
    let limits = Limits {
        wall,
        output: 64 << 20,
        memory: 8 << 30,
        file_size: 1 << 30,
        processes: 4096,
    };
    let outcome = sandbox::run(&job, isolation, limits)?;
    Ok((!outcome.timed_out).then_some(outcome.output))
}

/// Reads cargo's JSON messages. `hidden`: the run that built the hidden tests, whose errors
/// are reported by code only.
fn read_report(
    output: &str,
    work: &Workspace,
    packages: &[(&str, &str)],
    hidden: bool,
) -> CargoReport {
    let ws_prefix = format!("{}/", work.ws.display());
    let mut report = CargoReport::default();
    for line in output.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            if !line.trim().is_empty() {
                report.other.push(line.replace(&ws_prefix, ""));
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
        let src = format!("{}/", work.lesson_dir(folder).join("src").display());
        match message["reason"].as_str() {
            Some("compiler-artifact") => {
                let student_code = message["target"]["src_path"]
                    .as_str()
                    .is_some_and(|p| p.starts_with(&src));
                if student_code && message["fresh"] != true {
                    report.compiled_student_code.push(folder.to_string());
                }
                if let Some(exe) = message["executable"].as_str() {
                    let name = message["target"]["name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string();
                    report
                        .binaries
                        .entry(folder.to_string())
                        .or_default()
                        .insert(name, PathBuf::from(exe));
                } else if student_code && message["profile"]["test"] == false {
                    // `deps/lib<name>-<hash>.rlib` has its dep-info in `deps/<name>-<hash>.d`.
                    let rlib = message["filenames"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|f| f.as_str())
                        .find(|f| f.ends_with(".rlib"));
                    if let Some(rlib) = rlib.map(Path::new) {
                        let stem = rlib.file_stem().unwrap_or_default().to_string_lossy();
                        let d = rlib.with_file_name(format!(
                            "{}.d",
                            stem.strip_prefix("lib").unwrap_or(&stem)
                        ));
                        report.dep_info.insert(folder.to_string(), d);
                    }
                }
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let message = &message["message"];
                let lesson_prefix = format!("lessons/{folder}/");
                if hidden {
                    let code = message["code"]["code"].as_str().unwrap_or("error");
                    report
                        .errors
                        .entry(folder.to_string())
                        .or_default()
                        .push(code.to_string());
                } else if let Some(found) = bans::finding(message, &lesson_prefix)
                    .filter(|f| f.file.as_deref().is_some_and(|f| f.starts_with("src/")))
                {
                    // The library and its unit-test build report the same use twice.
                    let findings = report.findings.entry(folder.to_string()).or_default();
                    if !findings.contains(&found) {
                        findings.push(found);
                    }
                } else {
                    let file = message["spans"]
                        .as_array()
                        .and_then(|spans| spans.iter().find(|s| s["is_primary"] == true))
                        .and_then(|span| span["file_name"].as_str())
                        .and_then(|f| f.strip_prefix(&lesson_prefix))
                        .filter(|f| f.starts_with("src/"))
                        .map(String::from);
                    report
                        .error_files
                        .entry(folder.to_string())
                        .or_default()
                        .insert(file);
                    let rendered = message["rendered"]
                        .as_str()
                        .unwrap_or_default()
                        .replace(&ws_prefix, "");
                    // The library and its unit-test build report the same error twice.
                    let errors = report.errors.entry(folder.to_string()).or_default();
                    if !errors.contains(&rendered) {
                        errors.push(rendered);
                    }
                }
            }
            _ => {}
        }
    }
    report
}

/// Builds the test binaries of every lesson the student handed in, offline, in the sandbox:
/// first the library and the visible tests without any hidden test in reach, then the hidden
/// tests against that library (see the module's doc).
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
    let timed_out = |lessons: &mut BTreeMap<String, LessonBuild>, folders: &[(&str, &str)]| {
        for (folder, _) in folders {
            lessons.insert(
                folder.to_string(),
                LessonBuild {
                    findings: vec![],
                    outcome: Err("the build did not finish in the submission's time".into()),
                    error_files: BTreeSet::from([None]),
                },
            );
        }
    };

    // 1. The student's library and the visible tests.
    let Some(output) = cargo_build(base, work, &packages, isolation, deadline)? else {
        timed_out(&mut lessons, &packages);
        return Ok(Built { lessons });
    };
    let mut first = read_report(&output, work, &packages, false);
    let mut clean = Vec::new();
    for &(folder, package) in &packages {
        let mut findings = first.findings.remove(folder).unwrap_or_default();
        if !work.bans {
            findings.clear();
        } else if let Some(d) = first.dep_info.get(folder) {
            let text = std::fs::read_to_string(d).unwrap_or_default();
            findings.extend(bans::read_at_compile_time(
                &text,
                &work.ws,
                folder,
                &base.lints,
            ));
        }
        let mut error_files = first.error_files.remove(folder).unwrap_or_default();
        let outcome = match (first.errors.remove(folder), first.binaries.remove(folder)) {
            (Some(errs), _) => Err(crate::grade::cap(&errs.join("\n"), 4000)),
            (None, Some(bins)) if findings.is_empty() => {
                clean.push((folder, package));
                Ok(bins)
            }
            (None, Some(_)) => Err(String::new()),
            (None, None) => Err(crate::grade::cap(
                &format!("cargo built nothing:\n{}", first.other.join("\n")),
                4000,
            )),
        };
        if outcome.is_err() && error_files.is_empty() && findings.is_empty() {
            error_files.insert(None);
        }
        lessons.insert(
            folder.to_string(),
            LessonBuild {
                findings,
                outcome,
                error_files,
            },
        );
    }
    if clean.is_empty() {
        return Ok(Built { lessons });
    }

    // 2. The hidden tests, against the library built above.
    for (folder, _) in &clean {
        let lesson = course
            .lessons
            .iter()
            .find(|l| l.folder == *folder)
            .ok_or_else(|| Error::new(format!("no lesson {folder}")))?;
        for (rel, contents) in hidden_files(lesson)? {
            fsx::write_atomic(&work.lesson_dir(folder).join(rel), contents)?;
        }
    }
    let Some(output) = cargo_build(base, work, &clean, isolation, deadline)? else {
        timed_out(&mut lessons, &clean);
        return Ok(Built { lessons });
    };
    let mut second = read_report(&output, work, &clean, true);
    for (folder, _) in &clean {
        let outcome = if second.compiled_student_code.iter().any(|f| f == folder) {
            Err("the grader refused to run this lesson: its code was compiled again next to the hidden tests".into())
        } else if let Some(codes) = second.errors.remove(*folder) {
            let mut codes: Vec<String> = codes;
            codes.sort();
            codes.dedup();
            Err(format!(
                "the hidden tests do not compile against this code ({}): keep the names and signatures of the public items the exercise gives",
                codes.join(", ")
            ))
        } else {
            let bins = second.binaries.remove(*folder).unwrap_or_default();
            for (_, exe) in bins.iter().filter(|(n, _)| n.starts_with("grading_")) {
                // Runnable, not readable: the sandboxed test cannot read its own program (its
                // strings are the hidden test's).
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(exe, std::fs::Permissions::from_mode(0o111))
                    .map_err(|e| Error::io(exe, e))?;
            }
            Ok(bins)
        };
        if let Some(entry) = lessons.get_mut(*folder) {
            if outcome.is_err() {
                entry.error_files.insert(None);
            }
            entry.outcome = outcome;
        }
    }
    Ok(Built { lessons })
}
