//! The course tool's front door: bad input gets a clear message and a non-zero exit, never a
//! panic; a learner's work is never overwritten; `check` and `hint` say what to do next.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const COURSE: &str = env!("CARGO_BIN_EXE_course");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn course(args: &[&str], dir: Option<&Path>) -> Output {
    let mut command = Command::new(COURSE);
    command.args(["--lang", "en"]).args(args);
    // The learner folders are made afresh by each test; their builds (`course check`) keep
    // one target folder between runs, so that a warm suite does not compile tokio again.
    command.env(
        "CARGO_TARGET_DIR",
        root().join("target/grader/cli-learner-target"),
    );
    if let Some(dir) = dir {
        command.arg("--dir").arg(dir);
    }
    command.output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_clean_failure(out: &Output, says: &str) {
    let all = text(out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains(says), "expected `{says}` in:\n{all}");
    assert!(
        !all.contains("panicked"),
        "a panic trace reached the user:\n{all}"
    );
}

#[test]
fn a_missing_submissions_folder_is_a_clear_error() {
    let out = course(
        &[
            "grade",
            "/nonexistent/submissions",
            "--out",
            "/tmp/course-cli-never-written",
        ],
        None,
    );
    assert_clean_failure(
        &out,
        "error: /nonexistent/submissions: no such folder of submissions",
    );
    assert!(!Path::new("/tmp/course-cli-never-written/gradebook.csv").exists());
}

#[test]
fn an_unknown_exercise_points_to_the_list() {
    let out = course(&["hint", "gather/no_such_thing"], None);
    assert_clean_failure(
        &out,
        "error: there is no exercise `gather/no_such_thing`. The exercises: cargo run -p course -- list",
    );
}

#[test]
fn a_bad_shard_is_refused_by_the_command_line() {
    let out = course(&["grade", ".", "--out", "x", "--shard", "3/2"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("need 1 <= K <= N, got 3/2"),
        "{}",
        text(&out)
    );
}

#[test]
fn release_never_writes_into_a_folder_that_has_files() {
    let dir = root().join("target/grader/cli-release");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("mine.txt"), "my notes").unwrap();
    let out = course(&["release", "--out", dir.to_str().unwrap()], None);
    assert_clean_failure(&out, "already exists and is not empty");
    assert_eq!(
        fs::read_to_string(dir.join("mine.txt")).unwrap(),
        "my notes"
    );
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
}

/// The handout: the rubric shows titles and points but no hint and no hidden test's name, the
/// hints are not a readable list, and the handout's own `course` gives them one at a time
/// (with `--withhold-last-hint`, all but the last).
#[test]
fn release_gives_a_handout_with_hints_one_at_a_time() {
    let dir = root().join("target/grader/cli-handout");
    let _ = fs::remove_dir_all(&dir);
    let out = course(
        &[
            "release",
            "--out",
            dir.to_str().unwrap(),
            "--withhold-last-hint",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    let rubric = fs::read_to_string(dir.join("lessons/05-gather/lesson.toml")).unwrap();
    assert!(
        rubric.contains("three_lookups_end_at_three_seconds = 3"),
        "{rubric}"
    );
    assert!(
        rubric.contains("[exercise.hidden]\ntests = 7\npoints = 9"),
        "{rubric}"
    );
    assert!(
        !rubric.contains("forty_lookups_keep_argument_order"),
        "{rubric}"
    );
    assert!(!rubric.contains("join_all"), "no hint text: {rubric}");
    let hints = fs::read_to_string(dir.join("crates/course/hints.txt")).unwrap();
    assert!(
        !hints.contains("join_all") && !hints.contains("Awaiting"),
        "{hints}"
    );
    assert!(
        fs::read_to_string(dir.join(".gitignore"))
            .unwrap()
            .contains("target/")
    );
    let hint = |extra: &[&str]| {
        let out = Command::new("cargo")
            .args(["run", "-q", "--offline", "-p", "course", "--", "hint"])
            .args(extra)
            .current_dir(&dir)
            .env_remove("RUSTUP_TOOLCHAIN")
            .env(
                "CARGO_TARGET_DIR",
                root().join("target/grader/cli-handout-target"),
            )
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, first, err) = hint(&["gather/gather_lookups", "--lang", "en"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        first.starts_with("hint 1/3: Awaiting each lookup"),
        "{first}"
    );
    assert!(!first.contains("hint 2/3"), "{first}");
    let (_, second, _) = hint(&["gather/gather_lookups", "--lang", "en"]);
    assert!(second.contains("hint 2/3:"), "{second}");
    let (_, third, _) = hint(&["gather/gather_lookups", "--lang", "en"]);
    let (_, past, _) = hint(&["gather/gather_lookups", "--lang", "en"]);
    assert!(
        third.contains("hint 3/3:") && past.contains("last hint"),
        "{third}{past}"
    );
    // The fourth hint (the answer, nearly) was withheld.
    assert!(!past.contains("join_all(counts"), "{past}");
    let (code, _, err) = hint(&["gather_lookups"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("gather/gather_lookups?"), "{err}");
}

/// `start` makes the folder and, run again, keeps every file the learner touched; `check`
/// fails on the stub and passes on a solution; `hint` gives one more hint each time.
#[test]
fn a_learner_starts_checks_and_asks_for_hints() {
    let dir = root().join("target/grader/cli-learner");
    let _ = fs::remove_dir_all(&dir);
    let out = course(&["start"], Some(&dir));
    assert!(out.status.success(), "{}", text(&out));
    let mine = dir.join("lessons/05-gather/src/gather_lookups.rs");
    let stub = fs::read_to_string(&mine).unwrap();
    assert!(stub.contains("todo!()") && !stub.contains("BEGIN SOLUTION"));
    assert!(
        !dir.join("lessons/05-gather/grading").exists(),
        "hidden tests reached the learner"
    );

    let out = course(&["check", "gather/gather_lookups"], Some(&dir));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("✗ three_lookups_end_at_three_seconds\n    still todo!()"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("stuck? a hint: cargo run -p course -- hint gather/gather_lookups")
    );

    // The learner's answer (here: the instructor's) survives a second `start`.
    let answer =
        fs::read_to_string(root().join("lessons/05-gather/src/gather_lookups.rs")).unwrap();
    fs::write(&mine, &answer).unwrap();
    let out = course(&["start"], Some(&dir));
    assert!(
        text(&out).contains("every file is already there; nothing was overwritten"),
        "{}",
        text(&out)
    );
    assert_eq!(fs::read_to_string(&mine).unwrap(), answer);

    let out = course(&["check", "gather/gather_lookups"], Some(&dir));
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("gather/gather_lookups: 2 of 2 visible tests pass"),
        "{}",
        text(&out)
    );
    let list = text(&course(&["list"], Some(&dir)));
    assert!(
        list.lines()
            .any(|l| l.contains("gather/gather_lookups") && l.contains("done")),
        "{list}"
    );
    assert!(
        list.lines()
            .any(|l| l.contains("gather/collect_every_result") && l.contains("untouched")),
        "{list}"
    );

    let first = text(&course(&["hint", "gather/first_error_cancels"], Some(&dir)));
    let second = text(&course(&["hint", "gather/first_error_cancels"], Some(&dir)));
    assert_eq!(
        first.lines().filter(|l| l.starts_with("hint ")).count(),
        1,
        "{first}"
    );
    assert_eq!(
        second.lines().filter(|l| l.starts_with("hint ")).count(),
        2,
        "{second}"
    );
}

/// Lessons 2 and 3 once swapped places (`02-future` became `03-future`, `03-awaiting` became
/// `02-awaiting`). A learner's folder made before that keeps its work: `list` and `check` say
/// what to do, and `start` renames the folders without touching a file in them.
#[test]
fn a_folder_from_before_the_lessons_were_renumbered_is_moved_not_lost() {
    let dir = root().join("target/grader/cli-renumbered");
    let _ = fs::remove_dir_all(&dir);
    assert!(course(&["start"], Some(&dir)).status.success());
    let lessons = dir.join("lessons");
    // Make it look like the old layout, with the learner's work in it.
    fs::rename(lessons.join("03-future"), lessons.join("02-future")).unwrap();
    fs::rename(lessons.join("02-awaiting"), lessons.join("03-awaiting")).unwrap();
    let work = "// my countdown, half done\n";
    fs::write(lessons.join("02-future/src/countdown_by_hand.rs"), work).unwrap();

    let says = "the course has renumbered its lessons (lessons/03-awaiting → lessons/02-awaiting, lessons/02-future → lessons/03-future)";
    let list = text(&course(&["list"], Some(&dir)));
    assert!(list.contains(says), "{list}");
    assert_clean_failure(
        &course(&["check", "future/countdown_by_hand"], Some(&dir)),
        says,
    );

    let out = course(&["start"], Some(&dir));
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out)
            .contains("lessons/02-future → lessons/03-future: the course renumbered its lessons"),
        "{}",
        text(&out)
    );
    assert!(!lessons.join("02-future").exists() && !lessons.join("03-awaiting").exists());
    assert_eq!(
        fs::read_to_string(lessons.join("03-future/src/countdown_by_hand.rs")).unwrap(),
        work
    );
    assert!(
        text(&out).contains("every file is already there; nothing was overwritten"),
        "{}",
        text(&out)
    );
    let list = text(&course(&["list"], Some(&dir)));
    assert!(!list.contains("renumbered"), "{list}");
    assert!(
        list.lines()
            .any(|l| l.contains("future/countdown_by_hand") && l.contains("in progress")),
        "{list}"
    );
}

/// Korean is the default, for the command line's own texts too: the help and a mistake.
#[test]
fn the_command_line_speaks_korean_unless_asked_for_english() {
    let run = |args: &[&str]| Command::new(COURSE).args(args).output().unwrap();
    let help = text(&run(&["--help"]));
    let said = |command: &str, about: &str| {
        help.lines().any(|l| {
            l.trim_start()
                .strip_prefix(command)
                .is_some_and(|rest| rest.starts_with(' ') && rest.trim_start().starts_with(about))
        })
    };
    assert!(said("list", "문제 목록과 내 진행 상황"), "{help}");
    assert!(
        said("watch", "지금 푸는 문제를 저장할 때마다 다시 확인하고"),
        "{help}"
    );
    let english = text(&run(&["--lang", "en", "--help"]));
    assert!(
        english.contains("The lessons and exercises, with your status"),
        "{english}"
    );
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).starts_with("오류: 명령을 이해하지 못했습니다."),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("panicked"));
}

/// GitHub Classroom's runner result, as `classroom-resources/autograding-command-grader`
/// (`src/main.js`) writes it and `autograding-grading-reporter` reads it (`src/main.js`,
/// `src/notify-classroom.js`: `status`, `max_score`, and `tests[].score` summed), as a JSON Schema.
const CLASSROOM_SCHEMA: &str = r##"{
  "type": "object",
  "required": ["version", "status", "max_score", "tests"],
  "additionalProperties": false,
  "properties": {
    "version": { "const": 1 },
    "status": { "enum": ["pass", "fail", "error"] },
    "max_score": { "type": "number", "minimum": 0 },
    "tests": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["name", "status", "score", "message", "test_code", "filename", "line_no", "execution_time"],
        "additionalProperties": false,
        "properties": {
          "name": { "type": "string" },
          "status": { "enum": ["pass", "fail", "error"] },
          "score": { "type": "number", "minimum": 0 },
          "message": { "type": "string" },
          "test_code": { "type": "string" },
          "filename": { "type": "string" },
          "line_no": { "type": "integer" },
          "execution_time": { "type": "string" }
        }
      }
    }
  }
}"##;

/// The handout's workflow runs `course classroom`: each visible test earns its rubric points,
/// and the runner result goes to `$GITHUB_OUTPUT` in the shape Classroom's reporter reads.
#[test]
fn the_handout_reports_each_visible_tests_points_to_github_classroom() {
    let dir = root().join("target/grader/cli-classroom");
    let _ = fs::remove_dir_all(&dir);
    let out = course(&["release", "--out", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.join(".github/workflows/classroom.yml").is_file());
    // One exercise solved; the lesson's two others are the stubs.
    fs::copy(
        root().join("lessons/05-gather/src/gather_lookups.rs"),
        dir.join("lessons/05-gather/src/gather_lookups.rs"),
    )
    .unwrap();
    let output_file = dir.join("github-output");
    let summary = dir.join("github-summary");
    let run = Command::new("cargo")
        .args([
            "run",
            "-q",
            "--offline",
            "-p",
            "course",
            "--",
            "classroom",
            "gather",
            "--lang",
            "en",
        ])
        .current_dir(&dir)
        .env_remove("RUSTUP_TOOLCHAIN")
        .env(
            "CARGO_TARGET_DIR",
            root().join("target/grader/cli-learner-target"),
        )
        .env("GITHUB_OUTPUT", &output_file)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", text(&run));
    let line = fs::read_to_string(&output_file).unwrap();
    let encoded = line.strip_prefix("result=").unwrap().trim_end();
    let decoded = Command::new("python3")
        .args(["-c", "import base64, sys; sys.stdout.write(base64.b64decode(sys.argv[1], validate=True).decode())", encoded])
        .output()
        .unwrap();
    assert!(decoded.status.success(), "not base64: {encoded}");
    let result: serde_json::Value = serde_json::from_slice(&decoded.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(CLASSROOM_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&result)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");

    // The points are the rubric's, test by test: the solved exercise's in full, the stubs' none.
    let rubric = fs::read_to_string(dir.join("lessons/05-gather/lesson.toml")).unwrap();
    let tests = result["tests"].as_array().unwrap();
    let mut visible_max = 0;
    let mut solved = 0;
    for t in tests {
        let name = t["name"].as_str().unwrap();
        let (id, test) = name.split_once(": ").unwrap();
        let points: u64 = rubric
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{test} = ")))
            .unwrap_or_else(|| panic!("{test} not in the rubric"))
            .parse()
            .unwrap();
        visible_max += points;
        if id == "gather/gather_lookups" {
            assert_eq!(
                (t["status"].as_str(), t["score"].as_u64()),
                (Some("pass"), Some(points)),
                "{t}"
            );
            solved += points;
        } else {
            assert_eq!(
                (t["status"].as_str(), t["score"].as_u64()),
                (Some("fail"), Some(0)),
                "{t}"
            );
            assert!(
                t["message"]
                    .as_str()
                    .unwrap()
                    .contains("not yet implemented"),
                "{t}"
            );
        }
    }
    assert_eq!(result["max_score"].as_u64(), Some(visible_max));
    assert_eq!(result["status"], "fail");
    // Every visible test of the rubric, once.
    let mut in_points = false;
    let mut listed = 0;
    for line in rubric.lines() {
        if line.starts_with('[') {
            in_points = line == "[exercise.points]";
        } else if in_points && line.contains(" = ") {
            listed += 1;
        }
    }
    assert!(solved > 0 && tests.len() == listed, "{listed}: {result}");
    let table = fs::read_to_string(&summary).unwrap();
    assert!(
        table.contains(&format!("Visible tests: **{solved} / {visible_max}**")),
        "{table}"
    );
}
