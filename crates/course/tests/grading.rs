//! The grader against the submissions that try to break it.
//!
//! Each fixture is a student's folder holding lesson 5's exercises (the other lessons are not
//! handed in, so they grade as `error`). Most are written here from the exercise's own source,
//! with its solution region replaced by the answer the fixture stands for; the rest (a build
//! script, a `.cargo/config.toml` runner, a wrong layout) are committed in `tests/fixtures/`.
//! The gradebook must equal the committed one: no false pass, every run completes. Grading
//! the same folder again gives byte-identical files. One more fixture hands in lesson 3's
//! `tiny_block_on` with a `block_on` that busy-polls; graded again and again on a loaded
//! machine, it always gets the same grade.

mod formats;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const COURSE: &str = env!("CARGO_BIN_EXE_course");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn gather() -> PathBuf {
    root().join("lessons/05-gather")
}

/// The instructor's `src/gather_lookups.rs` with its solution region replaced by `body`.
fn answer(body: &str) -> String {
    let source = fs::read_to_string(gather().join("src/gather_lookups.rs")).unwrap();
    let start = source.find("// BEGIN SOLUTION").expect("a solution region");
    let end = source.find("// END SOLUTION").unwrap() + "// END SOLUTION".len();
    format!("{}{body}{}", &source[..start], &source[end..])
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The instructor's `tiny_block_on.rs` (lesson 3) with a `block_on` that never waits for its
/// waker: "while not done: poll", the Python habit the exercise's tests are there to catch.
fn busy_polling_block_on() -> String {
    let source = fs::read_to_string(root().join("lessons/03-future/src/tiny_block_on.rs")).unwrap();
    let start = source.find("pub fn block_on<").expect("block_on");
    let end = start + source[start..].find("\n}\n").unwrap() + 3;
    let busy = r#"pub fn block_on<F: Future>(future: F) -> (F::Output, Counts) {
    use std::sync::atomic::Ordering;
    use std::task::{Context, Poll, Waker};

    let bell = Arc::new(Doorbell::default());
    let waker = Waker::from(Arc::clone(&bell));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            let wakes = bell.wakes.load(Ordering::SeqCst);
            return (output, Counts { polls, wakes });
        }
        std::thread::yield_now();
    }
}
"#;
    format!("{}{busy}{}", &source[..start], &source[end..])
}

/// Writes a busy-polling `tiny_block_on` submission for `student` under `dir`.
fn busy_poller(dir: &Path, student: &str) {
    write(
        &dir.join(student)
            .join("lessons/03-future/src/tiny_block_on.rs"),
        &busy_polling_block_on(),
    );
}

const SEQUENTIAL: &str = "let mut found = Vec::new();\n    for &n in counts {\n        found.push(dir.find_users(n).await);\n    }\n    found";

/// Submissions that try to get points without the work, none of which the old text scan of
/// student code caught; each answer is otherwise empty (or nothing), so any point beyond the
/// empty-input test would come from the trick. Their expected grade is in the table of the test.
const ATTACKS: &[(&str, &str)] = &[
    // Renamed imports and a function pointer: write the marker, then end with status 0.
    (
        "alias_and_fn_pointer",
        r#"use std::io::Write as _;
    use std::{env as e, fs as f, process as p};
    let _ = (dir, counts);
    if let Ok(fd) = e::var("COURSE_MARKER_FD") {
        if let Ok(mut m) = f::OpenOptions::new().append(true).open(format!("/proc/self/fd/{fd}")) {
            let _ = writeln!(m, "{}", std::thread::current().name().unwrap_or(""));
        }
    }
    let q = p::exit;
    q(0)"#,
    ),
    // A macro that builds `std::$m::$f` from identifiers.
    (
        "macro_built_paths",
        r#"macro_rules! call { ($m:ident :: $f:ident ( $($a:expr),* )) => { std::$m::$f($($a),*) } }
    let _ = (dir, counts);
    let _ = call!(fs::write("/proc/self/fd/3", "three_lookups_end_at_three_seconds\n"));
    call!(process::exit(0))"#,
    ),
    // A type alias and a method path start a shell that writes to the marker's descriptor.
    (
        "alias_method_path_shell",
        r#"type Cmd = std::process::Command;
    let _ = <Cmd>::new("sh").arg("-c").arg("echo three_lookups_end_at_three_seconds >&3").status();
    let _ = (dir, counts);
    Vec::new()"#,
    ),
    // A thread that races the test, writing a marker line to every descriptor it can name.
    (
        "thread_racing_the_marker",
        r#"std::thread::spawn(|| loop {
        for n in 0..64 {
            for at in [format!("/proc/self/fd/{n}"), format!("/dev/fd/{n}")] {
                let _ = std::fs::write(at, "three_lookups_end_at_three_seconds\n");
            }
        }
    });
    let _ = (dir, counts);
    Vec::new()"#,
    ),
    // The environment through `/proc/self/environ`, a function pointer to `read`.
    (
        "proc_self_environ",
        r#"let read: fn(&str) -> std::io::Result<Vec<u8>> = |p| std::fs::read(p);
    let environ = read("/proc/self/environ").unwrap_or_default();
    let _ = (dir, counts);
    panic!("{}", String::from_utf8_lossy(&environ))"#,
    ),
    // Walk the machine from `/` for hidden tests and solutions; panic with what it finds.
    (
        "walk_the_machine",
        r#"fn walk(at: &std::path::Path, found: &mut String) {
        for entry in at.read_dir().into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() && found.len() < 100_000 {
                walk(&path, found);
            } else if path.to_string_lossy().contains("grading/gather_lookups") {
                found.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    let mut found = String::new();
    walk(std::path::Path::new("/"), &mut found);
    let _ = (dir, counts);
    panic!("{found}")"#,
    ),
    // The hidden tests at compile time, the file name passed through a macro argument.
    (
        "include_through_macro",
        r#"macro_rules! grab { ($p:expr) => { include_str!($p) } }
    let _ = (dir, counts);
    panic!("{}", grab!("../grading/gather_lookups.rs"))"#,
    ),
    // The hidden tests as a module of the student's crate: the compiler would quote them.
    (
        "path_module_to_hidden_tests",
        r#"#[path = "../../grading/gather_lookups.rs"]
    mod hidden;
    let _ = (dir, counts);
    Vec::new()"#,
    ),
    // A file outside src/ read by an attribute, where no macro call is to be seen.
    (
        "doc_attribute_include",
        r#"#[doc = include_str!("../lesson.toml")]
    struct Notes;
    let _ = (dir, counts, Notes);
    Vec::new()"#,
    ),
    // The build's environment at compile time.
    (
        "env_at_compile_time",
        r#"let _ = (dir, counts);
    panic!("{} {:?}", env!("CARGO_MANIFEST_DIR"), option_env!("HOME"))"#,
    ),
    // `safe fn` in an `unsafe extern` block calls libc's `_exit` without an `unsafe` block.
    (
        "unsafe_extern_exit",
        r#"unsafe extern "C" {
        safe fn _exit(code: i32) -> !;
    }
    let _ = (dir, counts);
    _exit(0)"#,
    ),
    // Turning the grader's lint off where it is used.
    (
        "allow_the_lint",
        r#"let _ = (dir, counts);
    #[allow(clippy::disallowed_methods)]
    std::process::exit(0)"#,
    ),
    // Code that only the real build would see if the lints ran in a second, separate compile.
    (
        "cfg_not_clippy",
        r#"#[cfg(not(clippy))]
    std::process::exit(0);
    let _ = (dir, counts);
    Vec::new()"#,
    ),
];

/// Correct answers that use names, strings and APIs that only look like the forbidden ones.
/// Each must get full marks: a false flag costs a student a grade.
const HONEST: &[(&str, &str)] = &[
    // `AbortHandle::abort` and `JoinHandle::abort` are not `std::process::abort`.
    (
        "honest_abort_handle",
        r#"let (handle, registration) = futures::future::AbortHandle::new_pair();
    let lookups = futures::future::join_all(counts.iter().map(|&n| dir.find_users(n)));
    let found = futures::future::Abortable::new(lookups, registration).await;
    handle.abort(); // already done: harmless
    // And `JoinHandle::abort`, as the lessons' own tests use it.
    let idle = tokio::spawn(std::future::pending::<()>());
    idle.abort();
    let _ = idle.await;
    found.unwrap_or_default()"#,
    ),
    // A local named `file`, methods named `exit` and `abort`, strings that name banned APIs.
    (
        "honest_odd_names",
        r#"struct Session;
    impl Session {
        fn exit(&self) -> &'static str { "std::process::exit" }
        fn abort(&self) -> &'static str { "std::fs::File" }
    }
    let session = Session;
    let _ = (session.exit(), session.abort());
    let file = counts.to_vec();
    let env: futures::stream::FuturesOrdered<_> = file.iter().map(|&n| dir.find_users(n)).collect();
    futures::StreamExt::collect::<Vec<u32>>(env).await"#,
    ),
    // A stream of lookups, `buffered` as wide as the list; other lints allowed on purpose.
    (
        "honest_buffered_stream",
        r#"#[allow(clippy::redundant_closure, unused_mut)]
    let mut lookups = futures::stream::iter(counts.iter().map(|&n| dir.find_users(n)));
    futures::StreamExt::collect(futures::StreamExt::buffered(lookups, counts.len().max(1))).await"#,
    ),
];

/// Writes every fixture submission under `dir`.
fn fixtures(dir: &Path) {
    let student = |name: &str| dir.join(name).join("lessons/05-gather/src");
    // Full marks: the instructor's own answers to all three exercises.
    copy_tree(&gather().join("src"), &{
        let d = student("full_marks");
        fs::create_dir_all(&d).unwrap();
        d
    });
    // Partial: only the first exercise solved; the others handed back as released (stubs).
    let released = dir.with_file_name("released");
    let _ = fs::remove_dir_all(&released);
    let status = Command::new(COURSE)
        .arg("--course")
        .arg(root())
        .args(["release", "--out"])
        .arg(&released)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "course release: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stubs = released.join("lessons/05-gather/src");
    copy_tree(&stubs, &student("partial"));
    write(
        &student("partial").join("gather_lookups.rs"),
        &fs::read_to_string(gather().join("src/gather_lookups.rs")).unwrap(),
    );
    // The lesson folder at the top instead of under lessons/, and an archive not unpacked.
    copy_tree(&stubs, &dir.join("lesson_at_the_top/05-gather/src"));
    write(&dir.join("zip_not_unpacked/submission.zip"), "PK");
    let answers: &[(&str, &str)] = &[
        ("sequential", SEQUENTIAL),
        // All at once, but in the order they finish: only the order tests fail.
        (
            "finish_order",
            "use futures::StreamExt;\n    let mut all: futures::stream::FuturesUnordered<_> =\n        counts.iter().map(|&n| dir.find_users(n)).collect();\n    let mut found = Vec::new();\n    while let Some(n) = all.next().await {\n        found.push(n);\n    }\n    found",
        ),
        (
            "never_completes",
            "std::future::pending::<()>().await;\n    Vec::new()",
        ),
        (
            "blocking_loop",
            "let _ = (dir, counts);\n    loop {\n        std::hint::spin_loop();\n    }",
        ),
        (
            "panics",
            "let _ = (dir, counts);\n    panic!(\"the directory is down\")",
        ),
        (
            "stdout_flood",
            "let _ = (dir, counts);\n    loop {\n        println!(\"users users users users users users users users\");\n    }",
        ),
        (
            "fake_test_lines",
            "let _ = (dir, counts);\n    println!(\"test three_lookups_end_at_three_seconds ... ok\");\n    println!(\"test result: ok. 1 passed; 0 failed; 0 ignored\");\n    Vec::new()",
        ),
        (
            "process_exit",
            "let _ = (dir, counts);\n    std::process::exit(0)",
        ),
        (
            "setsid_escape",
            "let _ = std::process::Command::new(\"setsid\").args([\"sleep\", \"600\"]).spawn();\n    let _ = (dir, counts);\n    loop {}",
        ),
        (
            "memory_hog",
            "let _ = (dir, counts);\n    let mut hog: Vec<Vec<u8>> = Vec::new();\n    loop {\n        hog.push(vec![1u8; 64 << 20]);\n    }",
        ),
        (
            "does_not_compile",
            "counts.iter().map(|n| n + \"1\").collect()",
        ),
    ];
    for (name, body) in answers {
        write(&student(name).join("gather_lookups.rs"), &answer(body));
    }
    // Attacks that the old text scan missed, and honest answers it would have flagged.
    for (name, text) in ATTACKS.iter().chain(HONEST) {
        write(&student(name).join("gather_lookups.rs"), &answer(text));
    }
    // Committed fixtures, each with a sequential answer so that a pass could only come from
    // the trick they try.
    for name in ["build_rs", "cargo_config_runner", "wrong_layout"] {
        let to = dir.join(name);
        fs::create_dir_all(&to).unwrap();
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            &to,
        );
    }
    for name in ["build_rs", "cargo_config_runner"] {
        write(
            &student(name).join("gather_lookups.rs"),
            &answer(SEQUENTIAL),
        );
    }
    fs::create_dir_all(dir.join("empty")).unwrap();
    busy_poller(dir, "busy_poll");
    // The code the exercise gives, changed: the directory's second made half as long, so that
    // one-after-another lookups end at 3 s. (Flagged, whatever the tests would have said.)
    write(
        &student("changed_given_code").join("gather_lookups.rs"),
        &answer(SEQUENTIAL).replace("Duration::from_secs(1)", "Duration::from_millis(500)"),
    );
    // The instructor's answer with every doc comment gone and a helper of its own: the given
    // code's tokens are the same, so it passes.
    let solution = fs::read_to_string(gather().join("src/gather_lookups.rs")).unwrap();
    let reformatted: String = solution
        .lines()
        .filter(|l| !l.trim_start().starts_with("///") && !l.trim_start().starts_with("//!"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(
        &student("honest_reformatted").join("gather_lookups.rs"),
        &format!("{reformatted}\nfn unused_helper() -> u32 {{\n    3\n}}\n"),
    );
    // Two exercises solved, the third forbidden or broken: the two still get their points
    // (graded again together, with the stub in the third's place).
    for (name, body) in [
        (
            "two_solved_one_flagged",
            "let _ = (dir, counts);\n    std::process::exit(0)",
        ),
        (
            "two_solved_one_broken",
            "counts.iter().map(|n| n + \"1\").collect()",
        ),
    ] {
        copy_tree(&gather().join("src"), &{
            let d = student(name);
            fs::create_dir_all(&d).unwrap();
            d
        });
        write(&student(name).join("gather_lookups.rs"), &answer(body));
    }
}

fn grade(submissions: &Path, out: &Path) -> String {
    let output = Command::new(COURSE)
        .args(["--course"])
        .arg(root())
        .arg("grade")
        .arg(submissions)
        .arg("--out")
        .arg(out)
        .args(["--jobs", "2", "--test-timeout", "3"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "grade failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// `(student, exercise) -> status` from the results files.
fn statuses(out: &Path) -> BTreeMap<(String, String), String> {
    let mut map = BTreeMap::new();
    for entry in fs::read_dir(out).unwrap() {
        let path = entry.unwrap().path();
        let results = path.join("results.json");
        if !results.is_file() {
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(results).unwrap()).unwrap();
        for e in json["exercises"].as_array().unwrap() {
            let student = path.file_name().unwrap().to_string_lossy().into_owned();
            map.insert(
                (student, e["id"].as_str().unwrap().to_string()),
                e["status"].as_str().unwrap().to_string(),
            );
        }
    }
    map
}

/// `(status, points)` of one exercise in a student's `results.json`.
fn exercise_result(out: &Path, student: &str, exercise: &str) -> (String, u64) {
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join(student).join("results.json")).unwrap())
            .unwrap();
    let e = json["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == exercise)
        .unwrap_or_else(|| panic!("no {exercise} for {student}"));
    (
        e["status"].as_str().unwrap().to_string(),
        e["points"].as_u64().unwrap(),
    )
}

/// The tests that did not pass in one exercise, as its feedback lists them.
fn tests_not_passed(out: &Path, student: &str, exercise: &str) -> Vec<String> {
    let feedback = fs::read_to_string(out.join(student).join("feedback.en.md")).unwrap();
    let heading = format!("## `{exercise}`");
    let section = feedback
        .split("\n## ")
        .map(|s| format!("## {s}"))
        .find(|s| s.starts_with(&heading))
        .unwrap_or_default();
    section
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(name, rest)| format!("{name}{}", &rest[..rest.find(')').map_or(0, |i| i + 1)]))
        .collect()
}

/// Every file under `dir` (relative path -> bytes).
fn every_file(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                files.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

#[test]
fn no_submission_fools_the_grader_and_every_run_completes() {
    let scratch = root().join("target/grader/fixture-test");
    let _ = fs::remove_dir_all(&scratch);
    let submissions = scratch.join("submissions");
    fixtures(&submissions);
    let before: BTreeMap<PathBuf, Vec<u8>> = every_file(&submissions);

    let first = scratch.join("out-1");
    let summary = grade(&submissions, &first);
    println!("{summary}");

    let got = statuses(&first);
    let status = |student: &str, exercise: &str| {
        got.get(&(student.to_string(), exercise.to_string()))
            .cloned()
            .unwrap_or_else(|| panic!("no result for {student} {exercise}"))
    };
    let expected = [
        ("full_marks", ["pass", "pass", "pass"]),
        ("partial", ["pass", "not_attempted", "not_attempted"]),
        ("sequential", ["fail", "not_submitted", "not_submitted"]),
        ("finish_order", ["fail", "not_submitted", "not_submitted"]),
        (
            "never_completes",
            ["fail", "not_submitted", "not_submitted"],
        ),
        (
            "blocking_loop",
            ["timeout", "not_submitted", "not_submitted"],
        ),
        ("panics", ["fail", "not_submitted", "not_submitted"]),
        ("stdout_flood", ["fail", "not_submitted", "not_submitted"]),
        (
            "fake_test_lines",
            ["fail", "not_submitted", "not_submitted"],
        ),
        (
            "process_exit",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        (
            "setsid_escape",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        ("memory_hog", ["fail", "not_submitted", "not_submitted"]),
        (
            "does_not_compile",
            ["did_not_build", "not_submitted", "not_submitted"],
        ),
        ("build_rs", ["fail", "not_submitted", "not_submitted"]),
        (
            "cargo_config_runner",
            ["fail", "not_submitted", "not_submitted"],
        ),
        ("empty", ["not_submitted", "not_submitted", "not_submitted"]),
        (
            "wrong_layout",
            ["not_submitted", "not_submitted", "not_submitted"],
        ),
        (
            "lesson_at_the_top",
            ["not_submitted", "not_submitted", "not_submitted"],
        ),
        (
            "zip_not_unpacked",
            ["not_submitted", "not_submitted", "not_submitted"],
        ),
        (
            "alias_and_fn_pointer",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        (
            "macro_built_paths",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        (
            "alias_method_path_shell",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        (
            "thread_racing_the_marker",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        (
            "proc_self_environ",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        (
            "walk_the_machine",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        // The hidden tests are not there while the student's code compiles.
        (
            "include_through_macro",
            ["did_not_build", "not_submitted", "not_submitted"],
        ),
        (
            "path_module_to_hidden_tests",
            ["did_not_build", "not_submitted", "not_submitted"],
        ),
        (
            "doc_attribute_include",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        (
            "env_at_compile_time",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        (
            "unsafe_extern_exit",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        (
            "allow_the_lint",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        // Compiled by clippy itself, so `cfg(not(clippy))` code is simply not there.
        ("cfg_not_clippy", ["fail", "not_submitted", "not_submitted"]),
        (
            "honest_abort_handle",
            ["pass", "not_submitted", "not_submitted"],
        ),
        (
            "honest_odd_names",
            ["pass", "not_submitted", "not_submitted"],
        ),
        (
            "honest_buffered_stream",
            ["pass", "not_submitted", "not_submitted"],
        ),
        ("two_solved_one_flagged", ["flagged", "pass", "pass"]),
        (
            "changed_given_code",
            ["flagged", "not_submitted", "not_submitted"],
        ),
        (
            "honest_reformatted",
            ["pass", "not_submitted", "not_submitted"],
        ),
        ("two_solved_one_broken", ["did_not_build", "pass", "pass"]),
        // Hands in lesson 3 only (checked below).
        (
            "busy_poll",
            ["not_submitted", "not_submitted", "not_submitted"],
        ),
    ];
    let exercises = [
        "gather/gather_lookups",
        "gather/collect_every_result",
        "gather/first_error_cancels",
    ];
    for (student, statuses) in expected {
        for (exercise, want) in exercises.iter().zip(statuses) {
            assert_eq!(status(student, exercise), want, "{student} {exercise}");
        }
        // Lessons not handed in are not submitted, never passes.
        assert_eq!(
            status(student, "routine/interleave_digits"),
            "not_submitted",
            "{student}"
        );
    }
    // The reference solution handed in as it is, and only that, is marked for the instructor
    // (comments and layout aside): full_marks' three files are, honest_reformatted's (its doc
    // comments gone, a helper added) is not.
    let book_text = fs::read_to_string(first.join("gradebook.csv")).unwrap();
    let marked = |student: &str| {
        book_text
            .lines()
            .find(|l| l.starts_with(&format!("{student},")))
            .map(|l| l.rsplit(',').next().unwrap_or("").to_string())
            .unwrap()
    };
    assert_eq!(
        marked("full_marks"),
        "gather/gather_lookups gather/collect_every_result gather/first_error_cancels"
    );
    assert_eq!(marked("honest_reformatted"), "");
    assert_eq!(marked("sequential"), "");

    // JUnit XML for CI servers and CodeGrade: well-formed, one <testsuite> per student and one
    // <testcase> per test, with the counts the JUnit schema's attributes carry.
    let check = Command::new("python3")
        .arg("-c")
        .arg(
            "import sys, json, xml.etree.ElementTree as E\n\
             root = E.parse(sys.argv[1]).getroot()\n\
             assert root.tag == 'testsuites', root.tag\n\
             suites = root.findall('testsuite')\n\
             cases = root.findall('testsuite/testcase')\n\
             assert int(root.get('tests')) == len(cases)\n\
             for s in suites:\n\
             \x20   n = s.findall('testcase')\n\
             \x20   assert int(s.get('tests')) == len(n)\n\
             \x20   assert int(s.get('failures')) == len([c for c in n if c.find('failure') is not None])\n\
             \x20   assert int(s.get('errors')) == len([c for c in n if c.find('error') is not None])\n\
             \x20   assert int(s.get('skipped')) == len([c for c in n if c.find('skipped') is not None])\n\
             print(len(suites), len(cases))",
        )
        .arg(first.join("junit.xml"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let counted = String::from_utf8_lossy(&check.stdout);
    assert!(
        counted.starts_with("40 "),
        "one suite per student: {counted}"
    );

    // Gradescope's results for every student, the plain-text feedback, the LMS exports.
    formats::exercism(&first);
    formats::gradescope(&first);
    formats::plain_feedback(&first.join("sequential"));
    let total = |student: &str| {
        let record: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(first.join(student).join("results.json")).unwrap(),
        )
        .unwrap();
        record["total"].as_u64().unwrap()
    };
    formats::lms(
        &first,
        &scratch.join("lms"),
        &[
            ("full_marks", total("full_marks")),
            ("sequential", total("sequential")),
            ("empty", total("empty")),
        ],
    );

    // What a student reads.
    let feedback =
        |student: &str| fs::read_to_string(first.join(student).join("feedback.en.md")).unwrap();
    // Untouched stubs: one line for them all, and none of their `todo!()` panics.
    let partial = feedback("partial");
    assert!(
        partial.contains("Not attempted (still the released `todo!()`): `gather/collect_every_result`, `gather/first_error_cancels`"),
        "{partial}"
    );
    assert!(!partial.contains("not yet implemented"), "{partial}");
    // A submission laid out wrong: said once, with what was found and what to do.
    for (student, said) in [
        (
            "lesson_at_the_top",
            "found `05-gather/` at the top: put the lesson folders under `lessons/`",
        ),
        (
            "zip_not_unpacked",
            "found `submission.zip`: unpack it and hand in the folder",
        ),
        (
            "wrong_layout",
            "no `lessons/` folder; found gather_lookups.rs",
        ),
        ("empty", "the submission is empty"),
    ] {
        let text = feedback(student);
        assert_eq!(text.matches(said).count(), 1, "{text}");
        assert!(
            !text.contains("\n## "),
            "one message, no section per exercise:\n{text}"
        );
    }
    // A compile error is shown once (the library and its test build both report it).
    let broken = feedback("does_not_compile");
    assert_eq!(broken.matches("error[E0277]").count(), 1, "{broken}");
    // A failing test's panic is shown once.
    let sequential = feedback("sequential");
    assert_eq!(
        sequential.matches("panicked at").count(),
        tests_not_passed(&first, "sequential", "gather/gather_lookups").len(),
        "{sequential}"
    );
    // The hint tied to what failed: the time for the one-by-one answer, the order for the
    // one that collects in finishing order.
    assert!(
        sequential.contains("Hint: Awaiting each lookup in a `for` loop"),
        "{sequential}"
    );
    let finish_order = feedback("finish_order");
    assert!(
        finish_order.contains("Hint: `futures::future::join_all` takes a list of futures"),
        "{finish_order}"
    );

    // The busy poller: the tests where only a wake may lead to a poll catch it (9 of 13).
    let busy_grade = exercise_result(&first, "busy_poll", "future/tiny_block_on");
    let busy_failures = tests_not_passed(&first, "busy_poll", "future/tiny_block_on");
    assert_eq!(busy_grade, ("fail".to_string(), 9));
    assert_eq!(
        busy_failures,
        [
            "a_future_woken_three_times_from_another_thread_is_polled_four_times (fail)",
            "a_hundred_wakes_from_another_thread_make_a_hundred_more_polls_and_no_idle_ones (fail)",
        ]
    );

    let book = fs::read_to_string(first.join("gradebook.csv")).unwrap();
    let committed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/expected-gradebook.csv");
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        fs::write(&committed, &book).unwrap();
    }
    assert_eq!(
        book,
        fs::read_to_string(&committed).unwrap(),
        "the gradebook differs from tests/fixtures/expected-gradebook.csv"
    );

    // No hidden test's source reaches a student's results or feedback: its helper's name and
    // one of its lines appear in no output file.
    for (path, bytes) in every_file(&first) {
        let text = String::from_utf8_lossy(&bytes);
        for secret in ["concurrent_schedule", "gather_lookups(&dir, &[5, 1, 3])"] {
            assert!(
                !text.contains(secret),
                "{} shows the hidden tests ({secret})",
                path.display()
            );
        }
    }

    // Nothing of a submission was changed.
    assert_eq!(
        every_file(&submissions),
        before,
        "the grader wrote into a submission"
    );

    // Again, the same bytes: a varied part of the class (the slow timeouts left out, to keep
    // the suite short), graded once more into a new folder, now beside four copies of the busy
    // poller and on a loaded machine: a thread that spins as long as the grading runs, on top
    // of the class's own two jobs (and the other test of this file).
    let again = scratch.join("again");
    let subset = ["full_marks", "does_not_compile", "alias_and_fn_pointer"];
    for name in subset {
        fs::create_dir_all(again.join(name)).unwrap();
        copy_tree(&submissions.join(name), &again.join(name));
    }
    let pollers: Vec<String> = (1..=4).map(|i| format!("busy_poll_{i}")).collect();
    for name in &pollers {
        busy_poller(&again, name);
    }
    let second = scratch.join("out-2");
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut spins = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                spins = std::hint::black_box(spins.wrapping_add(1));
            }
        });
        grade(&again, &second);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    for name in subset {
        assert_eq!(
            every_file(&first.join(name)),
            every_file(&second.join(name)),
            "grading {name} twice gave different files"
        );
    }
    for name in &pollers {
        assert_eq!(
            (
                exercise_result(&second, name, "future/tiny_block_on"),
                tests_not_passed(&second, name, "future/tiny_block_on"),
            ),
            (busy_grade.clone(), busy_failures.clone()),
            "{name}: the busy poller's grade changed under load"
        );
    }
    let rows = |book: &str| {
        book.lines()
            .filter(|l| subset.iter().any(|s| l.starts_with(&format!("{s},"))))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        rows(&book),
        rows(&fs::read_to_string(second.join("gradebook.csv")).unwrap())
    );
}

/// A class graded in two shards and merged gives the gradebook of grading it whole.
#[test]
fn shards_merge_into_the_whole_gradebook() {
    let scratch = root().join("target/grader/shard-test");
    let _ = fs::remove_dir_all(&scratch);
    let submissions = scratch.join("submissions");
    // One answer that is built and run; one whose forbidden call stops it at its first build;
    // one that hands in nothing. (Cheap to grade: what is tested is the slicing and merging.)
    fs::create_dir_all(submissions.join("cho")).unwrap();
    for (name, body) in [
        ("ana", None),
        (
            "ben",
            // The right answer, with a harmless call the bans forbid: flagged, until waived.
            Some(
                "let _ = std::env::var_os(\"HOME\");\n    let lookups = counts.iter().map(|&n| dir.find_users(n));\n    futures::future::join_all(lookups).await",
            ),
        ),
    ] {
        let file = submissions
            .join(name)
            .join("lessons/05-gather/src/gather_lookups.rs");
        let text = match body {
            None => fs::read_to_string(gather().join("src/gather_lookups.rs")).unwrap(),
            Some(body) => answer(body),
        };
        write(&file, &text);
    }
    let run = |out: &str, shard: Option<&str>| {
        let mut command = Command::new(COURSE);
        command
            .arg("--course")
            .arg(root())
            .arg("grade")
            .arg(&submissions)
            .arg("--out")
            .arg(scratch.join(out));
        if let Some(shard) = shard {
            command.args(["--shard", shard]);
        }
        let output = command.output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    run("whole", None);
    // A full grading into a folder that holds a student no longer in the class removes that
    // student's folder, so the gradebook and the folders agree.
    fs::create_dir_all(scratch.join("one/dropped_the_course")).unwrap();
    write(&scratch.join("one/dropped_the_course/results.json"), "{}");
    run("one", Some("1/2"));
    assert!(!scratch.join("one/dropped_the_course").exists());
    run("two", Some("2/2"));
    let one = fs::read_to_string(scratch.join("one/gradebook.csv")).unwrap();
    assert_eq!(
        one.lines().count(),
        1 + 2,
        "shard 1/2 of three students grades the first and the third:\n{one}"
    );
    let merged = Command::new(COURSE)
        .arg("--course")
        .arg(root())
        .arg("merge")
        .arg(scratch.join("one"))
        .arg(scratch.join("two"))
        .arg("--out")
        .arg(scratch.join("merged"))
        .output()
        .unwrap();
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert_eq!(
        every_file(&scratch.join("merged")),
        every_file(&scratch.join("whole"))
    );

    // A student in two shards is refused, not counted twice.
    let twice = Command::new(COURSE)
        .arg("--course")
        .arg(root())
        .arg("merge")
        .arg(scratch.join("one"))
        .arg(scratch.join("whole"))
        .arg("--out")
        .arg(scratch.join("bad"))
        .output()
        .unwrap();
    assert_eq!(twice.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&twice.stderr).contains("is graded in both"),
        "{}",
        String::from_utf8_lossy(&twice.stderr)
    );

    // Regrade two students in place with the instructor's overrides: ben's flag waived after
    // review, cho given 2 points by hand and handed in a day and a minute late (10% a day).
    let whole = scratch.join("whole");
    let row = |book: &str, student: &str| -> String {
        book.lines()
            .find(|l| l.starts_with(&format!("{student},")))
            .unwrap_or_else(|| panic!("no row for {student} in\n{book}"))
            .to_string()
    };
    let before = fs::read_to_string(whole.join("gradebook.csv")).unwrap();
    assert!(
        row(&before, "ben").contains("gather/gather_lookups=flagged"),
        "{before}"
    );
    let overrides = scratch.join("overrides.toml");
    write(
        &overrides,
        "due = 2026-12-10T23:59:00+09:00\npenalty_per_day = 10\n\n[submitted]\ncho = 2026-12-12T00:00:00+09:00\n\n\
         [[waive]]\nstudent = \"ben\"\nexercise = \"gather/gather_lookups\"\nreason = \"reading HOME is harmless\"\n\n\
         [[adjust]]\nstudent = \"cho\"\nexercise = \"gather/gather_lookups\"\npoints = 2\nreason = \"handed in by mail\"\n",
    );
    let ana_before = every_file(&whole.join("ana"));
    let regrade = |students: &[&str]| {
        let mut command = Command::new(COURSE);
        command
            .args(["--lang", "en", "--course"])
            .arg(root())
            .arg("grade")
            .arg(&submissions)
            .arg("--out")
            .arg(&whole)
            .arg("--overrides")
            .arg(&overrides);
        for student in students {
            command.args(["--only", student]);
        }
        command.output().unwrap()
    };
    let out = regrade(&["ben", "cho"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Not on a terminal: a line per student as each is done; the summary in the language asked.
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("[1/2] ") && said.contains("[2/2] "), "{said}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("2 students, "),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let after = fs::read_to_string(whole.join("gradebook.csv")).unwrap();
    // ana was not regraded: her row and her folder are as they were.
    assert_eq!(row(&after, "ana"), row(&before, "ana"));
    assert_eq!(every_file(&whole.join("ana")), ana_before);
    let ben = row(&after, "ben");
    assert!(
        !ben.contains("gather/gather_lookups="),
        "ben passes now: {ben}"
    );
    assert!(
        ben.contains("flag waived: reading HOME is harmless"),
        "{ben}"
    );
    let ben_json = fs::read_to_string(whole.join("ben/results.json")).unwrap();
    assert!(
        ben_json.contains("\"flag waived: reading HOME is harmless\""),
        "{ben_json}"
    );
    // cho: 2 points given by hand, 2 days late (a day and a minute, a part of a day counting
    // whole): 20% off, so 1 point in the total column and 20 in late_penalty.
    let cho = row(&after, "cho");
    assert!(cho.contains(",1,315,20,"), "{cho}");
    assert!(cho.contains("late by 2 day(s): -20% (2 -> 1)"), "{cho}");
    assert!(cho.contains("adjusted by +2: handed in by mail"), "{cho}");
    assert!(fs::read_to_string(whole.join("cho/feedback.en.md"))
        .unwrap()
        .contains("The instructor's decision: `gather/gather_lookups`: adjusted by +2: handed in by mail"));
    // One exercise regraded (here without the overrides file): the others keep their earlier
    // results, so ben's waived, passing gather_lookups stays as it was.
    let out = Command::new(COURSE)
        .arg("--course")
        .arg(root())
        .arg("grade")
        .arg(&submissions)
        .arg("--out")
        .arg(&whole)
        .args(["--only", "ben", "--exercise", "gather/collect_every_result"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ben_again = row(
        &fs::read_to_string(whole.join("gradebook.csv")).unwrap(),
        "ben",
    );
    assert_eq!(
        ben_again, ben,
        "only collect_every_result was graded again, with the same result"
    );

    // The instructor's private hidden tests, from a folder outside the repository, in place of
    // the public ones: their own test and points, and a class seed handed to the tests.
    let private = scratch.join("private-tests");
    write(
        &private.join("05-gather/grading/gather_lookups.rs"),
        "use gather_exercises::gather_lookups::{Directory, gather_lookups};\n\n\
         #[tokio::test(start_paused = true)]\n\
         async fn private_two_two_end_at_two_seconds() {\n\
         \x20   assert_eq!(course_marker::seed(), 9);\n\
         \x20   let start = tokio::time::Instant::now();\n\
         \x20   assert_eq!(gather_lookups(&Directory::new(), &[2, 2]).await, [2, 2]);\n\
         \x20   assert_eq!(start.elapsed(), std::time::Duration::from_secs(2));\n\
         \x20   course_marker::passed();\n\
         }\n",
    );
    write(
        &private.join("05-gather/points.toml"),
        "[gather_lookups]\nprivate_two_two_end_at_two_seconds = 5\n",
    );
    let out = Command::new(COURSE)
        .arg("--course")
        .arg(root())
        .arg("grade")
        .arg(&submissions)
        .arg("--out")
        .arg(scratch.join("private"))
        .arg("--hidden")
        .arg(&private)
        .args(["--seed", "9"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The summary speaks Korean unless asked otherwise.
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("학생 3명"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let ana = fs::read_to_string(scratch.join("private/ana/results.json")).unwrap();
    assert!(
        ana.contains("gather/gather_lookups::private_two_two_end_at_two_seconds"),
        "{ana}"
    );
    assert!(
        !ana.contains("five_one_three_end_at_five_seconds"),
        "the public hidden tests are not run: {ana}"
    );
    let book = fs::read_to_string(scratch.join("private/gradebook.csv")).unwrap();
    // 5 visible points and the private test's 5, all passed.
    assert!(
        row(&book, "ana").starts_with("ana,0,0,0,0,0,0,0,0,0,10,"),
        "{book}"
    );

    // Mistakes in the command are refused with a reason, and nothing is written.
    let unknown = regrade(&["nobody"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("--only nobody: no such student folder")
    );
    write(
        &overrides,
        "[[adjust]]\nstudent = \"cho\"\nexercise = \"gather/nothing\"\npoints = 1\nreason = \"x\"\n",
    );
    let bad = regrade(&["cho"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("no exercise `gather/nothing` in the course")
    );
}
