//! `course release --gradescope DIR`: the autograder Gradescope runs. Zipped, the folder is
//! what Gradescope's "Configure Autograder" takes: `setup.sh` (Rust, the course tool, the
//! exercises' dependencies built once), `run_autograder` (grades one submission with the
//! course's own grader and writes its Gradescope results), and the course itself, with the
//! instructor's private hidden tests when given.

use std::path::{Path, PathBuf};

use crate::Lang;
use crate::course::Course;
use crate::error::{Error, Result};
use crate::fsx;

/// What the bundle grades with.
pub struct Settings<'a> {
    /// The instructor's private hidden tests (as `grade --hidden`).
    pub hidden: Option<&'a Path>,
    pub seed: u64,
    /// Percent of the score per day after Gradescope's due date (0: none).
    pub penalty_per_day: u32,
    /// The language of the feedback students read.
    pub lang: Lang,
}

/// The parts of the course repository the grader needs: the workspace (every member, so cargo
/// can read it), the lessons, the pinned toolchain. Not its build output, the book or git.
const COURSE_PARTS: [&str; 6] = [
    "Cargo.toml",
    "Cargo.lock",
    "rust-toolchain.toml",
    "crates",
    "lessons",
    "tests",
];

/// Writes the bundle into `out` (new or empty) and gives the number of files.
pub fn bundle(course: &Course, out: &Path, settings: &Settings) -> Result<usize> {
    if !fsx::is_empty_dir(out) {
        return Err(Error::new(format!(
            "{} already exists and is not empty; release writes only into a new or empty folder",
            out.display()
        )));
    }
    if settings.penalty_per_day > 100 {
        return Err(Error::new(format!(
            "--penalty-per-day {}: a percent, at most 100",
            settings.penalty_per_day
        )));
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for part in COURSE_PARTS {
        let from = course.root.join(part);
        if from.is_file() {
            files.push((Path::new("course").join(part), read(&from)?));
        } else if from.is_dir() {
            for rel in fsx::files_under(&from)? {
                if rel
                    .components()
                    .any(|c| matches!(c.as_os_str().to_str(), Some("target" | "node_modules")))
                {
                    continue;
                }
                files.push((
                    Path::new("course").join(part).join(&rel),
                    read(&from.join(&rel))?,
                ));
            }
        }
    }
    if let Some(hidden) = settings.hidden {
        // Checked as `grade --hidden` reads it, so that a bundle never fails on Gradescope for it.
        course.clone().with_private_tests(hidden)?;
        for rel in fsx::files_under(hidden)? {
            files.push((Path::new("hidden").join(&rel), read(&hidden.join(&rel))?));
        }
    }
    let lang = match settings.lang {
        Lang::Ko => "ko",
        Lang::En => "en",
    };
    let run = include_str!("gradescope/run_autograder")
        .replace("@LANG@", lang)
        .replace("@SEED@", &settings.seed.to_string())
        .replace("@PENALTY@", &settings.penalty_per_day.to_string());
    files.push((PathBuf::from("run_autograder"), run.into_bytes()));
    files.push((
        PathBuf::from("setup.sh"),
        include_str!("gradescope/setup.sh").as_bytes().to_vec(),
    ));
    files.push((PathBuf::from("README.md"), readme(settings).into_bytes()));
    for (rel, contents) in &files {
        fsx::write_atomic(&out.join(rel), contents)?;
    }
    for script in ["run_autograder", "setup.sh"] {
        use std::os::unix::fs::PermissionsExt;
        let path = out.join(script);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| Error::io(&path, e))?;
    }
    Ok(files.len())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

fn readme(settings: &Settings) -> String {
    format!(
        "# Gradescope autograder · Gradescope 자동 채점기\n\n\
         Zip the contents of this folder (not the folder itself) and upload the zip in the\n\
         assignment's \"Configure Autograder\" (base image: Ubuntu):\n\n\
         이 폴더의 내용물(폴더 자체가 아니라)을 zip으로 묶어 과제의 \"Configure Autograder\"에 올립니다(기본 이미지: Ubuntu):\n\n\
         ```sh\ncd this-folder && zip -r ../autograder.zip .\n```\n\n\
         - Students hand in their exercise folder (or a zip of it): `lessons/NN-<lesson>/src/<exercise>.rs`.\n\
         - Hidden tests are shown after the due date; the score at once. Seed {seed}; late penalty {penalty}% per day.\n\
         - Try it before uploading: `AUTOGRADER_ROOT=/tmp/ag bash run_autograder`, with the submission in `/tmp/ag/submission`\n\
           (run `bash setup.sh` once first, or set `COURSE_TOOL` to a built `course`).\n",
        seed = settings.seed,
        penalty = settings.penalty_per_day
    )
}
