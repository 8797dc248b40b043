//! Threads and tasks: Rust checks thread safety when it compiles, has no GIL, and tokio's default
//! runtime runs tasks in parallel; async pays off when one OS thread per waiting thing costs too
//! much.
//!
//! Run: `cargo run -p threads` (English: `cargo run -p threads -- --lang en`; the same output
//! on every machine: `--paused`; the measurements: `cargo run --release -p threads -- bench`)

use std::time::Duration;

use threads::bench;
use threads::{Budget, Met, Runner, Waiter};
use timeline::cli::{self, Lang, Reason};
use timeline::clock;

const BENCH: cli::Positional = cli::Positional {
    synopsis: "[bench [N ...]]",
    ko: "  bench [N ...]  시간과 메모리를 잰다 (--release로). N: 기다리는 것의 수\n                 (기본값: 10000 100000 1000000). 결과는 crates/threads/bench/에 쓴다",
    en: "  bench [N ...]  measure time and memory (use --release). N: how many waiting things\n                 (default: 10000 100000 1000000). Writes crates/threads/bench/",
};

fn main() {
    // The benchmark's children: not for people, so no usage.
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.first().map(String::as_str) == Some("bench-one") {
        let (Some(code), Some(n)) = (raw.get(1), raw.get(2).and_then(|n| n.parse().ok())) else {
            eprintln!("usage: threads bench-one <variant> <n>");
            std::process::exit(2);
        };
        match bench::run_one(code, n) {
            Ok(measured) => println!(
                "{}",
                serde_json::to_string(&measured).expect("a measurement serializes")
            ),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        return;
    }
    let args = cli::args_or_exit("threads", Some(&BENCH));
    let lang = args.lang;
    if let Some(sizes) = cli::bench_sizes(&args, &bench::SIZES, "threads", &BENCH) {
        match bench::run(&sizes, true) {
            Ok((_, report)) => println!("{report}"),
            Err(e) => {
                eprintln!("{} {e}", lang.t("오류:", "error:"));
                std::process::exit(1);
            }
        }
        return;
    }
    if let Some(other) = args.rest.first() {
        cli::exit_usage(
            &Reason::new(
                format!("이 레슨은 `{other}` 같은 인자를 받지 않습니다"),
                format!("unexpected argument `{other}`"),
            ),
            "threads",
            Some(&BENCH),
            lang,
        );
    }
    demo(lang, args.clock);
}

fn demo(lang: Lang, clock: clock::Clock) {
    println!(
        "\n== 1. {} ==",
        lang.t(
            "CPU 일: 두 일이 같은 장벽에서 만나야 끝난다",
            "CPU work: two jobs finish only if they meet at one barrier"
        )
    );
    println!(
        "{}",
        lang.t(
            "std::sync::Barrier(2)는 둘이 동시에 서 있어야 열린다. 다른 스레드가 기다려 준다.",
            "a std::sync::Barrier for two opens only when both stand at it; another thread keeps watch."
        )
    );
    for runner in Runner::ALL {
        // A stuck runner is stuck for good: a short watch is enough to know.
        let limit = if runner == Runner::CurrentThread {
            Duration::from_millis(300)
        } else {
            Duration::from_secs(10)
        };
        let met = threads::meet_at_a_barrier(runner, limit);
        let said = match met {
            Met::Both => lang.t(
                "둘 다 장벽을 지났다: 동시에 돌았다",
                "both passed the barrier: they ran at the same time",
            ),
            Met::Stuck => lang.t(
                "멈췄다: 스레드 하나에서 번갈아 도는 태스크 둘은 함께 장벽에 설 수 없다",
                "stuck: two tasks taking turns on one thread can never stand at the barrier together",
            ),
        };
        println!("  {:<21} → {said}", runner.code());
    }
    println!(
        "{}",
        lang.t(
            "  (파이썬: 스레드 둘은 장벽을 지나지만 GIL 때문에 파이썬 코드를 한 번에 하나씩만 실행한다.\n   asyncio 태스크 둘은 tokio current-thread처럼 멈춘다. CPU를 몇 개 썼는지는 bench가 잰다.)",
            "  (Python: two threads pass the barrier, but the GIL runs their Python code one at a time;\n   two asyncio tasks get stuck like tokio current-thread. How many cores were busy: see bench.)"
        )
    );

    clock::run(clock, async {
        println!(
            "\n== 2. {} ==",
            lang.t(
                "많이 기다리기: 1초씩 기다리는 것 10000개",
                "Waiting at scale: 10000 things that each wait one second"
            )
        );
        for waiter in Waiter::ALL {
            let took = threads::wait_many(10_000, waiter).await;
            println!("  {:<23} → {} s", waiter.code(), timeline::secs(took));
        }
        let (one_wait, stack) = threads::sizes();
        println!(
            "{}",
            lang.t(
                &format!(
                    "  기다리는 것 하나: tokio의 Sleep {one_wait} B, OS 스레드라면 스택 {} MiB 예약.\n  100만 개를 실제로 재 보려면: cargo run --release -p threads -- bench",
                    stack / 1024 / 1024
                ),
                &format!(
                    "  one waiting thing: a tokio Sleep is {one_wait} B; an OS thread reserves a {} MiB stack.\n  To measure a million for real: cargo run --release -p threads -- bench",
                    stack / 1024 / 1024
                ),
            )
        );

        println!(
            "\n== 3. {} ==",
            lang.t(
                "협력 예산의 함정: 한 태스크 안의 많은 퓨처",
                "The co-operative budget trap: many futures in one task"
            )
        );
        println!(
            "{}",
            lang.t(
                "  1초 sleep N개를 poll한 횟수 (하나에 2번이면 충분하다)",
                "  how many polls N one-second sleeps took in all (two each would do)"
            )
        );
        let sizes = [1_000, 2_000, 4_000];
        print!("  {:<28}", "");
        for n in sizes {
            print!("{:>10}", format!("N={n}"));
        }
        println!();
        for budget in Budget::ALL {
            print!("  {}", pad(budget.name(lang), 28));
            for n in sizes {
                print!("{:>10}", threads::polls_for(n, budget).await);
            }
            println!();
        }
        println!(
            "{}",
            lang.t(
                "  N이 두 배가 될 때 한 태스크 안에서는 poll이 약 네 배: N²에 비례한다.",
                "  When N doubles, the polls inside one task grow about fourfold: N squared."
            )
        );

        println!(
            "\n== 4. {} ==",
            lang.t(
                "Send와 Sync: 컴파일러가 지키는 스레드 안전",
                "Send and Sync: thread safety the compiler keeps"
            )
        );
        let tl = timeline::Timeline::quiet();
        let tally = threads::tally_on_one_thread(&tl).await;
        let written: Vec<String> = tally
            .iter()
            .map(|(secs, at)| format!("{secs} @ {} s", timeline::secs(*at)))
            .collect();
        println!("  spawn_local + Rc<RefCell<Vec>> → {}", written.join(", "));
        println!("\n{}", tl.chart());
        println!("{}", timeline::legend(lang));
    });
    let numbers: Vec<u64> = (1..=100).collect();
    println!(
        "  std::thread::scope → {} ({})",
        threads::sum_in_two_threads(&numbers),
        lang.t(
            "두 스레드가 지역 변수를 빌려 반씩 더했다",
            "two threads borrowed a local and summed half each"
        )
    );
}

/// `text` padded to `width` terminal columns (Hangul takes two).
fn pad(text: &str, width: usize) -> String {
    let used: usize = text
        .chars()
        .map(|c| {
            if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
