//! The grading as JUnit XML (`out/junit.xml`): what CI servers and CodeGrade read. One
//! `<testsuite>` per student, one `<testcase>` per test, its points as properties. A projection
//! of the per-test records, like every other output.
//!
//! Status mapping: `pass` passes; `fail` and `timeout` are `<failure>`; `did_not_build`, `flagged`
//! and `error` are `<error>`; `not_attempted` and `not_submitted` are `<skipped>` (no work to
//! judge).

use std::fmt::Write;

use crate::grade::StudentResult;

/// XML text with `& < > " '` escaped, and no control characters (which XML 1.0 forbids).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The whole class as one JUnit document.
pub fn junit(results: &[StudentResult]) -> String {
    let count = |r: &StudentResult, kinds: &[&str]| {
        r.exercises
            .iter()
            .flat_map(|e| e.tests.iter())
            .filter(|t| kinds.contains(&t.status.as_str()))
            .count()
    };
    let (mut tests, mut failures, mut errors, mut skipped) = (0, 0, 0, 0);
    let mut suites = String::new();
    for r in results {
        let n: usize = r.exercises.iter().map(|e| e.tests.len()).sum();
        let f = count(r, &["fail", "timeout"]);
        let e = count(r, &["did_not_build", "flagged", "error"]);
        let s = count(r, &["not_attempted", "not_submitted"]);
        tests += n;
        failures += f;
        errors += e;
        skipped += s;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{f}\" errors=\"{e}\" skipped=\"{s}\">\n    <properties>\n      <property name=\"total\" value=\"{}\"/>\n    </properties>",
            escape(&r.student),
            r.total()
        );
        for ex in &r.exercises {
            for t in &ex.tests {
                let name = t.name.rsplit("::").next().unwrap_or(&t.name);
                let _ = write!(
                    suites,
                    "    <testcase classname=\"{}.{}\" name=\"{}\">\n      <properties>\n        <property name=\"points\" value=\"{}\"/>\n        <property name=\"max_points\" value=\"{}\"/>\n      </properties>\n",
                    escape(&r.student),
                    escape(&ex.id),
                    escape(name),
                    t.points,
                    t.max_points
                );
                let message = t.message.as_deref().or(ex.message.as_deref()).unwrap_or("");
                let first = message.lines().next().unwrap_or(&t.status);
                match t.status.as_str() {
                    "pass" => {}
                    "fail" | "timeout" => {
                        let _ = writeln!(
                            suites,
                            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                            t.status,
                            escape(first),
                            escape(message)
                        );
                    }
                    "not_attempted" | "not_submitted" => {
                        let _ = writeln!(suites, "      <skipped message=\"{}\"/>", t.status);
                    }
                    other => {
                        let _ = writeln!(
                            suites,
                            "      <error type=\"{other}\" message=\"{}\">{}</error>",
                            escape(first),
                            escape(message)
                        );
                    }
                }
                suites.push_str("    </testcase>\n");
            }
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"course\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n{suites}</testsuites>\n"
    )
}
