//! Calling an `async fn` only builds a future; nothing in its body runs until the future is
//! awaited, and `.await` works only inside async code.
//!
//! Run: `cargo run -p awaiting` (English: `cargo run -p awaiting -- --lang en`;
//! the same output on every machine: `--paused`)

use std::time::Duration;

use timeline::Timeline;
use timeline::cli::{self, Lang};
use timeline::clock::{self, Clock};
use timeline::stopwatch::Stopwatch;

fn main() {
    let args = cli::args_or_exit("awaiting", None);
    let (lang, clock) = (args.lang, args.clock);
    clock::run(clock, async {
        heading(
            lang,
            "1. async fn을 호출하면 퓨처가 만들어질 뿐이다",
            "1. Calling an async fn only builds a future",
        );
        let tl = Timeline::new();
        awaiting::lazy(&tl, lang).await;

        heading(
            lang,
            "2. .await는 async 안에서만 쓴다: main_async가 do_asyncs(5)를 기다린다",
            "2. .await lives inside async code: main_async awaits do_asyncs(5)",
        );
        let tl = Timeline::new();
        awaiting::nested(&tl, lang).await;

        heading(
            lang,
            "3. 버린 퓨처는 실행되지 않고, spawn한 태스크는 기다리지 않아도 실행된다",
            "3. A dropped future never runs; a spawned task runs even if nobody awaits it",
        );
        let tl = Timeline::new();
        awaiting::never_awaited(&tl, lang).await;
        chart(&tl, lang);

        heading(
            lang,
            "4. 퓨처를 .await하기와 태스크의 JoinHandle을 .await하기",
            "4. Awaiting a future vs awaiting a task's JoinHandle",
        );
        let mut since = Duration::ZERO;
        println!("{}", lang.t("퓨처:", "future:"));
        let tl = Timeline::new();
        let watch = Stopwatch::start(clock, lang, since);
        awaiting::await_future(&tl, lang).await;
        since += watch.stop();
        when(&tl);
        chart(&tl, lang);
        println!("\n{}", lang.t("태스크:", "task:"));
        let tl = Timeline::new();
        let watch = Stopwatch::start(clock, lang, since);
        awaiting::await_task(&tl, lang).await;
        watch.stop();
        when(&tl);
        chart(&tl, lang);
    });

    // `#[tokio::main]` builds a runtime of its own, and a runtime cannot be started from inside
    // another one (tokio panics), so this scene runs after the one above has closed.
    heading(
        lang,
        "5. #[tokio::main]은 런타임을 만들고 block_on 하는 코드다",
        "5. #[tokio::main] is a runtime plus block_on",
    );
    println!("#[tokio::main]:");
    let macro_run = match clock {
        Clock::Real => awaiting::with_macro(lang),
        Clock::Paused => awaiting::with_macro_paused(lang),
    };
    println!("\nRuntime::block_on:");
    let hand_run = awaiting::by_hand(clock, lang);
    let same = macro_run
        .said
        .iter()
        .map(|(text, _)| text)
        .eq(hand_run.said.iter().map(|(text, _)| text));
    println!(
        "\n{}",
        if same {
            lang.t(
                "두 방법의 출력이 같다: 같은 일을 하는 코드다",
                "both ways print the same: they are the same code",
            )
        } else {
            lang.t(
                "두 방법의 출력이 다르다 (있어서는 안 되는 일)",
                "the two ways printed differently (this should not happen)",
            )
        }
    );
}

fn heading(lang: Lang, ko: &str, en: &str) {
    println!("\n== {} ==", lang.t(ko, en));
}

/// When hello_world said its two lines: the difference between the two ways of scene 4.
fn when(tl: &Timeline) {
    let said: Vec<String> = tl
        .said_at()
        .into_iter()
        .filter(|(text, _)| text == "hello" || text == "world")
        .map(|(text, at)| format!("{text} → {} s", timeline::secs(at)))
        .collect();
    println!("{}", said.join(" · "));
}

fn chart(tl: &Timeline, lang: Lang) {
    println!("\n{}", tl.chart());
    println!("{}", timeline::legend(lang));
}
