//! The class's grades as an LMS imports them (`course export GRADED --to canvas|moodle`): one
//! total column, the LMS's own identifier columns, and (Moodle) the plain-text feedback.
//!
//! The identifiers come from the submission folders' names, as the LMS's bulk download names
//! them:
//! - Moodle, "Download submissions in folders": `Bora Lee_1002_assignsubmission_file_`, where
//!   1002 is the participant's id in this assignment. Moodle's "Upload grading worksheet" matches
//!   rows by `Identifier` = `Participant 1002`, and needs the `Grade` and `Last modified (grade)`
//!   columns (`mod/assign/feedback/offline/importgradeslib.php`); `Feedback comments` fills the
//!   comments of the feedback plugin of that name.
//! - Canvas, "Download Submissions": `leebora_1002_54321_hand-in.zip` (sortable name, `LATE`
//!   when late, user id, submission id, file name), unpacked into a folder of that name. Canvas's
//!   gradebook import matches rows by `ID` (or the SIS columns) and reads a column named
//!   `Assignment (id)` into that assignment; the `Points Possible` row sets a new one's points.
//!
//! A folder without such a name has no identifier, and the export says so instead of writing a
//! row the LMS would not match.

use std::fmt::Write;
use std::path::Path;

use crate::Lang;
use crate::error::{Error, Result};
use crate::fsx;
use crate::grade::formats::gradebook::csv_field;
use crate::grade::report;

/// The LMSs whose import files `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lms {
    Canvas,
    Moodle,
}

/// Who a submission folder belongs to, as the LMS knows them.
#[derive(Debug, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub id: String,
}

/// Moodle's folder name: `<full name>_<participant id>_assignsubmission_<plugin>_`.
pub fn moodle_identity(folder: &str) -> Option<Identity> {
    let (before, _) = folder.rsplit_once("_assignsubmission_")?;
    let (name, id) = before.rsplit_once('_')?;
    (!name.is_empty() && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| {
        Identity {
            name: name.to_string(),
            id: id.to_string(),
        }
    })
}

/// Canvas's file name: `<sortable name>[_LATE]_<user id>_<submission id>_<file>`.
pub fn canvas_identity(folder: &str) -> Option<Identity> {
    let mut parts = folder.split('_');
    let name = parts.next()?;
    let mut id = parts.next()?;
    if id.eq_ignore_ascii_case("late") {
        id = parts.next()?;
    }
    let submission = parts.next()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (!name.is_empty() && digits(id) && digits(submission)).then(|| Identity {
        name: name.to_string(),
        id: id.to_string(),
    })
}

/// The import file for `lms` from a graded folder, with a UTF-8 byte order mark when `bom` (for
/// Excel, which otherwise reads Hangul as another encoding). `assignment` names Canvas's column;
/// Moodle's feedback is in `lang`.
pub fn export(graded: &Path, lms: Lms, assignment: &str, bom: bool, lang: Lang) -> Result<String> {
    let names = report::graded_students(graded)?;
    if names.is_empty() {
        return Err(Error::new(format!(
            "{}: no graded students in it (run `course grade` into it first)",
            graded.display()
        )));
    }
    let identify = match lms {
        Lms::Canvas => canvas_identity,
        Lms::Moodle => moodle_identity,
    };
    let mut known: Vec<(&String, Identity)> = Vec::new();
    let mut unknown: Vec<&String> = Vec::new();
    for name in &names {
        match identify(name) {
            Some(who) => known.push((name, who)),
            None => unknown.push(name),
        }
    }
    if !unknown.is_empty() {
        let shown: Vec<&str> = unknown.iter().take(5).map(|s| s.as_str()).collect();
        let expected = match lms {
            Lms::Canvas => "Canvas's download names, <name>_<user id>_<submission id>_<file>",
            Lms::Moodle => "Moodle's download folders, <full name>_<id>_assignsubmission_file_",
        };
        return Err(Error::new(format!(
            "{} of {} student folders carry no {lms:?} identifier ({}{}); keep the names of {expected}, when unpacking",
            unknown.len(),
            names.len(),
            shown.join(", "),
            if unknown.len() > 5 { ", ..." } else { "" }
        )));
    }
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    let code = match lang {
        Lang::Ko => "ko",
        Lang::En => "en",
    };
    match lms {
        Lms::Canvas => {
            let _ = writeln!(
                out,
                "Student,ID,SIS User ID,SIS Login ID,Section,{}",
                csv_field(assignment)
            );
            let mut max = None;
            let mut rows = String::new();
            for (name, who) in &known {
                let result = report::read_student(graded, name)?;
                max.get_or_insert(result.exercises.iter().map(|e| e.max_points).sum::<u32>());
                let _ = writeln!(
                    rows,
                    "{},{},,,,{}",
                    csv_field(&who.name),
                    who.id,
                    result.total()
                );
            }
            let _ = writeln!(out, "Points Possible,,,,,{}", max.unwrap_or(0));
            out.push_str(&rows);
        }
        Lms::Moodle => {
            let _ = writeln!(
                out,
                "Identifier,Full name,Grade,Maximum Grade,Last modified (grade),Feedback comments"
            );
            for (name, who) in &known {
                let result = report::read_student(graded, name)?;
                let max: u32 = result.exercises.iter().map(|e| e.max_points).sum();
                let feedback = fsx::read(&graded.join(name).join(format!("feedback.{code}.txt")))?;
                let _ = writeln!(
                    out,
                    "Participant {},{},{},{max},-,{}",
                    who.id,
                    csv_field(&who.name),
                    result.total(),
                    csv_field(feedback.trim_end())
                );
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moodle_and_canvas_download_names_give_the_name_and_the_id() {
        let who = |name: &str, id: &str| {
            Some(Identity {
                name: name.into(),
                id: id.into(),
            })
        };
        assert_eq!(
            moodle_identity("Bora Lee_1002_assignsubmission_file_"),
            who("Bora Lee", "1002")
        );
        assert_eq!(
            moodle_identity("이은_1003_assignsubmission_onlinetext_"),
            who("이은", "1003")
        );
        assert_eq!(
            moodle_identity("Kim_Jay_1004_assignsubmission_file"),
            who("Kim_Jay", "1004")
        );
        assert_eq!(moodle_identity("bora"), None);
        assert_eq!(moodle_identity("Bora_x1_assignsubmission_file_"), None);
        assert_eq!(
            canvas_identity("leebora_1002_54321_hand-in"),
            who("leebora", "1002")
        );
        assert_eq!(
            canvas_identity("leebora_LATE_1002_54321_hand-in"),
            who("leebora", "1002")
        );
        assert_eq!(
            canvas_identity("Bora Lee_1002_assignsubmission_file_"),
            None
        );
        assert_eq!(canvas_identity("dana"), None);
    }
}
