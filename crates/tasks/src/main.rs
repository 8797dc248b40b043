//! Tasks and cancellation: Python's asyncio-task page in Rust, scene by scene.
//!
//! Run: `cargo run -p tasks` (English: `cargo run -p tasks -- --lang en`; the same output on
//! every machine: `--paused`)

use tasks::{Ended, Reading};
use timeline::Timeline;
use timeline::cli::{self, Lang};
use timeline::clock;

fn main() {
    let args = cli::args_or_exit("tasks", None);
    let lang = args.lang;
    clock::run(args.clock, async {
        heading(
            lang,
            1,
            "create_task와 Task 객체: tokio::spawn과 JoinHandle",
            "create_task and the Task object: tokio::spawn and JoinHandle",
        );
        // The panicking task's message would go to standard error; the JoinError says it here.
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let (ends, running_at_one) = tasks::task_object().await;
        std::panic::set_hook(quiet);
        for (name, end) in [
            "sleep 1 s, return 1",
            "sleep 1 s, panic",
            "sleep 5 s, abort at 2 s",
        ]
        .iter()
        .zip(&ends)
        {
            println!("  {name:<24} → {}", describe(end, lang));
        }
        println!(
            "  is_finished() @ 1 s ({}): {}",
            lang.t("5초짜리", "the 5-second one"),
            !running_at_one
        );

        heading(
            lang,
            2,
            "취소: CancelledError를 던지는 대신 퓨처를 버린다",
            "Cancellation: the future is dropped, not sent CancelledError",
        );
        let tl = Timeline::quiet();
        let end = tasks::cancel_with_cleanup(&tl).await;
        for line in tl.texts() {
            println!("  {line}");
        }
        println!("  query → {}", describe(&end, lang));
        let tl = Timeline::quiet();
        println!(
            "  {}",
            lang.t(
                "스스로 abort()를 부른 태스크:",
                "a task that calls abort() on itself:"
            )
        );
        for line in tasks::abort_takes_effect_at_the_next_await(&tl).await {
            println!("    {line}");
        }
        let end = tasks::blocking_work_cannot_be_aborted().await;
        println!("  spawn_blocking, abort @ 1 s → {}", describe(&end, lang));

        heading(
            lang,
            3,
            "취소 안전성: select! 루프에서 사라지는 메시지",
            "Cancel safety: messages lost in a select! loop",
        );
        for reading in [Reading::NewEachRound, Reading::KeptAcrossRounds] {
            let pairs = tasks::select_loop(reading).await;
            let name = match reading {
                Reading::NewEachRound => lang.t("매번 새 read_pair", "a new read_pair each round"),
                Reading::KeptAcrossRounds => lang.t(
                    "read_pair 하나를 루프 밖에",
                    "one read_pair kept outside the loop",
                ),
            };
            println!("  {} → {pairs:?}", pad(name, 34));
        }

        heading(
            lang,
            4,
            "TaskGroup과 정상 종료: JoinSet, CancellationToken, TaskTracker",
            "TaskGroup and graceful shutdown: JoinSet, CancellationToken, TaskTracker",
        );
        let tl = Timeline::quiet();
        let (result, at) = tasks::first_error_cancels_the_group(&tl).await;
        println!("  JoinSet → {result:?} @ {} s", timeline::secs(at));
        for line in tl.texts() {
            println!("    {line}");
        }
        println!("\n{}", tl.chart());
        println!("{}", timeline::legend(lang));
        let (done, at) = tasks::graceful_shutdown(10).await;
        println!(
            "  {}",
            lang.t(
                &format!("일꾼 셋, 일 10개, 2.5 s에 종료 → 끝낸 일 {done:?}, {} s에 모두 멈춤", timeline::secs(at)),
                &format!("three workers, 10 jobs, shutdown at 2.5 s → jobs done {done:?}, all stopped at {} s", timeline::secs(at)),
            )
        );

        heading(
            lang,
            5,
            "shield, wait_for, run_coroutine_threadsafe",
            "shield, wait_for, run_coroutine_threadsafe",
        );
        let (gave_up, finished) = tasks::shielded_timeout().await;
        println!(
            "  {}",
            lang.t(
                &format!(
                    "1초 제한의 timeout: {} s에 포기, 3초짜리 일은 {} s에 끝까지",
                    timeline::secs(gave_up),
                    timeline::secs(finished)
                ),
                &format!(
                    "timeout of 1 s: gave up at {} s; the 3-second job still finished at {} s",
                    timeline::secs(gave_up),
                    timeline::secs(finished)
                ),
            )
        );
        println!(
            "  Handle::spawn {} → {}",
            lang.t("(일반 스레드에서)", "(from a plain thread)"),
            tasks::from_a_plain_thread().await
        );

        heading(
            lang,
            6,
            "async 클로저로 다시 시도하기",
            "Retrying with an async closure",
        );
        let (result, tries) = tasks::flaky_lookup_with_retry().await;
        let tries: Vec<String> = tries
            .iter()
            .map(|t| format!("{} s", timeline::secs(*t)))
            .collect();
        println!(
            "  retry(3, 1 s, async || ...) → {result:?}; {} {}",
            lang.t("시도 시각", "tries at"),
            tries.join(", ")
        );
    });
}

fn heading(lang: Lang, n: u32, ko: &str, en: &str) {
    println!("\n== {n}. {} ==", lang.t(ko, en));
}

fn describe(end: &Ended, lang: Lang) -> String {
    match end {
        Ended::Returned(value, at) => format!("Ok({value}) @ {} s", timeline::secs(*at)),
        Ended::Panicked(at) => format!(
            "Err: {} @ {} s",
            lang.t("패닉 (is_panic)", "panicked (is_panic)"),
            timeline::secs(*at)
        ),
        Ended::Cancelled(at) => format!(
            "Err: {} @ {} s",
            lang.t("취소됨 (is_cancelled)", "cancelled (is_cancelled)"),
            timeline::secs(*at)
        ),
    }
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
