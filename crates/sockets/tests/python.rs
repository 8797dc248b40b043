//! The same protocol from both sides: the Python twin's own demo tells the same story, the Rust
//! client talks to the Python server, and the Python client to the Rust server. Real sockets on
//! loopback, on the real clock with a short unit: content and order are compared exactly, times
//! loosely.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/python/sockets_twin.py");
const UNIT: &str = "0.05";

#[test]
fn the_python_demo_takes_six_units_in_turn_and_three_together() {
    let out = Command::new("python3")
        .arg(SCRIPT)
        .env("COURSE_SOCKETS_UNIT", UNIT)
        .output()
        .expect("python3 is needed for the Python comparison (apt-get install python3)");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let number = |prefix: &str| -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no `{prefix}` in:\n{text}"))
    };
    assert!((number("one after another ") - 6.0).abs() < 1.0, "{text}");
    assert!((number("together ") - 3.0).abs() < 1.0, "{text}");
    assert!(text.contains("FOUND 1-1 @ 1."), "{text}");
    // A blocking socket holds asyncio's loop as `std::net` holds tokio's thread.
    assert!(text.contains("ticks during blocking lookups 0\n"), "{text}");
    // On the real clock with a short unit the count varies (3 or 4 here); what holds is that
    // the loop was free to run the ticker.
    assert!(number("ticks during stream lookups ") >= 1.0, "{text}");
}

/// The Rust client against the Python server: the same lines, in order.
#[test]
fn the_rust_client_talks_to_the_python_server() {
    let mut server = Command::new("python3")
        .args([SCRIPT, "serve"])
        .env("COURSE_SOCKETS_UNIT", UNIT)
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    let mut first = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let port: u16 = first.trim().parse().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let found = runtime.block_on(sockets::find_users(port, 2));
    let _ = server.kill();
    let _ = server.wait();
    let lines: Vec<String> = found.unwrap().into_iter().map(|(line, _)| line).collect();
    assert_eq!(lines, ["FOUND 2-1", "FOUND 2-2"]);
}

/// The Python client against the Rust server: the same lines, in order.
#[test]
fn the_python_client_talks_to_the_rust_server() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let port = runtime
        .block_on(sockets::serve_with(Duration::from_millis(50)))
        .unwrap();
    // The server's tasks run while this thread drives the runtime.
    let client = std::thread::spawn(move || {
        Command::new("python3")
            .args([SCRIPT, "client", &port.to_string(), "2"])
            .env("COURSE_SOCKETS_UNIT", UNIT)
            .output()
            .expect("python3")
    });
    let out = runtime.block_on(async {
        while !client.is_finished() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        client.join().unwrap()
    });
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.split(" @ ").next().unwrap())
        .collect();
    assert_eq!(lines, ["FOUND 2-1", "FOUND 2-2"], "{text}");
}
