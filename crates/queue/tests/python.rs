//! The course's Python version tells the same story: a full `asyncio.Queue` holds the producer
//! back, `Semaphore(10)` makes 1000 lookups take 100 units, `asyncio.Lock` waits its turn while a
//! `threading.Lock` held across `await` gets stuck, `Event`, `Future` and `Barrier` as in Rust.
//! The script runs on a virtual clock (`--virtual`: asyncio's loop with a selector that never
//! waits but moves the clock to the next timer, as tokio's paused clock does), so its times are
//! exact and compared exactly.

use std::process::Command;
use std::sync::OnceLock;

fn python() -> &'static str {
    static OUT: OnceLock<String> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/python/queue_twin.py"))
            .arg("--virtual")
            .output()
            .expect("python3 is needed for the Python comparison (apt-get install python3)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    })
}

fn line(prefix: &str) -> &'static str {
    python()
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` line in:\n{}", python()))
}

/// The numbers in a line, in units.
fn numbers(text: &str) -> Vec<f64> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|n| n.parse().ok())
        .collect()
}

#[test]
fn a_full_asyncio_queue_holds_the_producer_back_like_a_bounded_channel() {
    assert_eq!(numbers(line("sent ")), [0.0, 0.0, 0.0, 1.0, 2.0, 3.0]);
    assert_eq!(numbers(line("join ")), [6.0]);
}

#[test]
fn asyncio_semaphore_makes_a_thousand_lookups_take_a_hundred_units() {
    assert_eq!(numbers(line("Semaphore ")), [100.0, 10.0]);
}

#[test]
fn asyncio_lock_waits_its_turn_and_a_thread_lock_gets_stuck() {
    assert_eq!(numbers(line("asyncio.Lock ")), [2.0]);
    assert_eq!(line("threading.Lock "), "stuck");
}

#[test]
fn event_future_and_barrier_say_what_rust_says() {
    assert_eq!(numbers(line("Event ")), [2.0, 2.0, 2.0, 3.0]);
    assert_eq!(line("Future "), "42");
    assert_eq!(numbers(line("Barrier ")), [3.0, 3.0, 3.0]);
}
