//! The student's feedback, in Korean and English: Markdown (`feedback.<lang>.md`, what a
//! student reads in a browser or Gradescope) and plain text (`feedback.<lang>.txt`, for an LMS's
//! comment box, which shows Markdown as it is).

use std::fmt::Write;

use crate::Lang;
use crate::course::Course;
use crate::grade::{ExerciseResult, StudentResult};

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

/// The feedback as plain text, for a comment box that shows Markdown as it is: no `#`, `**`,
/// backticks, tables or fences; code blocks indented.
pub fn plain(md: &str) -> String {
    let mut out = String::new();
    // The indentation of the open fence, which its code lines share; what is beyond it is the
    // code's own (rustc's `left:` and ` right:` line up).
    let mut fence: Option<usize> = None;
    for line in md.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            fence = match fence {
                Some(_) => None,
                None => Some(line.len() - trimmed.len()),
            };
            continue;
        }
        if let Some(indent) = fence {
            let own = line
                .get(indent..)
                .filter(|_| line[..indent].trim().is_empty())
                .unwrap_or(trimmed);
            let _ = writeln!(out, "    {own}");
            continue;
        }
        let line = line.strip_prefix("> ").unwrap_or(line);
        let line = line.trim_start_matches('#').trim_start_matches(' ');
        if line.starts_with("|---") {
            continue;
        }
        let line = if let Some(row) = line.strip_prefix('|') {
            row.trim_end_matches('|')
                .split('|')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("  ")
        } else {
            line.to_string()
        };
        let _ = writeln!(out, "{}", line.replace("**", "").replace('`', ""));
    }
    // At most one blank line in a row.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_text_keeps_the_words_and_drops_the_markup() {
        let md = "# Grading results: dana\n\nTotal **7 / 14**\n\n| exercise | status | points |\n|---|---|---|\n| `gather/gather_lookups` | fail | 7 / 14 |\n\n\n## `gather/gather_lookups`: fail\n\n- `three_lookups` (fail):\n\n  ```text\n  panicked at\n    left: 6\n   right: 3\n  ```\n> quoted\n";
        assert_eq!(
            super::plain(md),
            "Grading results: dana\n\nTotal 7 / 14\n\nexercise  status  points\ngather/gather_lookups  fail  7 / 14\n\ngather/gather_lookups: fail\n\n- three_lookups (fail):\n\n    panicked at\n      left: 6\n     right: 3\nquoted\n"
        );
    }
}
