//! An `async fn` is compiled into a state machine that implements `Future`; an executor polls
//! it, and polls it again only when the future's waker says it can make progress.
//!
//! Run: `cargo run -p future` (English: `cargo run -p future -- --lang en`;
//! the same output on every machine: `--paused`)

use future::executor::block_on;
use future::{FindUsers, Sizes, Step, find_users, same_lines, watch_states};
use timeline::cli::{self, Lang};
use timeline::clock;
use timeline::stopwatch::Stopwatch;
use timeline::{Timeline, secs};

/// How many users each scene looks up, as the notebook's `find_users_async(3)`.
const N: u32 = 3;

fn main() {
    let args = cli::args_or_exit("future", None);
    let (lang, clock) = (args.lang, args.clock);

    // Scenes 1 and 2 run on tokio's runtime, the way `asyncio.run` runs a coroutine.
    let tokio_took = clock::run(clock, async {
        let tl = Timeline::new();

        heading(
            lang,
            "1. async fn find_users(3): 컴파일러가 이 함수를 상태 기계(Future)로 바꾼다",
            "1. async fn find_users(3): the compiler turns it into a state machine (a Future)",
        );
        let watch = Stopwatch::start(clock, lang, tl.elapsed());
        tl.task("find_users(3)", find_users(&tl, lang, N)).await;
        watch.stop();

        heading(
            lang,
            "2. 손으로 쓴 FindUsers(3): 같은 상태 기계를 enum과 poll로 직접 쓴다",
            "2. FindUsers(3) by hand: the same state machine as an enum and a poll",
        );
        let watch = Stopwatch::start(clock, lang, tl.elapsed());
        tl.task("FindUsers(3)", FindUsers::new(&tl, lang, N)).await;
        watch.stop();

        match same_lines(&tl, "find_users(3)", "FindUsers(3)") {
            Some(gap) => println!(
                "\n{}",
                match lang {
                    Lang::Ko => format!(
                        "두 퓨처가 같은 줄을 같은 순서로 출력했나: 예 (각자 시작한 때부터 잰 시각의 차이: 최대 {} s)",
                        secs(gap)
                    ),
                    Lang::En => format!(
                        "Did the two futures say the same lines in the same order? Yes (their times, each from its own start, differ by {} s at most)",
                        secs(gap)
                    ),
                }
            ),
            None => println!(
                "\n{}",
                lang.t(
                    "두 퓨처가 같은 줄을 같은 순서로 출력했나: 아니요",
                    "Did the two futures say the same lines in the same order? No"
                )
            ),
        }
        println!(
            "\n{}\n{}",
            lang.t(
                "tokio가 두 퓨처를 poll한 때:",
                "When tokio polled the two futures:"
            ),
            tl.chart()
        );
        println!("{}", timeline::legend(lang));
        tl.elapsed()
    });

    heading(
        lang,
        "3. 직접 만든 block_on: waker가 울릴 때만 다시 poll한다",
        "3. A block_on of our own: it polls again only when the waker rings",
    );
    // ANCHOR: run_block_on
    // Our executor uses a tokio runtime only for its timer (see `future::executor`).
    let timers = clock::runtime(clock);
    let _context = timers.enter();
    let tl = Timeline::new();
    let states = Timeline::quiet();
    let watch = Stopwatch::start(clock, lang, tokio_took);
    let (steps, counts) = block_on(&timers, watch_states(FindUsers::new(&tl, lang, N), &states));
    watch.stop();
    // ANCHOR_END: run_block_on
    println!();
    print_steps(&steps);
    println!(
        "{}",
        match lang {
            Lang::Ko => format!(
                "poll {}번, wake {}번: 처음에 한 번 poll하고, 그 뒤로는 waker가 울릴 때만(sleep이 끝날 때마다) poll했다",
                counts.polls, counts.wakes
            ),
            Lang::En => format!(
                "{} polls, {} wakes: one poll to begin with, then one each time the waker rang (each time a sleep ended)",
                counts.polls, counts.wakes
            ),
        }
    );
    println!(
        "\n{}\n{}",
        lang.t("FindUsers(3)의 상태:", "The states of FindUsers(3):"),
        states.chart()
    );
    println!(
        "{}",
        lang.t(
            "█ 그 상태로 들어가거나 그 상태에서 나온 poll · 그 상태로 기다리는 중",
            "█ a poll entered or left that state · waiting in that state"
        )
    );

    heading(
        lang,
        "4. 퓨처는 값이다: 크기가 컴파일할 때 정해진다",
        "4. A future is a value: its size is fixed at compile time",
    );
    print_sizes(Sizes::measure(&tl, lang), lang);
}

/// The poll table: one line per poll, the state it found and the state it left.
fn print_steps(steps: &[Step]) {
    let width = steps.iter().map(|s| s.before.len()).max().unwrap_or(0);
    for (k, step) in steps.iter().enumerate() {
        println!(
            "poll {} @ {} s: {:<width$} → {} ({})",
            k + 1,
            secs(step.at),
            step.before,
            step.after,
            if step.ready { "Ready" } else { "Pending" }
        );
    }
}

fn print_sizes(sizes: Sizes, lang: Lang) {
    let rows = [
        (
            "size_of::<Sleep>()",
            sizes.sleep,
            lang.t(
                "마감 시각, 런타임 핸들, tokio가 타이머 휠에 연결하는 항목",
                "the deadline, a runtime handle, the entry tokio links into its timer wheel",
            ),
        ),
        (
            "size_of::<FindUsers>()",
            sizes.by_hand,
            lang.t(
                "가장 큰 상태 Sleeping(Sleep + i)과 상태 태그, 인자 tl, lang, n",
                "its largest state, Sleeping (Sleep + i), the state's tag, the arguments tl, lang, n",
            ),
        ),
        (
            "size_of_val(&find_users(..))",
            sizes.async_fn,
            lang.t(
                "같은 Sleep과 인자, 인자 사본 한 벌(컴파일러가 본문의 지역 변수로 옮겨 둔다), i 대신 1..=n 반복자",
                "the same Sleep and arguments, a second copy of the arguments (the compiler moves them into the body's locals), the 1..=n iterator where FindUsers keeps i",
            ),
        ),
    ];
    for (what, bytes, holds) in rows {
        println!(
            "{what:<28} = {bytes:>3} {}\n    {holds}",
            lang.t("바이트", "bytes")
        );
    }
    println!(
        "\n{}",
        lang.t(
            "두 퓨처 모두 Sleep을 힙이 아닌 자기 안에 품는다. 퓨처를 만드는 것만으로는 아무것도 실행되지 않는다: 위 크기를 재느라 만든 find_users(..)는 한 줄도 출력하지 않았다.",
            "Both futures hold their Sleep inside themselves, not on the heap. Building a future runs nothing: the find_users(..) built above to measure it printed no line."
        )
    );
}

fn heading(lang: Lang, ko: &str, en: &str) {
    println!("\n== {} ==", lang.t(ko, en));
}
