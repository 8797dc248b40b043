//! The lesson's measurement: `cargo run --release -p sockets -- bench [N]`.
//!
//! One server process holds N loopback connections, each of which has had one lookup answered,
//! and we ask Linux how much memory that took: the server's resident memory (`VmRSS`) once it
//! listens, and again while all N connections are open. Bytes per connection are the difference
//! over N. The server runs in a child process (`sockets bench-serve` for tokio,
//! `python3 python/sockets_twin.py bench-serve` for asyncio) and the clients in this one: each
//! connection is two descriptors on loopback, one at each end, and a process may hold 20,000 at
//! most here (`ulimit -Hn`), so one process could not hold both ends of 10,000.
//!
//! The run writes `bench/results.json` (with the machine it ran on) and renders it into
//! `bench/results.md`, which the book includes; a test renders the JSON again and compares.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use timeline::measure::{self, Machine, aligned, machine, status_kb_of};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader as AsyncBufReader};
use tokio::net::TcpStream;

/// How many connections when none is given.
pub const DEFAULT_N: usize = 10_000;

/// How many clients connect and look up at the same moment (the listen backlog is 1024).
const AT_ONCE: usize = 200;

/// The servers measured: the lesson's (each connection read through tokio's default 8 KiB
/// `BufReader`), the same with a 256-byte buffer, and asyncio's streams.
pub const SERVERS: [&str; 3] = ["tokio", "tokio-256", "asyncio"];

/// The small buffer of `tokio-256`.
const SMALL_BUFFER: usize = 256;

/// One server's run.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Row {
    pub server: String,
    /// Connections asked for.
    pub n: usize,
    /// Connections that were open and answered at once.
    pub held: usize,
    /// From the first connect to the last answer, seconds.
    pub seconds: f64,
    /// The server's resident memory once listening, and with every connection open, kB.
    pub before_kb: u64,
    pub held_kb: u64,
    /// Why it stopped early, if it did.
    pub error: Option<String>,
}

impl Row {
    /// The memory the connections added, over how many there were.
    pub fn bytes_per_connection(&self) -> u64 {
        if self.held == 0 {
            return 0;
        }
        self.held_kb.saturating_sub(self.before_kb) * 1024 / self.held as u64
    }
}

/// Everything a run measured: `bench/results.json`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Results {
    pub machine: Machine,
    pub rows: Vec<Row>,
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `bench-serve [CAPACITY]`: the tokio server of the benchmark, answering at once, each
/// connection read through a buffer of CAPACITY bytes; prints its port.
pub fn serve_forever(capacity: usize) -> ! {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let port = crate::serve_buffered(Duration::ZERO, capacity)
            .await
            .expect("bind");
        println!("{port}");
        std::future::pending::<()>().await
    });
    unreachable!("the server runs until it is killed")
}

/// Starts a server child and reads the port it prints.
fn start(server: &str) -> Result<(Child, u16), String> {
    let mut command = if server.starts_with("tokio") {
        let mut c = Command::new(std::env::current_exe().map_err(|e| e.to_string())?);
        let capacity = if server == "tokio" {
            crate::DEFAULT_BUFFER
        } else {
            SMALL_BUFFER
        };
        c.arg("bench-serve").arg(capacity.to_string());
        c
    } else {
        let mut c = Command::new("python3");
        c.arg(crate_dir().join("python/sockets_twin.py"))
            .arg("bench-serve");
        c
    };
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{server}: could not start the server: {e}"))?;
    let mut line = String::new();
    let stdout = child.stdout.take().expect("piped");
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    match line.trim().parse() {
        Ok(port) => Ok((child, port)),
        Err(_) => {
            let _ = child.kill();
            Err(format!("{server}: the server printed no port: {line:?}"))
        }
    }
}

/// Opens `n` connections, `AT_ONCE` at a time, each with one lookup answered, and keeps them
/// open. Returns them and the first error, if any.
async fn connect_all(port: u16, n: usize) -> (Vec<TcpStream>, Option<String>) {
    let permits = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut set = tokio::task::JoinSet::new();
    for i in 0..n {
        let permits = Arc::clone(&permits);
        set.spawn(async move {
            let _permit = permits.acquire().await.expect("never closed");
            let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
            stream
                .write_all(format!("LOOKUP bench-{i}\n").as_bytes())
                .await?;
            let mut answer = String::new();
            AsyncBufReader::new(&mut stream)
                .read_line(&mut answer)
                .await?;
            if answer.trim() != format!("FOUND bench-{i}") {
                return Err(std::io::Error::other(format!("answer {answer:?}")));
            }
            Ok::<_, std::io::Error>(stream)
        });
    }
    let mut streams = Vec::with_capacity(n);
    let mut error = None;
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok(Ok(stream)) => streams.push(stream),
            Ok(Err(e)) => error = error.or(Some(e.to_string())),
            Err(e) => error = error.or(Some(e.to_string())),
        }
    }
    (streams, error)
}

/// One server, `n` connections.
fn measure(server: &str, n: usize) -> Result<Row, String> {
    let (mut child, port) = start(server)?;
    let pid = child.id().to_string();
    let before_kb = status_kb_of(&pid, "VmRSS");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    let (streams, error) = runtime.block_on(connect_all(port, n));
    let seconds = started.elapsed().as_secs_f64();
    let held_kb = status_kb_of(&pid, "VmRSS");
    let row = Row {
        server: server.to_string(),
        n,
        held: streams.len(),
        seconds: (seconds * 100.0).round() / 100.0,
        before_kb,
        held_kb,
        error,
    };
    drop(streams);
    let _ = child.kill();
    let _ = child.wait();
    Ok(row)
}

/// Runs both servers at each size and, when `write`, writes `bench/`. Returns the report.
pub fn run(sizes: &[usize], write: bool) -> Result<String, String> {
    let mut rows = Vec::new();
    for &n in sizes {
        for server in SERVERS {
            eprintln!("  {server}: {n} connections...");
            rows.push(measure(server, n)?);
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

/// The table and the last line, as the benchmark prints them.
pub fn report(results: &Results) -> String {
    let m = &results.machine;
    let mut rows = vec![vec![
        "server".to_string(),
        "connections".into(),
        "s".into(),
        "MB before".into(),
        "MB held".into(),
        "B/connection".into(),
    ]];
    let mut notes = String::new();
    for r in &results.rows {
        rows.push(vec![
            r.server.clone(),
            r.held.to_string(),
            format!("{:.2}", r.seconds),
            format!("{:.1}", r.before_kb as f64 / 1024.0),
            format!("{:.1}", r.held_kb as f64 / 1024.0),
            r.bytes_per_connection().to_string(),
        ]);
        if let Some(e) = &r.error {
            notes.push_str(&format!(
                "{} at {}: {} of {} connections; first error: {e}\n",
                r.server, r.n, r.held, r.n
            ));
        }
    }
    format!(
        "machine: {}, {} cores, {} GiB, {}, {}\n\n{}{}{}\n{}\n",
        m.cpu,
        m.cores,
        m.memory_gib,
        m.os,
        m.python,
        aligned(&rows),
        if notes.is_empty() { "" } else { "\n" },
        notes,
        last_line(results)
    )
}

/// `10000 connections: tokio 9289 B/connection (256-byte buffer: 1234); asyncio 5754 B/connection`
pub fn last_line(results: &Results) -> String {
    let n = results.rows.iter().map(|r| r.n).max().unwrap_or(0);
    let at = |server: &str| {
        results
            .rows
            .iter()
            .find(|r| r.server == server && r.n == n)
            .map_or_else(|| "-".to_string(), |r| r.bytes_per_connection().to_string())
    };
    format!(
        "{n} connections: tokio {} B/connection ({SMALL_BUFFER}-byte buffer: {}); asyncio {} B/connection",
        at("tokio"),
        at("tokio-256"),
        at("asyncio")
    )
}

/// `bench/results.md`: the report in a text block, kept out of translation.
pub fn book_file(results: &Results) -> String {
    measure::book_block(&report(results))
}

/// The committed results, if there are any.
pub fn committed(dir: &Path) -> Option<Results> {
    measure::committed(dir)
}
