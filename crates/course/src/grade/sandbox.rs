//! Running untrusted programs: a sandbox where the machine has one, a wall-clock timeout, an
//! output cap, and a kill that reaches every process the program started.
//!
//! With bubblewrap (`bwrap`) the program runs as an unprivileged user in its own user, PID,
//! network, mount and IPC namespaces (no network; killing the sandbox kills everything inside,
//! including a child that called `setsid`), and sees only what its [`View`] gives it:
//!
//! - a **build** (cargo and rustc on a student's code) sees the system's programs and
//!   libraries (`/usr`), the folders it is given to read (the toolchain, the registry's
//!   sources, the marker crate) and to write (the student's workspace and target folder), its
//!   own `/proc` (rustc finds its sysroot there) and a private `/tmp`: no course checkout, no
//!   hidden tests, no other student, nothing of the grading user's home;
//! - a **test** sees the shared libraries (`/usr/lib`), its own program at `/run/test` and a
//!   private `/tmp`, and nothing else: no `/proc` (so no `/proc/self/fd`, `/proc/self/environ`
//!   or `/dev/fd`), no shell or other program to start.
//!
//! `prlimit` caps memory, the size of files written and processes. A run may be handed a marker
//! file, opened here (outside the sandbox) and inherited as descriptor 3 (see `course-marker`).
//! Without bubblewrap the program runs in its own process group, which is killed as a whole; a
//! `setsid` child can escape that and every file is readable, so results say when a run was not
//! sandboxed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// Whether runs are sandboxed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isolation {
    Bubblewrap,
    /// bubblewrap is missing or was turned off: process-group kill only.
    ProcessGroup,
}

impl Isolation {
    /// Bubblewrap when it is installed and works here (with the options a run uses), else the
    /// process group.
    pub fn detect() -> Isolation {
        let mut probe = Command::new("bwrap");
        probe
            .args(system_binds(true))
            .args(["--dev", "/dev"])
            .args(ISOLATED)
            .args(["--", "/usr/bin/true"]);
        let works = probe
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if works {
            Isolation::Bubblewrap
        } else {
            Isolation::ProcessGroup
        }
    }
}

/// Every namespace of its own (no network), an unprivileged user, and death with the grader.
const ISOLATED: [&str; 6] = [
    "--unshare-all",
    "--uid",
    "1000",
    "--gid",
    "1000",
    "--die-with-parent",
];

/// The path a test's program has inside the sandbox.
pub const TEST_PROGRAM: &str = "/run/test";

/// What a sandboxed program sees of the file system.
#[derive(Clone, Debug)]
pub enum View {
    /// cargo and rustc: `/usr`, `/proc`, `readable` read-only, `writable` read-write, in `dir`.
    Build {
        dir: PathBuf,
        readable: Vec<PathBuf>,
        writable: Vec<PathBuf>,
    },
    /// A test program: the shared libraries and the program itself (at [`TEST_PROGRAM`]), in
    /// a private `/tmp`. Unsandboxed, it runs in `dir`.
    Test { dir: PathBuf },
}

/// `/usr` (all of it for a build, only its libraries for a test) and the top-level links a
/// merged-`/usr` system has (`/bin -> usr/bin`), or the folders themselves where it has none.
fn system_binds(whole_usr: bool) -> Vec<String> {
    let mut args: Vec<String> = Vec::new();
    let ro = |args: &mut Vec<String>, path: &str| {
        if Path::new(path).exists() {
            args.extend(["--ro-bind".into(), path.into(), path.into()]);
        }
    };
    if whole_usr {
        ro(&mut args, "/usr");
    } else {
        ro(&mut args, "/usr/lib");
        ro(&mut args, "/usr/lib64");
    }
    let tops: &[&str] = if whole_usr {
        &["/bin", "/sbin", "/lib", "/lib64", "/lib32"]
    } else {
        &["/lib", "/lib64"]
    };
    for top in tops {
        match std::fs::read_link(top) {
            Ok(target) => args.extend([
                "--symlink".into(),
                target.display().to_string(),
                top.to_string(),
            ]),
            Err(_) => ro(&mut args, top),
        }
    }
    if whole_usr {
        // `cc` is a link through /etc/alternatives; the loader's cache speeds up linking.
        ro(&mut args, "/etc/alternatives");
        ro(&mut args, "/etc/ld.so.cache");
    }
    args
}

/// Resource limits for one run.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub wall: Duration,
    /// Bytes of standard output and error kept; more than this ends the run.
    pub output: usize,
    /// Address space, bytes.
    pub memory: u64,
    /// Largest file the program may write, bytes.
    pub file_size: u64,
    pub processes: u32,
}

impl Limits {
    /// Only a wall clock and an output cap, no `prlimit`: for a learner's own code on their own
    /// machine (`course check`), where the aim is a check that never hangs, not a defence.
    pub fn wall_only(wall: Duration) -> Limits {
        Limits {
            wall,
            output: 256 * 1024,
            memory: 0,
            file_size: 0,
            processes: 0,
        }
    }
}

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    /// `None` when it was killed (timeout or output flood).
    pub status: Option<ExitStatus>,
    pub timed_out: bool,
    pub flooded: bool,
    pub output: String,
}

/// A program to run: `program args` with `env` (and nothing else of the grader's environment),
/// seeing what `view` gives it.
pub struct Job<'a> {
    pub program: &'a Path,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub view: View,
    /// A file opened for appending before the sandbox starts and inherited as descriptor 3.
    pub marker: Option<PathBuf>,
}

/// Runs `job` under `isolation` and `limits`.
pub fn run(job: &Job, isolation: Isolation, limits: Limits) -> Result<Outcome> {
    let mut argv: Vec<String> = Vec::new();
    if let Some(marker) = &job.marker {
        // The shell opens the marker and then becomes the rest of the command line; the path
        // is its `$0`, which it drops, so no argument or variable of the program names it.
        argv.extend([
            "/bin/sh".into(),
            "-c".into(),
            "exec 3>>\"$0\" || exit 126; exec \"$@\"".into(),
            marker.display().to_string(),
        ]);
    }
    if limits.memory > 0 {
        argv.extend([
            "prlimit".into(),
            format!("--as={}", limits.memory),
            format!("--fsize={}", limits.file_size),
            format!("--nproc={}", limits.processes),
            "--".into(),
        ]);
    }
    let dir = match (&job.view, isolation) {
        (View::Build { dir, .. }, _) | (View::Test { dir }, Isolation::ProcessGroup) => dir,
        (View::Test { .. }, Isolation::Bubblewrap) => Path::new("/tmp"),
    };
    // Without the sandbox, a grader that runs as root (a container: Gradescope's, a CI's) runs
    // a test as `nobody`, in a folder of its own: it can then write to nothing of the grader's
    // and signal none of its processes. (Limits on: a grading, not a learner's own `check`.)
    if let (View::Test { dir }, Isolation::ProcessGroup, true) =
        (&job.view, isolation, limits.memory > 0 && running_as_root())
    {
        std::os::unix::fs::chown(dir, Some(NOBODY), Some(NOBODY)).map_err(|e| Error::io(dir, e))?;
        argv.extend(
            [
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--inh-caps=-all",
                "--",
            ]
            .map(String::from),
        );
    }
    match isolation {
        Isolation::Bubblewrap => {
            argv.push("bwrap".into());
            let program = match &job.view {
                View::Build {
                    readable, writable, ..
                } => {
                    argv.extend(system_binds(true));
                    argv.extend(
                        ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"].map(String::from),
                    );
                    for path in readable {
                        let p = path.display().to_string();
                        argv.extend(["--ro-bind".into(), p.clone(), p]);
                    }
                    for path in writable {
                        let p = path.display().to_string();
                        argv.extend(["--bind".into(), p.clone(), p]);
                    }
                    job.program.display().to_string()
                }
                View::Test { .. } => {
                    argv.extend(system_binds(false));
                    argv.extend(["--dev", "/dev", "--tmpfs", "/tmp"].map(String::from));
                    argv.extend([
                        "--ro-bind".into(),
                        job.program.display().to_string(),
                        TEST_PROGRAM.into(),
                    ]);
                    TEST_PROGRAM.to_string()
                }
            };
            argv.extend(ISOLATED.map(String::from));
            argv.extend(["--new-session", "--chdir"].map(String::from));
            argv.push(dir.display().to_string());
            argv.push("--".into());
            argv.push(program);
        }
        Isolation::ProcessGroup => argv.push(job.program.display().to_string()),
    }
    argv.extend(job.args.iter().cloned());
    let mut command = Command::new(&argv[0]);
    command.args(&argv[1..]).current_dir(dir);
    command.env_clear();
    for (key, value) in &job.env {
        command.env(key, value);
    }
    use std::os::unix::process::CommandExt;
    command
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());

    let started = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| Error::new(format!("cannot start {}: {e}", job.program.display())))?;
    // Standard output and standard error are kept apart, so that what each says does not
    // depend on how the two interleaved in time; together they may hold `limits.output` bytes.
    let kept = Arc::new(AtomicUsize::new(0));
    let overflow = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = [
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    .map(|mut stream| {
        let kept = Arc::clone(&kept);
        let overflow = Arc::clone(&overflow);
        let cap = limits.output;
        let mine = Arc::new(std::sync::Mutex::new(Vec::new()));
        let buffer = Arc::clone(&mine);
        let reader = std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n) = stream.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let before = kept.fetch_add(n, Ordering::SeqCst);
                let room = cap.saturating_sub(before);
                buffer
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .extend_from_slice(&chunk[..n.min(room)]);
                if n > room {
                    overflow.store(true, Ordering::SeqCst);
                    break;
                }
            }
        });
        (reader, mine)
    })
    .collect();

    let pgid = child.id();
    let mut timed_out = false;
    let mut flooded = false;
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| Error::new(format!("waiting for {}: {e}", job.program.display())))?
        {
            break Some(status);
        }
        if started.elapsed() >= limits.wall {
            timed_out = true;
        } else if overflow.load(Ordering::SeqCst) {
            flooded = true;
        }
        if timed_out || flooded {
            kill_group(pgid);
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // Whatever the program left behind in its group (a background child) goes too.
    kill_group(pgid);
    // A flood may also end the program by itself: the reader that hit the cap closed the pipe,
    // and the next write killed the writer (SIGPIPE) before this loop saw the flag.
    let flooded = flooded || (!timed_out && overflow.load(Ordering::SeqCst));
    // The readers end when every writer of the pipes is gone. A process that escaped the kill
    // (possible only without the sandbox) may hold them open for long: give the readers a
    // moment, then take what they have and leave them to finish on their own.
    let grace = Instant::now();
    while readers.iter().any(|(r, _)| !r.is_finished()) && grace.elapsed() < Duration::from_secs(1)
    {
        std::thread::sleep(Duration::from_millis(2));
    }
    let mut output = String::new();
    for (_, buffer) in &readers {
        let bytes = buffer.lock().unwrap_or_else(|p| p.into_inner());
        output.push_str(&String::from_utf8_lossy(&bytes));
    }
    Ok(Outcome {
        status,
        timed_out,
        flooded,
        output,
    })
}

/// `nobody`'s user and group id, which a test runs as when the grader runs as root without the
/// sandbox.
const NOBODY: u32 = 65534;

/// Whether this process runs as root (`/proc/self` belongs to the effective user).
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Kills process group `pgid` (the `kill` command: the tool itself has no `unsafe`).
fn kill_group(pgid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(wall_ms: u64) -> Limits {
        Limits {
            wall: Duration::from_millis(wall_ms),
            output: 1000,
            memory: 1 << 30,
            file_size: 1 << 20,
            processes: 4096,
        }
    }

    fn sh(script: &str) -> Job<'static> {
        Job {
            program: Path::new("/bin/sh"),
            args: vec!["-c".into(), script.into()],
            env: vec![("PATH".into(), "/usr/bin:/bin".into())],
            view: View::Build {
                dir: PathBuf::from("/"),
                readable: vec![],
                writable: vec![],
            },
            marker: None,
        }
    }

    fn alive(tag: &str) -> bool {
        Command::new("pgrep")
            .args(["-f", tag])
            .status()
            .is_ok_and(|s| s.success())
    }

    /// A program that never ends is stopped at the wall-clock limit.
    #[test]
    fn a_hang_is_killed_at_the_timeout() {
        for isolation in [Isolation::ProcessGroup, Isolation::detect()] {
            let started = Instant::now();
            let outcome = run(&sh("while :; do :; done"), isolation, limits(300)).unwrap();
            assert!(
                outcome.timed_out && outcome.status.is_none(),
                "{isolation:?}"
            );
            assert!(started.elapsed() < Duration::from_secs(5));
        }
    }

    /// A flood of output is cut at the cap and the program stopped.
    #[test]
    fn a_flood_is_capped_and_stopped() {
        let started = Instant::now();
        let outcome = run(&sh("yes flood"), Isolation::detect(), limits(10_000)).unwrap();
        assert!(outcome.flooded && outcome.output.len() <= 1000);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    /// Without the sandbox, a grader running as root runs a test as `nobody`, which can write
    /// nothing of root's; a grader running as anyone else runs it as itself.
    #[test]
    fn without_the_sandbox_a_root_grader_runs_tests_as_nobody() {
        let dir = std::env::temp_dir().join(format!("course-nobody-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let job = Job {
            program: Path::new("/bin/sh"),
            args: vec![
                "-c".into(),
                "id -u; touch /proc/../mine 2>/dev/null && echo wrote || echo refused; touch here && echo own".into(),
            ],
            env: vec![("PATH".into(), "/usr/bin:/bin".into())],
            view: View::Test { dir: dir.clone() },
            marker: None,
        };
        let outcome = run(&job, Isolation::ProcessGroup, limits(10_000)).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let lines: Vec<&str> = outcome.output.lines().collect();
        if running_as_root() {
            assert_eq!(lines, ["65534", "refused", "own"], "{}", outcome.output);
        } else {
            use std::os::unix::fs::MetadataExt;
            let me = std::fs::metadata("/proc/self").unwrap().uid().to_string();
            assert_eq!(lines[0], me, "{}", outcome.output);
        }
    }

    /// In the sandbox, a child that leaves the process group with `setsid` dies with the run.
    #[test]
    fn a_setsid_child_does_not_outlive_a_sandboxed_run() {
        if Isolation::detect() != Isolation::Bubblewrap {
            eprintln!(
                "bubblewrap is not installed here: install it (apt-get install bubblewrap) to run this check"
            );
            panic!("bubblewrap is needed for this test; scripts/test installs it");
        }
        // A `sleep` with a length no other process uses, so that `pgrep -f` finds only it.
        let tag = "sleep 31.713";
        let outcome = run(
            &sh(&format!("setsid {tag} & sleep 30")),
            Isolation::Bubblewrap,
            limits(500),
        )
        .unwrap();
        assert!(outcome.timed_out);
        assert!(
            gone_within(tag, Duration::from_secs(5)),
            "the setsid child escaped the sandbox"
        );
    }

    /// Without the sandbox the same child does escape the process-group kill: the reason results
    /// say when a run was not sandboxed (and the reason the test above can fail).
    #[test]
    fn without_the_sandbox_a_setsid_child_escapes() {
        let tag = "sleep 32.417";
        let outcome = run(
            &sh(&format!("setsid {tag} & sleep 30")),
            Isolation::ProcessGroup,
            limits(500),
        )
        .unwrap();
        assert!(outcome.timed_out);
        let escaped = !gone_within(tag, Duration::from_secs(1));
        let _ = Command::new("pkill").args(["-KILL", "-f", tag]).status();
        assert!(
            escaped,
            "a setsid child was expected to outlive a process-group kill"
        );
    }

    /// Whether no process tagged `tag` is left within `limit` (a killed process takes a moment
    /// to disappear from the process table).
    fn gone_within(tag: &str, limit: Duration) -> bool {
        let started = Instant::now();
        while alive(tag) {
            if started.elapsed() > limit {
                return false;
            }
            std::thread::yield_now();
        }
        true
    }

    /// The sandbox has no network and a read-only file system outside the writable folders,
    /// and a build sees neither the course checkout nor the grading user's home.
    #[test]
    fn the_sandbox_is_read_only_and_offline() {
        if Isolation::detect() != Isolation::Bubblewrap {
            panic!("bubblewrap is needed for this test; scripts/test installs it");
        }
        let here = env!("CARGO_MANIFEST_DIR");
        let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
        let outcome = run(
            &sh(&format!(
                "ls {here} {home} 2>&1 | grep -c 'No such file'; touch /usr/course-probe 2>&1; cat /proc/net/dev | wc -l"
            )),
            Isolation::Bubblewrap,
            limits(5000),
        )
        .unwrap();
        assert_eq!(
            outcome.output.lines().next(),
            Some("2"),
            "{}",
            outcome.output
        );
        assert!(
            outcome.output.contains("Read-only file system"),
            "{}",
            outcome.output
        );
        // Only the header lines and the loopback device: no network interface.
        assert_eq!(
            outcome.output.lines().last().map(str::trim),
            Some("3"),
            "{}",
            outcome.output
        );
    }

    /// A test sees its own program and the shared libraries, no `/proc`, no shell, and its
    /// marker only as an open descriptor: the program below is a shell standing in for a test,
    /// so it can look around (it is the only program there).
    #[test]
    fn a_test_sees_its_program_and_its_marker_descriptor_only() {
        if Isolation::detect() != Isolation::Bubblewrap {
            panic!("bubblewrap is needed for this test; scripts/test installs it");
        }
        let scratch = std::env::temp_dir().join(format!("course-sandbox-{}", std::process::id()));
        std::fs::create_dir_all(&scratch).unwrap();
        let marker = scratch.join("marker");
        let job = Job {
            program: Path::new("/bin/sh"),
            args: vec![
                "-c".into(),
                "echo written >&3; for p in /proc/self /dev/fd /bin/sh /usr/bin /etc /root /home; do [ -e $p ] && echo \"seen $p\"; done; case \"$(set)\" in *MARKER*) echo \"vars: marker\";; *) echo \"vars: 0\";; esac".into(),
            ],
            env: vec![],
            view: View::Test {
                dir: scratch.clone(),
            },
            marker: Some(marker.clone()),
        };
        let outcome = run(&job, Isolation::Bubblewrap, limits(5000)).unwrap();
        let written = std::fs::read_to_string(&marker).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&scratch);
        assert_eq!(outcome.output.trim(), "vars: 0", "{}", outcome.output);
        assert_eq!(written, "written\n");
    }
}
