//! The demo's whole output on the paused clock is the committed golden file, in both languages,
//! and the book's timeline pictures are the committed SVGs.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p future`.

use future::executor::block_on;
use future::{FindUsers, find_users, watch_states};
use timeline::Timeline;
use timeline::cli::Lang;
use timeline::clock::{Clock, runtime};
use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_future");

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

/// The staircase: one row per state of `FindUsers(3)`, marked at the polls that entered and
/// left it, as our `block_on` drove it.
#[test]
fn the_states_picture_matches_the_committed_svg() {
    let timers = runtime(Clock::Paused);
    let _context = timers.enter();
    let (tl, states) = (Timeline::quiet(), Timeline::quiet());
    block_on(
        &timers,
        watch_states(FindUsers::new(&tl, Lang::En, 3), &states),
    );
    check(
        "golden/states.svg",
        &states.svg("FindUsers(3): each poll moves it to the next state"),
    );
}

/// The async fn and the hand-written future joined on one thread: two identical rows.
#[tokio::test(start_paused = true)]
async fn the_side_by_side_picture_matches_the_committed_svg() {
    let tl = Timeline::quiet();
    tokio::join!(
        tl.task("find_users(3)", find_users(&tl, Lang::En, 3)),
        tl.task("FindUsers(3)", FindUsers::new(&tl, Lang::En, 3)),
    );
    check(
        "golden/side_by_side.svg",
        &tl.svg("async fn find_users(3) and FindUsers(3), polled by tokio"),
    );
}

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    timeline::golden::assert_refuses_bad_arguments(EXE, "future");
}
