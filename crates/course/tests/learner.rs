//! What a learner did in an afternoon with the course tool (the learner walkthrough, section 5),
//! replayed: a check that never hangs and shows paths to the learner's own file, one broken file
//! that does not break its siblings, the commands inside the exercise folder, backtraces off,
//! the warnings that matter, the smaller things, `reset`, and `watch` in a terminal.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const COURSE: &str = env!("CARGO_BIN_EXE_course");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// One target folder for every learner folder of these tests (and of `cli.rs`): a warm suite
/// compiles tokio for the exercises once.
fn learner_target() -> PathBuf {
    root().join("target/grader/cli-learner-target")
}

/// The tests take turns. Cargo names a workspace member's build by its path inside the
/// workspace, so the same lesson in two learner folders sharing one target folder is one build
/// to cargo: two folders building at once could each take the other's build for their own.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn turn() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner())
}

/// A fresh learner folder made by `start`.
fn started(name: &str) -> PathBuf {
    let dir = root().join("target/grader").join(name);
    let _ = fs::remove_dir_all(&dir);
    let out = course(&["start"], &dir, None, "en");
    assert!(out.status.success(), "{}", text(&out));
    dir
}

/// `course --lang <lang> --dir <dir> <args>`, run from `cwd` (the repository root by default).
fn course(args: &[&str], dir: &Path, cwd: Option<&Path>, lang: &str) -> Output {
    let mut command = Command::new(COURSE);
    command
        .args(["--lang", lang, "--dir"])
        .arg(dir)
        .args(args)
        .current_dir(cwd.map_or_else(root, Path::to_path_buf))
        .env("CARGO_TARGET_DIR", learner_target());
    run_at_most(command, Duration::from_secs(300))
}

/// Runs `command`, killing it if it is still running after `limit`: a test of "never hangs"
/// must not hang itself.
fn run_at_most(mut command: Command, limit: Duration) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        stdout.read_to_end(&mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        stderr.read_to_end(&mut s).unwrap();
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn exercise_file(dir: &Path, lesson: &str, exercise: &str) -> PathBuf {
    dir.join("lessons")
        .join(lesson)
        .join("src")
        .join(format!("{exercise}.rs"))
}

/// The learner's stub with its `todo!()` replaced by `body`.
fn answer(dir: &Path, lesson: &str, exercise: &str, body: &str) {
    let file = exercise_file(dir, lesson, exercise);
    let stub = fs::read_to_string(&file).unwrap();
    assert!(
        stub.contains("todo!()"),
        "{} is not the stub",
        file.display()
    );
    fs::write(&file, stub.replacen("todo!()", body, 1)).unwrap();
}

/// The instructor's solution as the learner's answer.
fn solve(dir: &Path, lesson: &str, exercise: &str) {
    let solution = fs::read_to_string(exercise_file(&root(), lesson, exercise)).unwrap();
    fs::write(exercise_file(dir, lesson, exercise), solution).unwrap();
}

/// Point 1: a busy loop (the Python habit "while not done: poll") is stopped at the per-test
/// limit and named, with a line printed while the check builds and runs.
#[test]
fn a_check_stops_a_test_that_never_gives_the_thread_back() {
    let _turn = turn();
    let dir = started("learner-busy");
    answer(
        &dir,
        "06-wait",
        "first_completed",
        "loop { std::hint::spin_loop() }",
    );
    let started = Instant::now();
    let out = course(
        &["check", "wait/first_completed", "--test-timeout", "2"],
        &dir,
        None,
        "en",
    );
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("  … building\n"), "{all}");
    assert!(
        all.contains("  … running 3 tests (at most 2 s each)"),
        "{all}"
    );
    for test in [
        "returns_when_the_first_lookup_finishes",
        "pending_lookups_can_be_awaited_afterwards",
        "an_empty_list_returns_at_once_with_nothing",
    ] {
        assert!(all.contains(&format!("⏱ {test}\n")), "{all}");
    }
    assert!(
        all.contains("The thread was probably never given back: a loop without `.await`"),
        "{all}"
    );
    assert!(all.contains("wait/first_completed: 0 of 3 visible tests pass"));
    // Three 2 s limits at once, not 11 minutes (a build may come first on a cold target).
    assert!(started.elapsed() < Duration::from_secs(240));
}

/// Point 2: compiler and panic locations lead to the learner's own file from where they are:
/// from the repository root, from inside the folder, never the bare `lessons/...` that is the
/// instructor's solution at the root.
#[test]
fn paths_lead_to_the_learners_own_file_wherever_the_learner_is() {
    let _turn = turn();
    let dir = started("learner-paths");
    let shown = dir.strip_prefix(root()).unwrap().display().to_string();
    // A compile error, checked from the repository root.
    answer(&dir, "05-gather", "gather_lookups", "vec![counts.len(]");
    let all = text(&course(&["check", "gather_lookups"], &dir, None, "en"));
    let mine = format!("--> {shown}/lessons/05-gather/src/gather_lookups.rs:");
    assert!(all.contains(&mine), "expected `{mine}` in:\n{all}");
    assert!(!all.contains("--> lessons/"), "{all}");
    // A failing test, checked from inside the lesson folder.
    let stub = fs::read_to_string(exercise_file(&dir, "05-gather", "gather_lookups")).unwrap();
    fs::write(
        exercise_file(&dir, "05-gather", "gather_lookups"),
        stub.replace("vec![counts.len(]", "vec![0; counts.len()]"),
    )
    .unwrap();
    let inside = dir.join("lessons/05-gather");
    let all = text(&course(
        &["check", "gather/gather_lookups"],
        &dir,
        Some(&inside),
        "en",
    ));
    assert!(
        all.contains("▸ gather/gather_lookups  (../../lessons/05-gather/src/gather_lookups.rs)"),
        "{all}"
    );
    assert!(
        all.contains("panicked at ../../lessons/05-gather/tests/gather_lookups.rs:"),
        "{all}"
    );
}

/// Point 3: a half-typed line in one exercise does not fail its solved sibling, and `list`
/// keeps saying the sibling is done.
#[test]
fn one_broken_exercise_does_not_break_its_siblings_or_the_list() {
    let _turn = turn();
    let dir = started("learner-sibling");
    solve(&dir, "02-awaiting", "spawn_in_background");
    let out = course(&["check", "awaiting/spawn_in_background"], &dir, None, "en");
    assert!(out.status.success(), "{}", text(&out));
    // Now a half-typed line in the other exercise of the lesson.
    let other = exercise_file(&dir, "02-awaiting", "build_then_await");
    let mut half = fs::read_to_string(&other).unwrap();
    half.push_str("\npub fn half_typed( {\n");
    fs::write(&other, &half).unwrap();

    let out = course(&["check", "awaiting/spawn_in_background"], &dir, None, "en");
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert!(
        all.contains(
            "awaiting/build_then_await does not compile right now: building this exercise alone"
        ),
        "{all}"
    );
    assert!(
        all.contains("awaiting/spawn_in_background: 2 of 2 visible tests pass"),
        "{all}"
    );
    let list = text(&course(&["list"], &dir, None, "en"));
    assert!(
        list.lines()
            .any(|l| l.contains("awaiting/spawn_in_background") && l.contains("done")),
        "{list}"
    );
    // The broken one itself says what is wrong with it, and only that.
    let all = text(&course(
        &["check", "awaiting/build_then_await"],
        &dir,
        None,
        "en",
    ));
    assert!(all.contains("✗ it does not compile"), "{all}");
    assert!(all.contains("build_then_await.rs:"), "{all}");
    assert!(!all.contains("spawn_in_background.rs"), "{all}");
    // The learner's file was not touched.
    assert_eq!(fs::read_to_string(&other).unwrap(), half);
}

/// Point 4: `cargo run -p course -- ...` works inside the exercise folder too.
#[test]
fn the_course_commands_work_inside_the_exercise_folder() {
    let _turn = turn();
    let dir = started("learner-inside");
    let mut command = Command::new(env!("CARGO"));
    command
        .args([
            "run", "--quiet", "-p", "course", "--", "--lang", "en", "list",
        ])
        .current_dir(dir.join("lessons/05-gather"))
        .env_remove("CARGO_TARGET_DIR");
    let out = run_at_most(command, Duration::from_secs(600));
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert!(all.contains("progress: 0 / 27 done (0%)"), "{all}");
    assert!(all.contains("gather/gather_lookups"), "{all}");
}

/// Point 5: with `RUST_BACKTRACE=1` in the learner's shell, a failing test shows its assertion,
/// not pages of tokio frames.
#[test]
fn backtraces_stay_off_whatever_the_shell_says() {
    let _turn = turn();
    let dir = started("learner-backtrace");
    answer(&dir, "05-gather", "gather_lookups", "vec![0; counts.len()]");
    let mut command = Command::new(COURSE);
    command
        .args(["--lang", "en", "--dir"])
        .arg(&dir)
        .args(["check", "gather/gather_lookups"])
        .current_dir(root())
        .env("CARGO_TARGET_DIR", learner_target())
        .env("RUST_BACKTRACE", "1");
    let all = text(&run_at_most(command, Duration::from_secs(300)));
    assert!(
        all.contains("✗ three_lookups_end_at_three_seconds"),
        "{all}"
    );
    assert!(!all.contains("stack backtrace"), "{all}");
    assert!(all.lines().count() < 40, "{all}");
}

/// Point 6: when the code compiles, rustc's "futures do nothing unless you `.await`" warning on
/// the exercise's file is shown; when it does not, the untouched stubs' unused-variable
/// warnings are not.
#[test]
fn the_warnings_shown_are_the_ones_about_the_exercise() {
    let _turn = turn();
    let dir = started("learner-warnings");
    solve(&dir, "04-sleep", "sleep_without_blocking");
    let file = exercise_file(&dir, "04-sleep", "sleep_without_blocking");
    let mut solved = fs::read_to_string(&file).unwrap();
    solved.push_str(
        "\npub async fn forgot_the_await() {\n    tokio::time::sleep(std::time::Duration::from_secs(1));\n}\n",
    );
    fs::write(&file, solved).unwrap();
    let all = text(&course(
        &["check", "sleep/sleep_without_blocking"],
        &dir,
        None,
        "en",
    ));
    assert!(
        all.contains("The compiler's warnings (this exercise's file):"),
        "{all}"
    );
    assert!(
        all.contains("futures do nothing unless you `.await` or poll them"),
        "{all}"
    );
    assert!(all.contains("sleep_without_blocking.rs:"), "{all}");

    answer(
        &dir,
        "05-gather",
        "gather_lookups",
        "undefined_helper(counts)",
    );
    let all = text(&course(
        &["check", "gather/gather_lookups"],
        &dir,
        None,
        "en",
    ));
    assert!(
        all.contains("cannot find function `undefined_helper`"),
        "{all}"
    );
    assert!(!all.contains("unused variable"), "{all}");
    assert!(!all.contains("collect_every_result.rs"), "{all}");
}

/// Point 7: the smaller things. Korean `list` columns line up (Hangul is two columns wide) and
/// it shows the progress; a bare exercise name is enough, a typo gets "did you mean", in
/// Korean in Korean mode; a hint asked again in the other language is the same hint.
#[test]
fn the_smaller_things_a_learner_met() {
    let _turn = turn();
    let dir = started("learner-small");
    solve(&dir, "01-routine", "interleave_digits");
    let out = course(&["check", "interleave_digits"], &dir, None, "ko");
    assert!(out.status.success(), "{}", text(&out));

    let list = text(&course(&["list"], &dir, None, "ko"));
    assert!(list.contains("진행: 1 / 27 완료 (3%)"), "{list}");
    assert!(
        list.contains("01-routine · 루틴, 서브루틴, 코루틴  (1/2)"),
        "{list}"
    );
    // Where each title starts, in terminal columns: the same on every exercise line.
    let columns: Vec<usize> = list
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains('/'))
        .map(|l| {
            let title_at = l.find("  [").map(|end| &l[..end]).unwrap();
            let before_title = title_at.rsplit_once("  ").unwrap().0;
            width(before_title)
        })
        .collect();
    assert_eq!(columns.len(), 27, "{list}");
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "{columns:?}\n{list}"
    );

    let out = course(&["check", "gather_lookup"], &dir, None, "ko");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out)
            .contains("오류: `gather_lookup`라는 문제가 없습니다. 혹시 gather/gather_lookups?"),
        "{}",
        text(&out)
    );
    let out = course(&["hint", "05-gather/gather_lookup"], &dir, None, "en");
    assert!(
        text(&out).contains("error: there is no exercise `05-gather/gather_lookup`. did you mean gather/gather_lookups?"),
        "{}",
        text(&out)
    );

    let ko = text(&course(&["hint", "gather_lookups"], &dir, None, "ko"));
    assert!(
        ko.contains("힌트 1/4: ") && !ko.contains("힌트 2/4"),
        "{ko}"
    );
    let en = text(&course(&["hint", "gather_lookups"], &dir, None, "en"));
    assert!(
        en.contains("hint 1/4: ") && !en.contains("hint 2/4"),
        "{en}"
    );
    assert!(en.contains("ask once more for the next one"), "{en}");
    let en = text(&course(&["hint", "gather_lookups"], &dir, None, "en"));
    assert!(en.contains("hint 2/4: "), "{en}");
}

/// How wide `text` is on a terminal (Hangul takes two columns).
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// `reset` puts the stub back and keeps the learner's file; a second reset changes nothing.
#[test]
fn reset_puts_the_stub_back_and_keeps_the_learners_file() {
    let _turn = turn();
    let dir = started("learner-reset");
    let file = exercise_file(&dir, "05-gather", "gather_lookups");
    let stub = fs::read_to_string(&file).unwrap();
    answer(&dir, "05-gather", "gather_lookups", "vec![1, 2, 3]");
    let mine = fs::read_to_string(&file).unwrap();

    let out = course(&["reset", "gather_lookups"], &dir, None, "en");
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert_eq!(fs::read_to_string(&file).unwrap(), stub);
    let backup = dir.join(".course/backups/gather/gather_lookups.1.rs");
    assert_eq!(fs::read_to_string(&backup).unwrap(), mine);
    assert!(all.contains("gather_lookups.1.rs"), "{all}");

    let all = text(&course(&["reset", "gather_lookups"], &dir, None, "en"));
    assert!(
        all.contains("already as released; nothing changed"),
        "{all}"
    );
    assert!(
        !dir.join(".course/backups/gather/gather_lookups.2.rs")
            .exists()
    );
}

/// The terminal session a learner sees, kept as it went (for the record and for failures).
struct Terminal {
    child: std::process::Child,
    input: std::process::ChildStdin,
    screen: Arc<Mutex<String>>,
}

impl Terminal {
    /// `course watch ...` in a pseudo-terminal (util-linux `script`), as a learner runs it.
    fn open(dir: &Path, args: &[&str]) -> Terminal {
        let line = format!(
            "{COURSE} --lang en --dir {} watch {}",
            dir.display(),
            args.join(" ")
        );
        let mut child = Command::new("script")
            .args(["-qfec", &line, "/dev/null"])
            .current_dir(root())
            .env("CARGO_TARGET_DIR", learner_target())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("util-linux `script`, for a pseudo-terminal");
        let input = child.stdin.take().unwrap();
        let mut output = child.stdout.take().unwrap();
        let screen = Arc::new(Mutex::new(String::new()));
        let shared = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = output.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                shared
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&chunk[..n]).replace('\r', ""));
            }
        });
        Terminal {
            child,
            input,
            screen,
        }
    }

    fn screen(&self) -> String {
        self.screen.lock().unwrap().clone()
    }

    /// Waits until `needle` has appeared `times` times on the screen.
    fn wait_for(&mut self, needle: &str, times: usize) {
        let started = Instant::now();
        while self.screen().matches(needle).count() < times {
            if started.elapsed() > Duration::from_secs(300) {
                let _ = self.child.kill();
                panic!("`{needle}` x{times} never came:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn type_line(&mut self, line: &str) {
        self.input
            .write_all(format!("{line}\n").as_bytes())
            .unwrap();
        self.input.flush().unwrap();
    }
}

/// `watch` in a terminal: the stub fails; a save with a sequential answer is checked again and
/// fails; a save with the right answer passes, shows the progress and moves to the next
/// exercise, which is checked at once; `q` quits.
#[test]
fn watch_checks_on_save_and_moves_on_when_the_exercise_passes() {
    let _turn = turn();
    let dir = started("learner-watch");
    let prompt =
        "saving the file checks it again · Enter: check now · h: hint · n: next exercise · q: quit";
    let mut term = Terminal::open(&dir, &["gather/gather_lookups"]);
    term.wait_for(prompt, 1);
    assert!(
        term.screen()
            .contains("━━ gather/gather_lookups · Three lookups at once ━━")
    );
    assert!(
        term.screen()
            .contains("✗ three_lookups_end_at_three_seconds")
    );
    assert!(term.screen().contains("progress: 0 / 27 done (0%)"));

    // Save a sequential answer: checked again, and the test says why it is 6 s.
    answer(
        &dir,
        "05-gather",
        "gather_lookups",
        "{ let mut found = Vec::new(); for &n in counts { found.push(dir.find_users(n).await); } found }",
    );
    term.wait_for(prompt, 2);
    assert!(
        term.screen().contains("were awaited one by one"),
        "{}",
        term.screen()
    );

    // Enter checks again without a save.
    term.type_line("");
    term.wait_for(prompt, 3);

    // Save the right answer: it passes and the next exercise comes up.
    solve(&dir, "05-gather", "gather_lookups");
    term.wait_for("next exercise: gather/collect_every_result", 1);
    term.wait_for(prompt, 4);
    let screen = term.screen();
    assert!(
        screen.contains("gather/gather_lookups: 2 of 2 visible tests pass"),
        "{screen}"
    );
    assert!(screen.contains("progress: 1 / 27 done (3%)"), "{screen}");
    assert!(
        screen.contains("━━ gather/collect_every_result · Every result, failures included"),
        "{screen}"
    );

    term.type_line("q");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = term.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "q did not quit"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{}", term.screen());
    // The session, for whoever reads the record.
    fs::write(
        root().join("target/grader/watch-session.txt"),
        term.screen(),
    )
    .unwrap();
}

/// `watch --manual`, for folders that send no change events: Enter checks, `h` shows a hint,
/// `q` quits; a save alone does nothing.
#[test]
fn watch_in_manual_mode_checks_on_enter() {
    let _turn = turn();
    let dir = started("learner-watch-manual");
    let prompt = "Enter: check · h: hint · n: next exercise · q: quit";
    let mut term = Terminal::open(&dir, &["--manual", "sleep/sleep_without_blocking"]);
    term.wait_for(prompt, 1);
    assert!(!term.screen().contains("saving the file checks it again"));
    solve(&dir, "04-sleep", "sleep_without_blocking");
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        term.screen().matches("  … building").count(),
        1,
        "a save checked"
    );
    term.type_line("h");
    term.wait_for("hint 1/", 1);
    term.type_line("");
    term.wait_for("sleep/sleep_without_blocking: 2 of 2 visible tests pass", 1);
    term.wait_for("next exercise: sleep/count_sheep_off_thread", 1);
    term.wait_for(prompt, 2);
    term.type_line("q");
    let started = Instant::now();
    while term.child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "q did not quit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
