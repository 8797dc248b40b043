//! `course similarity SUBMISSIONS --out DIR`: how alike each pair of students' files is, exercise
//! by exercise, for the instructor to read side by side; it flags and never grades.
//!
//! The engine is Dolos (Maertens et al., "Dolos: Language-agnostic plagiarism detection in source
//! code", Journal of Computer Assisted Learning, 2022; github.com/dodona-edu/dolos): each file is
//! parsed with tree-sitter's Rust grammar into a token stream, so names, comments and layout do
//! not count, and fingerprinted by winnowing k-grams (Schleimer, Wilkerson and Aiken, "Winnowing:
//! local algorithms for document fingerprinting", SIGMOD 2003, the method of MOSS); a pair's
//! similarity is the share of both files' fingerprints they have in common. The released stub is
//! Dolos's ignored template: the code every student was given matches nobody. A file that is
//! missing or still the stub is not compared. `scripts/install-similarity` installs Dolos once.
//!
//! Writes `DIR/similarity.csv` (every pair, most alike first) and `DIR/similarity.md` (the pairs
//! at or above the threshold), and prints the latter.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::course::Course;
use crate::error::{Error, Result};
use crate::fsx;
use crate::grade::formats::gradebook::csv_field;

/// The engine, run with `node` in the folder where Dolos is installed.
const ENGINE: &str = include_str!("../similarity/dolos.mjs");

/// Where `scripts/install-similarity` put Dolos.
fn dolos_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("COURSE_DOLOS_DIR") {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"));
    cache.join("async-rust-course/dolos")
}

/// One compared pair.
#[derive(Debug, Clone)]
pub struct Pair {
    pub exercise: String,
    pub a: String,
    pub b: String,
    pub similarity: f64,
    /// The longest fragment the two share, in tokens.
    pub longest: u64,
    /// Tokens the two share.
    pub overlap: u64,
}

/// What was compared.
pub struct Report {
    pub pairs: Vec<Pair>,
    /// Per exercise, how many students' files were compared.
    pub compared: BTreeMap<String, usize>,
}

/// Compares every pair of students' files per exercise.
pub fn compare(course: &Course, submissions: &Path, scratch: &Path) -> Result<Report> {
    let dolos = dolos_dir();
    if !dolos.join(".installed").is_file() {
        return Err(Error::new(format!(
            "Dolos is not installed in {}: run `bash scripts/install-similarity` (once; it needs Node.js 18+ and a C++ compiler)",
            dolos.display()
        )));
    }
    let students = crate::grade::students(submissions, None)?;
    let _ = std::fs::remove_dir_all(scratch);
    fsx::create_dir_all(scratch)?;
    let mut jobs = Vec::new();
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    let mut compared = BTreeMap::new();
    for lesson in &course.lessons {
        let stubs = crate::release::lesson_files(lesson)?;
        for exercise in &lesson.exercises {
            let id = lesson.id(exercise);
            let rel = PathBuf::from(format!("src/{}.rs", exercise.name));
            let Some(stub) = stubs.get(&rel) else {
                continue;
            };
            let mut files = Vec::new();
            for (student, dir) in &students {
                let Some(file) = crate::grade::find_lessons(dir)
                    .and_then(|l| lesson.folder_in(&l))
                    .map(|d| d.join(&rel))
                else {
                    continue;
                };
                let Ok(text) = std::fs::read(&file) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&text).replace("\r\n", "\n");
                if text == *stub || text.len() > 512 * 1024 {
                    continue;
                }
                // A copy under a name of the grader's: the student's folder may hold anything.
                let copy = scratch.join(format!("{}-{}.rs", owner.len(), exercise.name));
                fsx::write_atomic(&copy, &text)?;
                owner.insert(copy.display().to_string(), student.clone());
                files.push(copy.display().to_string());
            }
            compared.insert(id.clone(), files.len());
            if files.len() < 2 {
                continue;
            }
            let stub_path = scratch.join(format!("stub-{}.rs", exercise.name));
            fsx::write_atomic(&stub_path, stub)?;
            jobs.push(serde_json::json!({
                "exercise": id,
                "stub": stub_path.display().to_string(),
                "files": files,
            }));
        }
    }
    let mut pairs = Vec::new();
    if !jobs.is_empty() {
        let mut child = Command::new("node")
            .args(["--input-type=module", "-e", ENGINE])
            .current_dir(&dolos)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                Error::new(format!(
                    "cannot run node (scripts/install-similarity installs it): {e}"
                ))
            })?;
        let input = serde_json::Value::Array(jobs).to_string();
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(input.as_bytes())
                .map_err(|e| Error::new(format!("writing to Dolos: {e}")))?;
        }
        let output = child
            .wait_with_output()
            .map_err(|e| Error::new(format!("waiting for Dolos: {e}")))?;
        if !output.status.success() {
            return Err(Error::new(format!(
                "Dolos failed: {}",
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .take(10)
                    .collect::<Vec<_>>()
                    .join("\n")
            )));
        }
        let found: serde_json::Value = serde_json::from_slice(&output.stdout)
            .map_err(|e| Error::new(format!("Dolos's answer is not JSON: {e}")))?;
        for p in found.as_array().into_iter().flatten() {
            let who = |key: &str| {
                p[key]
                    .as_str()
                    .and_then(|path| owner.get(path))
                    .cloned()
                    .unwrap_or_default()
            };
            let (mut a, mut b) = (who("left"), who("right"));
            if b < a {
                std::mem::swap(&mut a, &mut b);
            }
            pairs.push(Pair {
                exercise: p["exercise"].as_str().unwrap_or_default().to_string(),
                a,
                b,
                similarity: p["similarity"].as_f64().unwrap_or(0.0),
                longest: p["longest"].as_u64().unwrap_or(0),
                overlap: p["overlap"].as_u64().unwrap_or(0),
            });
        }
    }
    let _ = std::fs::remove_dir_all(scratch);
    // Most alike first; ties in a fixed order, so that two runs write the same files.
    pairs.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then_with(|| (&x.exercise, &x.a, &x.b).cmp(&(&y.exercise, &y.a, &y.b)))
    });
    Ok(Report { pairs, compared })
}

/// `similarity.csv`: every pair.
pub fn csv(report: &Report) -> String {
    let mut out =
        String::from("exercise,student_a,student_b,similarity,longest_fragment,shared_tokens\n");
    for p in &report.pairs {
        let _ = writeln!(
            out,
            "{},{},{},{:.2},{},{}",
            csv_field(&p.exercise),
            csv_field(&p.a),
            csv_field(&p.b),
            p.similarity,
            p.longest,
            p.overlap
        );
    }
    out
}

/// `similarity.md`: the pairs at or above `threshold`, and what to do with them.
pub fn summary(report: &Report, threshold: f64) -> String {
    let above: Vec<&Pair> = report
        .pairs
        .iter()
        .filter(|p| p.similarity >= threshold)
        .collect();
    let files: usize = report.compared.values().sum();
    let mut md = format!(
        "# Similarity\n\n{} files of {} exercise(s) compared in {} pairs (Dolos; the released stubs ignored). \
         {} pair(s) at or above {threshold:.2}. A flag to read the two files side by side, not a verdict: \
         grades are not changed.\n\n",
        files,
        report.compared.values().filter(|&&n| n > 0).count(),
        report.pairs.len(),
        above.len()
    );
    if !above.is_empty() {
        md.push_str("| exercise | students | similarity | longest shared fragment (tokens) |\n|---|---|---|---|\n");
        for p in &above {
            let _ = writeln!(
                md,
                "| `{}` | {} · {} | {:.2} | {} |",
                p.exercise, p.a, p.b, p.similarity, p.longest
            );
        }
    }
    md
}
