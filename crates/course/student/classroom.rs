//! `cargo run -p course -- classroom [LESSON ...]`: every exercise's visible tests, with the
//! rubric's points (each lesson's `lesson.toml`), as GitHub Classroom's autograding reporter
//! reads them: the runner result (`{version, status, max_score, tests: [{name, status, score,
//! message, test_code, filename, line_no, execution_time}]}`, base64) written to `$GITHUB_OUTPUT`
//! as `result`, so that each test earns its own points (`classroom-resources/
//! autograding-command-grader` gives a command all or nothing). Also a table on standard output
//! and, in GitHub Actions, in the job summary.
//!
//! This is a student's progress, not a grade: the tests live in the student's repository, where
//! the student can change them. The instructor grades with `course grade` (hidden tests too).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

struct Exercise {
    lesson: String,
    package: String,
    name: String,
    /// Visible tests and their points, in the rubric's order.
    points: Vec<(String, u32)>,
}

struct Outcome {
    id: String,
    package: String,
    test: String,
    status: &'static str,
    score: u32,
    max: u32,
    message: String,
}

/// The handout's top folder (this tool lives in `crates/course`).
fn top() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `key = "value"` → value.
fn quoted(line: &str) -> Option<String> {
    let (_, value) = line.split_once('=')?;
    Some(value.trim().trim_matches('"').to_string())
}

/// Every exercise of the chosen lessons (all when none is named), from the rubrics.
fn exercises(chosen: &[&String]) -> Result<Vec<Exercise>, String> {
    let lessons = top().join("lessons");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&lessons)
        .map_err(|e| format!("{}: {e}", lessons.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("lesson.toml").is_file())
        .collect();
    folders.sort();
    let mut all = Vec::new();
    for folder in folders {
        let read = |name: &str| {
            std::fs::read_to_string(folder.join(name))
                .map_err(|e| format!("{}: {e}", folder.join(name).display()))
        };
        let manifest = read("Cargo.toml")?;
        let package = manifest
            .lines()
            .find(|l| l.trim_start().starts_with("name"))
            .and_then(quoted)
            .ok_or_else(|| format!("{}: no package name", folder.display()))?;
        let rubric = read("lesson.toml")?;
        let mut lesson = String::new();
        let mut in_points = false;
        let mut found: Vec<Exercise> = Vec::new();
        for line in rubric.lines().map(str::trim) {
            if line.starts_with('[') {
                in_points = line == "[exercise.points]";
                continue;
            }
            if line.starts_with("lesson =") {
                lesson = quoted(line).unwrap_or_default();
            } else if line.starts_with("name =") {
                found.push(Exercise {
                    lesson: lesson.clone(),
                    package: package.clone(),
                    name: quoted(line).unwrap_or_default(),
                    points: Vec::new(),
                });
            } else if in_points {
                if let (Some((test, n)), Some(e)) = (line.split_once('='), found.last_mut()) {
                    let n = n.trim().parse().map_err(|_| format!("{line}: not a number of points"))?;
                    e.points.push((test.trim().to_string(), n));
                }
            }
        }
        if chosen.is_empty() || chosen.iter().any(|c| **c == lesson) {
            all.extend(found);
        }
    }
    if all.is_empty() {
        return Err("no such lesson".into());
    }
    Ok(all)
}

/// What libtest said of each test (`test NAME ... ok|FAILED|ignored`), and each failure's
/// message (the `---- NAME stdout ----` block).
fn read_libtest(stdout: &str) -> (Vec<(String, bool)>, Vec<(String, String)>) {
    let mut results = Vec::new();
    let mut messages: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test ") {
            if let Some((name, verdict)) = rest.rsplit_once(" ... ") {
                results.push((name.to_string(), verdict.trim() == "ok"));
                continue;
            }
        }
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            messages.extend(current.take());
            current = Some((name.to_string(), String::new()));
        } else if line == "failures:" || line.starts_with("test result:") {
            messages.extend(current.take());
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    messages.extend(current);
    (results, messages)
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The runner result the reporter reads.
fn runner_result(outcomes: &[Outcome]) -> String {
    let max: u32 = outcomes.iter().map(|o| o.max).sum();
    let status = if outcomes.iter().any(|o| o.status == "error") {
        "error"
    } else if outcomes.iter().all(|o| o.status == "pass") {
        "pass"
    } else {
        "fail"
    };
    let tests: Vec<String> = outcomes
        .iter()
        .map(|o| {
            let exercise = o.id.split_once('/').map_or("", |(_, e)| e);
            format!(
                "{{\"name\":{},\"status\":\"{}\",\"score\":{},\"message\":{},\"test_code\":{},\"filename\":{},\"line_no\":0,\"execution_time\":\"0s\"}}",
                json_string(&format!("{}: {}", o.id, o.test)),
                o.status,
                o.score,
                json_string(&o.message),
                json_string(&format!("cargo test -p {} --test {exercise} -- --exact {}", o.package, o.test)),
                json_string(&format!("tests/{exercise}.rs")),
            )
        })
        .collect();
    format!(
        "{{\"version\":1,\"status\":\"{status}\",\"max_score\":{max},\"tests\":[{}]}}",
        tests.join(",")
    )
}

fn append(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(text.as_bytes())
}

pub fn run(chosen: &[&String], en: bool) -> ExitCode {
    let t = |ko: &str, en_text: &str| if en { en_text.to_string() } else { ko.to_string() };
    let all = match exercises(chosen) {
        Ok(all) => all,
        Err(e) => {
            eprintln!("{} {e}", t("오류:", "error:"));
            return ExitCode::from(2);
        }
    };
    let mut outcomes = Vec::new();
    for e in &all {
        let id = format!("{}/{}", e.lesson, e.name);
        eprintln!("{} {id}", t("테스트:", "testing"));
        let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["test", "-p", &e.package, "--test", &e.name, "--", "--test-threads=1"])
            .current_dir(top())
            .output();
        let out = match out {
            Ok(out) => out,
            Err(err) => {
                eprintln!("{} cargo: {err}", t("오류:", "error:"));
                return ExitCode::from(1);
            }
        };
        let stdout = String::from_utf8_lossy(&out.stdout);
        let (results, messages) = read_libtest(&stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        for (test, max) in &e.points {
            let verdict = results.iter().find(|(n, _)| n == test).map(|(_, ok)| *ok);
            let (status, message) = match verdict {
                Some(true) => ("pass", String::new()),
                Some(false) => (
                    "fail",
                    messages
                        .iter()
                        .find(|(n, _)| n == test)
                        .map(|(_, m)| m.trim().chars().take(1000).collect())
                        .unwrap_or_default(),
                ),
                // Not run: the exercise did not build (or the test is gone).
                None => (
                    "error",
                    stderr
                        .lines()
                        .filter(|l| l.starts_with("error"))
                        .take(5)
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
            };
            outcomes.push(Outcome {
                id: id.clone(),
                package: e.package.clone(),
                test: test.clone(),
                status,
                score: if status == "pass" { *max } else { 0 },
                max: *max,
                message,
            });
        }
    }
    let score: u32 = outcomes.iter().map(|o| o.score).sum();
    let max: u32 = outcomes.iter().map(|o| o.max).sum();
    let mut table = format!(
        "| {} | {} | {} |\n|---|---|---|\n",
        t("문제", "exercise"),
        t("통과한 테스트", "tests passed"),
        t("점수", "points")
    );
    for e in &all {
        let id = format!("{}/{}", e.lesson, e.name);
        let mine: Vec<&Outcome> = outcomes.iter().filter(|o| o.id == id).collect();
        let _ = writeln!(
            table,
            "| `{id}` | {} / {} | {} / {} |",
            mine.iter().filter(|o| o.status == "pass").count(),
            mine.len(),
            mine.iter().map(|o| o.score).sum::<u32>(),
            mine.iter().map(|o| o.max).sum::<u32>()
        );
    }
    let _ = writeln!(
        table,
        "\n{} **{score} / {max}** ({})",
        t("보이는 테스트 점수:", "Visible tests:"),
        t(
            "숨은 테스트는 강사의 채점에서 돈다",
            "the hidden tests run in the instructor's grading"
        )
    );
    print!("{table}");
    let result = runner_result(&outcomes);
    for (var, text) in [
        ("GITHUB_OUTPUT", format!("result={}\n", base64(result.as_bytes()))),
        ("GITHUB_STEP_SUMMARY", table),
    ] {
        if let Some(path) = std::env::var_os(var) {
            if let Err(e) = append(Path::new(&path), &text) {
                eprintln!("{} {var}: {e}", t("오류:", "error:"));
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_is_the_standard_alphabet_with_padding() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64("한".as_bytes()), "7ZWc");
    }
}
