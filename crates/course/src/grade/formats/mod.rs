//! What a grading writes, each a projection of the per-test records (`TestResult` in each
//! `ExerciseResult` of a `StudentResult`): nothing here grades, and nothing here reads a
//! submission.
//!
//! | module | file | for |
//! |---|---|---|
//! | `exercism` | `<student>/results.json` | Exercism's test-runner shape; also the record kept for later runs |
//! | `gradescope` | `<student>/gradescope.json` | Gradescope's autograder results |
//! | `feedback` | `<student>/feedback.<ko,en>.<md,txt>` | the student; an LMS comment box |
//! | `gradebook` | `gradebook.csv` | the instructor's spreadsheet |
//! | `junit` | `junit.xml` | CI servers, CodeGrade |
//! | `lms` | `course export`: `canvas.csv`, `moodle.csv` | Canvas's and Moodle's grade import |

pub mod exercism;
pub mod feedback;
pub mod gradebook;
pub mod gradescope;
pub mod junit;
pub mod lms;
