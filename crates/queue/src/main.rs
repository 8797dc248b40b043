//! Queues and limits: asyncio's queue and synchronisation pages in Rust, scene by scene.
//!
//! Run: `cargo run -p queue` (English: `cargo run -p queue -- --lang en`; the same output on
//! every machine: `--paused`)

use std::time::Duration;

use queue::{Limit, Lock};
use timeline::cli::{self, Lang};
use timeline::clock;

fn main() {
    let args = cli::args_or_exit("queue", None);
    let lang = args.lang;
    clock::run(args.clock, async {
        heading(
            lang,
            1,
            "asyncio.Queue(maxsize=2): 생산자를 붙잡는 꽉 찬 대기열",
            "asyncio.Queue(maxsize=2): a full queue holds the producer back",
        );
        let seen = queue::backpressure(6, 2, 1).await;
        println!(
            "  {} {}",
            lang.t("send가 돌아온 시각:", "send returned at:"),
            secs_list(&seen.sent)
        );
        let done: Vec<String> = seen
            .done
            .iter()
            .map(|(job, at)| format!("{job} @ {} s", timeline::secs(*at)))
            .collect();
        println!(
            "  {} {}",
            lang.t("일꾼 하나:", "one worker:"),
            done.join(", ")
        );
        println!("  join → {} s", timeline::secs(seen.joined));
        let three = queue::backpressure(6, 2, 3).await;
        println!(
            "  {} join → {} s",
            lang.t("일꾼 셋:", "three workers:"),
            timeline::secs(three.joined)
        );

        heading(
            lang,
            2,
            "Semaphore(10): 1000개 조회를 한 번에 10개씩",
            "Semaphore(10): 1000 lookups, 10 at a time",
        );
        for how in [Limit::Semaphore, Limit::BufferUnordered] {
            let (took, most) = queue::limited(1000, 10, how).await;
            let name = match how {
                Limit::Semaphore => "Semaphore::acquire",
                Limit::BufferUnordered => "buffer_unordered(10)",
            };
            println!(
                "  {name:<20} → {} s, {} {most}",
                timeline::secs(took),
                lang.t("동시에 가장 많이:", "most at once:")
            );
        }

        heading(
            lang,
            3,
            "Lock: tokio::sync::Mutex와 std::sync::Mutex",
            "Lock: tokio::sync::Mutex and std::sync::Mutex",
        );
        for lock in [Lock::Tokio, Lock::Std] {
            let name = match lock {
                Lock::Tokio => "tokio::sync::Mutex",
                Lock::Std => "std::sync::Mutex",
            };
            let said = match queue::two_tasks_one_lock(lock, Duration::from_millis(300)) {
                Some(took) => format!("{} {} s", lang.t("둘 다 끝남:", "both done at"), timeline::secs(took)),
                None => lang
                    .t(
                        "멈췄다: 잠금을 쥔 태스크가 .await에서 기다리는 동안 다른 태스크가 스레드째 막았다",
                        "stuck: the task holding the lock waits at .await while the other blocks the only thread",
                    )
                    .to_string(),
            };
            println!("  {name:<18} → {said}");
        }

        heading(
            lang,
            4,
            "Event, Future, 최신 값, 방송, Barrier",
            "Event, Future, the latest value, broadcast, Barrier",
        );
        println!(
            "  Event (watch, set @ 2 s) → {}",
            secs_list(&queue::event().await)
        );
        let (late, woken) = queue::notify_alone().await;
        println!("  Notify: notify_one → {late}, notify_waiters → {woken}");
        println!("  oneshot → {}", queue::one_reply().await);
        println!("  watch @ 2.5 s → {}", queue::latest_value().await);
        println!("  broadcast → {:?}", queue::everyone_hears().await);
        let mut met = queue::meet().await;
        met.sort();
        println!("  Barrier(3) → {}", secs_list(&met));
    });
}

fn heading(lang: Lang, n: u32, ko: &str, en: &str) {
    println!("\n== {n}. {} ==", lang.t(ko, en));
}

fn secs_list(times: &[Duration]) -> String {
    times
        .iter()
        .map(|t| format!("{} s", timeline::secs(*t)))
        .collect::<Vec<_>>()
        .join(", ")
}
