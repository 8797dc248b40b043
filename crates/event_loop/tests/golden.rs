//! The demo's whole output on the virtual clock is the committed golden file, in both languages.
//! Regenerate: `UPDATE_GOLDEN=1 cargo test -p event_loop`.

use timeline::golden::{check, run_bin};

const EXE: &str = env!("CARGO_BIN_EXE_event_loop");

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

#[test]
fn a_bad_argument_gets_the_usage_and_exit_2() {
    timeline::golden::assert_refuses_bad_arguments(EXE, "event_loop");
}

#[test]
fn bench_refuses_what_is_not_a_count() {
    for bad in ["many", "0", "-3"] {
        let out = std::process::Command::new(EXE)
            .args(["bench", bad])
            .output()
            .expect("the lesson runs");
        assert_eq!(out.status.code(), Some(2), "bench {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("bench"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// The picture of the timer scene (three spawned `find_users` on this loop), and the fact it
/// shows: each task polled at the same instants as on tokio.
#[test]
fn the_spawned_tasks_picture_matches_the_committed_svg_and_tokios_polls() {
    use std::rc::Rc;

    use event_loop::scenario::{Log, Own, Tokio, find_users};
    use event_loop::{Clock, Runtime};
    use timeline::Timeline;
    use timeline::cli::Lang;

    fn spans(tl: &Timeline) -> Vec<(String, std::time::Duration, bool)> {
        let mut spans: Vec<_> = tl
            .spans()
            .into_iter()
            .map(|s| (s.task, s.from, s.finished))
            .collect();
        spans.sort();
        spans
    }

    let own = Runtime::new(Clock::Virtual)
        .expect("a loop")
        .block_on(async {
            let tl = Timeline::on_clock(event_loop::now);
            let log = Log::new(false);
            let tasks = [3, 2, 1].map(|n| {
                event_loop::spawn(tl.task(
                    format!("find_users({n})"),
                    find_users(Own, Rc::clone(&log), Lang::En, n),
                ))
            });
            futures::future::join_all(tasks).await;
            tl
        });
    check(
        "golden/spawned.svg",
        &own.svg("find_users(3), (2), (1) spawned on the hand-built loop: 3 s"),
    );

    let tokio = timeline::clock::run(timeline::clock::Clock::Paused, async {
        let tl = Timeline::quiet();
        let log = Log::new(false);
        let rt = Tokio::start();
        let local = tokio::task::LocalSet::new();
        local
            .run_until(async {
                let tasks = [3, 2, 1].map(|n| {
                    tokio::task::spawn_local(tl.task(
                        format!("find_users({n})"),
                        find_users(rt, Rc::clone(&log), Lang::En, n),
                    ))
                });
                futures::future::join_all(tasks).await;
            })
            .await;
        tl
    });
    assert_eq!(spans(&own), spans(&tokio));
    assert_eq!(
        own.finished_at("find_users(3)"),
        Some(std::time::Duration::from_secs(3))
    );
}
