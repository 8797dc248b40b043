//! `gradebook.csv`: one row per student, the points of every exercise, the total, and what the
//! instructor needs beside it (statuses not passed, overrides, copies of the reference).

use std::fmt::Write;

use crate::course::Course;
use crate::grade::StudentResult;

/// What the instructor's overrides did to a student, as the outputs say it.
pub fn overrides_said(result: &StudentResult) -> Vec<String> {
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

pub fn csv_field(text: &str) -> String {
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
