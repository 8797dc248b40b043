//! The event loop built by hand: a run queue, a timer heap and a reactor, running the course's
//! demos beside tokio.
//!
//! Run: `cargo run -p event_loop` (English: `cargo run -p event_loop -- --lang en`; the same
//! output on every machine: `--paused`; the measurement:
//! `cargo run --release -p event_loop -- bench`)

use std::time::Duration;

use event_loop::scenario::{self, Scene};
use event_loop::{Clock, Runtime, bench, directory};
use timeline::cli::{self, Lang};

const BENCH: cli::Positional = cli::Positional {
    synopsis: "[bench [N ...]]",
    ko: "  bench [N ...]  한 초씩 자는 태스크 N개를 이 루프와 tokio에서 돌려 시간과 메모리를 잰다\n                 (--release로). N의 기본값: 10000 100000 1000000. 기본값으로 돌 때만\n                 결과를 crates/event_loop/bench/에 쓴다",
    en: "  bench [N ...]  time and measure N tasks that each sleep a second, on this loop and on\n                 tokio (use --release). N defaults to 10000 100000 1000000; only that full\n                 run writes crates/event_loop/bench/",
};

fn main() {
    // The benchmark's children: not for people, so no usage.
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.first().map(String::as_str) == Some("bench-one") {
        let (Some(runtime), Some(n)) = (raw.get(1), raw.get(2).and_then(|n| n.parse().ok())) else {
            eprintln!("usage: event_loop bench-one own|tokio <n>");
            std::process::exit(2);
        };
        match bench::one(runtime, n) {
            Ok(row) => println!("{}", serde_json::to_string(&row).expect("a row serializes")),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        return;
    }
    let args = cli::args_or_exit("event_loop", Some(&BENCH));
    let lang = args.lang;
    if let Some(sizes) = cli::bench_sizes(&args, &bench::SIZES, "event_loop", &BENCH) {
        let full = sizes == bench::SIZES;
        match bench::run(&sizes, full) {
            Ok(report) => print!("{report}"),
            Err(e) => {
                eprintln!("{} {e}", lang.t("오류:", "error:"));
                std::process::exit(1);
            }
        }
        return;
    }
    if let Some(other) = args.rest.first() {
        cli::exit_usage(
            &cli::Reason::new(
                format!("이 레슨은 `{other}` 같은 인자를 받지 않습니다"),
                format!("unexpected argument `{other}`"),
            ),
            "event_loop",
            Some(&BENCH),
            lang,
        );
    }
    let clock = match args.clock {
        timeline::clock::Clock::Real => Clock::Real,
        timeline::clock::Clock::Paused => Clock::Virtual,
    };
    demo(clock, lang);
}

fn heading(lang: Lang, n: u32, ko: &str, en: &str) {
    println!("\n== {n}. {} ==", lang.t(ko, en));
}

/// Whether tokio, on its paused clock, says the same lines at the same times as this loop on
/// its virtual clock.
fn same_on_tokio(scene: Scene, lang: Lang) -> String {
    let own = scenario::on_own_loop(scene, Clock::Virtual, lang, false);
    let tokio = scenario::on_tokio(scene, Clock::Virtual, lang, false);
    let same = own == tokio;
    lang.t(
        &format!(
            "  tokio current-thread (정지된 시계): 같은 줄, 같은 순서, 같은 시각 → {}",
            if same { "예" } else { "아니요" }
        ),
        &format!(
            "  tokio current-thread (paused clock): same lines, same order, same times → {}",
            if same { "yes" } else { "no" }
        ),
    )
    .to_string()
}

fn demo(clock: Clock, lang: Lang) {
    let fail = |e: std::io::Error| -> ! {
        eprintln!("{} {e}", lang.t("오류:", "error:"));
        std::process::exit(1);
    };

    heading(
        lang,
        1,
        "실행 큐: 태스크 셋이 차례로 스레드를 넘긴다",
        "The run queue: three tasks hand the thread round",
    );
    scenario::on_own_loop(Scene::Turns, clock, lang, true);
    let tokio = scenario::on_tokio(Scene::Turns, Clock::Virtual, lang, false);
    println!(
        "{}",
        lang.t(
            "  tokio current-thread에서는 (yield_now가 깨움을 미뤘다가 나중에 미룬 것부터 깨운다):",
            "  on tokio current-thread (yield_now defers its wake, and the last deferred is woken first):"
        )
    );
    for event in tokio {
        println!("  {}", scenario::line(event.at, &event.text));
    }

    heading(
        lang,
        2,
        "타이머: find_users(3), (2), (1)을 태스크로 띄우기",
        "Timers: find_users(3), (2), (1) as spawned tasks",
    );
    let runtime = Runtime::new(clock).unwrap_or_else(|e| fail(e));
    let log = scenario::Log::new(true);
    runtime.block_on(scenario::play(
        Scene::Spawned,
        scenario::Own,
        std::rc::Rc::clone(&log),
        lang,
    ));
    let stats = runtime.stats();
    println!(
        "{}",
        lang.t(
            &format!(
                "  태스크 {}개를 띄웠고, poll은 {}번, 울린 타이머는 {}개. 깨우지 않은 태스크는 poll하지 않는다",
                stats.spawned, stats.polls, stats.timers_fired
            ),
            &format!(
                "  {} tasks spawned, {} polls, {} timers fired: no task is polled unless it was woken",
                stats.spawned, stats.polls, stats.timers_fired
            ),
        )
    );
    println!("{}", same_on_tokio(Scene::Spawned, lang));

    heading(
        lang,
        3,
        "리액터: 같은 루프 위의 소켓",
        "The reactor: sockets on the same loop",
    );
    let runtime = Runtime::new(clock).unwrap_or_else(|e| fail(e));
    let (answers, took) = runtime
        .block_on(async {
            let port = directory::serve(scenario::ROUND)?;
            directory::together(port).await
        })
        .unwrap_or_else(|e| fail(e));
    println!(
        "  {} find_users(3), (2), (1) {} → {} s",
        lang.t(
            "이 루프의 서버와 클라이언트:",
            "this loop's server and client:"
        ),
        lang.t("함께", "together"),
        timeline::secs(took)
    );
    for found in &answers {
        let lines: Vec<String> = found
            .iter()
            .map(|(line, at)| format!("{line} @ {} s", timeline::secs(*at)))
            .collect();
        println!("    {}", lines.join(", "));
    }
    // The sockets lesson's own tokio server, on a thread of its own (so on the real clock: with
    // --paused it answers at once, and no times are printed).
    let delay = match clock {
        Clock::Real => scenario::ROUND,
        Clock::Virtual => Duration::ZERO,
    };
    let port = sockets::serve_on_another_thread(delay);
    let runtime = Runtime::new(clock).unwrap_or_else(|e| fail(e));
    let (from_tokio, _) = runtime
        .block_on(directory::together(port))
        .unwrap_or_else(|e| fail(e));
    let users: Vec<String> = from_tokio
        .iter()
        .flatten()
        .map(|(l, _)| l.clone())
        .collect();
    println!(
        "  {}",
        lang.t(
            "sockets 레슨의 tokio 서버에 이 루프의 클라이언트로:",
            "this loop's client, asking the sockets lesson's tokio server:"
        )
    );
    println!("    {}", users.join(", "));
    let same = from_tokio
        .iter()
        .map(|f| f.iter().map(|(l, _)| l).collect::<Vec<_>>())
        .eq(answers
            .iter()
            .map(|f| f.iter().map(|(l, _)| l).collect::<Vec<_>>()));
    println!(
        "{}",
        lang.t(
            &format!(
                "  두 서버의 답이 같다 → {}",
                if same { "예" } else { "아니요" }
            ),
            &format!(
                "  both servers gave the same answers → {}",
                if same { "yes" } else { "no" }
            ),
        )
    );
}
