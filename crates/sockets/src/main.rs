//! Real sockets: the notebook's `find_users` against a user directory that answers over TCP.
//!
//! Run: `cargo run -p sockets` (English: `cargo run -p sockets -- --lang en`; the same output on
//! every machine: `--paused`; the measurement: `cargo run --release -p sockets -- bench`)

use sockets::bench;
use sockets::{Client, Reading};
use timeline::cli::{self, Lang, Reason};
use timeline::clock;

const BENCH: cli::Positional = cli::Positional {
    synopsis: "[bench [N ...]]",
    ko: "  bench [N ...]  서버 한 프로세스가 루프백 연결 N개를 붙들 때의 메모리를 잰다 (--release로).\n                 N의 기본값: 10000. 결과는 crates/sockets/bench/에 쓴다",
    en: "  bench [N ...]  measure the memory of one server process holding N loopback connections\n                 (use --release). N defaults to 10000. Writes crates/sockets/bench/",
};

fn main() {
    // The benchmark's server child: not for people, so no usage.
    if std::env::args().nth(1).as_deref() == Some("bench-serve") {
        let capacity = std::env::args().nth(2).and_then(|c| c.parse().ok());
        bench::serve_forever(capacity.unwrap_or(sockets::DEFAULT_BUFFER));
    }
    let args = cli::args_or_exit("sockets", Some(&BENCH));
    let lang = args.lang;
    if let Some(sizes) = cli::bench_sizes(&args, &[bench::DEFAULT_N], "sockets", &BENCH) {
        match bench::run(&sizes, true) {
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
            &Reason::new(
                format!("이 레슨은 `{other}` 같은 인자를 받지 않습니다"),
                format!("unexpected argument `{other}`"),
            ),
            "sockets",
            Some(&BENCH),
            lang,
        );
    }
    clock::run(args.clock, async {
        let port = sockets::serve().await.expect("the directory starts");
        heading(
            lang,
            1,
            "사용자 디렉터리에 TCP로 묻기: 차례로, 그리고 함께",
            "Asking the user directory over TCP: in turn, then together",
        );
        let took = sockets::one_after_another(port).await.expect("lookups");
        println!(
            "  find_users(3), (2), (1) {} → {} s",
            lang.t("차례로", "in turn"),
            timeline::secs(took)
        );
        let (answers, took) = sockets::together(port).await.expect("lookups");
        println!(
            "  find_users(3), (2), (1) {} → {} s",
            lang.t("함께", "together"),
            timeline::secs(took)
        );
        for found in answers {
            let lines: Vec<String> = found
                .iter()
                .map(|(line, at)| format!("{line} @ {} s", timeline::secs(*at)))
                .collect();
            println!("    {}", lines.join(", "));
        }

        heading(
            lang,
            2,
            "실수: async 코드 안의 std::net",
            "The mistake: std::net inside async code",
        );
        for client in [Client::Blocking, Client::Async] {
            let ticks = sockets::ticks_during_lookups(client).await;
            let name = match client {
                Client::Blocking => "std::net::TcpStream ",
                Client::Async => "tokio::net::TcpStream",
            };
            println!(
                "  {name} → {}",
                lang.t(
                    &format!("0.75초 조회 동안 0.2초마다 돌려던 태스크가 {ticks}번 돌았다"),
                    &format!("a task due every 0.2 s ran {ticks} times during 0.75 s of lookups"),
                )
            );
        }

        heading(
            lang,
            3,
            "실수: select! 안의 read_exact",
            "The mistake: read_exact inside select!",
        );
        for reading in [Reading::ReadExact, Reading::KeptBuffer] {
            let records = sockets::read_in_select(reading).await;
            let name = match reading {
                Reading::ReadExact => lang.t("매번 read_exact", "read_exact each round"),
                Reading::KeptBuffer => lang.t(
                    "루프 밖의 버퍼에 read_buf",
                    "read_buf into a buffer kept outside",
                ),
            };
            println!("  {name} → {records:?}");
        }

        heading(
            lang,
            4,
            "실수: 비우지 않은 BufWriter",
            "The mistake: a BufWriter never flushed",
        );
        for flush in [false, true] {
            let answer = sockets::lookup_through_a_buffer(port, flush).await;
            let said = match answer {
                Some(line) => line,
                None => lang
                    .t(
                        "5초 동안 답이 없다: 줄이 아직 버퍼에 있다",
                        "no answer in 5 s: the line is still in the buffer",
                    )
                    .to_string(),
            };
            println!(
                "  flush() {} → {said}",
                if flush {
                    lang.t("함", "called")
                } else {
                    lang.t("안 함", "not called")
                }
            );
        }
    });
}

fn heading(lang: Lang, n: u32, ko: &str, en: &str) {
    println!("\n== {n}. {} ==", lang.t(ko, en));
}
