//! The lesson's measurement: `cargo run --release -p event_loop -- bench [N]`.
//!
//! N tasks that each sleep one second, on this lesson's loop and on tokio's current-thread
//! runtime: how long until all have woken, and how much memory they took. Each run is a child
//! process of its own (`event_loop bench-one own|tokio N`), so that neither runtime inherits the
//! other's heap; the child reads its resident memory from Linux before spawning (`VmRSS`) and
//! its peak after the last task ended (`VmHWM`). Bytes per task are the difference over N.
//!
//! Without N it runs 10,000, 100,000 and 1,000,000 tasks, writes `bench/results.json` (with
//! the machine it ran on) and renders it into `bench/results.md`, which the book includes; a
//! test renders the JSON again and compares. Its last line:
//! `1000000 sleeps: own loop <s> s <bytes> B/task; tokio <s> s <bytes> B/task`

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use timeline::measure::{self, Machine, aligned, machine, status_kb};

/// The sizes of a full run.
pub const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// The runtimes measured.
pub const RUNTIMES: [&str; 2] = ["own", "tokio"];

/// How long each task sleeps.
pub const NAP: Duration = Duration::from_secs(1);

/// One runtime, N tasks.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Row {
    pub runtime: String,
    pub tasks: usize,
    /// Tasks that woke from their sleep and ended (all of them, or the run is void).
    pub woke: usize,
    /// From the first spawn until every task had ended, seconds.
    pub seconds: f64,
    /// Spawning all N, seconds (part of `seconds`).
    pub spawn_seconds: f64,
    /// Resident memory before the first spawn, and its peak, kB.
    pub before_kb: u64,
    pub peak_kb: u64,
}

impl Row {
    /// The memory the tasks added, over how many there were.
    pub fn bytes_per_task(&self) -> u64 {
        self.peak_kb.saturating_sub(self.before_kb) * 1024 / self.tasks.max(1) as u64
    }

    /// What the run cost beyond the one-second sleep, per task, in microseconds.
    pub fn overhead_us(&self) -> f64 {
        (self.seconds - NAP.as_secs_f64()).max(0.0) * 1e6 / self.tasks.max(1) as f64
    }
}

/// Everything a run measured: `bench/results.json`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Results {
    pub machine: Machine,
    pub rows: Vec<Row>,
}

// ANCHOR: one
/// `bench-one RUNTIME N`, in the child: spawns N sleeping tasks, awaits them all, prints the row
/// as JSON.
pub fn one(runtime: &str, n: usize) -> Result<Row, String> {
    let before_kb = status_kb("VmRSS");
    let started = Instant::now();
    let (woke, spawn_seconds) = match runtime {
        "own" => {
            let rt = crate::Runtime::new(crate::Clock::Real).map_err(|e| e.to_string())?;
            rt.block_on(async move {
                let handles: Vec<_> = (0..n).map(|_| crate::spawn(crate::sleep(NAP))).collect();
                let spawned = started.elapsed().as_secs_f64();
                let mut woke = 0;
                for handle in handles {
                    handle.await;
                    woke += 1;
                }
                (woke, spawned)
            })
        }
        "tokio" => {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .map_err(|e| e.to_string())?;
            rt.block_on(async move {
                let handles: Vec<_> = (0..n)
                    .map(|_| tokio::spawn(tokio::time::sleep(NAP)))
                    .collect();
                let spawned = started.elapsed().as_secs_f64();
                let mut woke = 0;
                for handle in handles {
                    if handle.await.is_ok() {
                        woke += 1;
                    }
                }
                (woke, spawned)
            })
        }
        other => return Err(format!("no runtime called {other:?}: own or tokio")),
    };
    let seconds = started.elapsed().as_secs_f64();
    Ok(Row {
        runtime: runtime.to_string(),
        tasks: n,
        woke,
        seconds: round(seconds, 3),
        spawn_seconds: round(spawn_seconds, 3),
        before_kb,
        peak_kb: status_kb("VmHWM"),
    })
}
// ANCHOR_END: one

fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `bench-one` in a child process.
fn measure(runtime: &str, n: usize) -> Result<Row, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe)
        .args(["bench-one", runtime, &n.to_string()])
        .output()
        .map_err(|e| format!("{runtime}: could not start the child: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{runtime} with {n} tasks failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("{runtime} with {n} tasks printed no row ({e})"))
}

/// Runs both runtimes at each size and, when `write`, writes `bench/`. Returns the report.
pub fn run(sizes: &[usize], write: bool) -> Result<String, String> {
    let mut rows = Vec::new();
    for &n in sizes {
        for runtime in RUNTIMES {
            eprintln!("  {runtime}: {n} tasks...");
            rows.push(measure(runtime, n)?);
        }
    }
    let results = Results {
        machine: machine(),
        rows,
    };
    if write {
        measure::write_results(&crate_dir().join("bench"), &results, &book_file(&results))?;
    }
    Ok(report(&results))
}

/// The row of `runtime` at `n` tasks.
pub fn row<'a>(results: &'a Results, runtime: &str, n: usize) -> Option<&'a Row> {
    results
        .rows
        .iter()
        .find(|r| r.runtime == runtime && r.tasks == n)
}

/// The table, the ratios and the last line, as the benchmark prints them.
pub fn report(results: &Results) -> String {
    let m = &results.machine;
    let mut rows = vec![vec![
        "runtime".to_string(),
        "tasks".into(),
        "woke".into(),
        "s".into(),
        "spawn s".into(),
        "µs/task over 1 s".into(),
        "MB peak".into(),
        "B/task".into(),
    ]];
    for r in &results.rows {
        rows.push(vec![
            if r.runtime == "own" {
                "own loop".to_string()
            } else {
                r.runtime.clone()
            },
            r.tasks.to_string(),
            r.woke.to_string(),
            format!("{:.3}", r.seconds),
            format!("{:.3}", r.spawn_seconds),
            format!("{:.2}", r.overhead_us()),
            format!("{:.1}", r.peak_kb as f64 / 1024.0),
            r.bytes_per_task().to_string(),
        ]);
    }
    let mut ratios = String::new();
    let mut sizes: Vec<usize> = results.rows.iter().map(|r| r.tasks).collect();
    sizes.dedup();
    for n in sizes {
        if let (Some(own), Some(tokio)) = (row(results, "own", n), row(results, "tokio", n)) {
            ratios.push_str(&format!(
                "{n} tasks, own loop / tokio: time {:.2}x, memory {:.2}x\n",
                own.seconds / tokio.seconds,
                own.bytes_per_task() as f64 / tokio.bytes_per_task().max(1) as f64
            ));
        }
    }
    format!(
        "machine: {}, {} cores, {} GiB, {}\n\n{}\n{}\n{}\n",
        m.cpu,
        m.cores,
        m.memory_gib,
        m.os,
        aligned(&rows),
        ratios,
        last_line(results)
    )
}

/// `1000000 sleeps: own loop 1.52 s 260 B/task; tokio 1.48 s 250 B/task`
pub fn last_line(results: &Results) -> String {
    let n = results.rows.iter().map(|r| r.tasks).max().unwrap_or(0);
    let at = |runtime: &str| {
        row(results, runtime, n).map_or_else(
            || "- s - B/task".to_string(),
            |r| format!("{:.2} s {} B/task", r.seconds, r.bytes_per_task()),
        )
    };
    format!("{n} sleeps: own loop {}; tokio {}", at("own"), at("tokio"))
}

/// `bench/results.md`: the report in a text block, kept out of translation.
pub fn book_file(results: &Results) -> String {
    measure::book_block(&report(results))
}

/// The committed results, if there are any.
pub fn committed(dir: &Path) -> Option<Results> {
    measure::committed(dir)
}
