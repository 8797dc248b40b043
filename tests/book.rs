//! The book shows exactly the code, output and compiler messages that the tests check.
//!
//! mdBook itself exits 0 when an `{{#include}}` names a missing file (the literal text lands in
//! the page) or a missing anchor (an empty block), so these checks do it instead, without any
//! book tool installed: every include resolves, every anchor exists, no Rust block is pasted,
//! every lesson has a chapter that shows all of its compile-fail cases, its output and its
//! pictures. `bash mdbook/build` then checks the rendered site's links and the translation.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

const TOOLS: &[&str] = &["timeline", "course", "course-marker"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

fn src() -> PathBuf {
    root().join("mdbook/src")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn lessons() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join("crates"))
        .expect("crates/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("Cargo.toml").exists())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|n| !TOOLS.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

/// The chapters named in SUMMARY.md, in order.
fn chapters() -> Vec<String> {
    let summary = read(&src().join("SUMMARY.md"));
    summary
        .lines()
        .filter_map(|line| {
            let start = line.find("](")? + 2;
            let end = start + line[start..].find(')')?;
            Some(line[start..end].to_string())
        })
        .collect()
}

/// Removes `.` and `..` from a path without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Where an include or image path of a chapter really comes from. `generated/<lesson>/...` is
/// filled by `mdbook/build` from `crates/<lesson>/golden/` (`output.txt` from `ko.txt` and
/// `en.txt`) and, for a benchmark's chart, `crates/<lesson>/bench/`, so a path there must exist
/// in one of those, in both languages.
fn sources_of(chapter_dir: &Path, path: &str) -> Vec<PathBuf> {
    if let Some(rest) = path.strip_prefix("generated/") {
        let (lesson, file) = rest.split_once('/').unwrap_or((rest, ""));
        let crate_dir = root().join("crates").join(lesson);
        let golden = crate_dir.join("golden");
        return if file == "output.txt" {
            vec![golden.join("ko.txt"), golden.join("en.txt")]
        } else if !golden.join(file).is_file() && crate_dir.join("bench").join(file).is_file() {
            vec![crate_dir.join("bench").join(file)]
        } else {
            vec![golden.join(file)]
        };
    }
    vec![normalize(&chapter_dir.join(path))]
}

struct Include {
    path: String,
    anchor: Option<String>,
}

fn includes(text: &str) -> Vec<Include> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{#") {
        let after = &rest[start + 3..];
        let end = after.find("}}").expect("an unclosed {{# directive");
        let directive = after[..end].trim();
        let (kind, arg) = directive.split_once(' ').unwrap_or((directive, ""));
        if kind == "include" || kind == "rustdoc_include" {
            let arg = arg.trim();
            let (path, anchor) = match arg.rsplit_once(':') {
                Some((p, a)) if !a.chars().all(|c| c.is_ascii_digit() || c == ':') => {
                    (p.to_string(), Some(a.to_string()))
                }
                _ => (arg.to_string(), None),
            };
            found.push(Include { path, anchor });
        }
        rest = &after[end + 2..];
    }
    found
}

#[test]
fn every_include_resolves_to_a_file_and_anchor() {
    for chapter in chapters() {
        let path = src().join(&chapter);
        let text = read(&path);
        let dir = path.parent().unwrap();
        for include in includes(&text) {
            for source in sources_of(dir, &include.path) {
                assert!(
                    source.is_file(),
                    "{chapter}: {{{{#include {}}}}} names {}, which does not exist",
                    include.path,
                    source.display()
                );
                if let Some(anchor) = &include.anchor {
                    let body = read(&source);
                    let has = |marker: &str| {
                        body.lines().any(|l| {
                            l.trim_start()
                                .trim_start_matches("//")
                                .trim_start_matches('#')
                                .trim()
                                == format!("{marker}: {anchor}")
                        })
                    };
                    assert!(
                        has("ANCHOR") && has("ANCHOR_END"),
                        "{chapter}: anchor `{anchor}` is not in {}",
                        source.display()
                    );
                }
            }
        }
    }
}

#[test]
fn every_image_exists() {
    for chapter in chapters() {
        let path = src().join(&chapter);
        let text = read(&path);
        // Markdown images, `![alt](path)`: their alt text is translated, HTML <img> is not.
        assert!(
            !text.contains("<img"),
            "{chapter}: write pictures as ![alt](path) so that their alt text reaches the translation"
        );
        for piece in text.split("![").skip(1) {
            let Some(open) = piece.find("](") else {
                continue;
            };
            let rest = &piece[open + 2..];
            let target = &rest[..rest.find(')').expect("a closed image link")];
            if target.starts_with("http") {
                continue;
            }
            for source in sources_of(path.parent().unwrap(), target) {
                assert!(
                    source.is_file(),
                    "{chapter}: image {target} ({}) does not exist",
                    source.display()
                );
            }
        }
    }
}

#[test]
fn no_rust_block_is_pasted() {
    for chapter in chapters() {
        let text = read(&src().join(&chapter));
        let mut lines = text.lines().enumerate();
        while let Some((n, line)) = lines.next() {
            let fence = line.trim_start();
            if fence.starts_with("```rust") {
                let body: Vec<&str> = lines
                    .by_ref()
                    .map(|(_, l)| l)
                    .take_while(|l| !l.trim_start().starts_with("```"))
                    .collect();
                assert!(
                    !body.is_empty()
                        && body.iter().all(|l| l.trim().starts_with("{{#include")
                            || l.trim().starts_with("{{#rustdoc_include")
                            || l.trim().is_empty()),
                    "{chapter}:{}: a ```rust block must only {{{{#include}}}} tested code, found:\n{}",
                    n + 1,
                    body.join("\n")
                );
            }
        }
    }
}

#[test]
fn included_blocks_are_kept_out_of_translation() {
    // A code block's comments would otherwise become gettext messages, and the English book
    // would show a translated copy of code that no compiler checks.
    for chapter in chapters() {
        let text = read(&src().join(&chapter));
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            if line.trim_start().starts_with("```")
                && lines
                    .get(n + 1)
                    .is_some_and(|next| next.contains("{{#include"))
            {
                let previous = lines[..n].iter().rev().find(|l| !l.trim().is_empty());
                assert_eq!(
                    previous.map(|l| l.trim()),
                    Some("<!-- i18n:skip -->"),
                    "{chapter}:{}: put <!-- i18n:skip --> on the line before an included block",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn every_lesson_has_a_chapter_showing_its_output_pictures_and_mistakes() {
    let chapters: BTreeSet<String> = chapters().into_iter().collect();
    for lesson in lessons() {
        let file = format!("{lesson}.md");
        assert!(
            chapters.contains(&file),
            "lesson {lesson} has no chapter mdbook/src/{file} in SUMMARY.md"
        );
        let text = read(&src().join(&file));
        assert!(
            text.contains(&format!("cargo run -p {lesson}")),
            "{file} does not show how to run the lesson"
        );
        assert!(
            text.contains(&format!("{{{{#include generated/{lesson}/output.txt}}}}")),
            "{file} does not include the lesson's real output"
        );
        assert!(
            text.contains(&format!("crates/{lesson}/python/")),
            "{file} does not show the Python version"
        );
        let golden = root().join("crates").join(&lesson).join("golden");
        let pictures: Vec<String> = fs::read_dir(&golden)
            .expect("golden/")
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".svg"))
            .collect();
        assert!(
            pictures
                .iter()
                .any(|p| text.contains(&format!("generated/{lesson}/{p}"))),
            "{file} shows none of the timeline pictures {pictures:?}"
        );
        let ui = root().join("tests/ui").join(&lesson);
        for case in fs::read_dir(&ui)
            .expect("tests/ui/<lesson>/")
            .map(|e| e.unwrap().path())
        {
            if case.extension().is_some_and(|e| e == "rs") {
                let name = case.file_stem().unwrap().to_string_lossy();
                for shown in [
                    format!("tests/ui/{lesson}/{name}.rs}}}}"),
                    format!("tests/ui/{lesson}/{name}.stderr}}}}"),
                    format!("crates/{lesson}/tests/fixed.rs:{name}}}}}"),
                ] {
                    assert!(
                        text.contains(&shown),
                        "{file} does not include {shown}: every compile-fail case shows its code, the compiler's message and the fix"
                    );
                }
            }
        }
        for path in [format!("crates/{lesson}/"), format!("tests/ui/{lesson}/")] {
            assert!(
                text.contains(&format!("<code class=\"repo-path\">{path}")),
                "{file} does not say where {path} lives"
            );
        }
    }
}

#[test]
fn the_book_has_an_opening_and_a_glossary() {
    let chapters = chapters();
    assert_eq!(chapters.first().map(String::as_str), Some("index.md"));
    assert!(chapters.iter().any(|c| c == "glossary.md"));
}

/// `lessons/*/lesson.toml` read with plain string handling (this package has no TOML parser):
/// (folder, lesson, exercise names), in folder order. The lines it reads are written as
/// `lesson = "gather"` at the top and `name = "gather_lookups"` under each `[[exercise]]`.
fn exercise_lessons() -> Vec<(String, String, Vec<String>)> {
    fn value(line: &str, key: &str) -> Option<String> {
        let rest = line
            .trim()
            .strip_prefix(key)?
            .trim_start()
            .strip_prefix('=')?;
        let rest = rest.trim().strip_prefix('"')?;
        Some(rest[..rest.find('"')?].to_string())
    }
    let mut found = Vec::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("lessons"))
        .expect("lessons/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("lesson.toml").is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        let folder = dir.file_name().unwrap().to_string_lossy().into_owned();
        let text = read(&dir.join("lesson.toml"));
        let mut lesson = None;
        let mut names = Vec::new();
        let mut in_exercise = false;
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with('[') {
                in_exercise = trimmed == "[[exercise]]";
            } else if in_exercise {
                if let Some(name) = value(line, "name") {
                    names.push(name);
                }
            } else if lesson.is_none() {
                lesson = value(line, "lesson");
            }
        }
        let lesson = lesson
            .unwrap_or_else(|| panic!("lessons/{folder}/lesson.toml has no `lesson = \"...\"`"));
        assert!(
            !names.is_empty(),
            "lessons/{folder}/lesson.toml names no exercise"
        );
        found.push((folder, lesson, names));
    }
    found
}

#[test]
fn every_lesson_chapter_links_its_exercises() {
    assert!(
        chapters().iter().any(|c| c == "exercises.md"),
        "SUMMARY.md has no chapter exercises.md"
    );
    let exercises = read(&src().join("exercises.md"));
    let all = exercise_lessons();
    for lesson in lessons() {
        let file = format!("{lesson}.md");
        let text = read(&src().join(&file));
        let Some((folder, _, names)) = all.iter().find(|(_, l, _)| *l == lesson) else {
            panic!(
                "no lessons/*/lesson.toml says `lesson = \"{lesson}\"`: lesson {lesson} has no exercises"
            );
        };
        let path = format!("<code class=\"repo-path\">lessons/{folder}/</code>");
        assert!(
            text.contains(&path),
            "{file} does not say where its exercises live: {path}"
        );
        assert!(
            text.contains("](exercises.md)"),
            "{file} does not link to exercises.md"
        );
        for name in names {
            let id = format!("`{lesson}/{name}`");
            assert!(text.contains(&id), "{file} does not name its exercise {id}");
            assert!(
                exercises.contains(&id),
                "exercises.md does not name the exercise {id}"
            );
        }
    }
}

/// The msgstr of `msgid` in the English translation (one line each: `--no-wrap`).
fn english(po: &str, msgid: &str) -> Option<String> {
    let key = format!("msgid \"{}\"", msgid.replace('"', "\\\""));
    let mut lines = po.lines();
    while let Some(line) = lines.next() {
        if line == key {
            return lines
                .next()
                .and_then(|l| l.strip_prefix("msgstr \""))
                .and_then(|l| l.strip_suffix('"'))
                .map(|l| l.replace("\\\"", "\""));
        }
    }
    None
}

/// A chapter has one title, in each language, wherever it is named: the sidebar (SUMMARY.md),
/// the page's heading and the lesson's `lesson.toml` (which `course list` and the student
/// handout print).
#[test]
fn every_chapter_has_one_title_everywhere() {
    let summary = read(&src().join("SUMMARY.md"));
    let po = read(&root().join("mdbook/po/en.po"));
    let mut folders: Vec<PathBuf> = fs::read_dir(root().join("lessons"))
        .expect("lessons/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("lesson.toml").is_file())
        .collect();
    folders.sort();
    assert!(!folders.is_empty());
    for (n, folder) in folders.iter().enumerate() {
        let number = n + 1;
        let name = folder.file_name().unwrap().to_string_lossy();
        let chapter = name.split_once('-').expect("NN-<lesson>").1.to_string();
        let manifest = read(&folder.join("lesson.toml"));
        let line = manifest
            .lines()
            .find(|l| l.starts_with("title = "))
            .expect("a lesson title");
        let field = |lang: &str| {
            let start = line.find(&format!("{lang} = \"")).expect(lang) + lang.len() + 4;
            let end = start + line[start..].find('"').unwrap();
            line[start..end].to_string()
        };
        let (ko, en) = (field("ko"), field("en"));
        assert!(
            summary.contains(&format!("- [{ko}]({chapter}.md)")),
            "{name}: the sidebar does not name chapter {number} `{ko}`"
        );
        let page = read(&src().join(format!("{chapter}.md")));
        assert_eq!(
            page.lines().next(),
            Some(format!("# {number}. {ko}").as_str()),
            "{name}: the page's heading"
        );
        assert_eq!(
            english(&po, &ko),
            Some(en.clone()),
            "{name}: the sidebar in English"
        );
        assert_eq!(
            english(&po, &format!("{number}. {ko}")),
            Some(format!("{number}. {en}")),
            "{name}: the page's heading in English"
        );
    }
}

/// The asyncio → Rust map in the opening chapter is the course's reference table: every row
/// names the test that shows it (`lesson::test`, a test function in that lesson's `tests/`),
/// or `—` where Rust has no counterpart to show.
#[test]
fn every_row_of_the_map_links_a_section_and_names_a_test_that_exists() {
    let index = read(&src().join("index.md"));
    let table = index
        .split("| 파이썬 asyncio | Rust (tokio, futures) | 다루는 곳 | 확인하는 테스트 |")
        .nth(1)
        .expect("the map's header")
        .split("\n\n")
        .next()
        .unwrap();
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(1)
        .collect();
    assert!(rows.len() >= 15, "the map lost rows");
    for row in rows {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").collect();
        assert_eq!(cells.len(), 4, "a row of four cells: {row}");
        // The place is a section, not a whole chapter (the link checker of `mdbook/build`
        // checks that each `#` fragment exists, in both languages).
        let links: Vec<&str> = cells[2].split("](").skip(1).collect();
        assert!(!links.is_empty(), "a row links to no section: {row}");
        for link in links {
            let target = link.split(')').next().unwrap();
            assert!(
                target.contains(".md#"),
                "a row links to a whole chapter, not to the section that shows it: {row}"
            );
        }
        let cell = cells[3].trim();
        let names: Vec<&str> = cell.split('`').filter(|p| p.contains("::")).collect();
        assert!(!names.is_empty(), "a row names no test: {row}");
        for name in names {
            let (lesson, test) = name.split_once("::").unwrap();
            let dir = root().join("crates").join(lesson).join("tests");
            let found = fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .filter_map(|e| fs::read_to_string(e.ok()?.path()).ok())
                .any(|text| text.contains(&format!("fn {test}(")));
            assert!(
                found,
                "the map names `{name}`, which is not a test of crates/{lesson}/tests"
            );
        }
    }
}

/// The asyncio coverage table (appendix-asyncio.md): a row for every section of Python's
/// asyncio-task page and every item of its queue and synchronisation pages, each naming the Rust
/// counterpart, linking a section (the book's link check catches a dead one) and naming a test
/// that exists; a row may go without a test only where Rust has no counterpart and says so.
#[test]
fn the_asyncio_coverage_table_has_a_row_for_every_section() {
    let text = read(&src().join("appendix-asyncio.md"));
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| 파이썬"))
        .collect();
    assert_eq!(
        rows.len(),
        23,
        "15 sections of the task page and 8 queue and sync items"
    );
    for name in [
        "create_task",
        "TaskGroup",
        "shield",
        "timeout_at",
        "wait_for",
        "to_thread",
        "run_coroutine_threadsafe",
        "current_task",
        "all_tasks",
        "eager_task_factory",
        "add_done_callback",
        "uncancel",
        "CancelledError",
        "Semaphore",
        "Queue",
        "Event",
        "PriorityQueue",
        "task_done",
        "Lock",
        "Condition",
        "Barrier",
        "gather",
        "as_completed",
    ] {
        assert!(
            rows.iter()
                .any(|r| r.split(" | ").next().unwrap_or("").contains(name)),
            "no row names `{name}` in its Python column"
        );
    }
    for row in rows {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells.len(), 4, "a row of four cells: {row}");
        assert!(cells.iter().all(|c| !c.is_empty()), "an empty cell: {row}");
        assert!(
            cells[2].contains(".md#"),
            "a row links to no section: {row}"
        );
        if cells[3] == "—" {
            assert!(
                cells[1].starts_with("없음"),
                "a row without a test must say Rust has no counterpart: {row}"
            );
            continue;
        }
        for name in cells[3].split('`').filter(|p| p.contains("::")) {
            let (lesson, test) = name.split_once("::").unwrap();
            let dir = root().join("crates").join(lesson).join("tests");
            let found = fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .filter_map(|e| fs::read_to_string(e.ok()?.path()).ok())
                .any(|t| t.contains(&format!("fn {test}(")));
            assert!(
                found,
                "the table names `{name}`, which is not a test of crates/{lesson}/tests"
            );
        }
    }
}
