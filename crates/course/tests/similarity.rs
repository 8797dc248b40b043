//! `course similarity` on planted copies and honest solutions of one exercise (lesson 3's
//! `tiny_block_on`, written here, not committed as fixtures): copies with renamed variables,
//! changed comments, reordered statements and functions, a helper moved out, or padded with
//! unrelated code are flagged; different honest solutions, right or wrong, are not.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const COURSE: &str = env!("CARGO_BIN_EXE_course");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The released stub of `tiny_block_on` with its two `todo!()` bodies filled in, and `extra`
/// after the file.
fn answer(stub: &str, wake: &str, block_on: &str, extra: &str) -> String {
    let first = stub.find("todo!()").unwrap();
    let s = format!(
        "{}{}{}",
        &stub[..first],
        wake.trim_matches('\n'),
        &stub[first + 7..]
    );
    let second = s.find("todo!()").unwrap();
    format!(
        "{}{}{}{extra}",
        &s[..second],
        block_on.trim_matches('\n'),
        &s[second + 7..]
    )
}

/// The text between the `n`th `// BEGIN SOLUTION` and its end.
fn region(source: &str, n: usize) -> String {
    source
        .split("// BEGIN SOLUTION")
        .nth(n)
        .unwrap()
        .split("// END SOLUTION")
        .next()
        .unwrap()
        .to_string()
}

fn rename(text: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (from, to) in pairs {
        let mut renamed = String::new();
        let mut rest = out.as_str();
        while let Some(i) = rest.find(from) {
            let before = rest[..i].chars().next_back();
            let after = rest[i + from.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            renamed.push_str(&rest[..i]);
            renamed.push_str(if word(before) || word(after) {
                from
            } else {
                to
            });
            rest = &rest[i + from.len()..];
        }
        renamed.push_str(rest);
        out = renamed;
    }
    out
}

fn without_comments(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

const HONEST_B_WAKE: &str = r#"
        self.wakes.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut flag = self.rung.lock().unwrap();
        *flag = true;
        drop(flag);
        self.ring.notify_all();
"#;
const HONEST_B_BLOCK_ON: &str = r#"
    let doorbell: Arc<Doorbell> = Arc::new(Doorbell::default());
    let waker = std::task::Waker::from(doorbell.clone());
    let mut context = std::task::Context::from_waker(&waker);
    let mut pinned = Box::pin(future);
    let mut counts = Counts::default();
    loop {
        counts.polls += 1;
        match pinned.as_mut().poll(&mut context) {
            std::task::Poll::Ready(value) => {
                counts.wakes = doorbell.wakes.load(std::sync::atomic::Ordering::Relaxed);
                break (value, counts);
            }
            std::task::Poll::Pending => {
                let guard = doorbell.rung.lock().unwrap();
                let mut guard = doorbell.ring.wait_while(guard, |rung| !*rung).unwrap();
                *guard = false;
            }
        }
    }
"#;
const HONEST_C_WAKE: &str = r#"
        {
            let mut rung = self.rung.lock().expect("the bell's lock");
            *rung = true;
            self.wakes.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        }
        self.ring.notify_one();
"#;
const HONEST_C_BLOCK_ON: &str = r#"
    let shared = Arc::new(Doorbell::default());
    let waker: std::task::Waker = shared.clone().into();
    let mut cx = std::task::Context::from_waker(&waker);
    let mut fut = std::pin::pin!(future);
    let mut polls = 0usize;
    let output = loop {
        polls += 1;
        if let std::task::Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            break out;
        }
        sleep_until_rung(&shared);
    };
    let wakes = shared.wakes.load(std::sync::atomic::Ordering::SeqCst);
    (output, Counts { polls, wakes })
}

/// Sleeps until the bell has rung, and clears it.
fn sleep_until_rung(bell: &Doorbell) {
    let mut rung = bell.rung.lock().expect("the bell's lock");
    loop {
        if *rung {
            *rung = false;
            return;
        }
        rung = bell.ring.wait(rung).expect("the bell's lock");
    }
"#;
/// Honest and wrong: "while not done: poll".
const HONEST_BUSY_WAKE: &str = r#"
        self.wakes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
"#;
const HONEST_BUSY_BLOCK_ON: &str = r#"
    let bell = Arc::new(Doorbell::default());
    let waker = std::task::Waker::from(bell.clone());
    let mut cx = std::task::Context::from_waker(&waker);
    let mut future = Box::pin(future);
    let mut polls = 0;
    loop {
        polls += 1;
        if let std::task::Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            return (v, Counts { polls, wakes: bell.wakes.load(std::sync::atomic::Ordering::SeqCst) });
        }
        std::thread::yield_now();
    }
"#;
/// The reference solution, restructured: statements in another order, the waiting loop moved
/// into a helper placed before `block_on`, every name changed.
const RESTRUCTURED_WAKE: &str = r#"
        *self.rung.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.wakes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.ring.notify_one();
"#;
const RESTRUCTURED_BLOCK_ON: &str = r#"
    use std::task::{Context, Poll, Waker};
    use std::sync::atomic::Ordering;

    let door = Arc::new(Doorbell::default());
    let mut count = 0;
    let w = Waker::from(Arc::clone(&door));
    let mut fut = std::pin::pin!(future);
    let mut ctx = Context::from_waker(&w);
    loop {
        count += 1;
        if let Poll::Ready(result) = fut.as_mut().poll(&mut ctx) {
            let wakes = door.wakes.load(Ordering::SeqCst);
            return (result, Counts { polls: count, wakes });
        }
        wait_rung(&door);
    }
"#;
const RESTRUCTURED_HELPER: &str = r#"fn wait_rung(door: &Doorbell) {
    let mut flag = door.rung.lock().unwrap_or_else(|p| p.into_inner());
    while !*flag {
        flag = door.ring.wait(flag).unwrap_or_else(|p| p.into_inner());
    }
    *flag = false;
}

"#;
/// Unrelated code a copier adds to thin the likeness out.
const PADDING: &str = r#"
/// Helpers.
pub fn fibonacci(n: u64) -> u64 {
    let (mut a, mut b) = (0, 1);
    for _ in 0..n {
        let next = a + b;
        a = b;
        b = next;
    }
    a
}

pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    let mut d = 2;
    while d * d <= n {
        if n % d == 0 {
            return false;
        }
        d += 1;
    }
    true
}

pub fn word_count(text: &str) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}
"#;

#[test]
fn planted_copies_are_flagged_and_honest_solutions_are_not() {
    let scratch = root().join("target/grader/similarity-test");
    let _ = fs::remove_dir_all(&scratch);
    let handout = scratch.join("handout");
    let released = Command::new(COURSE)
        .args(["--lang", "en", "release", "--out"])
        .arg(&handout)
        .output()
        .unwrap();
    assert!(released.status.success());
    let stub = fs::read_to_string(handout.join("lessons/03-future/src/tiny_block_on.rs")).unwrap();
    let reference =
        fs::read_to_string(root().join("lessons/03-future/src/tiny_block_on.rs")).unwrap();
    let (ref_wake, ref_block_on) = (region(&reference, 1), region(&reference, 2));

    let names = [
        ("bell", "door"),
        ("cx", "ctx"),
        ("polls", "count"),
        ("output", "result"),
        ("rung", "flag"),
    ];
    let renamed_block_on = rename(&without_comments(&ref_block_on), &names)
        .replace("Counts { count, wakes }", "Counts { polls: count, wakes }");
    let restructured = {
        let text = answer(&stub, RESTRUCTURED_WAKE, RESTRUCTURED_BLOCK_ON, "");
        let at = text.find("/// Runs `future` to the end").unwrap();
        format!("{}{RESTRUCTURED_HELPER}{}", &text[..at], &text[at..])
    };
    // cho's answer with its helper moved above `block_on` and its names changed.
    let reordered_functions = {
        let text = answer(&stub, HONEST_C_WAKE, HONEST_C_BLOCK_ON, "");
        let helper_at = text.find("/// Sleeps until the bell").unwrap();
        let helper = &text[helper_at..text.len()];
        let body_end = text[..helper_at].trim_end().len();
        let without = format!(
            "{}\n}}\n",
            &text[..body_end].trim_end().trim_end_matches('}')
        );
        let at = without.find("/// Runs `future` to the end").unwrap();
        let moved = format!(
            "{}{}\n{}",
            &without[..at],
            helper.trim_end().trim_end_matches('}').to_string() + "}\n",
            &without[at..]
        );
        rename(
            &moved,
            &[
                ("shared", "state"),
                ("fut", "task"),
                ("polls", "n"),
                ("sleep_until_rung", "park_until_rung"),
            ],
        )
        .replace("Counts { n, wakes }", "Counts { polls: n, wakes }")
    };
    let students: BTreeMap<&str, String> = BTreeMap::from([
        ("ana", answer(&stub, &ref_wake, &ref_block_on, "")),
        ("ben", answer(&stub, HONEST_B_WAKE, HONEST_B_BLOCK_ON, "")),
        ("cho", answer(&stub, HONEST_C_WAKE, HONEST_C_BLOCK_ON, "")),
        (
            "dan",
            answer(&stub, HONEST_BUSY_WAKE, HONEST_BUSY_BLOCK_ON, ""),
        ),
        // Copies of ana's: renamed, comments gone and one added; restructured; padded.
        (
            "eve",
            answer(
                &stub,
                &format!(
                    "\n        // count it, then ring{}",
                    without_comments(&ref_wake)
                ),
                &renamed_block_on,
                "",
            ),
        ),
        ("fay", restructured),
        ("gus", reordered_functions),
        ("hal", answer(&stub, &ref_wake, &ref_block_on, PADDING)),
        // Not compared: the stub handed back, and no file.
        ("ivy", stub.clone()),
    ]);
    let submissions = scratch.join("submissions");
    for (name, text) in &students {
        let file = submissions
            .join(name)
            .join("lessons/03-future/src/tiny_block_on.rs");
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, text).unwrap();
    }
    fs::create_dir_all(submissions.join("jon/lessons")).unwrap();

    let out = scratch.join("out");
    let run = Command::new(COURSE)
        .args(["--lang", "en", "similarity"])
        .arg(&submissions)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "{said}");
    let csv = fs::read_to_string(out.join("similarity.csv")).unwrap();
    let mut score: BTreeMap<(String, String), f64> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f[0], "future/tiny_block_on", "{line}");
        score.insert((f[1].to_string(), f[2].to_string()), f[3].parse().unwrap());
    }
    // Eight students compared (not ivy's stub, not jon's missing file): 28 pairs.
    assert_eq!(score.len(), 28, "{csv}");
    let planted = [
        ("ana", "eve"),
        ("ana", "fay"),
        ("ana", "hal"),
        ("cho", "gus"),
    ];
    let honest = ["ana", "ben", "cho", "dan"];
    let pair = |a: &str, b: &str| score[&(a.to_string(), b.to_string())];
    let lowest_planted = planted.iter().map(|(a, b)| pair(a, b)).fold(1.0, f64::min);
    let mut highest_honest: f64 = 0.0;
    for (i, a) in honest.iter().enumerate() {
        for b in &honest[i + 1..] {
            highest_honest = highest_honest.max(pair(a, b));
        }
    }
    println!("{csv}\nlowest planted {lowest_planted:.2}, highest honest {highest_honest:.2}");
    assert!(lowest_planted >= 0.5, "{csv}");
    assert!(highest_honest < 0.5, "{csv}");
    // The report lists the planted pairs and no honest pair.
    let report = fs::read_to_string(out.join("similarity.md")).unwrap();
    for (a, b) in planted {
        assert!(report.contains(&format!("| {a} · {b} |")), "{report}");
    }
    for (i, a) in honest.iter().enumerate() {
        for b in &honest[i + 1..] {
            assert!(!report.contains(&format!("| {a} · {b} |")), "{report}");
        }
    }
    // The figures the book gives (exercises.md, "similarity") are these, in both languages.
    let figures = [
        pair("ana", "eve"),
        pair("cho", "gus"),
        pair("ana", "hal"),
        pair("ana", "fay"),
        highest_honest,
    ];
    let book = fs::read_to_string(root().join("mdbook/src/exercises.md")).unwrap();
    let english = fs::read_to_string(root().join("mdbook/po/en.po")).unwrap();
    for text in [&book, &english] {
        let at = text
            .find("tiny_block_on`): ")
            .expect("the book gives the measured figures");
        let paragraph: String = text[at..].chars().take(500).collect();
        for figure in figures {
            assert!(
                paragraph.contains(&format!("{figure:.2}")),
                "{figure:.2} not in:\n{paragraph}"
            );
        }
    }
    // Nothing of a grading is touched: the folder holds the two reports only.
    let mut written: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["similarity.csv", "similarity.md"]);
}
