//! `course merge`: joins the outputs of `grade --shard K/N` runs into one gradebook.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fsx;

/// The first field of a CSV row (the student), unquoted.
pub fn first_field(row: &str) -> String {
    if let Some(rest) = row.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    out.push('"');
                    chars.next();
                } else {
                    break;
                }
            } else {
                out.push(c);
            }
        }
        out
    } else {
        row.split(',').next().unwrap_or_default().to_string()
    }
}

/// Merges the shard folders `inputs` into `out`: one gradebook, and every student's folder.
pub fn merge(inputs: &[PathBuf], out: &Path) -> Result<usize> {
    if inputs.is_empty() {
        return Err(Error::new("merge needs at least one graded folder"));
    }
    let mut header: Option<String> = None;
    let mut rows: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    for input in inputs {
        let path = input.join("gradebook.csv");
        let text = fsx::read(&path).map_err(|_| {
            Error::new(format!(
                "{}: not a graded folder (no gradebook.csv)",
                input.display()
            ))
        })?;
        let mut lines = text.lines();
        let head = lines.next().unwrap_or_default().to_string();
        match &header {
            None => header = Some(head),
            Some(h) if *h != head => {
                return Err(Error::new(format!(
                    "{}: its gradebook has other exercises than {} (graded with another version of the course?)",
                    input.display(),
                    inputs[0].display()
                )));
            }
            Some(_) => {}
        }
        for row in lines.filter(|l| !l.is_empty()) {
            let student = first_field(row);
            if let Some((_, other)) = rows.get(&student) {
                return Err(Error::new(format!(
                    "student `{student}` is graded in both {} and {}",
                    other.display(),
                    input.display()
                )));
            }
            rows.insert(student, (row.to_string(), input.clone()));
        }
    }
    for (student, (_, input)) in &rows {
        let from = input.join(student);
        let to = out.join(student);
        if from == to {
            continue;
        }
        for file in crate::grade::report::STUDENT_FILES {
            let text = fsx::read(&from.join(file))?;
            fsx::write_atomic(&to.join(file), text)?;
        }
    }
    let mut book = header.unwrap_or_default();
    book.push('\n');
    for (row, _) in rows.values() {
        book.push_str(row);
        book.push('\n');
    }
    fsx::write_atomic(&out.join("gradebook.csv"), book)?;
    crate::grade::report::rewrite_junit(out)?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_student_names_are_read_whole() {
        assert_eq!(first_field("\"Kim, \"\"Jay\"\"\",3,4"), "Kim, \"Jay\"");
        assert_eq!(first_field("lee,1,2"), "lee");
    }
}
