//! Each output format of a grading, checked against what its reader publishes: Gradescope's
//! results specification, the Moodle and Canvas import columns, plain text for comment boxes.
//! Called by `grading.rs` on the class it has just graded, so that no class is graded twice.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Gradescope's autograder results, as `gradescope/autograder_samples:docs/specs.md` specifies
/// them (fields, `status`, the output formats and the visibility values), written down as a JSON
/// Schema. `additionalProperties: false`: a field Gradescope does not know is a mistake here.
const GRADESCOPE_SCHEMA: &str = r##"{
  "type": "object",
  "additionalProperties": false,
  "anyOf": [{ "required": ["score"] }, { "required": ["tests"] }],
  "properties": {
    "score": { "type": "number", "minimum": 0 },
    "execution_time": { "type": "number" },
    "output": { "type": "string" },
    "output_format": { "$ref": "#/$defs/format" },
    "test_output_format": { "$ref": "#/$defs/format" },
    "test_name_format": { "$ref": "#/$defs/format" },
    "visibility": { "$ref": "#/$defs/visibility" },
    "stdout_visibility": { "$ref": "#/$defs/visibility" },
    "extra_data": { "type": "object" },
    "leaderboard": { "type": "array" },
    "tests": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "score": { "type": "number", "minimum": 0 },
          "max_score": { "type": "number", "minimum": 0 },
          "status": { "enum": ["passed", "failed"] },
          "name": { "type": "string" },
          "name_format": { "$ref": "#/$defs/format" },
          "number": { "type": "string" },
          "output": { "type": "string" },
          "output_format": { "$ref": "#/$defs/format" },
          "tags": { "type": "array", "items": { "type": "string" } },
          "visibility": { "$ref": "#/$defs/visibility" },
          "extra_data": { "type": "object" }
        }
      }
    }
  },
  "$defs": {
    "format": { "enum": ["text", "html", "simple_format", "md", "ansi"] },
    "visibility": { "enum": ["hidden", "after_due_date", "after_published", "visible"] }
  }
}"##;

/// Exercism's test-runner results, version 3, as `exercism/docs:building/tooling/test-runners/
/// interface.md` specifies them: top-level `version`, `status` (pass, fail or error) and
/// `message`; per test `name`, `status` (pass, fail or error), `message`, `output` (at most 500
/// characters), `test_code`, `task_id` (from 1). The course's own fields ride beside them.
const EXERCISM_SCHEMA: &str = r##"{
  "type": "object",
  "required": ["version", "status", "tests"],
  "properties": {
    "version": { "const": 3 },
    "status": { "enum": ["pass", "fail", "error"] },
    "message": { "type": ["string", "null"] },
    "tests": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["name", "status"],
        "properties": {
          "name": { "type": "string" },
          "status": { "enum": ["pass", "fail", "error"] },
          "message": { "type": ["string", "null"] },
          "output": { "type": ["string", "null"], "maxLength": 500 },
          "test_code": { "type": "string" },
          "task_id": { "type": "integer", "minimum": 1 }
        }
      }
    }
  }
}"##;

/// Every student's `results.json` holds Exercism's schema.
pub fn exercism(graded: &Path) {
    let schema: Value = serde_json::from_str(EXERCISM_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut statuses = std::collections::BTreeSet::new();
    for entry in fs::read_dir(graded).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("results.json").is_file() {
            continue;
        }
        let results = json(&dir.join("results.json"));
        let errors: Vec<String> = validator
            .iter_errors(&results)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
        for t in results["tests"].as_array().unwrap() {
            statuses.insert((
                t["course_status"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            ));
        }
    }
    // The course's eight statuses in Exercism's three.
    for (course, exercism) in &statuses {
        let want = match course.as_str() {
            "pass" => "pass",
            "fail" | "timeout" => "fail",
            _ => "error",
        };
        assert_eq!(exercism, want, "{course}");
    }
    assert!(statuses.len() >= 5, "{statuses:?}");
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The schema's complaints about one Gradescope results file (none: it holds).
pub fn gradescope_errors(results: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(GRADESCOPE_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(results)
        .map(|e| e.to_string())
        .collect()
}

/// Every student's `gradescope.json` holds the schema and says what `results.json` says.
pub fn gradescope(graded: &Path) {
    let mut students = 0;
    let mut hidden_seen = 0;
    for entry in fs::read_dir(graded).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("results.json").is_file() {
            continue;
        }
        students += 1;
        let gs = json(&dir.join("gradescope.json"));
        let errors = gradescope_errors(&gs);
        assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
        let record = json(&dir.join("results.json"));
        assert_eq!(gs["score"], record["total"], "{}", dir.display());
        let tests = gs["tests"].as_array().unwrap();
        let kept = record["tests"].as_array().unwrap();
        assert_eq!(tests.len(), kept.len());
        // (A hidden test may share its name with another exercise's visible one.)
        let visible: Vec<&str> = kept
            .iter()
            .filter(|k| !k["hidden"].as_bool().unwrap_or(false))
            .map(|k| k["name"].as_str().unwrap().rsplit("::").next().unwrap())
            .collect();
        let sum: u64 = tests.iter().map(|t| t["score"].as_u64().unwrap()).sum();
        assert_eq!(sum, record["points"].as_u64().unwrap());
        for (t, k) in tests.iter().zip(kept) {
            let hidden = k["hidden"].as_bool().unwrap_or(false);
            assert_eq!(
                t["visibility"],
                if hidden { "after_due_date" } else { "visible" },
                "{t}"
            );
            assert_eq!(t["status"] == "passed", k["status"] == "pass", "{t}");
            assert_eq!(t["tags"][0], k["course_status"]);
            // A hidden test that did not pass is named nowhere a student sees before the due
            // date: not in the top-level feedback.
            let short = k["name"].as_str().unwrap().rsplit("::").next().unwrap();
            if hidden && k["course_status"] != "pass" && !visible.contains(&short) {
                hidden_seen += 1;
                assert!(
                    !gs["output"].as_str().unwrap().contains(short),
                    "{}: the top-level output names hidden test {short}",
                    dir.display()
                );
            }
        }
    }
    assert!(students > 0 && hidden_seen > 0, "{students} {hidden_seen}");
}

/// The plain-text feedback has no Markdown left and the same words as the Markdown.
pub fn plain_feedback(student: &Path) {
    for lang in ["ko", "en"] {
        let text = fs::read_to_string(student.join(format!("feedback.{lang}.txt"))).unwrap();
        let md = fs::read_to_string(student.join(format!("feedback.{lang}.md"))).unwrap();
        // (Code blocks are indented, and keep what the code says, backticks included.)
        let prose: String = text
            .lines()
            .filter(|l| !l.starts_with("    "))
            .map(|l| format!("{l}\n"))
            .collect();
        for markup in ["`", "**", "|---", "\n# ", "\n## "] {
            assert!(!prose.contains(markup), "{markup:?} in\n{text}");
        }
        assert!(!text.contains("```"), "{text}");
        let first = md.lines().next().unwrap().trim_start_matches("# ");
        assert!(text.starts_with(first), "{text}");
    }
}

/// Runs `course export` and gives its exit status, standard output and error.
fn export(graded: &Path, to: &str, out: &Path, extra: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_course"))
        .args(["--lang", "en", "export"])
        .arg(graded)
        .args(["--to", to, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Rows of a CSV file as Python's `csv` module reads it (as Excel does), as JSON.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let output = Command::new("python3")
        .arg("-c")
        .arg("import csv, json, sys\nwith open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n    print(json.dumps(list(csv.reader(f))))")
        .arg(path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The LMS exports of students graded in `graded` (`(folder, total)`), renamed as each LMS's
/// download names them.
pub fn lms(graded: &Path, scratch: &Path, students: &[(&str, u64)]) {
    let _ = fs::remove_dir_all(scratch);
    let copy = |from: &Path, to: &Path| {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    };
    // Moodle: "Download submissions in folders" names them `<full name>_<id>_assignsubmission_file_`.
    let moodle = scratch.join("moodle");
    let names = ["Bora Lee", "이은", "Kim, Jay"];
    for (i, (student, _)) in students.iter().enumerate() {
        copy(
            &graded.join(student),
            &moodle.join(format!("{}_{}_assignsubmission_file_", names[i], 1002 + i)),
        );
    }
    let out = scratch.join("moodle.csv");
    let (ok, err) = export(&moodle, "moodle", &out, &["--bom"]);
    assert!(ok, "{err}");
    let bytes = fs::read(&out).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "the BOM Excel needs"
    );
    let rows = read_csv(&out);
    // What Moodle's "Upload grading worksheet" looks for by name
    // (mod/assign/feedback/offline/importgradeslib.php): Identifier, Grade and
    // Last modified (grade); Feedback comments for the comments plugin.
    let header = &rows[0];
    for column in [
        "Identifier",
        "Grade",
        "Last modified (grade)",
        "Feedback comments",
    ] {
        assert!(header.iter().any(|h| h == column), "{column} in {header:?}");
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len(), students.len() + 1);
    // Rows in folder-name order: "Bora Lee" < "Kim, Jay" < "이은".
    let mut expected: Vec<(String, String, u64)> = students
        .iter()
        .enumerate()
        .map(|(i, (_, total))| {
            (
                names[i].to_string(),
                format!("Participant {}", 1002 + i),
                *total,
            )
        })
        .collect();
    expected.sort();
    for (row, (name, id, total)) in rows[1..].iter().zip(&expected) {
        assert_eq!(row[col("Identifier")], *id);
        assert_eq!(row[col("Full name")], *name);
        assert_eq!(row[col("Grade")], total.to_string());
        let feedback = &row[col("Feedback comments")];
        assert!(
            feedback.starts_with("Grading results: ") && !feedback.contains("**"),
            "{feedback}"
        );
    }

    // Canvas: "Download Submissions" names each file `<name>[_LATE]_<user id>_<submission id>_<file>`.
    let canvas = scratch.join("canvas");
    let logins = ["leebora", "leeeun", "kimjay"];
    for (i, (student, _)) in students.iter().enumerate() {
        let late = if i == 1 { "_LATE" } else { "" };
        copy(
            &graded.join(student),
            &canvas.join(format!(
                "{}{late}_{}_{}_hand-in",
                logins[i],
                2002 + i,
                90001 + i
            )),
        );
    }
    let out = scratch.join("canvas.csv");
    let (ok, err) = export(
        &canvas,
        "canvas",
        &out,
        &["--assignment", "Async Rust (4521)"],
    );
    assert!(ok, "{err}");
    let rows = read_csv(&out);
    // Canvas's gradebook import: the five identity columns first, then the assignment as
    // `Name (id)`; the second row is Points Possible.
    assert_eq!(
        rows[0],
        [
            "Student",
            "ID",
            "SIS User ID",
            "SIS Login ID",
            "Section",
            "Async Rust (4521)"
        ]
    );
    assert_eq!(rows[1][0], "Points Possible");
    let mut expected: Vec<(&str, String, u64)> = students
        .iter()
        .enumerate()
        .map(|(i, (_, total))| (logins[i], (2002 + i).to_string(), *total))
        .collect();
    expected.sort();
    for (row, (login, id, total)) in rows[2..].iter().zip(&expected) {
        assert_eq!(
            (row[0].as_str(), &row[1], &row[5]),
            (*login, id, &total.to_string())
        );
    }

    // Folders the LMS did not name: refused, with a message, and nothing written.
    let out = scratch.join("refused.csv");
    let (ok, err) = export(graded, "canvas", &out, &[]);
    assert!(!ok && err.contains("carry no Canvas identifier"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!out.exists());
}
