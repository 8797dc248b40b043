//! The lesson's measurements: `cargo run --release -p threads -- bench [N]`.
//!
//! Every variant runs as a child process of its own (`threads bench-one ...` for Rust,
//! `python3 python/threads.py bench-one ...` for Python), so the peak memory measured is that
//! variant's alone. A child measures itself: the wall time from before it starts its waiting
//! things to when the last is done, and its resident memory before and at the peak (Linux's
//! `VmRSS` and `VmHWM`; Python's `ru_maxrss` is the same `VmHWM`). Bytes per waiting thing are
//! (peak - before) / N.
//!
//! Two tables: **CPU work** (two CPU-bound jobs; how many cores were busy, that is CPU time over
//! wall time) and **waiting at scale** (N things that each wait one second, N = 10k, 100k, 1M
//! by default). The run writes `bench/results.json` in the crate (with the machine it ran on)
//! and renders it into `bench/results.md` (the tables as text) and `bench/results.svg`, which
//! the book includes.
//! Those two are never typed by hand: a test renders the JSON again and compares.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde::{Deserialize, Serialize};
pub use timeline::measure::{Machine, aligned, machine, status_kb};

use crate::SECOND;

/// The waiting-at-scale sizes when none is given.
pub const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// The largest N a thread-per-wait variant (and the budget trap) is tried at. Starting a thread
/// takes tens of microseconds to a few hundred (Python), so past this the threads are not even
/// alive at the same time: a million Python threads took 419 s here, a few thousand alive at
/// any moment. The trap's polls grow with N²: 150 s and more at a million.
pub const MAX_THREADS: usize = 100_000;

/// A way to wait for N one-second sleeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// One `FuturesUnordered` of tokio sleeps in one task, `unconstrained`: the lesson's choice
    /// for a million waits.
    TokioFutures,
    /// One tokio task per sleep, in a `JoinSet`.
    TokioTasks,
    /// The trap: the same `FuturesUnordered`, polled inside a spawned task without
    /// `unconstrained`, where the co-operative budget makes the polls grow with N².
    TokioFuturesInATask,
    /// One OS thread per sleep (`std::thread::sleep`).
    RustThreads,
    /// One asyncio task per sleep (`asyncio.gather`).
    PythonAsyncio,
    /// One Python thread per sleep (`time.sleep`).
    PythonThreads,
}

impl Variant {
    pub const ALL: [Variant; 6] = [
        Variant::TokioFutures,
        Variant::TokioTasks,
        Variant::TokioFuturesInATask,
        Variant::RustThreads,
        Variant::PythonAsyncio,
        Variant::PythonThreads,
    ];

    /// The name in tables and on the command line of `bench-one`.
    pub fn code(self) -> &'static str {
        match self {
            Variant::TokioFutures => "tokio-futures",
            Variant::TokioTasks => "tokio-tasks",
            Variant::TokioFuturesInATask => "tokio-futures-in-a-task",
            Variant::RustThreads => "rust-threads",
            Variant::PythonAsyncio => "asyncio",
            Variant::PythonThreads => "python-threads",
        }
    }

    pub fn from_code(code: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.code() == code)
    }

    fn python(self) -> bool {
        matches!(self, Variant::PythonAsyncio | Variant::PythonThreads)
    }

    fn threads(self) -> bool {
        matches!(self, Variant::RustThreads | Variant::PythonThreads)
    }

    /// Whether the variant grows too slowly to try past [`MAX_THREADS`] (threads take long to
    /// start; the trap's polls grow with N²: over two minutes at a million).
    fn capped(self) -> bool {
        self.threads() || self == Variant::TokioFuturesInATask
    }
}

/// Two CPU-bound jobs run by ...
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CpuVariant {
    PythonThreads,
    PythonProcesses,
    RustThreads,
    TokioCurrentThread,
    TokioMultiThread,
}

impl CpuVariant {
    pub const ALL: [CpuVariant; 5] = [
        CpuVariant::PythonThreads,
        CpuVariant::PythonProcesses,
        CpuVariant::RustThreads,
        CpuVariant::TokioCurrentThread,
        CpuVariant::TokioMultiThread,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CpuVariant::PythonThreads => "cpu-python-threads",
            CpuVariant::PythonProcesses => "cpu-python-processes",
            CpuVariant::RustThreads => "cpu-rust-threads",
            CpuVariant::TokioCurrentThread => "cpu-tokio-current-thread",
            CpuVariant::TokioMultiThread => "cpu-tokio-multi-thread",
        }
    }

    pub fn from_code(code: &str) -> Option<CpuVariant> {
        CpuVariant::ALL.into_iter().find(|v| v.code() == code)
    }

    fn python(self) -> bool {
        matches!(
            self,
            CpuVariant::PythonThreads | CpuVariant::PythonProcesses
        )
    }
}

/// What one child measured about itself (one JSON line on its standard output).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Measured {
    /// Seconds from the start of the work to its end.
    pub wall: f64,
    /// CPU seconds (user + system) the process used for the work.
    #[serde(default)]
    pub cpu: f64,
    /// Resident memory before the work and at its peak, kB.
    pub before_kb: u64,
    pub peak_kb: u64,
    /// How many waiting things were made (fewer than asked when the system refused more).
    #[serde(default)]
    pub done: usize,
    /// Why it stopped early, if it did.
    #[serde(default)]
    pub error: Option<String>,
}

/// One row of the waiting-at-scale table.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Row {
    pub variant: String,
    pub n: usize,
    /// `None` when it was not tried (a smaller N already failed).
    pub measured: Option<Measured>,
}

/// One row of the CPU table.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CpuRow {
    pub variant: String,
    pub measured: Measured,
}

/// Everything a run measured: `bench/results.json`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Results {
    pub machine: Machine,
    pub cpu: Vec<CpuRow>,
    pub waits: Vec<Row>,
}

/// The crate's folder: where the Python twin and `bench/` are.
fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// CPU seconds (user + system) this process has used so far, from `/proc/self/stat`.
pub fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The fields after the command name (which may hold spaces) start after the last ')'.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 here.
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

/// `bench-one <variant> <n>`: the child's side for a Rust variant. Prints one JSON line.
pub fn run_one(code: &str, n: usize) -> Result<Measured, String> {
    if let Some(variant) = CpuVariant::from_code(code) {
        return Ok(run_cpu(variant));
    }
    let variant = Variant::from_code(code).ok_or_else(|| format!("unknown variant `{code}`"))?;
    let before_kb = status_kb("VmRSS");
    let cpu_before = cpu_seconds();
    let start = Instant::now();
    let (done, error) = match variant {
        Variant::TokioFuturesInATask => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async {
                let waits = crate::in_a_task(n);
                tokio::spawn(waits).await.map_err(|e| e.to_string())
            })?;
            (n, None)
        }
        Variant::TokioFutures | Variant::TokioTasks => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .map_err(|e| e.to_string())?;
            let waiter = if variant == Variant::TokioFutures {
                crate::Waiter::Futures
            } else {
                crate::Waiter::Tasks
            };
            runtime.block_on(crate::wait_many(n, waiter));
            (n, None)
        }
        Variant::RustThreads => {
            let mut threads = Vec::with_capacity(n);
            let mut error = None;
            for _ in 0..n {
                match std::thread::Builder::new().spawn(|| std::thread::sleep(SECOND)) {
                    Ok(thread) => threads.push(thread),
                    Err(e) => {
                        error = Some(e.to_string());
                        break;
                    }
                }
            }
            let done = threads.len();
            for thread in threads {
                let _ = thread.join();
            }
            (done, error)
        }
        Variant::PythonAsyncio | Variant::PythonThreads => {
            return Err(format!("{code} is a Python variant"));
        }
    };
    Ok(Measured {
        wall: start.elapsed().as_secs_f64(),
        cpu: cpu_seconds() - cpu_before,
        before_kb,
        peak_kb: status_kb("VmHWM"),
        done,
        error,
    })
}

/// How much work one CPU job of Rust does: about half a second on this course's machine.
const RUST_WORK: u64 = 400_000_000;

/// One CPU-bound job: a loop the optimiser cannot skip.
pub fn cpu_job(work: u64) -> u64 {
    let mut x: u64 = 1;
    for i in 0..work {
        x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(i));
    }
    x
}

fn run_cpu(variant: CpuVariant) -> Measured {
    let before_kb = status_kb("VmRSS");
    let cpu_before = cpu_seconds();
    let start = Instant::now();
    match variant {
        CpuVariant::RustThreads => {
            let jobs: Vec<_> = (0..2)
                .map(|_| std::thread::spawn(|| cpu_job(RUST_WORK)))
                .collect();
            for job in jobs {
                let _ = job.join();
            }
        }
        CpuVariant::TokioCurrentThread | CpuVariant::TokioMultiThread => {
            let runtime = if variant == CpuVariant::TokioMultiThread {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .build()
            } else {
                tokio::runtime::Builder::new_current_thread().build()
            }
            .expect("a tokio runtime");
            runtime.block_on(async {
                let jobs: Vec<_> = (0..2)
                    .map(|_| tokio::spawn(async { cpu_job(RUST_WORK) }))
                    .collect();
                for job in jobs {
                    let _ = job.await;
                }
            });
        }
        CpuVariant::PythonThreads | CpuVariant::PythonProcesses => unreachable!("Python's"),
    }
    Measured {
        wall: start.elapsed().as_secs_f64(),
        cpu: cpu_seconds() - cpu_before,
        before_kb,
        peak_kb: status_kb("VmHWM"),
        done: 2,
        error: None,
    }
}

/// Runs one child and reads its line.
fn child(code: &str, n: usize, python: bool) -> Result<Measured, String> {
    let mut command = if python {
        let mut c = Command::new("python3");
        c.arg(crate_dir().join("python/threads.py"));
        c
    } else {
        Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
    };
    let out = command
        .args(["bench-one", code, &n.to_string()])
        .output()
        .map_err(|e| format!("cannot start {code}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stdout.lines().last().unwrap_or_default();
    match serde_json::from_str(line) {
        Ok(measured) => Ok(measured),
        // A thread variant may be killed by the system it asks too much of (Rust's runtime
        // aborts when a new thread cannot get its guard pages): that is a result, not a failure
        // of the benchmark.
        Err(_) if Variant::from_code(code).is_some_and(Variant::threads) => Ok(Measured {
            wall: 0.0,
            cpu: 0.0,
            before_kb: 0,
            peak_kb: 0,
            done: 0,
            error: Some(format!(
                "the process died ({}): {}",
                out.status,
                stderr
                    .lines()
                    .find(|l| l.contains("failed to") || l.contains("can't start"))
                    .or_else(|| stderr.lines().rfind(|l| !l.trim().is_empty()))
                    .unwrap_or("no message")
                    .trim()
            )),
        }),
        Err(_) => Err(format!(
            "{code} {n}: exited with {} and said:\n{stdout}{stderr}",
            out.status
        )),
    }
}

/// The whole benchmark: measures, writes `bench/results.*` (when `write`), and returns the
/// results and the printed report.
pub fn run(sizes: &[usize], write: bool) -> Result<(Results, String), String> {
    let mut cpu = Vec::new();
    for variant in CpuVariant::ALL {
        eprintln!("… {}", variant.code());
        cpu.push(CpuRow {
            variant: variant.code().to_string(),
            measured: child(variant.code(), 2, variant.python())?,
        });
    }
    let mut waits = Vec::new();
    for &n in sizes {
        for variant in Variant::ALL {
            // A thread variant that could not make all its threads at a smaller N is not tried
            // again at a larger one.
            let failed_before = variant.threads()
                && waits.iter().any(|r: &Row| {
                    r.variant == variant.code()
                        && r.measured.as_ref().is_none_or(|m| m.error.is_some())
                });
            let measured = if variant.capped() && (failed_before || n > MAX_THREADS) {
                None
            } else {
                eprintln!("… {} {n}", variant.code());
                Some(child(variant.code(), n, variant.python())?)
            };
            waits.push(Row {
                variant: variant.code().to_string(),
                n,
                measured,
            });
        }
    }
    let results = Results {
        machine: machine(),
        cpu,
        waits,
    };
    if write {
        let dir = crate_dir().join("bench");
        timeline::measure::write_results(&dir, &results, &book_file(&results))?;
        std::fs::write(dir.join("results.svg"), chart(&results)).map_err(|e| e.to_string())?;
    }
    let report = format!("{}\n{}", table(&results), last_line(&results));
    Ok((results, report))
}

/// Bytes per waiting thing: the memory the work added, over how many it made.
pub fn bytes_per_task(m: &Measured) -> u64 {
    if m.done == 0 {
        return 0;
    }
    m.peak_kb.saturating_sub(m.before_kb) * 1024 / m.done as u64
}

fn find(results: &Results, variant: Variant, n: usize) -> Option<&Measured> {
    results
        .waits
        .iter()
        .find(|r| r.variant == variant.code() && r.n == n)
        .and_then(|r| r.measured.as_ref())
}

/// The tables as text, as the benchmark prints them.
pub fn table(results: &Results) -> String {
    let m = &results.machine;
    let mut out = format!(
        "machine: {}, {} cores, {} GiB, {}, {}\n         vm.max_map_count {}, kernel.threads-max {}\n\n",
        m.cpu, m.cores, m.memory_gib, m.os, m.python, m.max_map_count, m.threads_max
    );
    let mut cpu = vec![vec![
        "CPU work: two jobs".to_string(),
        "wall s".into(),
        "CPU s".into(),
        "cores busy".into(),
    ]];
    for row in &results.cpu {
        let x = &row.measured;
        cpu.push(vec![
            row.variant.clone(),
            format!("{:.2}", x.wall),
            format!("{:.2}", x.cpu),
            format!("{:.1}", if x.wall > 0.0 { x.cpu / x.wall } else { 0.0 }),
        ]);
    }
    out.push_str(&aligned(&cpu));
    let mut waits = vec![vec![
        "N sleeps of 1 s".to_string(),
        "N".into(),
        "wall s".into(),
        "peak MB".into(),
        "B/task".into(),
        "time vs asyncio".into(),
        "memory vs asyncio".into(),
    ]];
    let mut notes = Vec::new();
    for row in &results.waits {
        let mut cells = vec![row.variant.clone(), row.n.to_string()];
        match &row.measured {
            None => cells.push("not tried".into()),
            Some(x) if x.error.is_some() => {
                cells.push("stopped".into());
                notes.push(format!(
                    "{} at {}: {}{}",
                    row.variant,
                    row.n,
                    if x.done > 0 {
                        format!("stopped after {} threads: ", x.done)
                    } else {
                        String::new()
                    },
                    x.error.as_deref().unwrap_or_default()
                ));
            }
            Some(x) => {
                cells.push(format!("{:.2}", x.wall));
                cells.push(format!("{:.0}", x.peak_kb as f64 / 1024.0));
                cells.push(bytes_per_task(x).to_string());
                let asyncio = find(results, Variant::PythonAsyncio, row.n);
                if let Some(a) = asyncio.filter(|_| row.variant != Variant::PythonAsyncio.code()) {
                    cells.push(format!("{:.1}x", a.wall / x.wall));
                    cells.push(format!(
                        "{:.1}x",
                        bytes_per_task(a) as f64 / bytes_per_task(x).max(1) as f64
                    ));
                }
            }
        }
        waits.push(cells);
    }
    out.push('\n');
    out.push_str(&aligned(&waits));
    for note in notes {
        let _ = writeln!(out, "\n{note}");
    }
    out
}

/// What the book includes (`bench/results.md`): the tables as a text block that is not
/// translated, and the last line.
pub fn book_file(results: &Results) -> String {
    format!(
        "<!-- i18n:skip -->\n```text\n{}\n{}\n```\n",
        table(results),
        last_line(results)
    )
}

/// The benchmark's last line, for the largest N with both tokio and asyncio measured.
pub fn last_line(results: &Results) -> String {
    let n = results
        .waits
        .iter()
        .filter(|r| {
            find(results, Variant::TokioFutures, r.n).is_some()
                && find(results, Variant::PythonAsyncio, r.n).is_some()
        })
        .map(|r| r.n)
        .max();
    let Some(n) = n else {
        return "no size has both tokio and asyncio measured".to_string();
    };
    let (Some(t), Some(a)) = (
        find(results, Variant::TokioFutures, n),
        find(results, Variant::PythonAsyncio, n),
    ) else {
        unreachable!("filtered above")
    };
    let (tb, ab) = (bytes_per_task(t), bytes_per_task(a));
    format!(
        "{n} sleeps: tokio {:.2} s {tb} B/task; asyncio {:.2} s {ab} B/task; {:.1}x faster, {:.1}x less memory",
        t.wall,
        a.wall,
        a.wall / t.wall,
        ab as f64 / tb.max(1) as f64
    )
}

/// The chart: wall time and bytes per task against N, one line per variant, both axes
/// logarithmic. Drawn from the results alone.
pub fn chart(results: &Results) -> String {
    const W: f64 = 760.0;
    const H: f64 = 300.0;
    const PANEL: f64 = 320.0;
    let colors = [
        "#3b6fb6", "#6fa8dc", "#8e7cc3", "#888888", "#d9822b", "#c0504d",
    ];
    let sizes: Vec<usize> = {
        let mut s: Vec<usize> = results.waits.iter().map(|r| r.n).collect();
        s.sort();
        s.dedup();
        s
    };
    let (nmin, nmax) = (
        *sizes.first().unwrap_or(&1) as f64,
        *sizes.last().unwrap_or(&10) as f64,
    );
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    );
    type Metric = fn(&Measured) -> f64;
    let panels: [(&str, Metric, f64); 2] = [
        ("wall seconds", |m| m.wall, 40.0),
        ("bytes per task", |m| bytes_per_task(m) as f64, 420.0),
    ];
    for (title, value, x0) in panels {
        let values: Vec<f64> = results
            .waits
            .iter()
            .filter_map(|r| r.measured.as_ref())
            .filter(|m| m.error.is_none())
            .map(value)
            .filter(|v| *v > 0.0)
            .collect();
        let vmin = values
            .iter()
            .cloned()
            .fold(f64::INFINITY, f64::min)
            .max(1e-3);
        let vmax = values.iter().cloned().fold(0.0, f64::max).max(vmin * 10.0);
        let (lo, hi) = (vmin.log10().floor(), vmax.log10().ceil());
        let (y0, y1) = (40.0, 250.0);
        let px = |n: f64| {
            if nmax > nmin {
                x0 + (n.log10() - nmin.log10()) / (nmax.log10() - nmin.log10()) * (PANEL - 40.0)
            } else {
                x0
            }
        };
        let py = |v: f64| y1 - (v.log10() - lo) / (hi - lo).max(1.0) * (y1 - y0);
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"24\" text-anchor=\"middle\" font-weight=\"bold\">{title} (log)</text>",
            x0 + (PANEL - 40.0) / 2.0
        );
        let _ = writeln!(
            out,
            "<line x1=\"{x0}\" y1=\"{y1}\" x2=\"{:.1}\" y2=\"{y1}\" stroke=\"#999\"/><line x1=\"{x0}\" y1=\"{y0}\" x2=\"{x0}\" y2=\"{y1}\" stroke=\"#999\"/>",
            x0 + PANEL - 40.0
        );
        for &n in &sizes {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{}</text>",
                px(n as f64),
                y1 + 16.0,
                short(n as f64)
            );
        }
        let mut decade = lo;
        while decade <= hi {
            let v = 10f64.powf(decade);
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#444\">{}</text>",
                x0 - 4.0,
                py(v) + 4.0,
                short(v)
            );
            decade += 1.0;
        }
        for (k, variant) in Variant::ALL.iter().enumerate() {
            let points: Vec<(f64, f64)> = results
                .waits
                .iter()
                .filter(|r| r.variant == variant.code())
                .filter_map(|r| {
                    let m = r.measured.as_ref()?;
                    (m.error.is_none() && value(m) > 0.0).then(|| (px(r.n as f64), py(value(m))))
                })
                .collect();
            if points.is_empty() {
                continue;
            }
            let path: Vec<String> = points
                .iter()
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect();
            let _ = writeln!(
                out,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
                path.join(" "),
                colors[k]
            );
            for (x, y) in &points {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{}\"/>",
                    colors[k]
                );
            }
        }
    }
    let mut x = 20.0;
    for (k, variant) in Variant::ALL.iter().enumerate() {
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"280\" width=\"12\" height=\"4\" fill=\"{}\"/><text x=\"{}\" y=\"286\">{}</text>",
            colors[k],
            x + 16.0,
            variant.code()
        );
        // About 6.5 px a character at 12 px, then a gap.
        x += 16.0 + variant.code().len() as f64 * 6.5 + 14.0;
    }
    out.push_str("</svg>\n");
    out
}

/// 10000 -> "10k", 0.5 -> "0.5".
fn short(v: f64) -> String {
    if v >= 1e6 {
        format!("{}M", v / 1e6)
    } else if v >= 1e3 {
        format!("{}k", v / 1e3)
    } else {
        format!("{v}")
    }
}

/// The committed results, if any (for the test that renders them again).
pub fn committed(dir: &Path) -> Option<Results> {
    timeline::measure::committed(dir)
}
