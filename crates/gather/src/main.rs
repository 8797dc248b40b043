//! Joining runs futures concurrently and hands back their results in argument order, whichever
//! finished first.
//!
//! Run: `cargo run -p gather` (other counts: `cargo run -p gather -- 5 3 1`; English:
//! `--lang en`; the same output on every machine: `--paused`)

use gather::Lookups;
use timeline::Timeline;
use timeline::cli::{self, Lang};
use timeline::clock;
use timeline::stopwatch::Stopwatch;

/// The counts `gather` takes, for its usage.
const COUNTS: cli::Positional = cli::Positional {
    synopsis: "[COUNT ...]",
    ko: "  COUNT         2번과 3번 장면에서 find_users 하나가 조회할 사용자 수(한 명에 1초).\n                나머지 장면은 노트의 고정된 예다. 1부터 20까지의 정수\n                (기본값: 노트처럼 3 2 1)",
    en: "  COUNT         how many users each find_users looks up, one second each, in scenes 2\n                and 3 (the other scenes are the notebook's fixed examples);\n                whole numbers from 1 to 20 (default: 3 2 1, as in the notebook)",
};

fn main() {
    let args = cli::args_or_exit("gather", Some(&COUNTS));
    let counts = gather::parse_counts(&args.rest)
        .unwrap_or_else(|e| cli::exit_usage(&e, "gather", Some(&COUNTS), args.lang));
    let (lang, clock) = (args.lang, args.clock);
    if !args.rest.is_empty() {
        println!(
            "{}",
            lang.t(
                "(주어진 수는 2번과 3번 장면에 쓰인다. 나머지 장면은 노트의 고정된 예다.)",
                "(The counts given are used in scenes 2 and 3; the other scenes are the notebook's \
                 fixed examples.)",
            )
        );
    }
    clock::run(clock, async {
        // Only keeps the demo's (virtual) wall clock moving from scene to scene.
        let demo = Timeline::quiet();
        let list = counts_list(&counts);

        heading(
            lang,
            "1. good_night() 두 개를 함께: 1초 두 번이 아니라 합쳐서 1초",
            "1. Two good_night() together: one second in all, not one second twice",
        );
        let watch = Stopwatch::start(clock, lang, demo.elapsed());
        gather::good_nights(&Timeline::new(), lang).await;
        watch.stop();

        heading(
            lang,
            &format!("2. 하나씩 차례로 await: find_users({list})"),
            &format!("2. Awaited one after another: find_users({list})"),
        );
        let tl = Timeline::new();
        let watch = Stopwatch::start(clock, lang, demo.elapsed());
        let sequential = gather::one_after_another(&tl, lang, &counts).await;
        watch.stop();
        print_lookups(lang, &sequential);
        println!("\n{}", tl.chart());

        heading(
            lang,
            &format!("3. join_all로 함께 (asyncio.gather): find_users({list})"),
            &format!("3. Joined with join_all (asyncio.gather): find_users({list})"),
        );
        let tl = Timeline::new();
        let watch = Stopwatch::start(clock, lang, demo.elapsed());
        let joined = gather::gather(&tl, lang, &counts).await;
        watch.stop();
        print_lookups(lang, &joined);
        println!(
            "{}",
            lang.t(
                "→ 끝난 순서와 상관없이 결과는 인자 순서다. 줄 순서도 파이썬 gather와 같다.",
                "→ results come in argument order, whatever finished first; the lines come in \
                 Python's gather order too.",
            )
        );
        println!("\n{}", tl.chart());
        println!("{}", timeline::legend(lang));

        heading(
            lang,
            "4. tokio::join!: 똑같이 3초, 하지만 poll 순서가 한 칸씩 바뀐다",
            "4. tokio::join!: the same 3 seconds, but the poll order rotates",
        );
        for biased in [false, true] {
            let tl = Timeline::new();
            println!(
                "\n{}",
                if biased {
                    "tokio::join!(biased; ...)"
                } else {
                    "tokio::join!(...)"
                }
            );
            let watch = Stopwatch::start(clock, lang, demo.elapsed());
            gather::join_macro(&tl, lang, biased).await;
            watch.stop();
            println!("{}", lang.t("poll한 순서:", "poll order:"));
            for (at, tasks) in gather::polls_by_instant(&tl) {
                println!("  {} s: {}", timeline::secs(at), tasks.join(", "));
            }
        }
        println!(
            "{}",
            lang.t(
                "→ join!은 깨어날 때마다 맨 먼저 poll할 퓨처를 한 칸씩 바꾼다(순환, 공정성). 그래서 1초에는 \
                 find_users(2)부터 poll하고, 줄 순서가 파이썬 gather와 달라진다. biased;를 쓰면 \
                 늘 위에서부터, 인자 순서대로 poll한다. join_all도 그렇다(3번).",
                "→ join! starts each wake-up one future further along (fairness): at 1 s it polls \
                 find_users(2) first, and its lines come out in a different order from \
                 Python's gather. With biased; it always starts from the top, in argument order, as \
                 join_all does (scene 3).",
            )
        );

        heading(
            lang,
            "5. try_join!: 하나가 실패하면 나머지는 그 순간 취소된다",
            "5. try_join!: when one fails, the others are cancelled right then",
        );
        let tl = Timeline::new();
        let watch = Stopwatch::start(clock, lang, demo.elapsed());
        let tried = gather::try_join_cancels(&tl, lang).await;
        watch.stop();
        match &tried.result {
            Ok(results) => println!("{} {results:?}", lang.t("결과:", "results:")),
            Err(e) => println!("{} {}", lang.t("오류:", "error:"), e.describe(lang)),
        }
        println!(
            "{}",
            lang.t(
                "→ 파이썬 gather는 첫 예외를 넘겨준 뒤에도 나머지 태스크를 취소하지 않는다. \
                 Rust의 try_join!은 나머지 퓨처를 그 자리에서 drop한다. poll해 주는 쪽이 \
                 없으면 퓨처는 더 나아가지 않는다.",
                "→ Python's gather hands back the first exception and leaves the other tasks \
                 running. Rust's try_join! drops the other futures on the spot: with nobody \
                 polling it, a future goes no further.",
            )
        );
        println!("\n{}", tl.chart());

        heading(
            lang,
            "6. 결과를 모두 모으기: gather(..., return_exceptions=True)",
            "6. Collecting every result: gather(..., return_exceptions=True)",
        );
        let tl = Timeline::new();
        let watch = Stopwatch::start(clock, lang, demo.elapsed());
        let every = gather::gather_every_result(&tl, lang).await;
        watch.stop();
        let shown: Vec<String> = every
            .results
            .iter()
            .map(|r| match r {
                Ok(n) => format!("Ok({n})"),
                Err(e) => format!("Err({})", e.describe(lang)),
            })
            .collect();
        println!("{} [{}]", lang.t("결과:", "results:"), shown.join(", "));
        println!(
            "{}",
            lang.t(
                "→ 모두 끝까지 실행되고, 오류는 제자리에 값으로 남는다.",
                "→ every lookup runs to its end; the error is a value in its own slot.",
            )
        );
    });
}

fn counts_list(counts: &[usize]) -> String {
    counts
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_lookups(lang: Lang, lookups: &Lookups) {
    println!(
        "{} {:?}",
        lang.t("결과(인자 순서):", "results (argument order):"),
        lookups.results
    );
    println!(
        "{} {}",
        lang.t("끝난 순서:", "finishing order:"),
        lookups.finished.join(", ")
    );
}

fn heading(lang: Lang, ko: &str, en: &str) {
    println!("\n== {} ==", lang.t(ko, en));
}
