//! The completion marker: every exercise test calls [`passed`] after its last assertion.
//!
//! The grader runs each test in a process of its own and counts a pass only when that process
//! exits with status 0 **and** the test has written its name to the marker. Student code that
//! ends the process early (`std::process::exit(0)`) ends it before the marker is written, and
//! printing `test ... ok` proves nothing, because the grader does not read the test's output
//! to decide.
//!
//! The marker is an open file, not a name or a secret. The grader opens it outside the sandbox
//! and hands it to the test process as descriptor 3, and sets `COURSE_MARKER_FD=3`. Before
//! `main` runs (a constructor in `.init_array`), this crate moves that descriptor to a new,
//! close-on-exec one that only this crate holds, and closes descriptor 3. So nothing that
//! student code can reach leads to it: the environment and the arguments hold no path or nonce,
//! no file the process can open is the marker, the sandbox mounts no `/proc` (no
//! `/proc/self/fd`, no `/dev/fd`), a program the test starts does not inherit it, and naming a
//! descriptor by number takes `unsafe`, which the lesson crates forbid. Forging a pass would
//! need the sandbox to give something it does not.
//!
//! Outside the grader (`cargo test`, `course check`) the variable is not set and [`passed`]
//! does nothing.
// The one place the course uses `unsafe`: taking the descriptor the grader hands over.
#![allow(unsafe_code)]

use std::fs::File;
use std::io::Write;
use std::sync::OnceLock;

/// The environment variable the grader sets: the number of the marker's descriptor.
pub const VAR: &str = "COURSE_MARKER_FD";

/// The marker, once the constructor has taken it.
static MARKER: OnceLock<File> = OnceLock::new();

#[used]
#[unsafe(link_section = ".init_array")]
static TAKE_THE_MARKER: extern "C" fn() = take_the_marker;

/// Runs before `main`, while the process has one thread and no student code has run.
extern "C" fn take_the_marker() {
    let Some(fd) = std::env::var(VAR).ok().and_then(|v| v.parse::<i32>().ok()) else {
        return;
    };
    // SAFETY: single-threaded (before `main`), so nothing reads the environment meanwhile.
    unsafe { std::env::remove_var(VAR) };
    if fd < 3 {
        return;
    }
    use std::os::fd::FromRawFd;
    // SAFETY: the grader opened `fd` for this process and nothing else in it owns it.
    let given = unsafe { File::from_raw_fd(fd) };
    // `try_clone` duplicates with close-on-exec; dropping `given` closes the inherited one.
    if let Ok(kept) = given.try_clone() {
        let _ = MARKER.set(kept);
    }
}

/// The class's seed (`course grade --seed N`, handed to the tests as `COURSE_SEED`; 0 when
/// none is given): hidden tests draw inputs from it, so that a test read in the public
/// repository does not fix its answer.
pub fn seed() -> u64 {
    std::env::var("COURSE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Records that the current test got past its last assertion.
///
/// Writes the test's name to the grader's marker; libtest names each test's thread after the
/// test, so the grader can tell which test wrote it.
pub fn passed() {
    let Some(mut marker) = MARKER.get() else {
        return;
    };
    let test = std::thread::current().name().unwrap_or("?").to_string();
    // If the marker cannot be written, the grader sees no marker and scores the test as failed:
    // that is the safe side, so there is nothing to do with the error here.
    let _ = writeln!(marker, "{test}");
}
