//! What the course's benchmarks share: the machine they ran on, a process's memory as Linux
//! counts it, tables as aligned text, and the results files the book draws from.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Writes a run's results into `dir` (`bench/` of the lesson): `results.json`, and the book's
/// `results.md` made of `book` text.
pub fn write_results<T: Serialize>(dir: &Path, results: &T, book: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(results).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("results.json"), json + "\n").map_err(|e| e.to_string())?;
    std::fs::write(dir.join("results.md"), book).map_err(|e| e.to_string())
}

/// The results committed in `dir`, if there are any.
pub fn committed<T: DeserializeOwned>(dir: &Path) -> Option<T> {
    let json = std::fs::read_to_string(dir.join("results.json")).ok()?;
    serde_json::from_str(&json).ok()
}

/// `text` as the book shows it: a text block kept out of translation.
pub fn book_block(text: &str) -> String {
    format!("<!-- i18n:skip -->\n```text\n{text}```\n")
}

/// The machine a run measured.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory_gib: f64,
    pub os: String,
    pub python: String,
    /// The kernel's limits that stop one-thread-per-wait first: memory maps per process and
    /// threads in all (`/proc/sys/vm/max_map_count`, `/proc/sys/kernel/threads-max`).
    pub max_map_count: u64,
    pub threads_max: u64,
}

/// Kilobytes of `field` (`VmRSS`, `VmHWM`) in `/proc/self/status`; 0 where there is none.
pub fn status_kb(field: &str) -> u64 {
    status_kb_of("self", field)
}

/// Kilobytes of `field` in `/proc/<pid>/status` (`pid` may be `self`); 0 where there is none.
pub fn status_kb_of(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                let rest = line.strip_prefix(field)?.strip_prefix(':')?;
                rest.trim().trim_end_matches("kB").trim().parse().ok()
            })
        })
        .unwrap_or(0)
}

/// The machine this runs on, as far as Linux says.
pub fn machine() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).trim().to_string())
        .unwrap_or_else(|| "unknown".into());
    let memory_gib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| (kb / 1024.0 / 1024.0 * 10.0).round() / 10.0);
    let os = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|r| format!("Linux {}", r.trim()))
        .unwrap_or_else(|_| std::env::consts::OS.to_string());
    let python = Command::new("python3")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let limit = |path: &str| {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    Machine {
        cpu,
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        memory_gib,
        os,
        python,
        max_map_count: limit("/proc/sys/vm/max_map_count"),
        threads_max: limit("/proc/sys/kernel/threads-max"),
    }
}

/// Rows of cells as aligned text: the first column to the left, the others to the right.
pub fn aligned(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if c == 0 {
                    format!("{cell:<w$}", w = widths[c])
                } else {
                    format!("{cell:>w$}", w = widths[c])
                }
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out
}
