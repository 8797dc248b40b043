//! The completion marker seen from inside a test process, where student code runs.
//!
//! Each check starts this very test binary again the way the grader starts a test: its
//! environment holds only what the grader sets, the marker is descriptor 3, and (for the
//! forger) it runs in the test sandbox. The binary links `course-marker` (a dev-dependency),
//! so its constructor runs before `main`, as in every exercise test. The child tests are
//! `#[ignore]`d: they run only when started so, by name.
//!
//! The forger stands for student code that got past every ban: safe Rust with all of `std`
//! (the environment, files, `/proc`, other programs, `process::exit`). It must not be able to
//! write the marker. What is left to forge with would be `unsafe` (writing to a descriptor by
//! its number), which the compiler refuses in the lesson crates.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::MARKER_VAR;
use super::sandbox::{Isolation, Job, Limits, Outcome, View, run};

/// Runs the child test `name` of this binary with the marker as descriptor 3.
fn child(name: &str, isolation: Isolation, marker: &Path, dir: &Path) -> Outcome {
    child_with(name, isolation, marker, dir, vec![])
}

fn child_with(
    name: &str,
    isolation: Isolation,
    marker: &Path,
    dir: &Path,
    mut env: Vec<(String, String)>,
) -> Outcome {
    env.push((MARKER_VAR.into(), "3".into()));
    let me = std::env::current_exe().unwrap();
    let job = Job {
        program: &me,
        args: vec![
            format!("grade::marker_tests::{name}"),
            "--exact".into(),
            "--ignored".into(),
            "--test-threads=1".into(),
            "--nocapture".into(),
        ],
        env,
        view: View::Test {
            dir: dir.to_path_buf(),
        },
        marker: Some(marker.to_path_buf()),
    };
    let limits = Limits {
        wall: Duration::from_secs(20),
        output: 64 * 1024,
        memory: 1 << 30,
        file_size: 1 << 20,
        processes: 64,
    };
    run(&job, isolation, limits).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("course-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Before `main`, the constructor has taken descriptor 3: the variable is gone, the one
/// descriptor left that leads to the marker is not 3 and is close-on-exec, and a program the
/// test starts inherits none. (Outside the sandbox, so that `/proc` can show it.)
#[test]
fn the_constructor_takes_the_descriptor_before_main() {
    let dir = scratch("marker-ctor");
    let marker = dir.join("marker");
    // (The path is for the child's own check only: a test in the grader is given none.)
    let outcome = child_with(
        "inspects_its_descriptors",
        Isolation::ProcessGroup,
        &marker,
        &dir,
        vec![("MARKER_PATH".into(), marker.display().to_string())],
    );
    let written = std::fs::read_to_string(&marker).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        outcome.status.is_some_and(|s| s.success()),
        "{}",
        outcome.output
    );
    // The child's own report, line by line.
    for line in [
        "variable: gone",
        "descriptors to the marker: one, not 3, close-on-exec",
        "descriptors to the marker in a started program: 0",
    ] {
        assert!(
            outcome.output.contains(line),
            "no `{line}` in:\n{}",
            outcome.output
        );
    }
    // And the marker still works: `passed` wrote the test's name through the kept descriptor.
    assert_eq!(written, "grade::marker_tests::inspects_its_descriptors\n");
}

#[test]
#[ignore = "a child of the_constructor_takes_the_descriptor_before_main"]
fn inspects_its_descriptors() {
    let mut out = std::io::stdout();
    let gone = std::env::var_os(MARKER_VAR).is_none();
    writeln!(out, "variable: {}", if gone { "gone" } else { "still set" }).unwrap();
    // The descriptors that lead to the marker, and whether each is close-on-exec.
    let marker = std::env::var("MARKER_PATH").unwrap();
    let mut leading = Vec::new();
    for entry in std::fs::read_dir("/proc/self/fd").unwrap().flatten() {
        if std::fs::read_link(entry.path()).is_ok_and(|to| to == Path::new(&marker)) {
            let fd = entry.file_name().to_string_lossy().into_owned();
            let info = std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}")).unwrap();
            let flags = info
                .lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .map(|f| u32::from_str_radix(f.trim(), 8).unwrap())
                .unwrap();
            const O_CLOEXEC: u32 = 0o2000000;
            let cloexec = flags & O_CLOEXEC != 0;
            leading.push(format!(
                "{fd}{}",
                if cloexec { " (close-on-exec)" } else { "" }
            ));
        }
    }
    let kept = match leading.as_slice() {
        [one] if one.ends_with(" (close-on-exec)") && !one.starts_with("3 ") => {
            "one, not 3, close-on-exec".to_string()
        }
        other => other.join(", "),
    };
    writeln!(out, "descriptors to the marker: {kept}").unwrap();
    let started = std::process::Command::new("sh")
        .args(["-c", "for f in /proc/$$/fd/*; do readlink \"$f\"; done"])
        .output()
        .unwrap();
    let inherited = String::from_utf8_lossy(&started.stdout)
        .lines()
        .filter(|l| *l == marker)
        .count();
    writeln!(
        out,
        "descriptors to the marker in a started program: {inherited}"
    )
    .unwrap();
    course_marker::passed();
}

/// Student code with every ban bypassed, in the sandbox, cannot mark its test passed: it
/// looks for the marker everywhere safe Rust can look, writes to every file it can open, and
/// ends with status 0. Beside it, a test that calls `passed` does get its name written, so
/// the marker was there to be found.
#[test]
fn a_test_that_gets_past_every_ban_still_cannot_mark_itself_passed() {
    if Isolation::detect() != Isolation::Bubblewrap {
        panic!("bubblewrap is needed for this test; scripts/test installs it");
    }
    let dir = scratch("marker-forge");
    let forged = dir.join("forged");
    let honest = dir.join("honest");
    let forger = child("forger", Isolation::Bubblewrap, &forged, &dir);
    let passes = child("passes", Isolation::Bubblewrap, &honest, &dir);
    let forged_text = std::fs::read_to_string(&forged).unwrap_or_default();
    let honest_text = std::fs::read_to_string(&honest).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(
        honest_text, "grade::marker_tests::passes\n",
        "{}",
        passes.output
    );
    // It ended with status 0 and printed libtest's success lines, and the marker is empty:
    // the grader scores it a fail.
    assert!(
        forger.status.is_some_and(|s| s.success()),
        "{}",
        forger.output
    );
    assert_eq!(
        forged_text, "",
        "the forger wrote the marker:\n{}",
        forger.output
    );
    for line in [
        "variables naming a marker: 0",
        "/proc/self/environ: absent",
        "/proc/self/fd: absent",
        "/dev/fd: absent",
        "files written: none",
        "programs started: 0",
    ] {
        assert!(
            forger.output.contains(line),
            "no `{line}` in:\n{}",
            forger.output
        );
    }
}

#[test]
#[ignore = "a child of a_test_that_gets_past_every_ban_still_cannot_mark_itself_passed"]
fn passes() {
    course_marker::passed();
}

#[test]
#[ignore = "a child of a_test_that_gets_past_every_ban_still_cannot_mark_itself_passed"]
fn forger() {
    let name = std::thread::current()
        .name()
        .unwrap_or("forger")
        .to_string();
    let mut out = std::io::stdout();
    let naming = std::env::vars()
        .filter(|(k, v)| k.contains("MARKER") || v.contains("marker"))
        .count();
    writeln!(out, "variables naming a marker: {naming}").unwrap();
    for path in ["/proc/self/environ", "/proc/self/fd", "/dev/fd"] {
        let seen = Path::new(path).exists();
        writeln!(out, "{path}: {}", if seen { "present" } else { "absent" }).unwrap();
    }
    // Every file it can reach, opened for appending, gets the test's name: if one of them were
    // the marker, that would be a pass.
    let mut written = Vec::new();
    let mut stack = vec![PathBuf::from("/")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                // (`metadata`, not the entry's type: a device node is not a file to forge.)
                Ok(_) if std::fs::metadata(&path).is_ok_and(|m| m.file_type().is_file()) => {
                    let opened = std::fs::OpenOptions::new().append(true).open(&path);
                    if opened.is_ok_and(|mut file| writeln!(file, "{name}").is_ok()) {
                        written.push(path.display().to_string());
                    }
                }
                _ => {}
            }
        }
    }
    let written = if written.is_empty() {
        "none".to_string()
    } else {
        written.join(" ")
    };
    writeln!(out, "files written: {written}").unwrap();
    // A program that could write to descriptor 3 for it, if one were there to start.
    let started = ["sh", "/bin/sh", "/usr/bin/env"]
        .iter()
        .filter(|p| {
            std::process::Command::new(p)
                .args(["-c", "echo forged >&3"])
                .status()
                .is_ok()
        })
        .count();
    writeln!(out, "programs started: {started}").unwrap();
    writeln!(out, "test {name} ... ok").unwrap();
    out.flush().unwrap();
    std::process::exit(0);
}
