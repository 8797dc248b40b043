//! The learner's commands: `list`, `start`, `check`, `hint`, `reset` (and `watch`, in `watch`).
//!
//! A self-studying learner works in a folder of their own (by default `exercises/` at the top of
//! the course checkout), made by `start` from the student version. The tool remembers, in
//! `<folder>/.course/state.toml`, how many hints each exercise has shown and what its last check
//! said. After `start`, the tool writes nothing else in the folder but `reset`'s stub, and then
//! only after keeping the learner's file in `.course/backups/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::check;
use crate::course::{Course, Exercise, Lesson};
use crate::error::{Error, Result};
use crate::fsx;
use crate::release;

#[derive(Default, Serialize, Deserialize)]
struct State {
    /// Hints shown so far, by exercise id.
    #[serde(default)]
    hints: BTreeMap<String, usize>,
    /// "pass" or "fail", from the last `check`, by exercise id.
    #[serde(default)]
    checked: BTreeMap<String, String>,
    /// The language (`ko`, `en`) the hints of each exercise were last shown in.
    #[serde(default)]
    hint_lang: BTreeMap<String, String>,
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

pub fn require_workspace(course: &Course, dir: &Path, lang: Lang) -> Result<()> {
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

/// How wide `text` is on a terminal: Hangul, CJK and full-width forms take two columns.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let c = c as u32;
            let wide = (0x1100..=0x115F).contains(&c)
                || (0x2E80..=0xA4CF).contains(&c)
                || (0xAC00..=0xD7A3).contains(&c)
                || (0xF900..=0xFAFF).contains(&c)
                || (0xFE30..=0xFE4F).contains(&c)
                || (0xFF00..=0xFF60).contains(&c)
                || (0xFFE0..=0xFFE6).contains(&c);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// `text` padded with spaces to `width` terminal columns.
fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(display_width(text)))
    )
}

/// Which exercises the learner has passed (by their last check), in course order.
fn done(course: &Course, state: &State) -> Vec<String> {
    course
        .all()
        .map(|(l, e)| l.id(e))
        .filter(|id| state.checked.get(id).is_some_and(|s| s == "pass"))
        .collect()
}

/// "7 / 15 완료 (47%)": how far the learner is.
pub fn progress(course: &Course, dir: &Path, lang: Lang) -> String {
    let state = load_state(dir).unwrap_or_default();
    let total = course.all().count();
    let n = done(course, &state).len();
    let percent = (n * 100).checked_div(total).unwrap_or(0);
    lang.t(
        &format!("진행: {n} / {total} 완료 ({percent}%)"),
        &format!("progress: {n} / {total} done ({percent}%)"),
    )
    .to_string()
}

/// The first exercise, in course order, that the learner has not passed (after `from`, when
/// given, wrapping around).
pub fn next_unfinished<'a>(
    course: &'a Course,
    dir: &Path,
    from: Option<&str>,
) -> Option<(&'a Lesson, &'a Exercise)> {
    let state = load_state(dir).unwrap_or_default();
    let all: Vec<(&Lesson, &Exercise)> = course.all().collect();
    let start = from
        .and_then(|id| all.iter().position(|(l, e)| l.id(e) == id))
        .map_or(0, |i| i + 1);
    (0..all.len())
        .map(|k| all[(start + k) % all.len()])
        .find(|(l, e)| state.checked.get(&l.id(e)).is_none_or(|s| s != "pass"))
}

/// `list`: every exercise with the learner's status, and the progress.
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
    let statuses = [
        lang.t("폴더 없음 (start 먼저)", "no folder yet (run start)"),
        lang.t("파일 없음", "file missing"),
        lang.t("완료", "done"),
        lang.t("아직 손대지 않음", "untouched"),
        lang.t(
            "진행 중 (마지막 확인: 실패)",
            "in progress (last check failed)",
        ),
        lang.t("진행 중", "in progress"),
    ];
    let status_width = statuses.iter().map(|s| display_width(s)).max().unwrap_or(0);
    let width = course.all().map(|(l, e)| l.id(e).len()).max().unwrap_or(10);
    let finished = done(course, &state);
    for lesson in &course.lessons {
        let in_lesson = lesson
            .exercises
            .iter()
            .filter(|e| finished.contains(&lesson.id(e)))
            .count();
        println!(
            "\n{} · {}  ({in_lesson}/{})",
            lesson.folder,
            lesson.title.get(lang),
            lesson.exercises.len()
        );
        for exercise in &lesson.exercises {
            let id = lesson.id(exercise);
            let status = match (
                state.checked.get(&id).map(String::as_str),
                untouched(lesson, exercise, dir),
            ) {
                (_, None) if !started => statuses[0],
                (_, None) => statuses[1],
                (Some("pass"), _) => statuses[2],
                (_, Some(true)) => statuses[3],
                (Some(_), _) => statuses[4],
                (None, _) => statuses[5],
            };
            let hints = state.hints.get(&id).copied().unwrap_or(0);
            println!(
                "  {id:<width$}  {}  {}  [{}: {hints}/{}]",
                pad(status, status_width),
                exercise.title.get(lang),
                lang.t("힌트", "hints"),
                exercise.hints.len()
            );
        }
    }
    println!("\n{}", progress(course, dir, lang));
    if !started {
        println!(
            "{}",
            lang.t(
                "연습 문제 폴더를 만들려면: cargo run -p course -- start",
                "to make your exercise folder: cargo run -p course -- start",
            )
        );
    }
    Ok(())
}

/// The exercise the learner means: `gather/gather_lookups`, `05-gather/gather_lookups`, or just
/// `gather_lookups` when only one lesson has it. Otherwise the error names the likely ones.
pub fn resolve<'a>(
    course: &'a Course,
    typed: &str,
    lang: Lang,
) -> Result<(&'a Lesson, &'a Exercise)> {
    let typed = typed.trim().trim_end_matches(".rs");
    let (lesson_part, name) = match typed.rsplit_once('/') {
        Some((l, n)) => (Some(l.rsplit('/').next().unwrap_or(l)), n),
        None => (None, typed),
    };
    let found: Vec<(&Lesson, &Exercise)> = course
        .all()
        .filter(|(l, e)| {
            e.name == name && lesson_part.is_none_or(|p| p == l.lesson || p == l.folder)
        })
        .collect();
    if let [one] = found.as_slice() {
        return Ok(*one);
    }
    // What they may have meant: the ids closest to what was typed.
    let ids: Vec<String> = course.all().map(|(l, e)| l.id(e)).collect();
    let mut near: Vec<(usize, &String)> = ids
        .iter()
        .map(|id| {
            let bare = id.rsplit('/').next().unwrap_or(id);
            (distance(typed, id).min(distance(name, bare)), id)
        })
        .filter(|(d, id)| *d <= 2.max(id.len() / 5))
        .collect();
    near.sort();
    let near: Vec<&str> = near.iter().take(3).map(|(_, id)| id.as_str()).collect();
    let hint = if near.is_empty() {
        String::new()
    } else {
        lang.t(
            &format!(" 혹시 {}?", near.join(", ")),
            &format!(" did you mean {}?", near.join(", ")),
        )
        .to_string()
    };
    Err(Error::new(lang.t(
        &format!("`{typed}`라는 문제가 없습니다.{hint} 문제 목록: cargo run -p course -- list"),
        &format!(
            "there is no exercise `{typed}`.{hint} The exercises: cargo run -p course -- list"
        ),
    )))
}

/// Edit distance (Levenshtein) between two short names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = here;
        }
    }
    row[b.len()]
}

/// `hint`: shows the hints seen so far and the next one. Asked again in the other language, it
/// shows the same hints again instead of a new one.
pub fn hint(course: &Course, dir: &Path, typed: &str, lang: Lang) -> Result<()> {
    let (lesson, exercise) = resolve(course, typed, lang)?;
    let id = lesson.id(exercise);
    let has_folder = dir.join("Cargo.toml").is_file();
    let mut state = if has_folder {
        load_state(dir)?
    } else {
        State::default()
    };
    let shown = state.hints.get(&id).copied().unwrap_or(0);
    let code = lang_code(lang);
    let same_again = shown > 0 && state.hint_lang.get(&id).is_some_and(|l| l != code);
    let next = if same_again {
        shown
    } else {
        (shown + 1).min(exercise.hints.len())
    };
    for (i, hint) in exercise.hints.iter().take(next).enumerate() {
        println!(
            "{} {}/{}: {}",
            lang.t("힌트", "hint"),
            i + 1,
            exercise.hints.len(),
            hint.get(lang)
        );
    }
    if same_again {
        println!(
            "{}",
            lang.t(
                "(이미 본 힌트를 이 언어로 다시 보여 드렸습니다. 다음 힌트는 한 번 더 물어보세요.)",
                "(the hints you have seen, again in this language; ask once more for the next one)"
            )
        );
    } else if shown >= exercise.hints.len() {
        println!(
            "{}",
            lang.t(
                "(마지막 힌트까지 모두 봤습니다)",
                "(that was the last hint)"
            )
        );
    }
    if has_folder {
        state.hints.insert(id.clone(), next);
        state.hint_lang.insert(id, code.to_string());
        save_state(dir, &state)?;
    }
    Ok(())
}

fn lang_code(lang: Lang) -> &'static str {
    lang.t("ko", "en")
}

/// The file of `exercise` in the learner's folder.
pub fn exercise_file(dir: &Path, lesson: &Lesson, exercise: &Exercise) -> PathBuf {
    dir.join("lessons")
        .join(&lesson.folder)
        .join("src")
        .join(format!("{}.rs", exercise.name))
}

/// `check`: checks one exercise in the learner's folder and says what passed and what to try.
pub fn check(
    course: &Course,
    dir: &Path,
    typed: &str,
    timeout: Duration,
    lang: Lang,
) -> Result<bool> {
    require_workspace(course, dir, lang)?;
    let (lesson, exercise) = resolve(course, typed, lang)?;
    check_one(dir, lesson, exercise, timeout, lang)
}

/// Checks `exercise`, prints the report and records the verdict. Shared by `check` and `watch`.
pub fn check_one(
    dir: &Path,
    lesson: &Lesson,
    exercise: &Exercise,
    timeout: Duration,
    lang: Lang,
) -> Result<bool> {
    use std::io::Write;
    let id = lesson.id(exercise);
    let prefix = check::prefix_from_here(dir);
    let file = format!("{prefix}lessons/{}/src/{}.rs", lesson.folder, exercise.name);
    println!("▸ {id}  ({file})");
    let seconds = timeout.as_secs();
    let say = |step: check::Step| {
        let line = match step {
            check::Step::Building => lang.t("  … 빌드 중", "  … building").to_string(),
            check::Step::Isolating(others) => lang
                .t(
                    &format!(
                        "  … {}: 지금 컴파일되지 않아, 배포된 빈칸으로 바꿔 두고 이 문제만 다시 빌드합니다",
                        others.join(", ")
                    ),
                    &format!(
                        "  … {} does not compile right now: building this exercise alone, with the released stub in its place",
                        others.join(", ")
                    ),
                )
                .to_string(),
            check::Step::Running(n) => lang
                .t(
                    &format!("  … 테스트 {n}개 실행 중 (하나에 최대 {seconds}초)"),
                    &format!("  … running {n} tests (at most {seconds} s each)"),
                )
                .to_string(),
        };
        println!("{line}");
        let _ = std::io::stdout().flush();
    };
    let report = check::check(lesson, exercise, dir, timeout, &say)?;
    let mut state = load_state(dir)?;
    let passed = report.passed();
    match &report.outcome {
        check::Outcome::DoesNotCompile(errors) => {
            println!(
                "{}",
                lang.t(
                    "✗ 컴파일되지 않습니다. 컴파일러의 말:",
                    "✗ it does not compile. The compiler says:"
                )
            );
            println!("{}", check::learner_paths(errors, &prefix));
        }
        check::Outcome::Tested(runs) => {
            for run in runs {
                match &run.verdict {
                    check::Verdict::Pass => println!("✓ {}", run.name),
                    check::Verdict::Fail(why) => {
                        let why = if why.contains("not yet implemented") {
                            lang.t("아직 todo!() 그대로입니다", "still todo!()")
                                .to_string()
                        } else {
                            check::learner_paths(why, &prefix)
                        };
                        println!("✗ {}\n    {}", run.name, why.replace('\n', "\n    "));
                    }
                    check::Verdict::Timeout => println!(
                        "⏱ {}\n    {}",
                        run.name,
                        lang.t(
                            &format!(
                                "{seconds}초 안에 끝나지 않아 멈췄습니다. 스레드를 돌려주지 않는 코드일 가능성이 큽니다: `.await` 없이 도는 반복문이나 std::thread::sleep 같은 블로킹 호출이 있나요?"
                            ),
                            &format!(
                                "stopped: it did not finish within {seconds} s. The thread was probably never given back: a loop without `.await`, or a blocking call such as std::thread::sleep?"
                            ),
                        )
                    ),
                }
            }
        }
    }
    if !report.warnings.is_empty() {
        println!(
            "\n{}",
            lang.t(
                "컴파일러의 경고 (이 문제의 파일):",
                "The compiler's warnings (this exercise's file):"
            )
        );
        let shown: Vec<String> = report
            .warnings
            .iter()
            .map(|w| check::learner_paths(w, &prefix))
            .collect();
        println!("{}", shown.join("\n\n"));
    }
    if !report.left_out.is_empty() {
        println!(
            "\n{}",
            lang.t(
                &format!(
                    "참고: {}은(는) 지금 컴파일되지 않습니다. 이 문제는 그것과 상관없이 확인했습니다.",
                    report.left_out.join(", ")
                ),
                &format!(
                    "note: {} does not compile right now; this exercise was checked without it.",
                    report.left_out.join(", ")
                ),
            )
        );
    }
    if let check::Outcome::Tested(runs) = &report.outcome {
        let n = runs
            .iter()
            .filter(|r| matches!(r.verdict, check::Verdict::Pass))
            .count();
        println!(
            "\n{}",
            lang.t(
                &format!("{id}: 보이는 테스트 {}개 중 {n}개 통과", runs.len()),
                &format!("{id}: {n} of {} visible tests pass", runs.len()),
            )
        );
    }
    if passed {
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
        .insert(id, if passed { "pass" } else { "fail" }.into());
    save_state(dir, &state)?;
    Ok(passed)
}

/// `reset`: puts the released stub back, keeping the learner's file as a numbered backup in
/// `.course/backups/`.
pub fn reset(course: &Course, dir: &Path, typed: &str, lang: Lang) -> Result<()> {
    require_workspace(course, dir, lang)?;
    let (lesson, exercise) = resolve(course, typed, lang)?;
    let id = lesson.id(exercise);
    let file = exercise_file(dir, lesson, exercise);
    let rel = Path::new("src").join(format!("{}.rs", exercise.name));
    let stub = release::lesson_files(lesson)?
        .remove(&rel)
        .ok_or_else(|| Error::new(format!("{id} has no released stub")))?;
    let prefix = check::prefix_from_here(dir);
    let mine = std::fs::read_to_string(&file).ok();
    if mine.as_deref() == Some(stub.as_str()) {
        println!(
            "{}",
            lang.t(
                &format!("{id}: 이미 배포된 그대로입니다. 바꾼 것이 없습니다."),
                &format!("{id}: already as released; nothing changed."),
            )
        );
        return Ok(());
    }
    if let Some(mine) = mine {
        let backups = dir.join(".course/backups").join(&lesson.lesson);
        let backup = (1..)
            .map(|n| backups.join(format!("{}.{n}.rs", exercise.name)))
            .find(|p| !p.exists())
            .unwrap_or_else(|| backups.join(format!("{}.rs", exercise.name)));
        fsx::write_atomic(&backup, mine)?;
        let shown = backup
            .strip_prefix(dir)
            .map(|p| format!("{prefix}{}", p.display()))
            .unwrap_or_else(|_| backup.display().to_string());
        println!(
            "{}",
            lang.t(
                &format!("지금까지의 파일은 {shown}에 보관했습니다."),
                &format!("your file is kept in {shown}."),
            )
        );
    }
    fsx::write_atomic(&file, stub)?;
    let mut state = load_state(dir)?;
    state.checked.remove(&id);
    save_state(dir, &state)?;
    println!(
        "{}",
        lang.t(
            &format!(
                "{id}: 배포된 빈칸으로 되돌렸습니다 ({prefix}lessons/{}/src/{}.rs).",
                lesson.folder, exercise.name
            ),
            &format!(
                "{id}: back to the released stub ({prefix}lessons/{}/src/{}.rs).",
                lesson.folder, exercise.name
            ),
        )
    );
    Ok(())
}
