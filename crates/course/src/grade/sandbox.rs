//! Running untrusted programs: a sandbox where the machine has one, a wall-clock timeout, an
//! output cap, and a kill that reaches every process the program started.
//!
//! With bubblewrap (`bwrap`) the program sees the whole file system read-only except the folders
//! it is given, a private `/tmp`, no network, and its own PID namespace: killing the sandbox
//! kills everything inside, including a child that called `setsid` to leave the process group.
//! `prlimit` caps its memory, the size of files it writes and its processes. Without bubblewrap
//! the program runs in its own process group, which is killed as a whole; a `setsid` child can
//! escape that, so results say when a run was not sandboxed.

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
    /// Bubblewrap when it is installed and works here, else the process group.
    pub fn detect() -> Isolation {
        let works = Command::new("bwrap")
            .args([
                "--ro-bind",
                "/",
                "/",
                "--dev",
                "/dev",
                "--proc",
                "/proc",
                "--unshare-all",
                "--die-with-parent",
                "true",
            ])
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

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    /// `None` when it was killed (timeout or output flood).
    pub status: Option<ExitStatus>,
    pub timed_out: bool,
    pub flooded: bool,
    pub output: String,
}

/// A program to run: `program args`, in `dir`, with `env`, allowed to write only `writable`.
pub struct Job<'a> {
    pub program: &'a Path,
    pub args: Vec<String>,
    pub dir: &'a Path,
    pub env: Vec<(String, String)>,
    /// Folders it may read even where they lie under `/tmp`, which the sandbox replaces.
    pub readable: Vec<PathBuf>,
    pub writable: Vec<PathBuf>,
}

/// Runs `job` under `isolation` and `limits`.
pub fn run(job: &Job, isolation: Isolation, limits: Limits) -> Result<Outcome> {
    let mut inner: Vec<String> = vec![
        "prlimit".into(),
        format!("--as={}", limits.memory),
        format!("--fsize={}", limits.file_size),
        format!("--nproc={}", limits.processes),
        "--".into(),
        job.program.display().to_string(),
    ];
    inner.extend(job.args.iter().cloned());
    let mut command = match isolation {
        Isolation::Bubblewrap => {
            let mut c = Command::new("bwrap");
            c.args([
                "--ro-bind",
                "/",
                "/",
                "--dev",
                "/dev",
                "--proc",
                "/proc",
                "--tmpfs",
                "/tmp",
            ]);
            for path in &job.readable {
                let p = path.display().to_string();
                c.args(["--ro-bind", &p, &p]);
            }
            for path in &job.writable {
                let p = path.display().to_string();
                c.args(["--bind", &p, &p]);
            }
            c.args([
                "--unshare-all",
                "--die-with-parent",
                "--new-session",
                "--chdir",
            ]);
            c.arg(job.dir);
            c.arg("--");
            c.args(&inner);
            c
        }
        Isolation::ProcessGroup => {
            let mut c = Command::new(&inner[0]);
            c.args(&inner[1..]).current_dir(job.dir);
            c
        }
    };
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
            dir: Path::new("/"),
            env: vec![("PATH".into(), "/usr/bin:/bin".into())],
            readable: vec![],
            writable: vec![],
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

    /// In the sandbox, a child that leaves the process group with `setsid` dies with the run.
    #[test]
    fn a_setsid_child_does_not_outlive_a_sandboxed_run() {
        if Isolation::detect() != Isolation::Bubblewrap {
            eprintln!(
                "bubblewrap is not installed here: install it (apt-get install bubblewrap) to run this check"
            );
            panic!("bubblewrap is needed for this test; .ci/run installs it");
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

    /// The sandbox has no network and a read-only file system outside the writable folders.
    #[test]
    fn the_sandbox_is_read_only_and_offline() {
        if Isolation::detect() != Isolation::Bubblewrap {
            panic!("bubblewrap is needed for this test; .ci/run installs it");
        }
        let outcome = run(
            &sh("touch /etc/course-probe 2>&1; cat /proc/net/dev | wc -l"),
            Isolation::Bubblewrap,
            limits(5000),
        )
        .unwrap();
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
}
