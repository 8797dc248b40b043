//! Exercism's test-runner `results.json`, version 3 (exercism/docs:
//! `building/tooling/test-runners/interface.md`: `version`, `status` and `message`; per test
//! `name`, `status` pass/fail/error, `message`, `output` of at most 500 characters, `task_id`),
//! with the course's points, per-exercise statuses and overrides beside them. Each exercise of
//! the course is a task (`task_id`: its place in the course, from 1); a test's own status is
//! `course_status` (`timeout` is Exercism's `fail`; a test that could not run, Exercism's
//! `error`). It is also where a grading keeps its per-test records: `report::read_student`
//! reads them back for `--exercise`, `--only` and `merge`.

use serde_json::json;

use crate::grade::{StudentResult, cap};

/// One student's `results.json`.
pub fn results_json(result: &StudentResult) -> String {
    let all_pass = result.exercises.iter().all(|e| e.status == "pass");
    let tests: Vec<_> = result
        .exercises
        .iter()
        .enumerate()
        .flat_map(|(task, e)| e.tests.iter().map(move |t| (task + 1, t)))
        .map(|(task, t)| {
            let mut test = json!({
                "name": t.name,
                "status": exercism_status(&t.status),
                "course_status": t.status,
                "task_id": task,
                "points": t.points,
                "max_points": t.max_points,
            });
            if let Some(m) = &t.message {
                test["message"] = json!(m);
            }
            if t.hidden {
                test["hidden"] = json!(true);
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
        "version": 3,
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

/// A test's status as Exercism says it: `pass`, `fail` (it ran and failed, or ran out of time),
/// or `error` (it could not run: not built, flagged, not handed in, the stub, the grader).
fn exercism_status(status: &str) -> &'static str {
    match status {
        "pass" => "pass",
        "fail" | "timeout" => "fail",
        _ => "error",
    }
}
