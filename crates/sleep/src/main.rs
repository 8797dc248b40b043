//! A blocking sleep freezes every task on its thread; an async sleep hands the thread back so
//! the other tasks run while it waits.
//!
//! Run: `cargo run -p sleep` (English: `cargo run -p sleep -- --lang en`;
//! the same output on every machine: `--paused`)

use std::time::Duration;

use sleep::{NIGHTS, Sleep};
use timeline::Timeline;
use timeline::cli::{self, Lang};
use timeline::clock;
use timeline::stopwatch::Stopwatch;

fn main() {
    let args = cli::args_or_exit("sleep", None);
    let (lang, clock) = (args.lang, args.clock);
    clock::run(clock, async {
        let mut since = Duration::ZERO;
        let mut totals = Vec::new();
        for (i, how) in Sleep::ALL.into_iter().enumerate() {
            println!("\n== {}. {} ==", i + 1, how.code());
            println!("{}", what_happens(how, lang));
            let tl = Timeline::new();
            let watch = Stopwatch::start(clock, lang, since);
            sleep::two_good_nights(&tl, lang, how).await;
            let took = watch.stop();
            since += took;
            totals.push((how, took));
            println!("{}", when(&tl));
            println!("\n{}", tl.chart());
            println!("{}", timeline::legend(lang));
        }

        println!("\n== {} ==", lang.t("정리", "Summary"));
        for (how, took) in totals {
            println!("{:>6} s  {}", timeline::secs(took), how.code());
        }
    });
}

/// One sentence under each heading: what to watch for.
fn what_happens(how: Sleep, lang: Lang) -> &'static str {
    match how {
        Sleep::Async => lang.t(
            "잠든 태스크는 스레드를 양보한다: 두 good_night이 함께 1초를 잔다",
            "a sleeping task hands the thread back: both good_nights sleep the same second",
        ),
        Sleep::Blocking => lang.t(
            "잠든 태스크가 스레드를 붙잡는다: 둘째는 첫째가 깰 때까지 시작도 못 한다",
            "the sleeping task holds the thread: the second cannot even start until the first wakes",
        ),
        Sleep::SpawnBlocking => lang.t(
            "블로킹 sleep을 블로킹 전용 스레드로 보냈다: 런타임의 스레드는 비어 있고, 다시 1초",
            "the blocking sleep went to a blocking thread: the runtime's thread stays free, 1 s again",
        ),
        Sleep::ForgotAwait => lang.t(
            "sleep 퓨처를 만들고 .await 없이 버렸다: 아무도 자지 않는다",
            "the sleep future was built and dropped without .await: nobody sleeps",
        ),
    }
}

/// When each good_night said its line, in task order (the order the lines were printed in can
/// depend on which blocking thread finished first; this line cannot).
fn when(tl: &Timeline) -> String {
    let lines = tl.lines();
    NIGHTS
        .iter()
        .filter_map(|night| lines.iter().find(|l| l.task == *night))
        .map(|l| format!("{} → {} s", l.task, timeline::secs(l.at)))
        .collect::<Vec<_>>()
        .join(" · ")
}
