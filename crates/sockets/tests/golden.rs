//! The demo's whole output on the paused clock is the committed golden file, in both languages,
//! and the book's picture of three clients on one thread is the committed SVG.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p sockets`.

use timeline::Timeline;
use timeline::clock::{self, Clock};
use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_sockets");

#[test]
fn korean_output_matches_the_golden_file() {
    check("golden/ko.txt", &run_bin(EXE, &["--paused"]));
}

#[test]
fn english_output_matches_the_golden_file() {
    check(
        "golden/en.txt",
        &run_bin(EXE, &["--paused", "--lang", "en"]),
    );
}

/// `find_users(3)`, `(2)`, `(1)` joined, each on a connection of its own: 3 s.
#[test]
fn the_three_clients_picture_matches_the_committed_svg() {
    let svg = clock::run(Clock::Paused, async {
        let port = sockets::serve().await.expect("bind");
        let tl = Timeline::quiet();
        let clients = [3, 2, 1].map(|n| {
            tl.task(format!("find_users({n})"), async move {
                sockets::find_users(port, n).await.expect("lookups");
            })
        });
        futures::future::join_all(clients).await;
        tl.svg("three clients, three connections, one thread: 3 s")
    });
    check("golden/together.svg", &svg);
}

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    timeline::golden::assert_refuses_bad_arguments(EXE, "sockets");
}
