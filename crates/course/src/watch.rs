//! `course watch`: the exercise you are on, checked again each time you save it.
//!
//! It starts at the exercise you name, or at the first one you have not passed. Each save of
//! that exercise's file (changes are gathered for a moment, since editors write in steps) runs
//! the same check as `course check`, with the same per-test limit, so it never hangs. When the
//! exercise passes, it shows the progress and moves on to the next unfinished one. Keys (each
//! followed by Enter): Enter alone checks now, `h` shows the next hint, `n` skips to the next
//! exercise, `q` quits. Where the file system sends no change events (some network and WSL
//! folders), `--manual` checks only on Enter.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::Lang;
use crate::course::Course;
use crate::error::Result;
use crate::learner;

/// How long after a change the check waits for more changes of the same save.
const SETTLE: Duration = Duration::from_millis(300);

enum Event {
    /// Files under `lessons/` were written.
    Saved(Vec<PathBuf>),
    /// A line typed at the terminal (without its newline).
    Key(String),
    /// Nothing more will come from the terminal.
    NoMoreKeys,
}

pub fn watch(
    course: &Course,
    dir: &Path,
    typed: Option<&str>,
    manual: bool,
    timeout: Duration,
    lang: Lang,
) -> Result<()> {
    learner::require_workspace(course, dir, lang)?;
    let mut current = match typed {
        Some(typed) => learner::resolve(course, typed, lang)?,
        None => match learner::next_unfinished(course, dir, None) {
            Some(found) => found,
            None => {
                println!("{}", all_done(course, dir, lang));
                return Ok(());
            }
        },
    };
    let (tx, events) = channel();
    read_keys(tx.clone());
    let watcher = if manual {
        None
    } else {
        match file_watcher(dir, tx) {
            Ok(watcher) => Some(watcher),
            Err(e) => {
                println!(
                    "{}",
                    lang.t(
                        &format!("파일 변경을 지켜볼 수 없습니다 ({e}). Enter를 누를 때마다 확인합니다."),
                        &format!("cannot watch for file changes ({e}); checking each time you press Enter."),
                    )
                );
                None
            }
        }
    };
    loop {
        let (lesson, exercise) = current;
        let id = lesson.id(exercise);
        println!("\n━━ {id} · {} ━━", exercise.title.get(lang));
        let passed = learner::check_one(dir, lesson, exercise, timeout, lang)?;
        println!("{}", learner::progress(course, dir, lang));
        if passed {
            match learner::next_unfinished(course, dir, Some(&id)) {
                Some(next) => {
                    println!(
                        "{}",
                        lang.t(
                            &format!("다음 문제: {}", next.0.id(next.1)),
                            &format!("next exercise: {}", next.0.id(next.1)),
                        )
                    );
                    current = next;
                    continue;
                }
                None => {
                    println!("{}", all_done(course, dir, lang));
                    return Ok(());
                }
            }
        }
        println!(
            "{}",
            if watcher.is_some() {
                lang.t(
                    "저장하면 다시 확인합니다 · Enter: 지금 확인 · h: 힌트 · n: 다음 문제 · q: 끝내기",
                    "saving the file checks it again · Enter: check now · h: hint · n: next exercise · q: quit",
                )
            } else {
                lang.t(
                    "Enter: 확인 · h: 힌트 · n: 다음 문제 · q: 끝내기",
                    "Enter: check · h: hint · n: next exercise · q: quit",
                )
            }
        );
        // Wait for a reason to check again.
        loop {
            let event = match events.recv() {
                Ok(event) => event,
                Err(_) => return Ok(()),
            };
            match event {
                Event::Saved(paths) => {
                    let mine = Path::new("src").join(format!("{}.rs", exercise.name));
                    if paths.iter().any(|p| {
                        p.ends_with(&mine)
                            && p.parent().and_then(Path::parent).and_then(Path::file_name)
                                == Some(lesson.folder.as_ref())
                    }) {
                        settle(&events);
                        break;
                    }
                }
                Event::Key(key) => match key.trim() {
                    "" => break,
                    "q" => return Ok(()),
                    "h" => learner::hint(course, dir, &id, lang)?,
                    "n" => {
                        if let Some(next) = learner::next_unfinished(course, dir, Some(&id)) {
                            current = next;
                        }
                        break;
                    }
                    other => println!(
                        "{}",
                        lang.t(
                            &format!(
                                "`{other}`: 모르는 키입니다. Enter, h, n, q 중 하나를 누르세요."
                            ),
                            &format!("`{other}`: not a key this knows; use Enter, h, n or q."),
                        )
                    ),
                },
                // Without a terminal only saves can go on; without either, nothing can.
                Event::NoMoreKeys if watcher.is_none() => return Ok(()),
                Event::NoMoreKeys => {}
            }
        }
    }
}

fn all_done(course: &Course, dir: &Path, lang: Lang) -> String {
    format!(
        "{}\n{}",
        lang.t(
            "모든 문제를 통과했습니다. 수고하셨습니다!",
            "Every exercise passes. Well done!"
        ),
        learner::progress(course, dir, lang)
    )
}

/// Lets the rest of one save arrive (and any key already typed stays queued).
fn settle(events: &Receiver<Event>) {
    loop {
        match events.recv_timeout(SETTLE) {
            Ok(Event::Saved(_)) => continue,
            Ok(_) | Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                return;
            }
        }
    }
}

/// Lines from the terminal, each as an event; the end of input as one last event.
fn read_keys(tx: Sender<Event>) {
    std::thread::spawn(move || {
        let mut line = String::new();
        loop {
            line.clear();
            match std::io::stdin().read_line(&mut line) {
                Ok(0) | Err(_) => {
                    let _ = tx.send(Event::NoMoreKeys);
                    return;
                }
                Ok(_) => {
                    if tx.send(Event::Key(line.trim_end().to_string())).is_err() {
                        return;
                    }
                }
            }
        }
    });
}

/// Watches the learner's `lessons/` folder; the loop keeps the writes to the file it is on.
fn file_watcher(dir: &Path, tx: Sender<Event>) -> notify::Result<notify::RecommendedWatcher> {
    let lessons: PathBuf = dir.join("lessons");
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else {
            return;
        };
        let writes = matches!(
            event.kind,
            notify::EventKind::Modify(_) | notify::EventKind::Create(_)
        );
        if writes {
            let _ = tx.send(Event::Saved(event.paths));
        }
    })?;
    watcher.watch(&lessons, RecursiveMode::Recursive)?;
    Ok(watcher)
}
