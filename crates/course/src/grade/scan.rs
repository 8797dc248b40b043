//! Forbidden APIs in student code.
//!
//! The grader decides a pass from a test's exit status and its completion marker (see
//! `course-marker`), never from output. What could still cheat is student code that ends the
//! process, writes the marker file itself, reaches outside the sandbox, or replaces the
//! runner's symbols; each needs one of the items below. A submission that uses one is not
//! run: it is marked `flagged` with the reason, for the instructor to read.
//!
//! Comments and string literals are removed before the search, so a comment that mentions
//! `process::exit` is not a finding.

/// (pattern, why it is forbidden)
const FORBIDDEN: &[(&str, &str)] = &[
    (
        "process::",
        "std::process can exit, abort or start programs",
    ),
    ("exit(", "ending the process early can fake a test's result"),
    ("abort(", "aborting the process"),
    ("unsafe", "unsafe code can do anything the sandbox allows"),
    ("extern", "linking to outside code"),
    ("no_mangle", "replacing symbols of the test runner"),
    ("export_name", "replacing symbols of the test runner"),
    (
        "link_section",
        "placing code where the runner does not expect it",
    ),
    ("std::env", "the environment holds the grader's marker"),
    ("env::", "the environment holds the grader's marker"),
    ("env!", "compile-time environment"),
    ("option_env!", "compile-time environment"),
    ("std::fs", "the file system (the marker file, the tests)"),
    ("fs::", "the file system (the marker file, the tests)"),
    ("File", "the file system"),
    ("OpenOptions", "the file system"),
    ("std::os", "operating-system specific access"),
    ("std::net", "the network"),
    ("include!", "including files at compile time"),
    ("include_str!", "including files at compile time"),
    ("include_bytes!", "including files at compile time"),
    ("asm!", "inline assembly"),
    ("global_asm!", "inline assembly"),
    ("set_hook", "replacing the panic hook can hide a failure"),
    ("catch_unwind", "catching the test's own panics"),
    (
        "macro_export",
        "exporting macros that could shadow the tests' assertions",
    ),
    ("course_marker", "writing the completion marker"),
    ("COURSE_MARKER", "writing the completion marker"),
];

/// One forbidden item found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub pattern: &'static str,
    pub why: &'static str,
}

/// Searches `source` (the contents of `file`) for forbidden items.
pub fn scan(file: &str, source: &str) -> Vec<Finding> {
    let code = strip_comments_and_strings(source);
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        for &(pattern, why) in FORBIDDEN {
            if contains_word(line, pattern) {
                found.push(Finding {
                    file: file.to_string(),
                    line: n + 1,
                    pattern,
                    why,
                });
            }
        }
    }
    found
}

/// `pattern` in `line`, not as the tail of a longer identifier (`myexit(` is not `exit(`,
/// `Profile` is not `File`).
fn contains_word(line: &str, pattern: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(at) = line[from..].find(pattern) {
        let start = from + at;
        let before = line[..start].chars().next_back();
        let after = line[start + pattern.len()..].chars().next();
        let starts_clean = before.is_none_or(|c| !ident(c));
        let ends_clean =
            !pattern.chars().last().is_some_and(ident) || after.is_none_or(|c| !ident(c));
        if starts_clean && ends_clean {
            return true;
        }
        from = start + pattern.len();
    }
    false
}

/// Blanks out comments, string and char literals, keeping line breaks so line numbers stay.
pub fn strip_comments_and_strings(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let keep_newline = |c: char, out: &mut String| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    keep_newline(chars[i], &mut out);
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // Raw string r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some(&other) => {
                        keep_newline(other, &mut out);
                        j += 1;
                    }
                }
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = chars.get(i) {
                    keep_newline(ch, &mut out);
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\''
            && next.is_some()
            && (chars.get(i + 2) == Some(&'\'')
                || (next == Some('\\') && chars[i + 2..].iter().take(10).any(|&x| x == '\'')))
        {
            // A char literal ('a', '\n', '\u{1F600}'); lifetimes ('a without a closing quote) stay.
            let mut j = i + 1;
            if chars[j] == '\\' {
                j += 1;
            }
            j += 1;
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            out.push_str("' '");
            i = j + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(source: &str) -> Vec<&'static str> {
        scan("x.rs", source)
            .into_iter()
            .map(|f| f.pattern)
            .collect()
    }

    #[test]
    fn the_ways_to_fake_a_pass_are_found() {
        assert_eq!(
            patterns("fn f() { std::process::exit(0) }"),
            ["process::", "exit("]
        );
        assert_eq!(
            patterns("use std::process;\nfn f() { process::abort() }"),
            ["process::", "abort("]
        );
        assert_eq!(patterns("fn f() { unsafe { } }"), ["unsafe"]);
        assert_eq!(
            patterns("fn f() { let _ = std::fs::write(\"m\", \"\"); }"),
            ["std::fs", "fs::"]
        );
        assert_eq!(
            patterns("#[unsafe(no_mangle)] fn main() {}"),
            ["unsafe", "no_mangle"]
        );
    }

    #[test]
    fn comments_strings_and_longer_names_are_not_findings() {
        assert!(patterns("// never call process::exit here\nfn f() {}").is_empty());
        assert!(patterns("/* unsafe */ fn f() -> &'static str { \"exit(0) unsafe\" }").is_empty());
        assert!(patterns("fn myexit() {} fn profile() { let Profile = 1; }").is_empty());
        assert!(patterns("fn f<'a>(x: &'a str) -> char { 'x' }").is_empty());
        assert!(patterns("fn f() -> &'static str { r#\"std::fs\"# }").is_empty());
    }

    #[test]
    fn findings_keep_their_line_numbers() {
        let found = scan(
            "src/a.rs",
            "fn a() {}\n/* two\nlines */\nfn b() { std::process::exit(1) }\n",
        );
        assert_eq!(found[0].line, 4);
        assert_eq!(found[0].file, "src/a.rs");
    }
}
