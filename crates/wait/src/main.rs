//! Waiting hands back what finished and what is still pending, by a rule you pick.
//!
//! Run: `cargo run -p wait` (English: `cargo run -p wait -- --lang en`; the same output on
//! every machine: `--paused`)

use std::time::Duration;

use timeline::Timeline;
use timeline::cli::{self, Lang};
use timeline::clock::{self, Clock};
use timeline::stopwatch::Stopwatch;
use wait::{
    Done, Finished, LookupError, NOTE_COUNTS, ReturnWhen, Runner, Waited, busy_caller, wait_scene,
};

const NONE_BROKEN: [Option<usize>; 3] = [None, None, None];

fn main() {
    let args = cli::args_or_exit("wait", None);
    let (lang, clock) = (args.lang, args.clock);
    clock::run(clock, async {
        // Only keeps the demo's (virtual) wall clock moving from scene to scene.
        let demo = Timeline::quiet();

        heading(
            lang,
            "1. 노트의 asyncio.wait([코루틴, ...]): 파이썬 3.11부터는 TypeError",
            "1. The notebook's asyncio.wait([coroutine, ...]): a TypeError since Python 3.11",
        );
        println!("{}", lang.t(NOTE_WAIT_KO, NOTE_WAIT_EN));
        println!(
            "\n{}",
            lang.t(
                "Rust에서는 이 과정이 레슨을 위해 만든 wait(..)(라이브러리 API가 아니다. 실제 프로그램은 \
                 FuturesUnordered, select!, JoinSet을 쓴다)가 퓨처를 그대로 받아 직접 poll한다. \
                 ReturnWhen::AllCompleted:",
                "In Rust, the course's own wait(..), written for this lesson (not a library API: a \
                 program uses FuturesUnordered, select! or JoinSet), takes the futures as they are \
                 and polls them itself. ReturnWhen::AllCompleted:",
            )
        );
        scene(
            &demo,
            clock,
            lang,
            NONE_BROKEN,
            ReturnWhen::AllCompleted,
            None,
        )
        .await;

        heading(
            lang,
            "2. ReturnWhen::FirstCompleted: 하나라도 끝나면 돌아온다",
            "2. ReturnWhen::FirstCompleted: back as soon as one has finished",
        );
        let tl = scene(
            &demo,
            clock,
            lang,
            NONE_BROKEN,
            ReturnWhen::FirstCompleted,
            None,
        )
        .await;
        println!("\n{}", tl.chart());
        println!("{}", timeline::legend(lang));

        heading(
            lang,
            "3. ReturnWhen::FirstException: 하나라도 Err로 끝나면 돌아온다",
            "3. ReturnWhen::FirstException: back as soon as one has ended in Err",
        );
        let broken = [None, Some(2), None];
        scene(&demo, clock, lang, broken, ReturnWhen::FirstException, None).await;

        heading(
            lang,
            "4. 시간 제한 1.5초: 끝나지 않은 것은 pending으로 돌려받는다",
            "4. A 1.5 s timeout: what has not finished comes back as pending",
        );
        let limit = Some(Duration::from_millis(1500));
        scene(
            &demo,
            clock,
            lang,
            NONE_BROKEN,
            ReturnWhen::AllCompleted,
            limit,
        )
        .await;
        println!(
            "{}",
            lang.t(
                "→ 시간 제한은 오류가 아니다(asyncio도 그렇다). 돌려받은 pending은 이어서 \
                 await하면 원래대로 3초에 끝난다.",
                "→ A timeout is not an error (nor is it in asyncio). The pending ones, awaited \
                 right away, still end at 3 s.",
            )
        );

        heading(
            lang,
            "5. pending 퓨처는 poll할 때만 돈다. 태스크(JoinHandle)는 알아서 돈다",
            "5. Pending futures run only when polled; tasks (JoinHandles) run by themselves",
        );
        for runner in [Runner::Futures, Runner::Tasks] {
            println!(
                "\n{}",
                match runner {
                    Runner::Futures =>
                        lang.t("과정의 wait(퓨처들, ..)", "the course's wait(futures, ..)"),
                    Runner::Tasks => lang.t(
                        "과정의 wait(tokio::spawn한 JoinHandle들, ..)",
                        "the course's wait(JoinHandles from tokio::spawn, ..)"
                    ),
                }
            );
            let tl = Timeline::new();
            let watch = Stopwatch::start(clock, lang, demo.elapsed());
            let busy = busy_caller(&tl, lang, runner).await;
            watch.stop();
            let finished: Vec<String> = busy
                .finished_at
                .iter()
                .map(|(n, at)| format!("find_users({n}) {} s", timeline::secs(*at)))
                .collect();
            println!(
                "{} {}",
                lang.t("끝난 시각:", "finished at:"),
                finished.join(", ")
            );
            println!("\n{}", tl.chart());
        }
        println!(
            "{}",
            lang.t(
                "→ main이 다른 일을 하는 1.5초 동안 아무도 퓨처를 poll하지 않아 퓨처는 멈춰 \
                 있었다. 2.5초에 다시 poll되자 기한(2초)이 이미 지난 sleep은 바로 끝났지만, \
                 그다음 sleep은 2.5초에야 시작해 find_users(3)은 3.5초에 끝난다. 스폰한 \
                 태스크는 asyncio 태스크처럼 런타임이 계속 돌려서 3초에 모두 끝난다.",
                "→ While the caller was busy for 1.5 s, nobody polled the futures, so they \
                 stood still. Polled again at 2.5 s, the sleeps already past their 2 s deadline \
                 ended at once, but the next sleep only started at 2.5 s: find_users(3) ends \
                 at 3.5 s. Spawned tasks, like asyncio tasks, are run by the runtime all along \
                 and are all done at 3 s.",
            )
        );

        heading(
            lang,
            "6. as_completed: FuturesUnordered는 끝난 순서대로, join_all은 인자 순서대로",
            "6. as_completed: FuturesUnordered in finishing order, join_all in argument order",
        );
        let watch = Stopwatch::start(clock, lang, demo.elapsed());
        let orders = wait::as_completed(&Timeline::new(), lang).await;
        watch.stop();
        println!(
            "FuturesUnordered: {:?} · join_all: {:?}",
            orders.as_completed, orders.argument_order
        );

        heading(
            lang,
            "7. select!: 서로 다른 퓨처 중 먼저 준비된 쪽 (반복문 안에서)",
            "7. select!: whichever of two different futures is ready first (in a loop)",
        );
        let watch = Stopwatch::start(clock, lang, demo.elapsed());
        let (n, ticks) = wait::progress_while_waiting(&Timeline::new(), lang).await;
        watch.stop();
        println!(
            "{} find_users(3) → {n}, {} {ticks}",
            lang.t("결과:", "result:"),
            lang.t("기다리는 중 알림:", "still-waiting notices:")
        );
        println!(
            "{}",
            lang.t(
                "→ 매 바퀴 같은 lookup 퓨처를 &mut로 빌려 준다. 틱이 이긴 바퀴에도 lookup은 \
                 버려지지 않고, 다음 바퀴에서 멈췄던 곳부터 이어 간다.",
                "→ Every round lends the same lookup future with &mut. In a round that the tick \
                 wins, the lookup is not dropped; the next round goes on from where it stopped.",
            )
        );

        heading(
            lang,
            "8. JoinSet::join_next: 스폰한 태스크를 끝난 순서대로 받는다",
            "8. JoinSet::join_next: spawned tasks, received in the order they finish",
        );
        let watch = Stopwatch::start(clock, lang, demo.elapsed());
        wait::join_next(&Timeline::new(), lang).await;
        watch.stop();
        println!(
            "{}",
            lang.t(
                "→ 태스크는 스폰한 순간부터 런타임이 돌린다. JoinSet을 drop하면 남은 태스크는 \
                 abort된다: 잊힌 태스크가 남지 않는다.",
                "→ The runtime runs each task from the moment it is spawned. Dropping a JoinSet \
                 aborts the tasks left in it: no forgotten tasks linger.",
            )
        );

        heading(
            lang,
            "9. tokio::time::timeout: asyncio.wait_for처럼 시간이 다 되면 취소한다",
            "9. tokio::time::timeout: like asyncio.wait_for, it cancels when time is up",
        );
        let watch = Stopwatch::start(clock, lang, demo.elapsed());
        wait::give_up_after(&Timeline::new(), lang, Duration::from_millis(1500)).await;
        watch.stop();
        println!(
            "{}",
            lang.t(
                "→ wait의 시간 제한은 끝나지 않은 퓨처를 돌려주고, timeout은 버린다(drop).",
                "→ wait's timeout hands the unfinished futures back; timeout drops them.",
            )
        );
    });
}

const NOTE_WAIT_KO: &str = "노트는 코루틴 객체를 그대로 asyncio.wait에 넘긴다. 파이썬 3.8부터 \
DeprecationWarning이 났고, 3.11부터는 오류다:
    TypeError: Passing coroutines is forbidden, use tasks explicitly.
3.10까지의 wait는 받은 코루틴들을 set에 담은 뒤 태스크로 감쌌다. set의 순서는 객체 주소에 \
따라 달라지므로 노트의 두 실행이 서로 다른 순서로 출력됐다. 지금은 태스크를 직접 만들어 넘긴다:
    tasks = [asyncio.create_task(find_users_async(n)) for n in (3, 2, 1)]
    done, pending = await asyncio.wait(tasks)";

const NOTE_WAIT_EN: &str =
    "The notebook passes coroutine objects straight to asyncio.wait. Python \
3.8 deprecated that with a DeprecationWarning, and since 3.11 it is an error:
    TypeError: Passing coroutines is forbidden, use tasks explicitly.
Up to 3.10, wait put the coroutines in a set and then wrapped them in tasks. A set's order \
depends on the objects' addresses, which is why the notebook's two runs printed in different \
orders. Today you make the tasks yourself:
    tasks = [asyncio.create_task(find_users_async(n)) for n in (3, 2, 1)]
    done, pending = await asyncio.wait(tasks)";

/// Runs one `wait` scene on the notebook's lookups and prints what came back; returns its timeline.
async fn scene(
    demo: &Timeline,
    clock: Clock,
    lang: Lang,
    broken: [Option<usize>; 3],
    return_when: ReturnWhen,
    timeout: Option<Duration>,
) -> Timeline {
    let tl = Timeline::new();
    let watch = Stopwatch::start(clock, lang, demo.elapsed());
    let (waited, finished) = wait_scene(&tl, lang, broken, return_when, timeout).await;
    watch.stop();
    print_waited(lang, &waited, &finished);
    tl
}

fn name(index: usize) -> String {
    format!("#{index} find_users({})", NOTE_COUNTS[index])
}

fn show(lang: Lang, done: &Done<Result<usize, LookupError>>) -> String {
    match &done.output {
        Ok(n) => format!("{} → Ok({n})", name(done.index)),
        Err(e) => format!("{} → Err({})", name(done.index), e.describe(lang)),
    }
}

fn print_waited(
    lang: Lang,
    waited: &Waited<Result<usize, LookupError>>,
    finished: &Finished<Result<usize, LookupError>>,
) {
    let done: Vec<String> = waited.done.iter().map(|d| show(lang, d)).collect();
    println!(
        "  done ({}): {}",
        lang.t("끝난 순서", "finishing order"),
        done.join(", ")
    );
    let pending: Vec<String> = waited.pending.iter().map(|&i| name(i)).collect();
    println!(
        "  pending ({}): {}",
        lang.t("인자 순서", "argument order"),
        if pending.is_empty() {
            "-".to_string()
        } else {
            pending.join(", ")
        }
    );
    if !finished.results.is_empty() {
        let results: Vec<String> = finished.results.iter().map(|d| show(lang, d)).collect();
        println!(
            "  {} {} ({} s)",
            lang.t("pending을 이어서 await:", "pending, awaited afterwards:"),
            results.join(", "),
            timeline::secs(finished.at)
        );
    }
}

fn heading(lang: Lang, ko: &str, en: &str) {
    println!("\n== {} ==", lang.t(ko, en));
}
