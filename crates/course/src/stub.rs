//! From the instructor's source to the student's: solution regions become `todo!()`, grading
//! tests disappear from the manifest.

use crate::error::{Error, Result};

pub const BEGIN: &str = "// BEGIN SOLUTION";
pub const END: &str = "// END SOLUTION";
const BEGIN_GRADING: &str = "# BEGIN GRADING";
const END_GRADING: &str = "# END GRADING";

/// Replaces every `// BEGIN SOLUTION` ... `// END SOLUTION` region (the whole body of a
/// function) with a bilingual TODO and `todo!()`. `id` names the exercise in the hint command.
pub fn stub_source(text: &str, id: &str, file: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let trimmed = line.trim();
        if trimmed == END {
            return Err(Error::new(format!(
                "{file}:{}: `{END}` without `{BEGIN}`",
                n + 1
            )));
        }
        if trimmed != BEGIN {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let mut closed = false;
        for (m, inner) in lines.by_ref() {
            match inner.trim() {
                END => {
                    closed = true;
                    break;
                }
                BEGIN => {
                    return Err(Error::new(format!(
                        "{file}:{}: `{BEGIN}` inside another solution region",
                        m + 1
                    )));
                }
                _ => {}
            }
        }
        if !closed {
            return Err(Error::new(format!(
                "{file}:{}: `{BEGIN}` is never closed by `{END}`",
                n + 1
            )));
        }
        out.push_str(&format!(
            "{indent}// TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint {id}\n\
             {indent}// TODO: complete this. Stuck? cargo run -p course -- hint {id}\n\
             {indent}todo!()\n"
        ));
    }
    Ok(out)
}

/// Whether `text` holds a solution region.
pub fn has_solution(text: &str) -> bool {
    text.lines().any(|l| l.trim() == BEGIN)
}

/// Removes the `# BEGIN GRADING` ... `# END GRADING` block (the hidden tests' `[[test]]`
/// entries) from a lesson's Cargo.toml.
pub fn strip_grading(manifest: &str, file: &str) -> Result<String> {
    let mut out = String::new();
    let mut inside = false;
    for (n, line) in manifest.lines().enumerate() {
        match line.trim() {
            BEGIN_GRADING if inside => {
                return Err(Error::new(format!(
                    "{file}:{}: nested `{BEGIN_GRADING}`",
                    n + 1
                )));
            }
            BEGIN_GRADING => inside = true,
            END_GRADING if !inside => {
                return Err(Error::new(format!(
                    "{file}:{}: `{END_GRADING}` without `{BEGIN_GRADING}`",
                    n + 1
                )));
            }
            END_GRADING => inside = false,
            _ if inside => {}
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if inside {
        return Err(Error::new(format!(
            "{file}: `{BEGIN_GRADING}` is never closed"
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_becomes_a_bilingual_todo() {
        let source =
            "pub fn f() -> u32 {\n    // BEGIN SOLUTION\n    41 + 1\n    // END SOLUTION\n}\n";
        let stub = stub_source(source, "l/f", "f.rs").unwrap();
        assert_eq!(
            stub,
            "pub fn f() -> u32 {\n    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint l/f\n    // TODO: complete this. Stuck? cargo run -p course -- hint l/f\n    todo!()\n}\n"
        );
        assert!(has_solution(source) && !has_solution(&stub));
    }

    #[test]
    fn broken_markers_are_refused_with_their_line() {
        let open = stub_source("fn f() {\n// BEGIN SOLUTION\n}\n", "l/f", "f.rs").unwrap_err();
        assert_eq!(
            open.to_string(),
            "f.rs:2: `// BEGIN SOLUTION` is never closed by `// END SOLUTION`"
        );
        let stray = stub_source("// END SOLUTION\n", "l/f", "f.rs").unwrap_err();
        assert_eq!(
            stray.to_string(),
            "f.rs:1: `// END SOLUTION` without `// BEGIN SOLUTION`"
        );
    }

    #[test]
    fn the_grading_block_leaves_the_manifest() {
        let manifest =
            "[package]\nname = \"x\"\n\n# BEGIN GRADING\n[[test]]\nname = \"g\"\n# END GRADING\n";
        assert_eq!(
            strip_grading(manifest, "Cargo.toml").unwrap(),
            "[package]\nname = \"x\"\n\n"
        );
        assert!(strip_grading("# BEGIN GRADING\n", "Cargo.toml").is_err());
    }
}
