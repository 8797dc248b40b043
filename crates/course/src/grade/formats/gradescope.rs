//! Gradescope's autograder `results.json` (the specification: gradescope/autograder_samples,
//! `docs/specs.md`): per test `score`, `max_score`, `status` (`passed` or `failed`), `name`,
//! `number`, `output` in Markdown, `tags` and `visibility`; at the top, the `score` after the
//! late penalty (it overrides the tests' sum) and the whole feedback as `output`.
//!
//! Hidden tests are `after_due_date`: a student sees their names and messages once the due date
//! has passed (the top-level feedback leaves them out too), and the total at once. Status mapping: `pass`
//! is `passed`, everything else `failed`; the course's own status is the test's first tag.
//! `course release --gradescope DIR` writes the autograder that puts this file where Gradescope
//! reads it.

use serde_json::json;

use crate::Lang;
use crate::course::Course;
use crate::grade::StudentResult;
use crate::grade::formats::feedback;

/// One student's Gradescope results, in `lang`.
pub fn results(course: &Course, result: &StudentResult, lang: Lang) -> String {
    let mut tests = Vec::new();
    for exercise in &result.exercises {
        // `05-gather` → 5: the lesson's number, then the exercise's and the test's, from 1.
        let (lesson_number, exercise_number) = course
            .find(&exercise.id)
            .ok()
            .map(|(l, e)| {
                let n: u32 = l
                    .folder
                    .split('-')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let i = l
                    .exercises
                    .iter()
                    .position(|x| x.name == e.name)
                    .unwrap_or(0);
                (n, i + 1)
            })
            .unwrap_or((0, 0));
        for (i, t) in exercise.tests.iter().enumerate() {
            let short = t.name.rsplit("::").next().unwrap_or(&t.name);
            let mut output = String::new();
            if t.status != "pass" {
                output.push_str(&format!("**{}**\n", feedback::status_word(&t.status, lang)));
                // What is said of the whole exercise (a compile error, a flag) goes with its
                // first test, once.
                if let (0, Some(message)) = (i, &exercise.message) {
                    output.push_str(&format!("\n```text\n{message}\n```\n"));
                }
                if let Some(message) = &t.message {
                    output.push_str(&format!("\n```text\n{message}\n```\n"));
                }
                // What the test printed, unless it only repeats the message (a panic is both).
                if let Some(printed) = t
                    .output
                    .as_ref()
                    .filter(|o| t.message.as_ref().is_none_or(|m| !o.contains(m.as_str())))
                {
                    output.push_str(&format!("\n```text\n{printed}\n```\n"));
                }
            }
            let mut test = json!({
                "name": format!("{}: {short}", exercise.id),
                "number": format!("{lesson_number}.{exercise_number}.{}", i + 1),
                "score": t.points,
                "max_score": t.max_points,
                "status": if t.status == "pass" { "passed" } else { "failed" },
                "tags": [t.status, exercise.id],
                "visibility": if t.hidden { "after_due_date" } else { "visible" },
            });
            if !output.is_empty() {
                test["output"] = json!(output);
                test["output_format"] = json!("md");
            }
            tests.push(test);
        }
    }
    // The feedback without the hidden tests, which the student may not read before the due date.
    let mut shown = result.clone();
    let mut hidden = 0;
    for e in &mut shown.exercises {
        hidden += e.tests.iter().filter(|t| t.hidden).count();
        e.tests.retain(|t| !t.hidden);
    }
    let mut output = feedback::feedback(course, &shown, lang);
    if hidden > 0 {
        output.push_str(&format!(
            "\n{}\n",
            lang.t(
                &format!("숨은 테스트 {hidden}개의 점수는 위 점수에 들어 있고, 이름과 메시지는 마감 뒤에 보입니다."),
                &format!("The points of the {hidden} hidden tests are in the score above; their names and messages show after the due date."),
            )
        ));
    }
    let value = json!({
        "score": result.total(),
        "output": output,
        "output_format": "md",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}
