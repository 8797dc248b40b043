//! `course`, student edition: what a class's handout has of the course tool. `hint` shows an
//! exercise's hints one at a time (the hints are not a readable list in the handout);
//! `classroom` runs every visible test and reports its points (to GitHub Classroom in a
//! workflow); anything else says where to look. No dependencies: it builds wherever the
//! exercises build.
//!
//! cargo run -p course -- hint gather/gather_lookups [--lang en] [--again]
//! cargo run -p course -- classroom [LESSON ...] [--lang en]

mod classroom;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

/// `id \t number \t ko \t en` per hint, each text XOR-ed with `KEY` and written in hex: not a
/// secret, only not readable at a glance.
const HINTS: &str = include_str!("../hints.txt");
const KEY: &[u8] = b"course";

fn decode(hex: &str) -> String {
    let bytes: Vec<u8> = (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
        .enumerate()
        .map(|(i, b)| b ^ KEY[i % KEY.len()])
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Every exercise's hints, in order: (ko, en).
fn hints() -> BTreeMap<String, Vec<(String, String)>> {
    let mut all: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for line in HINTS.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if let [id, _, ko, en] = fields[..] {
            all.entry(id.to_string())
                .or_default()
                .push((decode(ko), decode(en)));
        }
    }
    all
}

/// How many hints of each exercise were shown: `.course/hints` at the top of the handout.
fn state_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.course/hints")
}

fn read_state() -> BTreeMap<String, usize> {
    std::fs::read_to_string(state_file())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (id, n) = l.split_once(' ')?;
            Some((id.to_string(), n.parse().ok()?))
        })
        .collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let en = args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || args.iter().any(|a| a == "--lang=en");
    let t = |ko: &str, en_text: &str| if en { en_text.to_string() } else { ko.to_string() };
    let again = args.iter().any(|a| a == "--again");
    let words: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--lang"))
        .map(|(_, a)| a)
        .collect();
    if words.first().is_some_and(|w| *w == "classroom") {
        return classroom::run(&words[1..], en);
    }
    let [command, id] = words[..] else {
        eprintln!(
            "{}",
            t(
                "사용법: cargo run -p course -- hint <레슨>/<문제> [--lang en] [--again]\n      cargo run -p course -- classroom [레슨 ...] [--lang en]\n학생용 course에는 hint와 classroom만 있습니다. 확인은 cargo test -p <레슨>-exercises --test <문제> (README.md)",
                "usage: cargo run -p course -- hint <lesson>/<exercise> [--lang en] [--again]\n       cargo run -p course -- classroom [lesson ...] [--lang en]\nThe student edition of course has only hint and classroom. To check, cargo test -p <lesson>-exercises --test <exercise> (README.md)",
            )
        );
        return ExitCode::from(2);
    };
    if command != "hint" {
        eprintln!(
            "{}",
            t(
                &format!("학생용 course에는 `{command}`가 없고 hint와 classroom만 있습니다. 확인은 cargo test -p <레슨>-exercises --test <문제> (README.md)"),
                &format!("the student edition of course has no `{command}`, only hint and classroom. To check, cargo test -p <lesson>-exercises --test <exercise> (README.md)"),
            )
        );
        return ExitCode::from(2);
    }
    let all = hints();
    let Some(list) = all.get(id.as_str()) else {
        let near: Vec<&String> = all.keys().filter(|k| k.ends_with(&format!("/{id}"))).collect();
        let more = match near.first() {
            Some(k) => t(&format!(" 혹시 {k}?"), &format!(" Did you mean {k}?")),
            None => String::new(),
        };
        eprintln!(
            "{}{more}",
            t(
                &format!("`{id}`라는 문제가 없습니다."),
                &format!("no exercise `{id}`.")
            )
        );
        return ExitCode::from(2);
    };
    let mut state = read_state();
    let shown = state.get(id.as_str()).copied().unwrap_or(0);
    let upto = if again { shown.max(1) } else { shown + 1 }.min(list.len());
    for (i, (ko, en_text)) in list.iter().take(upto).enumerate() {
        println!(
            "{} {}/{}: {}",
            t("힌트", "hint"),
            i + 1,
            list.len(),
            if en { en_text } else { ko }
        );
    }
    if shown >= list.len() && !again {
        println!(
            "{}",
            t("이 문제의 힌트는 여기까지입니다.", "That was this exercise's last hint.")
        );
    }
    state.insert(id.clone(), upto);
    let text: String = state.iter().map(|(k, v)| format!("{k} {v}\n")).collect();
    let _ = std::fs::create_dir_all(state_file().parent().unwrap_or(&state_file()));
    let _ = std::fs::write(state_file(), text);
    ExitCode::SUCCESS
}
