//! The grader's outputs: `gradebook.csv`, and per student `results.json` (the Exercism
//! test-runner shape, plus points) and feedback in Korean and English.

use std::fmt::Write;
use std::path::Path;

use serde_json::json;

use crate::Lang;
use crate::course::Course;
use crate::error::{Error, Result};
use crate::fsx;
use crate::grade::{ExerciseResult, StudentResult, cap};

/// Writes every output file under `out`.
pub fn write_all(course: &Course, out: &Path, results: &[StudentResult]) -> Result<()> {
    for result in results {
        write_student(course, out, result)?;
    }
    fsx::write_atomic(&out.join("junit.xml"), crate::grade::junit::junit(results))?;
    fsx::write_atomic(&out.join("gradebook.csv"), gradebook(course, results))
}

/// One student's folder: results.json and the feedback in both languages.
fn write_student(course: &Course, out: &Path, result: &StudentResult) -> Result<()> {
    let dir = out.join(&result.student);
    fsx::write_atomic(&dir.join("results.json"), results_json(result) + "\n")?;
    fsx::write_atomic(
        &dir.join("feedback.ko.md"),
        feedback(course, result, Lang::Ko),
    )?;
    fsx::write_atomic(
        &dir.join("feedback.en.md"),
        feedback(course, result, Lang::En),
    )
}

/// `grade --only`: writes the regraded students' files and puts their rows into the gradebook
/// already in `out`, in name order; every other student's row and folder stays as it was. The
/// gradebook is replaced in one rename.
pub fn update(course: &Course, out: &Path, results: &[StudentResult]) -> Result<()> {
    let path = out.join("gradebook.csv");
    let old = fsx::read(&path)?;
    let fresh = gradebook(course, results);
    let (header, new_rows) = fresh.split_once('\n').unwrap_or((&fresh, ""));
    let mut lines = old.lines();
    if lines.next() != Some(header) {
        return Err(Error::new(format!(
            "{}: its columns are not this course's (exercises added or renamed since?): grade the whole class again",
            path.display()
        )));
    }
    let mut rows: Vec<String> = lines
        .filter(|row| {
            let student = crate::grade::merge::first_field(row);
            !results.iter().any(|r| r.student == student)
        })
        .map(String::from)
        .collect();
    rows.extend(new_rows.lines().map(String::from));
    rows.sort_by_key(|row| crate::grade::merge::first_field(row));
    for result in results {
        write_student(course, out, result)?;
    }
    fsx::write_atomic(&path, format!("{header}\n{}\n", rows.join("\n")))?;
    rewrite_junit(out)
}

/// A student's earlier results, read back from `out/<student>/results.json` (for
/// `grade --exercise`, which regrades some exercises and keeps the rest).
pub fn read_student(out: &Path, student: &str) -> Result<StudentResult> {
    let path = out.join(student).join("results.json");
    let text = fsx::read(&path)?;
    let bad = |what: &str| Error::new(format!("{}: {what}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(&e.to_string()))?;
    let string = |v: &serde_json::Value, k: &str| v[k].as_str().map(String::from);
    let number = |v: &serde_json::Value, k: &str| v[k].as_u64().unwrap_or(0) as u32;
    let tests: Vec<crate::grade::TestResult> = json["tests"]
        .as_array()
        .ok_or_else(|| bad("no tests"))?
        .iter()
        .map(|t| crate::grade::TestResult {
            name: string(t, "name").unwrap_or_default(),
            status: string(t, "status").unwrap_or_default(),
            message: string(t, "message"),
            output: string(t, "output"),
            points: number(t, "points"),
            max_points: number(t, "max_points"),
        })
        .collect();
    let exercises = json["exercises"]
        .as_array()
        .ok_or_else(|| bad("no exercises"))?
        .iter()
        .map(|e| {
            let id = string(e, "id").unwrap_or_default();
            ExerciseResult {
                status: string(e, "status").unwrap_or_default(),
                points: number(e, "points"),
                max_points: number(e, "max_points"),
                message: string(e, "message"),
                matches_reference: e["matches_reference"].as_bool().unwrap_or(false),
                tests: tests
                    .iter()
                    .filter(|t| t.name.starts_with(&format!("{id}::")))
                    .cloned()
                    .collect(),
                overrides: e["overrides"]
                    .as_array()
                    .map(|o| {
                        o.iter()
                            .filter_map(|x| x.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default(),
                id,
            }
        })
        .collect();
    let problem = match (string(&json, "message_ko"), string(&json, "message")) {
        (Some(ko), Some(en)) => Some(crate::course::Text { ko, en }),
        _ => None,
    };
    Ok(StudentResult {
        student: student.to_string(),
        exercises,
        sandboxed: json["sandboxed"].as_bool().unwrap_or(false),
        problem,
        late: json["late"]["percent"]
            .as_u64()
            .map(|percent| crate::grade::overrides::Late {
                days: json["late"]["days"].as_u64().unwrap_or(0) as u32,
                percent: percent as u32,
            }),
    })
}

/// `junit.xml` for every student whose results are in `out` (after `grade --only` or
/// `merge`, which write some students' folders but not all).
pub fn rewrite_junit(out: &Path) -> Result<()> {
    let mut results = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(out)
        .map_err(|e| Error::io(out, e))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("results.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        results.push(read_student(out, &name)?);
    }
    fsx::write_atomic(&out.join("junit.xml"), crate::grade::junit::junit(&results))
}

/// What the instructor's overrides did to a student, as the outputs say it.
fn overrides_said(result: &StudentResult) -> Vec<String> {
    let mut said: Vec<String> = result
        .exercises
        .iter()
        .flat_map(|e| e.overrides.iter().map(move |o| format!("{}: {o}", e.id)))
        .collect();
    if let Some(late) = &result.late {
        said.push(format!(
            "late by {} day(s): -{}% ({} -> {})",
            late.days,
            late.percent,
            result.points(),
            result.total()
        ));
    }
    said
}

/// Exercism's test-runner results (version, status, message, tests with name, status, message,
/// output) with the course's points and per-exercise statuses beside them.
pub fn results_json(result: &StudentResult) -> String {
    let all_pass = result.exercises.iter().all(|e| e.status == "pass");
    let tests: Vec<_> = result
        .exercises
        .iter()
        .flat_map(|e| e.tests.iter())
        .map(|t| {
            let mut test = json!({ "name": t.name, "status": t.status, "points": t.points, "max_points": t.max_points });
            if let Some(m) = &t.message {
                test["message"] = json!(m);
            }
            if let Some(o) = &t.output {
                test["output"] = json!(cap(o, 500));
            }
            test
        })
        .collect();
    let exercises: Vec<_> = result
        .exercises
        .iter()
        .map(|e| {
            let mut ex = json!({ "id": e.id, "status": e.status, "points": e.points, "max_points": e.max_points });
            if let Some(m) = &e.message {
                ex["message"] = json!(m);
            }
            if !e.overrides.is_empty() {
                ex["overrides"] = json!(e.overrides);
            }
            if e.matches_reference {
                ex["matches_reference"] = json!(true);
            }
            ex
        })
        .collect();
    let mut value = json!({
        "version": 2,
        "status": if all_pass { "pass" } else { "fail" },
        "student": result.student,
        "points": result.points(),
        "total": result.total(),
        "late": result.late,
        "max_points": result.exercises.iter().map(|e| e.max_points).sum::<u32>(),
        "sandboxed": result.sandboxed,
        "exercises": exercises,
        "tests": tests,
    });
    // A submission that could not be graded at all is Exercism's `error`, with its message.
    if let Some(problem) = &result.problem {
        value["status"] = json!("error");
        value["message"] = json!(problem.en);
        value["message_ko"] = json!(problem.ko);
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One row per student: points per exercise, total, the most that could be had, and the
/// statuses that are not `pass`.
pub fn gradebook(course: &Course, results: &[StudentResult]) -> String {
    let ids: Vec<String> = course.all().map(|(l, e)| l.id(e)).collect();
    let max: u32 = course
        .all()
        .map(|(_, e)| e.points.values().sum::<u32>())
        .sum();
    let mut out = String::from("student");
    for id in &ids {
        out.push(',');
        out.push_str(&csv_field(id));
    }
    out.push_str(",total,max,late_penalty,not_passed,overrides,matches_reference\n");
    for result in results {
        out.push_str(&csv_field(&result.student));
        for id in &ids {
            let points = result
                .exercises
                .iter()
                .find(|e| &e.id == id)
                .map(|e| e.points)
                .unwrap_or(0);
            let _ = write!(out, ",{points}");
        }
        let not_passed: Vec<String> = result
            .exercises
            .iter()
            .filter(|e| e.status != "pass")
            .map(|e| format!("{}={}", e.id, e.status))
            .collect();
        let same: Vec<&str> = result
            .exercises
            .iter()
            .filter(|e| e.matches_reference)
            .map(|e| e.id.as_str())
            .collect();
        let _ = writeln!(
            out,
            ",{},{max},{},{},{},{}",
            result.total(),
            result.late.as_ref().map_or(0, |l| l.percent),
            csv_field(&not_passed.join(" ")),
            csv_field(&overrides_said(result).join("; ")),
            csv_field(&same.join(" "))
        );
    }
    out
}

/// A status as the student reads it.
pub fn status_word(status: &str, lang: Lang) -> &'static str {
    match (status, lang) {
        ("pass", Lang::Ko) => "통과",
        ("fail", Lang::Ko) => "실패",
        ("timeout", Lang::Ko) => "시간 초과",
        ("not_attempted", Lang::Ko) => "손대지 않음",
        ("not_submitted", Lang::Ko) => "미제출",
        ("did_not_build", Lang::Ko) => "빌드 안 됨",
        ("flagged", Lang::Ko) => "검토 필요",
        ("error", Lang::Ko) => "채점 오류",
        ("pass", Lang::En) => "pass",
        ("fail", Lang::En) => "fail",
        ("timeout", Lang::En) => "timeout",
        ("not_attempted", Lang::En) => "not attempted",
        ("not_submitted", Lang::En) => "not submitted",
        ("did_not_build", Lang::En) => "did not build",
        ("flagged", Lang::En) => "flagged for review",
        ("error", Lang::En) => "grader error",
        _ => "?",
    }
}

/// The student's feedback in one language.
pub fn feedback(course: &Course, result: &StudentResult, lang: Lang) -> String {
    let max: u32 = result.exercises.iter().map(|e| e.max_points).sum();
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# {} {}\n",
        lang.t("채점 결과:", "Grading results:"),
        result.student
    );
    let _ = writeln!(
        md,
        "{} **{} / {max}**\n",
        lang.t("총점", "Total"),
        result.total()
    );
    if let Some(late) = &result.late {
        let _ = writeln!(
            md,
            "{}\n",
            lang.t(
                &format!(
                    "마감보다 {}일 늦게 내서 {}%를 뺐습니다({}점 → {}점).",
                    late.days,
                    late.percent,
                    result.points(),
                    result.total()
                ),
                &format!(
                    "Handed in {} day(s) late: {}% off ({} → {} points).",
                    late.days,
                    late.percent,
                    result.points(),
                    result.total()
                ),
            )
        );
    }
    for e in result.exercises.iter().filter(|e| !e.overrides.is_empty()) {
        for o in &e.overrides {
            let _ = writeln!(
                md,
                "- {} `{}`: {o}",
                lang.t("강사의 결정:", "The instructor's decision:"),
                e.id
            );
        }
    }
    if let Some(problem) = &result.problem {
        let _ = writeln!(
            md,
            "> **{}** {problem}\n",
            lang.t(
                "제출물을 채점할 수 없었습니다:",
                "The submission could not be graded:"
            ),
            problem = problem.get(lang)
        );
    }
    if !result.sandboxed {
        let _ = writeln!(md, "> {}\n", lang.t(
            "이번 채점은 샌드박스 없이 실행되었습니다(이 컴퓨터에 bubblewrap이 없음). 결과는 같지만 격리는 약합니다.",
            "This grading ran without a sandbox (no bubblewrap on the grading machine). The results are the same; the isolation was weaker.",
        ));
    }
    let _ = writeln!(
        md,
        "| {} | {} | {} |\n|---|---|---|",
        lang.t("문제", "exercise"),
        lang.t("상태", "status"),
        lang.t("점수", "points")
    );
    for e in &result.exercises {
        let _ = writeln!(
            md,
            "| `{}` | {} | {} / {} |",
            e.id,
            status_word(&e.status, lang),
            e.points,
            e.max_points
        );
    }
    // Untouched and missing exercises: one line each kind, not a section each.
    for (status, ko, en) in [
        (
            "not_attempted",
            "손대지 않은 문제(받은 그대로의 `todo!()`):",
            "Not attempted (still the released `todo!()`):",
        ),
        ("not_submitted", "제출하지 않은 문제:", "Not submitted:"),
    ] {
        let ids: Vec<String> = result
            .exercises
            .iter()
            .filter(|e| e.status == status)
            .map(|e| format!("`{}`", e.id))
            .collect();
        if !ids.is_empty() && result.problem.is_none() {
            let _ = writeln!(md, "\n{} {}", lang.t(ko, en), ids.join(", "));
        }
    }
    for e in result.exercises.iter().filter(|e| {
        !matches!(
            e.status.as_str(),
            "pass" | "not_attempted" | "not_submitted"
        )
    }) {
        let _ = writeln!(md, "\n## `{}`: {}\n", e.id, status_word(&e.status, lang));
        exercise_details(&mut md, course, e, lang);
    }
    md
}

fn exercise_details(md: &mut String, course: &Course, e: &ExerciseResult, lang: Lang) {
    if let Some(message) = &e.message {
        let lead = match e.status.as_str() {
            "did_not_build" => lang.t("컴파일되지 않았습니다:", "Did not compile:"),
            "error" => lang.t(
                "채점기가 채점하지 못했습니다(학생 잘못이 아닙니다):",
                "The grader could not grade it (not the student's doing):",
            ),
            "flagged" => lang.t(
                "금지된 API를 썼거나 문제가 준 코드를 바꿔서 실행하지 않았습니다. 강사가 확인합니다:",
                "Not run, because it uses a forbidden API or changes the code the exercise gives; the instructor will review it:",
            ),
            _ => "",
        };
        let _ = writeln!(md, "{lead}\n\n```text\n{message}\n```\n");
    }
    for t in e
        .tests
        .iter()
        .filter(|t| t.status != "pass" && e.message.is_none())
    {
        let name = t.name.rsplit("::").next().unwrap_or(&t.name);
        let status = status_word(&t.status, lang);
        match t.message.as_deref() {
            // A one-line message goes on the test's line; a longer one in a block below it, and
            // only there.
            Some(message) if message.lines().count() > 1 => {
                let _ = writeln!(
                    md,
                    "- `{name}` ({status}):\n\n  ```text\n  {}\n  ```",
                    message.replace('\n', "\n  ")
                );
            }
            Some(message) => {
                let _ = writeln!(md, "- `{name}` ({status}): {message}");
            }
            None => {
                let _ = writeln!(md, "- `{name}` ({status})");
            }
        }
    }
    if let Some(hint) = course
        .find(&e.id)
        .ok()
        .and_then(|(_, exercise)| hint_for(exercise, e))
    {
        let _ = writeln!(md, "\n{} {}", lang.t("힌트:", "Hint:"), hint.get(lang));
    }
}

/// The hint for what failed: the first hint tied to a failing test (`tests = [...]` in
/// `lesson.toml`), else the first hint.
fn hint_for<'a>(
    exercise: &'a crate::course::Exercise,
    e: &ExerciseResult,
) -> Option<&'a crate::course::Hint> {
    let failing: Vec<&str> = e
        .tests
        .iter()
        .filter(|t| t.status != "pass")
        .map(|t| t.name.rsplit("::").next().unwrap_or(&t.name))
        .collect();
    exercise
        .hints
        .iter()
        .find(|h| h.tests.iter().any(|t| failing.contains(&t.as_str())))
        .or_else(|| exercise.hints.first())
}
