//! One vocabulary wherever a learner reads.
//!
//! The glossary (`mdbook/src/glossary.md`, section `## 표기`) is the single list: a table of the
//! words the course uses and the variants it does not. None of those variants may appear in the
//! book (the Korean source and the English translation), the exercise files and their tests,
//! `lesson.toml`, the demos (their sources and golden output), the Python twins, the course
//! tool's messages or the README. Korean particles attach to `poll`, `waker` and `Rust`
//! (`poll이`, not `poll 이`).

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

/// The rows of the glossary's `## 표기` table, cell by cell (the header and its rule included).
fn wording_table() -> Vec<Vec<String>> {
    let glossary = fs::read_to_string(root().join("mdbook/src/glossary.md")).unwrap();
    let section = glossary
        .split("\n## 표기\n")
        .nth(1)
        .expect("the glossary has a `## 표기` section");
    section
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|row| {
            row.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// `(the word used, a variant not used)` from the glossary's table.
fn avoided() -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for cells in wording_table().into_iter().skip(2) {
        let [used, variants] = &cells[..] else {
            panic!("a row of two cells expected: {cells:?}");
        };
        for variant in variants.split(", ") {
            pairs.push((used.clone(), variant.to_string()));
        }
    }
    assert!(pairs.len() >= 8, "the table lost rows: {pairs:?}");
    pairs
}

/// Every file a learner reads (or that prints what a learner reads).
fn places() -> Vec<PathBuf> {
    fn walk(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("target") && !path.ends_with("node_modules") {
                    walk(&path, keep, out);
                }
            } else if keep(&path) {
                out.push(path);
            }
        }
    }
    let root = root();
    let mut files = Vec::new();
    let ext = |p: &Path, e: &[&str]| p.extension().is_some_and(|x| e.iter().any(|e| x == *e));
    walk(
        &root.join("mdbook/src"),
        &|p| ext(p, &["md"]) && !p.ends_with("glossary.md"),
        &mut files,
    );
    walk(
        &root.join("lessons"),
        &|p| ext(p, &["rs", "toml"]),
        &mut files,
    );
    walk(
        &root.join("crates"),
        &|p| ext(p, &["rs", "txt", "py"]) && !p.components().any(|c| c.as_os_str() == "tests"),
        &mut files,
    );
    files.push(root.join("README.md"));
    files.push(root.join("mdbook/po/en.po"));
    files
}

/// The glossary's own table, in the translation, names the variants on purpose: the lines of
/// `en.po` entries whose `msgid` is one of its cells.
fn glossary_lines(po: &str) -> std::collections::BTreeSet<usize> {
    let cells: Vec<String> = wording_table().into_iter().flatten().collect();
    let lines: Vec<&str> = po.lines().collect();
    let mut skip = std::collections::BTreeSet::new();
    for (n, line) in lines.iter().enumerate() {
        if cells.iter().any(|c| *line == format!("msgid \"{c}\"")) {
            skip.insert(n);
            if lines.get(n + 1).is_some_and(|l| l.starts_with("msgstr ")) {
                skip.insert(n + 1);
            }
        }
    }
    skip
}

/// Where `variant` occurs in `line` as a word of its own.
fn occurs(line: &str, variant: &str) -> bool {
    if let Some(rest) = variant.strip_prefix('N') {
        // `N강`: a number, then the rest.
        let chars: Vec<char> = line.chars().collect();
        let tail: Vec<char> = rest.chars().collect();
        return (1..chars.len())
            .any(|i| chars[i - 1].is_ascii_digit() && chars[i..].starts_with(&tail));
    }
    let lower = line.to_lowercase();
    let variant = variant.to_lowercase();
    lower.match_indices(&variant).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + variant.len()..].chars().next();
        let latin = variant.is_ascii();
        !latin
            || (!before.is_some_and(|c| c.is_alphanumeric())
                && !after.is_some_and(|c| c.is_alphanumeric()))
    })
}

const PARTICLES: &[&str] = &[
    "이",
    "가",
    "을",
    "를",
    "은",
    "는",
    "의",
    "에",
    "에서",
    "에서는",
    "에게",
    "로",
    "으로",
    "로는",
    "와",
    "과",
    "도",
    "만",
    "마다",
    "들이",
    "들을",
    "들은",
    "들의",
    "들로",
    "이나",
    "까지",
    "부터",
    "보다",
    "처럼",
    "이다",
    "입니다",
    "이고",
    "이면",
    "이라",
    "이라는",
    "이지만",
];

/// `poll 이`: a particle written apart from the word it belongs to.
fn detached_particle(line: &str) -> Option<String> {
    for word in ["poll", "waker", "Rust"] {
        for (i, _) in line.match_indices(&format!("{word} ")) {
            // (A word inside a word does not count, nor a quoted example: `poll 이`.)
            if line[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '`')
            {
                continue;
            }
            let rest = &line[i + word.len() + 1..];
            for particle in PARTICLES {
                if let Some(after) = rest.strip_prefix(particle)
                    && !after
                        .chars()
                        .next()
                        .is_some_and(|c| ('가'..='힣').contains(&c))
                {
                    return Some(format!("{word} {particle}"));
                }
            }
        }
    }
    None
}

#[test]
fn no_page_exercise_or_message_uses_a_variant_the_glossary_rules_out() {
    let pairs = avoided();
    let mut found = Vec::new();
    for file in places() {
        let text = fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(root()).unwrap().display().to_string();
        let skip = if file.ends_with("en.po") {
            glossary_lines(&text)
        } else {
            Default::default()
        };
        for (n, line) in text.lines().enumerate() {
            if skip.contains(&n) {
                continue;
            }
            for (used, variant) in &pairs {
                if occurs(line, variant) {
                    found.push(format!("{shown}:{}: `{variant}` (write `{used}`)", n + 1));
                }
            }
            if let Some(wrong) = detached_particle(line) {
                found.push(format!(
                    "{shown}:{}: `{wrong}` (the particle attaches to the word)",
                    n + 1
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} use(s) of words the glossary rules out:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The checks themselves, on lines that must and must not be caught.
#[test]
fn the_checks_catch_what_they_should_and_nothing_else() {
    assert!(occurs("5강처럼 한꺼번에", "N강"));
    assert!(!occurs("강한 타입", "N강"));
    assert!(occurs("The note's find_users", "the note"));
    assert!(!occurs("the notebook's find_users", "the note"));
    assert!(occurs("tokio의 멈춘 시계에서", "멈춘 시계"));
    assert_eq!(
        detached_particle("poll 이 11번씩").as_deref(),
        Some("poll 이")
    );
    assert_eq!(
        detached_particle("poll 마다 기록").as_deref(),
        Some("poll 마다")
    );
    assert_eq!(detached_particle("poll이 11번씩"), None);
    assert_eq!(detached_particle("다시 poll 해 달라"), None);
    assert_eq!(detached_particle("Rust 비동기"), None);
    assert_eq!(detached_particle("`poll_fn` 이 아니라 poll_fn"), None);
}

/// A recurring block has one label in each language: every paragraph that opens with the same
/// bold Korean label (`**읽는 법.**`) opens with the same English one in the translation.
#[test]
fn a_recurring_label_reads_the_same_every_time() {
    let po = fs::read_to_string(root().join("mdbook/po/en.po")).unwrap();
    let label = |line: &str, prefix: &str| -> Option<String> {
        let text = line.strip_prefix(prefix)?.strip_prefix("**")?;
        let end = text.find("**")?;
        Some(text[..end].to_string())
    };
    let mut labels: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    let lines: Vec<&str> = po.lines().collect();
    for pair in lines.windows(2) {
        // Only labels of a paragraph (with text after them), not bold table cells.
        if let (Some(ko), Some(en)) = (label(pair[0], "msgid \""), label(pair[1], "msgstr \""))
            && !pair[0].ends_with("**\"")
        {
            labels.entry(ko).or_default().insert(en);
        }
    }
    let mixed: Vec<String> = labels
        .iter()
        .filter(|(_, en)| en.len() > 1)
        .map(|(ko, en)| format!("**{ko}** is translated as {en:?}"))
        .collect();
    assert!(mixed.is_empty(), "{}", mixed.join("\n"));
    assert!(
        labels.contains_key("읽는 법."),
        "the check found none of the labels it is there for"
    );
}
