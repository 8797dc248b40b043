//! The learner's commands: `list`, `start`, `check`, `hint`.
//!
//! A self-studying learner works in a folder of their own (by default `exercises/` at the top of
//! the course checkout), made by `start` from the student version. The tool remembers, in
//! `<folder>/.course/state.toml`, how many hints each exercise has shown and what its last check
//! said; nothing else in the folder is ever written by the tool after `start`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::course::{Course, Exercise, Lesson};
use crate::error::{Error, Result};
use crate::fsx;
use crate::libtest;
use crate::release;

#[derive(Default, Serialize, Deserialize)]
struct State {
    /// Hints shown so far, by exercise id.
    #[serde(default)]
    hints: BTreeMap<String, usize>,
    /// "pass" or "fail", from the last `check`, by exercise id.
    #[serde(default)]
    checked: BTreeMap<String, String>,
}

fn state_path(dir: &Path) -> PathBuf {
    dir.join(".course/state.toml")
}

fn load_state(dir: &Path) -> Result<State> {
    let path = state_path(dir);
    if !path.exists() {
        return Ok(State::default());
    }
    let text = fsx::read(&path)?;
    toml::from_str(&text).map_err(|e| {
        Error::new(format!(
            "{}: {e} (delete the file to start the hint count over)",
            path.display()
        ))
    })
}

fn save_state(dir: &Path, state: &State) -> Result<()> {
    let text = toml::to_string(state).map_err(|e| Error::new(e.to_string()))?;
    fsx::write_atomic(&state_path(dir), text)
}

/// What to tell a learner whose folder still has lesson folders under their old numbers.
fn renumbered_notice(course: &Course, dir: &Path, lang: Lang) -> Option<String> {
    let old = release::renumbered(course, dir);
    if old.is_empty() {
        return None;
    }
    let moves: Vec<String> = old
        .iter()
        .map(|(from, to)| format!("lessons/{from} → lessons/{to}"))
        .collect();
    Some(lang.t(
        &format!(
            "과정의 레슨 번호가 바뀌었습니다({}). 내 파일은 그대로 두고 폴더 이름만 옮기려면: cargo run -p course -- start",
            moves.join(", ")
        ),
        &format!(
            "the course has renumbered its lessons ({}). To move your folders, keeping every file as it is: cargo run -p course -- start",
            moves.join(", ")
        ),
    )
    .to_string())
}

fn require_workspace(course: &Course, dir: &Path, lang: Lang) -> Result<()> {
    if dir.join("Cargo.toml").is_file() && dir.join("lessons").is_dir() {
        return match renumbered_notice(course, dir, lang) {
            None => Ok(()),
            Some(notice) => Err(Error::new(notice)),
        };
    }
    Err(Error::new(lang.t(
        &format!(
            "{}에 연습 문제 폴더가 없습니다. 먼저 만드세요: cargo run -p course -- start",
            dir.display()
        ),
        &format!(
            "{} holds no exercise folder yet; create it first: cargo run -p course -- start",
            dir.display()
        ),
    )))
}

/// `start`: makes (or completes) the learner's folder.
pub fn start(course: &Course, dir: &Path, lang: Lang) -> Result<()> {
    let started = release::start(course, dir)?;
    for (from, to) in &started.moved {
        println!(
            "{}",
            lang.t(
                &format!("lessons/{from} → lessons/{to}: 과정의 레슨 번호가 바뀌어 폴더 이름을 옮겼습니다 (안의 파일은 그대로)."),
                &format!("lessons/{from} → lessons/{to}: the course renumbered its lessons, so the folder was renamed (its files are as they were)."),
            )
        );
    }
    if started.written.is_empty() {
        println!(
            "{}",
            lang.t(
                &format!(
                    "{}: 이미 모든 파일이 있습니다. 아무것도 덮어쓰지 않았습니다.",
                    dir.display()
                ),
                &format!(
                    "{}: every file is already there; nothing was overwritten.",
                    dir.display()
                ),
            )
        );
    } else {
        println!(
            "{}",
            lang.t(
                &format!(
                    "{}: 파일 {}개를 만들었습니다 (이미 있던 {}개는 그대로 두었습니다).",
                    dir.display(),
                    started.written.len(),
                    started.kept
                ),
                &format!(
                    "{}: wrote {} files (kept the {} that were already there).",
                    dir.display(),
                    started.written.len(),
                    started.kept
                ),
            )
        );
    }
    println!("{}", lang.t(
        "다음: cargo run -p course -- list  (문제 목록), cargo run -p course -- check <문제>  (확인)",
        "next: cargo run -p course -- list  (the exercises), cargo run -p course -- check <exercise>  (check one)",
    ));
    Ok(())
}

/// Whether the learner's exercise file is still the untouched stub.
fn untouched(lesson: &Lesson, exercise: &Exercise, dir: &Path) -> Option<bool> {
    let rel = PathBuf::from("src").join(format!("{}.rs", exercise.name));
    let mine = std::fs::read_to_string(dir.join("lessons").join(&lesson.folder).join(&rel)).ok()?;
    let stub = release::lesson_files(lesson).ok()?.remove(&rel)?;
    Some(mine == stub)
}

/// `list`: every exercise with the learner's status.
pub fn list(course: &Course, dir: &Path, lang: Lang) -> Result<()> {
    let state = if dir.join("Cargo.toml").is_file() {
        load_state(dir)?
    } else {
        State::default()
    };
    let started = dir.join("lessons").is_dir();
    if let Some(notice) = renumbered_notice(course, dir, lang) {
        println!("{notice}");
    }
    let width = course.all().map(|(l, e)| l.id(e).len()).max().unwrap_or(10);
    for lesson in &course.lessons {
        println!("\n{} · {}", lesson.folder, lesson.title.get(lang));
        for exercise in &lesson.exercises {
            let id = lesson.id(exercise);
            let status = match (
                state.checked.get(&id).map(String::as_str),
                untouched(lesson, exercise, dir),
            ) {
                (_, None) if !started => {
                    lang.t("폴더 없음 (start 먼저)", "no folder yet (run start)")
                }
                (_, None) => lang.t("파일 없음", "file missing"),
                (Some("pass"), _) => lang.t("완료", "done"),
                (_, Some(true)) => lang.t("아직 손대지 않음", "untouched"),
                (Some(_), _) => lang.t(
                    "진행 중 (마지막 확인: 실패)",
                    "in progress (last check failed)",
                ),
                (None, _) => lang.t("진행 중", "in progress"),
            };
            let hints = state.hints.get(&id).copied().unwrap_or(0);
            println!(
                "  {id:<width$}  {:<12}  {}  [{}: {hints}/{}]",
                status,
                exercise.title.get(lang),
                lang.t("힌트", "hints"),
                exercise.hints.len()
            );
        }
    }
    if !started {
        println!(
            "\n{}",
            lang.t(
                "연습 문제 폴더를 만들려면: cargo run -p course -- start",
                "to make your exercise folder: cargo run -p course -- start",
            )
        );
    }
    Ok(())
}

/// `hint`: shows the next hint (and the ones before it).
pub fn hint(course: &Course, dir: &Path, id: &str, lang: Lang) -> Result<()> {
    let (_, exercise) = course.find(id)?;
    let mut state = if dir.join("Cargo.toml").is_file() {
        load_state(dir)?
    } else {
        State::default()
    };
    let shown = state.hints.get(id).copied().unwrap_or(0);
    let next = (shown + 1).min(exercise.hints.len());
    for (i, hint) in exercise.hints.iter().take(next).enumerate() {
        println!(
            "{} {}/{}: {}",
            lang.t("힌트", "hint"),
            i + 1,
            exercise.hints.len(),
            hint.get(lang)
        );
    }
    if shown >= exercise.hints.len() {
        println!(
            "{}",
            lang.t(
                "(마지막 힌트까지 모두 봤습니다)",
                "(that was the last hint)"
            )
        );
    }
    if dir.join("Cargo.toml").is_file() {
        state.hints.insert(id.to_string(), next);
        save_state(dir, &state)?;
    }
    Ok(())
}

/// `check`: runs the exercise's visible tests in the learner's folder and says what passed.
pub fn check(course: &Course, dir: &Path, id: &str, lang: Lang) -> Result<bool> {
    require_workspace(course, dir, lang)?;
    let (lesson, exercise) = course.find(id)?;
    let output = Command::new("cargo")
        // Not `--quiet`: that also makes libtest print its terse one-character format, and the
        // report below reads the `test <name> ... ok` lines of the pretty one.
        .args([
            "test",
            "--color",
            "never",
            "-p",
            &lesson.package,
            "--test",
            &exercise.name,
        ])
        .current_dir(dir)
        .output()
        .map_err(|e| Error::new(format!("cannot run cargo: {e}")))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let results = libtest::parse(&stdout);
    let mut state = load_state(dir)?;
    if results.is_empty() {
        // No test ran: it did not compile (or cargo itself failed).
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| {
                !l.trim_start().starts_with("Compiling") && !l.trim_start().starts_with("Blocking")
            })
            .collect();
        println!(
            "{}",
            lang.t(
                "✗ 컴파일되지 않습니다. 컴파일러의 말:",
                "✗ it does not compile. The compiler says:"
            )
        );
        println!("{}", errors.join("\n"));
        state.checked.insert(id.to_string(), "fail".into());
        save_state(dir, &state)?;
        return Ok(false);
    }
    let mut all = true;
    for result in &results {
        if result.passed {
            println!("✓ {}", result.name);
        } else {
            all = false;
            let why = libtest::failure_message(&stdout, &result.name);
            let why = if why.contains("not yet implemented") {
                lang.t("아직 todo!() 그대로입니다", "still todo!()")
                    .to_string()
            } else {
                why
            };
            println!("✗ {}\n    {}", result.name, why.replace('\n', "\n    "));
        }
    }
    let passed = results.iter().filter(|r| r.passed).count();
    println!(
        "\n{}",
        lang.t(
            &format!("{id}: 보이는 테스트 {}개 중 {passed}개 통과", results.len()),
            &format!("{id}: {passed} of {} visible tests pass", results.len()),
        )
    );
    if all {
        println!(
            "{}",
            lang.t(
                "모두 통과했습니다. 채점할 때는 숨은 테스트도 돌립니다: 다른 입력, 정확한 시간.",
                "All tests pass. Grading also runs hidden tests: other inputs, exact timings.",
            )
        );
    } else {
        println!(
            "{}",
            lang.t(
                &format!("막혔다면 힌트: cargo run -p course -- hint {id}"),
                &format!("stuck? a hint: cargo run -p course -- hint {id}"),
            )
        );
    }
    state
        .checked
        .insert(id.to_string(), if all { "pass" } else { "fail" }.into());
    save_state(dir, &state)?;
    Ok(all)
}
