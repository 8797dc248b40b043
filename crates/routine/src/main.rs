//! A subroutine runs to its end before its caller goes on; a coroutine can pause in the middle
//! and hand the thread to another coroutine, and only where it says so (`.await`).
//!
//! Run: `cargo run -p routine` (English: `cargo run -p routine -- --lang en`;
//! the same output on every machine: `--paused`)

use timeline::Timeline;
use timeline::cli::{self, Lang};
use timeline::clock;

fn main() {
    let args = cli::args_or_exit("routine", None);
    let lang = args.lang;
    clock::run(args.clock, async {
        let tl = Timeline::new();

        heading(
            lang,
            "1. 서브루틴: 호출된 함수가 끝나야 호출한 쪽이 다음으로 간다",
            "1. Subroutines: the caller goes on only when the call has finished",
        );
        routine::subroutines(&tl, lang);

        heading(
            lang,
            "2. 코루틴: 숫자 하나마다 양보하면 두 코루틴이 한 스레드를 번갈아 쓴다",
            "2. Coroutines: yield after every digit and two coroutines share one thread",
        );
        let coroutines = Timeline::new();
        routine::coroutines(&coroutines, lang).await;
        println!("\n{}", coroutines.chart());
        println!("{}", timeline::legend(lang));

        heading(
            lang,
            "3. async라고 저절로 번갈아 돌지 않는다: 양보 지점(.await)이 있어야 한다",
            "3. async alone does not take turns: it needs a yield point (.await)",
        );
        let (straight, yielding) = (Timeline::quiet(), Timeline::quiet());
        routine::without_await(&tl, &straight, &yielding, lang).await;
        println!("\n{}", lang.t(".await 없음:", "no .await:"));
        println!("{}", straight.chart());
        println!("{}", lang.t("양보 지점 하나:", "one yield point:"));
        println!("{}", yielding.chart());
        println!("{}", timeline::legend(lang));
    });
}

fn heading(lang: Lang, ko: &str, en: &str) {
    println!("\n== {} ==", lang.t(ko, en));
}
