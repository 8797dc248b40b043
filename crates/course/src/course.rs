//! The course as the tool sees it: the lessons under `lessons/NN-<lesson>/`, each with its
//! `lesson.toml` (titles, exercises, hints, points).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Lang;
use crate::error::{Error, Result};

/// A Korean and an English text.
#[derive(Clone, Debug, Deserialize, serde::Serialize, PartialEq, Eq)]
pub struct Text {
    pub ko: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko => &self.ko,
            Lang::En => &self.en,
        }
    }
}

/// A hint, and the tests whose failure it answers (`tests = [...]` in `lesson.toml`): the
/// grader's feedback shows the hint tied to a failing test, or else the first.
#[derive(Clone, Debug, Deserialize)]
pub struct Hint {
    #[serde(flatten)]
    pub text: Text,
    #[serde(default)]
    pub tests: Vec<String>,
}

impl Hint {
    pub fn get(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

/// One exercise: `src/<name>.rs` to complete, `tests/<name>.rs` to see, `grading/<name>.rs`
/// hidden.
#[derive(Clone, Debug, Deserialize)]
pub struct Exercise {
    pub name: String,
    pub title: Text,
    pub hints: Vec<Hint>,
    /// Points per test function, visible and hidden tests alike.
    pub points: BTreeMap<String, u32>,
}

#[derive(Deserialize)]
struct LessonToml {
    lesson: String,
    title: Text,
    #[serde(rename = "exercise")]
    exercises: Vec<Exercise>,
}

/// One lesson's exercises: one crate.
#[derive(Clone, Debug)]
pub struct Lesson {
    /// `lessons/05-gather`
    pub dir: PathBuf,
    /// `05-gather`: the folder's name, also in the student version and in submissions.
    pub folder: String,
    /// `gather`: the lesson crate it practises.
    pub lesson: String,
    /// `gather-exercises`: the cargo package.
    pub package: String,
    pub title: Text,
    pub exercises: Vec<Exercise>,
    /// The instructor's private hidden tests for this lesson (`<private>/<folder>/`), laid over
    /// `grading/` (see [`Course::with_private_tests`]).
    pub private: Option<PathBuf>,
}

impl Lesson {
    /// Where an exercise's hidden tests are: the private folder's file when there is one.
    pub fn grading_file(&self, exercise: &str) -> PathBuf {
        let name = format!("{exercise}.rs");
        self.private
            .as_ref()
            .map(|p| p.join("grading").join(&name))
            .filter(|p| p.is_file())
            .unwrap_or_else(|| self.dir.join("grading").join(&name))
    }

    /// The exercise id used on the command line and in gradebooks: `gather/join_three_lookups`.
    pub fn id(&self, exercise: &Exercise) -> String {
        format!("{}/{}", self.lesson, exercise.name)
    }

    pub fn max_points(exercise: &Exercise) -> u32 {
        exercise.points.values().sum()
    }

    /// This lesson's folder in a learner's or a student's `lessons/`: `NN-<lesson>` as the
    /// course numbers it now or, in a copy made before the lessons were renumbered (lessons 2
    /// and 3 swapped places), the one folder `MM-<lesson>` under another number.
    pub fn folder_in(&self, lessons_dir: &Path) -> Option<PathBuf> {
        let exact = lessons_dir.join(&self.folder);
        if exact.is_dir() {
            return Some(exact);
        }
        let suffix = format!("-{}", self.lesson);
        let mut found = fs::read_dir(lessons_dir)
            .ok()?
            .filter_map(|e| e.ok())
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(&suffix).is_some_and(|number| {
                    !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
                }) && e.path().is_dir()
            })
            .map(|e| e.path());
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }
}

/// All the lessons of a course checkout, in folder order.
#[derive(Clone, Debug)]
pub struct Course {
    pub root: PathBuf,
    pub lessons: Vec<Lesson>,
}

impl Course {
    /// The course with the instructor's private hidden tests laid over each lesson's
    /// `grading/`: `dir/NN-<lesson>/grading/<exercise>.rs` replaces the public file, and
    /// `dir/NN-<lesson>/points.toml` (`[<exercise>]` tables of `test = points`) gives the hidden
    /// tests' points in place of the public ones (the visible tests' points stay).
    pub fn with_private_tests(mut self, dir: &Path) -> Result<Course> {
        if !dir.is_dir() {
            return Err(Error::new(format!(
                "{}: no such folder of private hidden tests",
                dir.display()
            )));
        }
        for lesson in &mut self.lessons {
            let private = dir.join(&lesson.folder);
            if !private.is_dir() {
                continue;
            }
            let points = private.join("points.toml");
            if points.is_file() {
                let text = fs::read_to_string(&points).map_err(|e| Error::io(&points, e))?;
                let table: BTreeMap<String, BTreeMap<String, u32>> = toml::from_str(&text)
                    .map_err(|e| Error::new(format!("{}: {e}", points.display())))?;
                for (name, tests) in table {
                    let Some(exercise) = lesson.exercises.iter_mut().find(|e| e.name == name)
                    else {
                        return Err(Error::new(format!(
                            "{}: no exercise `{name}` in lesson {}",
                            points.display(),
                            lesson.folder
                        )));
                    };
                    let visible_path = lesson.dir.join("tests").join(format!("{name}.rs"));
                    let visible = crate::selfcheck::test_names(
                        &fs::read_to_string(&visible_path).unwrap_or_default(),
                    );
                    exercise.points.retain(|test, _| visible.contains(test));
                    exercise.points.extend(tests);
                }
            }
            lesson.private = Some(private);
        }
        Ok(self)
    }

    /// Reads `root/lessons/*/lesson.toml`.
    pub fn load(root: &Path) -> Result<Course> {
        let lessons_dir = root.join("lessons");
        if !lessons_dir.is_dir() {
            return Err(Error::new(format!(
                "{} is not a course checkout (it has no lessons/ folder); pass --course <folder of the course repository>",
                root.display()
            )));
        }
        let mut dirs: Vec<PathBuf> = fs::read_dir(&lessons_dir)
            .map_err(|e| Error::io(&lessons_dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("lesson.toml").is_file())
            .collect();
        dirs.sort();
        let mut lessons = Vec::new();
        for dir in dirs {
            lessons.push(load_lesson(&dir)?);
        }
        Ok(Course {
            root: root.to_path_buf(),
            lessons,
        })
    }

    /// Finds `lesson/exercise`; the error lists what exists.
    pub fn find(&self, id: &str) -> Result<(&Lesson, &Exercise)> {
        for lesson in &self.lessons {
            for exercise in &lesson.exercises {
                if lesson.id(exercise) == id {
                    return Ok((lesson, exercise));
                }
            }
        }
        let known: Vec<String> = self.all().map(|(l, e)| l.id(e)).collect();
        Err(Error::new(format!(
            "no exercise `{id}`; the exercises are: {}",
            known.join(", ")
        )))
    }

    /// Every (lesson, exercise), in order.
    pub fn all(&self) -> impl Iterator<Item = (&Lesson, &Exercise)> {
        self.lessons
            .iter()
            .flat_map(|l| l.exercises.iter().map(move |e| (l, e)))
    }
}

fn load_lesson(dir: &Path) -> Result<Lesson> {
    let path = dir.join("lesson.toml");
    let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let parsed: LessonToml =
        toml::from_str(&text).map_err(|e| Error::new(format!("{}: {e}", path.display())))?;
    let cargo = dir.join("Cargo.toml");
    let manifest = fs::read_to_string(&cargo).map_err(|e| Error::io(&cargo, e))?;
    let table: toml::Table =
        toml::from_str(&manifest).map_err(|e| Error::new(format!("{}: {e}", cargo.display())))?;
    let package = table
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .ok_or_else(|| Error::new(format!("{} has no package name", cargo.display())))?
        .to_string();
    if parsed.exercises.is_empty() {
        return Err(Error::new(format!(
            "{} lists no [[exercise]]",
            path.display()
        )));
    }
    Ok(Lesson {
        dir: dir.to_path_buf(),
        folder: dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned(),
        lesson: parsed.lesson,
        package,
        title: parsed.title,
        private: None,
        exercises: parsed.exercises,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_folder_is_found_under_its_number_or_under_the_one_other_number() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let course = Course::load(&root).unwrap();
        let future = course
            .lessons
            .iter()
            .find(|l| l.lesson == "future")
            .unwrap();
        assert_eq!(future.folder, "03-future");

        let dir = std::env::temp_dir().join(format!("folder-in-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("02-future")).unwrap();
        fs::create_dir_all(dir.join("x-future")).unwrap(); // not a number: not the lesson
        fs::write(dir.join("04-future"), "").unwrap(); // a file, not a folder
        assert_eq!(future.folder_in(&dir), Some(dir.join("02-future")));
        fs::create_dir_all(dir.join("07-future")).unwrap();
        assert_eq!(
            future.folder_in(&dir),
            None,
            "two candidates: neither is taken"
        );
        fs::create_dir_all(dir.join("03-future")).unwrap();
        assert_eq!(future.folder_in(&dir), Some(dir.join("03-future")));
        fs::remove_dir_all(&dir).unwrap();
    }
}
