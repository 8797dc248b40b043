//! The instructor's decisions after a grading, kept in one TOML file and applied on every grade
//! (`course grade ... --overrides FILE`), so that a regrade never loses them and every output
//! says what was changed and why:
//!
//! ```text
//! due = 2026-12-10T23:59:00+09:00   # the deadline
//! penalty_per_day = 10              # percent of the total per day late, or part of one
//!
//! [submitted]                       # when each student handed in (from the LMS's download)
//! dana = 2026-12-11T09:30:00+09:00
//!
//! [[adjust]]                        # a manual adjustment of one exercise's points
//! student = "farid"
//! exercise = "wait/as_completed"
//! points = 2
//! reason = "the test's 1 s margin was too tight for his machine's answer"
//!
//! [[waive]]                         # a flag reviewed and found fine: graded after all
//! student = "dana"
//! exercise = "tasks/cancel_the_group"
//! reason = "AbortHandle::abort is allowed"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::value::Datetime;

use crate::course::Course;
use crate::error::{Error, Result};
use crate::fsx;
use crate::grade::StudentResult;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    pub due: Option<Datetime>,
    #[serde(default)]
    pub penalty_per_day: u32,
    #[serde(default)]
    pub submitted: BTreeMap<String, Datetime>,
    #[serde(default)]
    pub adjust: Vec<Adjust>,
    #[serde(default)]
    pub waive: Vec<Waive>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjust {
    pub student: String,
    pub exercise: String,
    pub points: i64,
    pub reason: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waive {
    pub student: String,
    pub exercise: String,
    pub reason: String,
}

/// How late a submission was, and what it cost.
#[derive(Clone, Debug, serde::Serialize, PartialEq, Eq)]
pub struct Late {
    /// Days late, a part of a day counting as one.
    pub days: u32,
    /// Percent of the total taken off.
    pub percent: u32,
}

impl Overrides {
    /// Reads and checks `path`: every exercise is one of the course's, every time has a date, a
    /// time and an offset, a penalty needs a due date, reasons are not empty.
    pub fn read(path: &Path, course: &Course) -> Result<Overrides> {
        let text = fsx::read(path)?;
        let overrides: Overrides =
            toml::from_str(&text).map_err(|e| Error::new(format!("{}: {e}", path.display())))?;
        let bad = |what: String| Err(Error::new(format!("{}: {what}", path.display())));
        if overrides.penalty_per_day > 100 {
            return bad(format!(
                "penalty_per_day is {}: a percent, at most 100",
                overrides.penalty_per_day
            ));
        }
        if overrides.due.is_none() && !overrides.submitted.is_empty() {
            return bad("[submitted] times need a `due` date to compare with".into());
        }
        for (what, at) in overrides.due.iter().map(|d| ("due".to_string(), d)).chain(
            overrides
                .submitted
                .iter()
                .map(|(s, d)| (format!("submitted.{s}"), d)),
        ) {
            if epoch_seconds(at).is_none() {
                return bad(format!(
                    "{what} = {at}: give a date, a time and an offset, like 2026-12-10T23:59:00+09:00"
                ));
            }
        }
        let entries = overrides
            .adjust
            .iter()
            .map(|a| ("adjust", &a.student, &a.exercise, &a.reason))
            .chain(
                overrides
                    .waive
                    .iter()
                    .map(|w| ("waive", &w.student, &w.exercise, &w.reason)),
            );
        for (kind, student, exercise, reason) in entries {
            if course.find(exercise).is_err() {
                return bad(format!(
                    "[[{kind}]] for {student}: no exercise `{exercise}` in the course"
                ));
            }
            if reason.trim().is_empty() {
                return bad(format!(
                    "[[{kind}]] for {student}, {exercise}: say why (reason = \"...\")"
                ));
            }
        }
        Ok(overrides)
    }

    /// The reason a flag on `student`'s `exercise` was waived, if it was.
    pub fn waived(&self, student: &str, exercise: &str) -> Option<&str> {
        self.waive
            .iter()
            .find(|w| w.student == student && w.exercise == exercise)
            .map(|w| w.reason.as_str())
    }

    /// Applies the adjustments and the late penalty to a graded student, and notes each.
    pub fn apply(&self, result: &mut StudentResult) {
        for a in self.adjust.iter().filter(|a| a.student == result.student) {
            if let Some(e) = result.exercises.iter_mut().find(|e| e.id == a.exercise) {
                let points = (i64::from(e.points) + a.points).clamp(0, i64::from(e.max_points));
                e.points = points as u32;
                e.overrides
                    .push(format!("adjusted by {:+}: {}", a.points, a.reason));
            }
        }
        if let (Some(due), Some(at)) = (&self.due, self.submitted.get(&result.student)) {
            let late = epoch_seconds(at).unwrap_or(0) - epoch_seconds(due).unwrap_or(0);
            if late > 0 {
                let days = ((late + 86_399) / 86_400) as u32;
                result.late = Some(Late {
                    days,
                    percent: (days * self.penalty_per_day).min(100),
                });
            }
        }
    }
}

/// Seconds since 1970 of a date-time with an offset; `None` without date, time or offset.
fn epoch_seconds(at: &Datetime) -> Option<i64> {
    let (date, time, offset) = (at.date?, at.time?, at.offset?);
    // Days from 1970-01-01 to the date (the civil-from-days algorithm, run backwards).
    let (y, m, d) = (
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let offset_minutes = match offset {
        toml::value::Offset::Z => 0,
        toml::value::Offset::Custom { minutes } => i64::from(minutes),
    };
    Some(
        days * 86_400
            + i64::from(time.hour) * 3600
            + i64::from(time.minute) * 60
            + i64::from(time.second.unwrap_or(0))
            - offset_minutes * 60,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Datetime {
        text.parse().unwrap()
    }

    #[test]
    fn epoch_seconds_follow_the_calendar_and_the_offset() {
        assert_eq!(epoch_seconds(&at("1970-01-01T00:00:00Z")), Some(0));
        assert_eq!(
            epoch_seconds(&at("2000-03-01T00:00:00Z")),
            Some(951_868_800)
        );
        assert_eq!(
            epoch_seconds(&at("2026-12-11T09:00:00+09:00")),
            epoch_seconds(&at("2026-12-11T00:00:00Z"))
        );
        assert_eq!(epoch_seconds(&at("2026-12-11")), None);
        assert_eq!(epoch_seconds(&at("2026-12-11T09:00:00")), None);
    }
}
