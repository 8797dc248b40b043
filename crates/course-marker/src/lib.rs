//! The completion marker: every exercise test calls [`passed`] after its last assertion.
//!
//! The grader runs each test in a process of its own and counts a pass only when that process
//! exits with status 0 **and** the test has written the marker. Student code that calls
//! `std::process::exit(0)` in the middle of a test ends the process before the marker is written,
//! and printing `test ... ok` proves nothing, because the grader does not read the test's output
//! to decide. Writing the marker file itself would need the file system or the environment, which
//! the grader flags in student code.
//!
//! Outside the grader (`cargo test`, `course check`) the variable is not set and [`passed`] does
//! nothing.

use std::io::Write;

/// The environment variable the grader sets: `<marker file path>\n<nonce>`.
pub const VAR: &str = "COURSE_MARKER";

/// Records that the current test got past its last assertion.
///
/// Appends `<nonce> <test name>` to the grader's marker file; libtest names each test's thread
/// after the test, so the grader can tell which test wrote it.
pub fn passed() {
    let Ok(value) = std::env::var(VAR) else {
        return;
    };
    let Some((path, nonce)) = value.split_once('\n') else {
        return;
    };
    let test = std::thread::current().name().unwrap_or("?").to_string();
    // If the marker cannot be written, the grader sees no marker and scores the test as failed:
    // that is the safe side, so there is nothing to do with the error here.
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
    {
        let _ = writeln!(file, "{nonce} {test}");
    }
}
