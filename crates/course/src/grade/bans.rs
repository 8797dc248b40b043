//! What student code may not use, recognised by what it means, not by how it is spelled.
//!
//! A text search cannot see through names: `use std::{process as p}; let q = p::exit; q(0)`,
//! a `macro_rules!` that builds `std::$m::$f`, or a macro that forwards its argument to
//! `include_str!` all get past it, and it flags innocent code (`JoinHandle::abort`, a method
//! named `exit`). So the compiler decides, after name resolution and macro expansion, in the
//! same compilation that produces the code that is run (there is no second, differently
//! configured compile that `#[cfg(not(clippy))]` could tell apart):
//!
//! - **Runtime APIs** (ending the process, the file system, the environment, processes,
//!   sockets, panic hooks): clippy's `disallowed_methods`, `disallowed_types` and
//!   `disallowed_macros` with the list below, at `forbid` level, so that an
//!   `#[allow(...)]` in student code is itself an error (E0453). The lesson crates are built
//!   with `clippy-driver` as cargo's workspace wrapper: the lints see the lesson crates only
//!   (the student's `src/` and the instructor's tests, never the dependencies).
//! - **`unsafe`**, including `unsafe extern` blocks, `#[unsafe(no_mangle)]`, `export_name`,
//!   `link_section` and `global_asm!`: the workspace's `unsafe_code = "forbid"`, which every
//!   lesson manifest (the instructor's, not the student's) takes.
//! - **Files and variables read at compile time** (`include_str!`, `include_bytes!`,
//!   `include!`, `#[path]` modules, `env!`, `option_env!`, through any macro): the compiler's
//!   own record of what it read, the dep-info file of the student's library. Any file outside
//!   the lesson's `src/`, and any environment variable, is a finding. The build cannot reach
//!   the hidden tests anyway (they are not in its sandbox while the library is compiled); this
//!   makes the attempt visible to the instructor.
//!
//! None of these is the last line: a pass still needs the marker descriptor that only the
//! test harness holds (`course-marker`), and the sandbox gives a test no file system to read.

use std::path::Path;

/// The instructor's `clippy.toml` for student builds: each entry says why, and the reason is
/// shown in the feedback.
pub const CLIPPY_TOML: &str = r#"# Written by `course grade` for the lesson crates it builds (see grade/bans.rs).
disallowed-methods = [
  { path = "std::process::exit", reason = "ending the process early could fake a test's result" },
  { path = "std::process::abort", reason = "ending the process early could fake a test's result" },
  { path = "std::env::var", reason = "the environment is the grader's, not the exercise's" },
  { path = "std::env::var_os", reason = "the environment is the grader's, not the exercise's" },
  { path = "std::env::vars", reason = "the environment is the grader's, not the exercise's" },
  { path = "std::env::vars_os", reason = "the environment is the grader's, not the exercise's" },
  { path = "std::env::args", reason = "the test runner's arguments are not the exercise's business" },
  { path = "std::env::args_os", reason = "the test runner's arguments are not the exercise's business" },
  { path = "std::env::current_exe", reason = "the test program is not the exercise's business" },
  { path = "std::env::current_dir", reason = "the file system is not part of the exercises" },
  { path = "std::env::home_dir", reason = "the file system is not part of the exercises" },
  { path = "std::env::temp_dir", reason = "the file system is not part of the exercises" },
  { path = "std::fs::read", reason = "the file system is not part of the exercises" },
  { path = "std::fs::read_to_string", reason = "the file system is not part of the exercises" },
  { path = "std::fs::read_dir", reason = "the file system is not part of the exercises" },
  { path = "std::fs::read_link", reason = "the file system is not part of the exercises" },
  { path = "std::fs::write", reason = "the file system is not part of the exercises" },
  { path = "std::fs::copy", reason = "the file system is not part of the exercises" },
  { path = "std::fs::rename", reason = "the file system is not part of the exercises" },
  { path = "std::fs::hard_link", reason = "the file system is not part of the exercises" },
  { path = "std::fs::metadata", reason = "the file system is not part of the exercises" },
  { path = "std::fs::symlink_metadata", reason = "the file system is not part of the exercises" },
  { path = "std::fs::canonicalize", reason = "the file system is not part of the exercises" },
  { path = "std::fs::exists", reason = "the file system is not part of the exercises" },
  { path = "std::fs::create_dir", reason = "the file system is not part of the exercises" },
  { path = "std::fs::create_dir_all", reason = "the file system is not part of the exercises" },
  { path = "std::fs::remove_file", reason = "the file system is not part of the exercises" },
  { path = "std::fs::remove_dir", reason = "the file system is not part of the exercises" },
  { path = "std::fs::remove_dir_all", reason = "the file system is not part of the exercises" },
  { path = "std::fs::set_permissions", reason = "the file system is not part of the exercises" },
  { path = "std::path::Path::read_dir", reason = "the file system is not part of the exercises" },
  { path = "std::path::Path::read_link", reason = "the file system is not part of the exercises" },
  { path = "std::path::Path::metadata", reason = "the file system is not part of the exercises" },
  { path = "std::path::Path::symlink_metadata", reason = "the file system is not part of the exercises" },
  { path = "std::path::Path::canonicalize", reason = "the file system is not part of the exercises" },
  { path = "std::path::Path::exists", reason = "the file system is not part of the exercises" },
  { path = "std::path::Path::try_exists", reason = "the file system is not part of the exercises" },
  { path = "std::path::Path::is_file", reason = "the file system is not part of the exercises" },
  { path = "std::path::Path::is_dir", reason = "the file system is not part of the exercises" },
  { path = "std::path::Path::is_symlink", reason = "the file system is not part of the exercises" },
  { path = "std::panic::set_hook", reason = "replacing the panic hook could hide a failed assertion" },
  { path = "std::panic::take_hook", reason = "replacing the panic hook could hide a failed assertion" },
  { path = "std::panic::catch_unwind", reason = "catching panics could hide a failed assertion" },
  { path = "std::panic::resume_unwind", reason = "unwinding by hand could fake a test's result" },
  { path = "std::panic::always_abort", reason = "ending the process early could fake a test's result" },
  { path = "std::io::stdin", reason = "a test has no input; its descriptors are the grader's" },
]
disallowed-types = [
  { path = "std::process::Command", reason = "starting programs is not part of the exercises" },
  { path = "std::process::Child", reason = "starting programs is not part of the exercises" },
  { path = "std::process::Stdio", reason = "starting programs is not part of the exercises" },
  { path = "std::fs::File", reason = "the file system is not part of the exercises" },
  { path = "std::fs::OpenOptions", reason = "the file system is not part of the exercises" },
  { path = "std::fs::DirBuilder", reason = "the file system is not part of the exercises" },
  { path = "std::fs::ReadDir", reason = "the file system is not part of the exercises" },
  { path = "std::net::TcpStream", reason = "the network is not part of these exercises" },
  { path = "std::net::TcpListener", reason = "the network is not part of these exercises" },
  { path = "std::net::UdpSocket", reason = "the network is not part of these exercises" },
  { path = "std::os::unix::net::UnixStream", reason = "the network is not part of these exercises" },
  { path = "std::os::unix::net::UnixListener", reason = "the network is not part of these exercises" },
  { path = "std::os::unix::net::UnixDatagram", reason = "the network is not part of these exercises" },
  { path = "std::os::fd::OwnedFd", reason = "the test's descriptors are the grader's" },
  { path = "std::os::fd::BorrowedFd", reason = "the test's descriptors are the grader's" },
  { path = "std::io::Stdin", reason = "a test has no input; its descriptors are the grader's" },
]
disallowed-macros = [
  { path = "core::include_str", reason = "files read at compile time (the hidden tests are not the exercise's input)" },
  { path = "core::include_bytes", reason = "files read at compile time (the hidden tests are not the exercise's input)" },
  { path = "core::include", reason = "files read at compile time (the hidden tests are not the exercise's input)" },
  { path = "core::env", reason = "the build's environment is the grader's" },
  { path = "core::option_env", reason = "the build's environment is the grader's" },
]
"#;

/// The lints given to `clippy-driver` for the lesson crates, as `CLIPPY_ARGS` (clippy's own
/// separator between arguments).
pub fn clippy_args() -> String {
    [
        "--forbid=clippy::disallowed_methods",
        "--forbid=clippy::disallowed_types",
        "--forbid=clippy::disallowed_macros",
    ]
    .iter()
    .map(|a| format!("{a}__CLIPPY_HACKERY__"))
    .collect()
}

/// One forbidden use found in a lesson's student code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The student file, relative to the lesson (`src/gather_lookups.rs`); `None` when the
    /// compiler's record does not say which file (a file read at compile time).
    pub file: Option<String>,
    pub line: usize,
    /// What was used: the compiler's words.
    pub what: String,
    /// Why it is forbidden.
    pub why: String,
}

/// Whether a compiler diagnostic (cargo's JSON `message`) reports a forbidden use.
fn is_ban(message: &serde_json::Value) -> bool {
    let code = message["code"]["code"].as_str().unwrap_or_default();
    matches!(
        code,
        "clippy::disallowed_methods"
            | "clippy::disallowed_types"
            | "clippy::disallowed_macros"
            | "unsafe_code"
            // `#[allow(...)]` of a lint the grader forbids.
            | "E0453"
    )
}

/// The finding in a diagnostic of lesson `folder`'s library, if it is one. `src_prefix` is
/// `lessons/<folder>/` as the compiler names the files (relative to the workspace).
pub fn finding(message: &serde_json::Value, lesson_prefix: &str) -> Option<Finding> {
    if !is_ban(message) {
        return None;
    }
    let span = message["spans"]
        .as_array()
        .and_then(|spans| spans.iter().find(|s| s["is_primary"] == true))?;
    let file = span["file_name"].as_str().unwrap_or_default();
    let file = file.strip_prefix(lesson_prefix).unwrap_or(file).to_string();
    let why = message["children"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["message"].as_str())
        .find(|m| !m.starts_with("for further information") && !m.starts_with("the lint level"))
        .unwrap_or("forbidden in the exercises")
        .to_string();
    Some(Finding {
        file: Some(file),
        line: span["line_start"].as_u64().unwrap_or(0) as usize,
        what: message["message"].as_str().unwrap_or_default().to_string(),
        why,
    })
}

/// Files and variables that clippy itself reads: its configuration, the lesson's manifest.
const CLIPPY_ENV: [&str; 2] = ["CLIPPY_ARGS", "CLIPPY_CONF_DIR"];

/// What the compiler read besides the lesson's own `src/`: `d` is the dep-info file of the
/// library of lesson `folder` in workspace `ws` (relative paths are the workspace's), `lints`
/// the folder of the grader's `clippy.toml`. Files outside `src/` and environment variables
/// read with `env!`/`option_env!` are findings.
pub fn read_at_compile_time(d: &str, ws: &Path, folder: &str, lints: &Path) -> Vec<Finding> {
    let lesson = ws.join("lessons").join(folder);
    let src = lesson.join("src");
    let allowed = [
        lesson.join("Cargo.toml"),
        ws.join("Cargo.toml"),
        lints.join("clippy.toml"),
    ];
    let mut found = Vec::new();
    for line in d.lines() {
        if let Some(var) = line.strip_prefix("# env-dep:") {
            let name = var.split('=').next().unwrap_or(var);
            if !CLIPPY_ENV.contains(&name) {
                found.push(Finding {
                    file: None,
                    line: 0,
                    what: format!("reads the environment variable `{name}` at compile time"),
                    why: "the build's environment is the grader's".into(),
                });
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        // `target: dep dep ...` (a space inside a path is escaped with a backslash), then
        // one `dep:` line per file.
        let deps = match line.split_once(": ") {
            Some((_, deps)) => deps,
            None => line.strip_suffix(':').unwrap_or_default(),
        };
        for dep in split_escaped(deps) {
            let path = lexically_normal(&ws.join(&dep));
            if path.starts_with(&src) || allowed.contains(&path) {
                continue;
            }
            let what = format!("reads `{dep}` at compile time");
            if !found.iter().any(|f: &Finding| f.what == what) {
                found.push(Finding {
                    file: None,
                    line: 0,
                    what,
                    why: "only the lesson's own src/ is the exercise's input".into(),
                });
            }
        }
    }
    found
}

/// `a/src/../b` as `a/b`: rustc writes the paths it was given, `..` and all.
fn lexically_normal(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Splits a make-style list of paths, where `\ ` is a space inside a path.
fn split_escaped(list: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = list.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                if let Some(s) = out.last_mut() {
                    s.push(' ');
                }
                chars.next();
            }
            ' ' => out.push(String::new()),
            other => {
                if let Some(s) = out.last_mut() {
                    s.push(other);
                }
            }
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dep_info_lists_what_was_read_outside_src() {
        let d = "/t/deps/x.d: lessons/05-gather/src/lib.rs lessons/05-gather/src/a.rs lessons/05-gather/src/../grading/a.rs lessons/05-gather/Cargo.toml /l/clippy.toml\n\nlessons/05-gather/src/lib.rs:\nlessons/05-gather/src/../grading/a.rs:\n/etc/my\\ file:\n\n# env-dep:CLIPPY_ARGS=x\n# env-dep:HOME=/root\n";
        let found = read_at_compile_time(d, Path::new("/w"), "05-gather", Path::new("/l"));
        let what: Vec<&str> = found.iter().map(|f| f.what.as_str()).collect();
        assert_eq!(
            what,
            [
                "reads `lessons/05-gather/src/../grading/a.rs` at compile time",
                "reads `/etc/my file` at compile time",
                "reads the environment variable `HOME` at compile time",
            ]
        );
    }
}
