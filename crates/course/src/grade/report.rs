//! Where the grader's outputs go. Every output is a projection of the per-test records (see
//! `formats`): per student, `results.json` (Exercism's shape, and the record itself, read back by
//! `--exercise`, `--only` and `merge`), `gradescope.json` and the feedback as Markdown and plain
//! text in Korean and English; for the class, `gradebook.csv` and `junit.xml`. The LMS gradebooks
//! (`course export`) are made from these files afterwards.

use std::path::Path;

use crate::Lang;
use crate::course::Course;
use crate::error::{Error, Result};
use crate::fsx;
use crate::grade::formats::{exercism, feedback, gradebook, gradescope, junit};
use crate::grade::{ExerciseResult, StudentResult};

/// The files of one student's folder, as `merge` copies them.
pub const STUDENT_FILES: [&str; 6] = [
    "results.json",
    "gradescope.json",
    "feedback.ko.md",
    "feedback.en.md",
    "feedback.ko.txt",
    "feedback.en.txt",
];

/// Writes every output file under `out`; `lang` is the language of `gradescope.json`.
pub fn write_all(course: &Course, out: &Path, results: &[StudentResult], lang: Lang) -> Result<()> {
    for result in results {
        write_student(course, out, result, lang)?;
    }
    fsx::write_atomic(&out.join("junit.xml"), junit::junit(results))?;
    fsx::write_atomic(
        &out.join("gradebook.csv"),
        gradebook::gradebook(course, results),
    )
}

/// One student's folder.
fn write_student(course: &Course, out: &Path, result: &StudentResult, lang: Lang) -> Result<()> {
    let dir = out.join(&result.student);
    fsx::write_atomic(
        &dir.join("results.json"),
        exercism::results_json(result) + "\n",
    )?;
    fsx::write_atomic(
        &dir.join("gradescope.json"),
        gradescope::results(course, result, lang) + "\n",
    )?;
    for (code, l) in [("ko", Lang::Ko), ("en", Lang::En)] {
        let md = feedback::feedback(course, result, l);
        fsx::write_atomic(
            &dir.join(format!("feedback.{code}.txt")),
            feedback::plain(&md),
        )?;
        fsx::write_atomic(&dir.join(format!("feedback.{code}.md")), md)?;
    }
    Ok(())
}

/// `grade --only`: writes the regraded students' files and puts their rows into the gradebook
/// already in `out`, in name order; every other student's row and folder stays as it was. The
/// gradebook is replaced in one rename.
pub fn update(course: &Course, out: &Path, results: &[StudentResult], lang: Lang) -> Result<()> {
    let path = out.join("gradebook.csv");
    let old = fsx::read(&path)?;
    let fresh = gradebook::gradebook(course, results);
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
        write_student(course, out, result, lang)?;
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
            // (Written before version 3, a results file had the course's status in `status`.)
            status: string(t, "course_status")
                .or_else(|| string(t, "status"))
                .unwrap_or_default(),
            message: string(t, "message"),
            output: string(t, "output"),
            points: number(t, "points"),
            max_points: number(t, "max_points"),
            hidden: t["hidden"].as_bool().unwrap_or(false),
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
    for name in graded_students(out)? {
        results.push(read_student(out, &name)?);
    }
    fsx::write_atomic(&out.join("junit.xml"), junit::junit(&results))
}

/// The students whose results are in `out` (a folder with `results.json`), in name order.
pub fn graded_students(out: &Path) -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .map_err(|e| Error::io(out, e))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("results.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    Ok(names)
}
