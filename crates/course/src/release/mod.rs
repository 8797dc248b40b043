//! The student version of the exercises: solutions replaced by `todo!()`, hidden tests gone.
//!
//! The same tree serves a class (`course release --out DIR`) and a self-studying learner
//! (`course start`, which writes it into the learner's own folder without ever overwriting a
//! file that is already there).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::course::{Course, Lesson};
use crate::error::{Error, Result};
use crate::fsx;
use crate::stub;

pub mod gradescope;

/// The student version, as relative path -> contents.
pub fn student_files(course: &Course) -> Result<BTreeMap<PathBuf, Vec<u8>>> {
    let mut files = BTreeMap::new();
    files.insert(
        PathBuf::from("Cargo.toml"),
        workspace_manifest(&course.root)?.into_bytes(),
    );
    let lock = course.root.join("Cargo.lock");
    if lock.is_file() {
        files.insert(
            PathBuf::from("Cargo.lock"),
            std::fs::read(&lock).map_err(|e| Error::io(&lock, e))?,
        );
    }
    // The pinned toolchain, with a comment for students instead of the instructor's.
    let toolchain = course.root.join("rust-toolchain.toml");
    if toolchain.is_file() {
        let text = fsx::read(&toolchain)?;
        let settings: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        files.insert(
            PathBuf::from("rust-toolchain.toml"),
            format!(
                "# The Rust the exercises are tested with; rustup installs it on the first cargo command.\n{settings}"
            )
            .into_bytes(),
        );
    }
    // What cargo and the course write here is not part of a hand-in.
    files.insert(PathBuf::from(".gitignore"), b"target/\n.course/\n".to_vec());
    files.insert(
        PathBuf::from("README.md"),
        student_readme(course).into_bytes(),
    );
    let marker = course.root.join("crates/course-marker");
    for rel in fsx::files_under(&marker)? {
        files.insert(
            Path::new("crates/course-marker").join(&rel),
            std::fs::read(marker.join(&rel)).map_err(|e| Error::io(&rel, e))?,
        );
    }
    for lesson in &course.lessons {
        for (rel, contents) in lesson_files(lesson)? {
            files.insert(
                Path::new("lessons").join(&lesson.folder).join(rel),
                contents.into_bytes(),
            );
        }
    }
    Ok(files)
}

/// One lesson's student files, relative to its folder: everything but `grading/`, with the
/// manifest's grading block and every solution region removed.
pub fn lesson_files(lesson: &Lesson) -> Result<BTreeMap<PathBuf, String>> {
    let mut files = BTreeMap::new();
    for rel in fsx::files_under(&lesson.dir)? {
        if rel.starts_with("grading") || rel.starts_with("target") {
            continue;
        }
        let path = lesson.dir.join(&rel);
        let text = fsx::read(&path)?;
        let shown = rel.display().to_string();
        let text = if rel == Path::new("Cargo.toml") {
            stub::strip_grading(&text, &shown)?
        } else if rel.extension().is_some_and(|e| e == "rs") {
            let id = exercise_id_of(lesson, &rel);
            stub::stub_source(&text, &id, &shown)?
        } else {
            text
        };
        files.insert(rel, text);
    }
    Ok(files)
}

/// `src/<exercise>.rs` belongs to `<lesson>/<exercise>`; other files name the lesson.
fn exercise_id_of(lesson: &Lesson, rel: &Path) -> String {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match lesson.exercises.iter().find(|e| e.name == stem) {
        Some(e) => lesson.id(e),
        None => lesson.lesson.clone(),
    }
}

/// The workspace dependencies the lessons' manifests inherit, by name.
fn inherited_dependencies(lessons: &Path) -> Result<std::collections::BTreeSet<String>> {
    let mut used = std::collections::BTreeSet::new();
    let entries = std::fs::read_dir(lessons).map_err(|e| Error::io(lessons, e))?;
    for entry in entries {
        let manifest = entry
            .map_err(|e| Error::io(lessons, e))?
            .path()
            .join("Cargo.toml");
        if !manifest.is_file() {
            continue;
        }
        let table: toml::Table = toml::from_str(&fsx::read(&manifest)?)
            .map_err(|e| Error::new(format!("{}: {e}", manifest.display())))?;
        for section in ["dependencies", "dev-dependencies"] {
            let Some(deps) = table.get(section).and_then(|d| d.as_table()) else {
                continue;
            };
            for (name, dep) in deps {
                if dep.get("workspace").and_then(toml::Value::as_bool) == Some(true) {
                    used.insert(name.clone());
                }
            }
        }
    }
    Ok(used)
}

/// The student workspace's Cargo.toml: the instructor's shared package settings and only the
/// dependencies the exercises use.
fn workspace_manifest(root: &Path) -> Result<String> {
    let path = root.join("Cargo.toml");
    let text = fsx::read(&path)?;
    let table: toml::Table =
        toml::from_str(&text).map_err(|e| Error::new(format!("{}: {e}", path.display())))?;
    let workspace = table
        .get("workspace")
        .and_then(|w| w.as_table())
        .ok_or_else(|| Error::new(format!("{} has no [workspace]", path.display())))?;
    // Only what the exercises inherit (`name.workspace = true` in a lesson's manifest), so the
    // student workspace names no crate the lessons do not use.
    let used = inherited_dependencies(&root.join("lessons"))?;
    let mut deps = toml::Table::new();
    if let Some(all) = workspace.get("dependencies").and_then(|d| d.as_table()) {
        for name in &used {
            if let Some(dep) = all.get(name) {
                deps.insert(name.clone(), dep.clone());
            }
        }
    }
    let mut ws = toml::Table::new();
    ws.insert("resolver".into(), "3".into());
    ws.insert(
        "members".into(),
        toml::Value::Array(vec!["crates/course-marker".into(), "lessons/*".into()]),
    );
    if let Some(package) = workspace.get("package") {
        ws.insert("package".into(), package.clone());
    }
    ws.insert("dependencies".into(), toml::Value::Table(deps));
    if let Some(lints) = workspace.get("lints") {
        ws.insert("lints".into(), lints.clone());
    }
    let mut out = toml::Table::new();
    out.insert("workspace".into(), toml::Value::Table(ws));
    let body = toml::to_string(&out)
        .map_err(|e| Error::new(format!("cannot write the workspace manifest: {e}")))?;
    Ok(format!(
        "# The exercises of the course, student version. Run the tests of one exercise with\n# cargo test -p <lesson>-exercises --test <exercise>   (see README.md)\n{body}"
    ))
}

fn student_readme(course: &Course) -> String {
    let mut map = String::new();
    for (lesson, exercise) in course.all() {
        map.push_str(&format!(
            "| `{}` | {} / {} | `cargo test -p {} --test {}` |\n",
            lesson.id(exercise),
            exercise.title.ko,
            exercise.title.en,
            lesson.package,
            exercise.name
        ));
    }
    format!(
        "# 연습 문제 · Exercises\n\n\
         ## 한국어\n\n\
         레슨마다 `lessons/NN-<레슨>/`에 연습 문제가 있습니다. `src/<문제>.rs`에서 `todo!()`와 `// TODO:`가 있는\n\
         곳을 완성하고, 그 문제의 테스트로 확인하세요. 막히면 `cargo run -p course -- hint <레슨>/<문제>`가 힌트를\n\
         앞의 것부터 하나씩 보여 줍니다. 제출할 때는 이 폴더를 그대로 냅니다. 채점은 `src/` 아래의 `.rs` 파일만 가져가고, 숨은\n\
         테스트로 한 번 더 확인합니다. 시간을 재는 테스트는 tokio의 정지된 시계로 정확히 잽니다.\n\n\
         아래 표의 `cargo test` 명령은 이 README가 있는 폴더에서 실행합니다. 과정 저장소 안의 `exercises/`라면\n\
         먼저 `cd exercises`를 하세요. 저장소 맨 위에서 실행하면 같은 이름의 강사용 패키지, 곧 풀이를\n\
         테스트합니다.\n\n\
         제출할 때는 이 폴더를 `target/`(cargo의 빌드 결과, 수백 MB) 없이 냅니다:\n\
         `zip -r ../hand-in.zip . -x 'target/*' '.course/*'` (git을 쓴다면 `git archive`. `.gitignore`가 `target/`을\n\
         뺍니다). 폴더 구조는 그대로 두세요. 채점은 `lessons/NN-<레슨>/src/<문제>.rs`를 읽습니다.\n\n\
         보이는 테스트 전부와 그 점수는 `cargo run -p course -- classroom`으로 한 번에 볼 수 있습니다. GitHub\n\
         Classroom으로 받은 저장소라면 push할 때마다 `.github/workflows/classroom.yml`이 같은 명령을 돌려 테스트마다\n\
         점수를 보고합니다. 이 점수는 진행 상황이고, 성적은 숨은 테스트까지 돌리는 강사의 채점으로 정해집니다.\n\n\
         ## English\n\n\
         Each lesson's exercises are in `lessons/NN-<lesson>/`. Complete the places marked `todo!()` and\n\
         `// TODO:` in `src/<exercise>.rs`, and check with that exercise's tests. Stuck? `cargo run -p course --\n\
         hint <lesson>/<exercise>` shows the hints one at a time, from the first. To hand in, submit this folder as it is:\n\
         grading takes only the `.rs` files under `src/` and runs hidden tests too. Timing tests use\n\
         tokio's paused clock, so they measure exactly.\n\n\
         Run the `cargo test` commands of the table below in the folder of this README. In the course\n\
         repository's `exercises/`, `cd exercises` first: at the top of the repository the same command\n\
         tests the instructor's package of the same name, that is, the solution.\n\n\
         To hand in, send this folder without `target/` (cargo's build output, hundreds of MB):\n\
         `zip -r ../hand-in.zip . -x 'target/*' '.course/*'` (or `git archive` if you use git: `.gitignore`\n\
         leaves `target/` out). Keep the layout: grading reads `lessons/NN-<lesson>/src/<exercise>.rs`.\n\n\
         `cargo run -p course -- classroom` runs every visible test and shows its points. In a repository\n\
         from GitHub Classroom, `.github/workflows/classroom.yml` runs it on every push and reports each\n\
         test's points. They are your progress; the grade comes from the instructor's grading, which\n\
         runs the hidden tests too.\n\n\
         | exercise | 제목 / title | 확인 / check |\n|---|---|---|\n{map}"
    )
}

/// `course release --out DIR`: writes the student version into a new or empty folder.
pub fn release(course: &Course, out: &Path, withhold_last_hint: bool) -> Result<usize> {
    if !fsx::is_empty_dir(out) {
        return Err(Error::new(format!(
            "{} already exists and is not empty; release writes only into a new or empty folder, so nothing there is overwritten",
            out.display()
        )));
    }
    let mut files = student_files(course)?;
    // The handout's own `course`, with the hints one at a time instead of a readable list
    // (the TODOs' `cargo run -p course -- hint ...` then works there too), and each lesson's
    // `lesson.toml` as a rubric: titles and points, no hints, no hidden test names.
    let manifest = String::from_utf8_lossy(&files[Path::new("Cargo.toml")]).replace(
        MEMBERS,
        r#"members = ["crates/course-marker", "crates/course", "lessons/*"]"#,
    );
    files.insert(PathBuf::from("Cargo.toml"), manifest.into_bytes());
    files.insert(
        PathBuf::from("crates/course/Cargo.toml"),
        b"[package]\nname = \"course\"\nversion = \"0.1.0\"\nedition.workspace = true\npublish = false\ndescription = \"The course tool, student edition: hints one at a time\"\n".to_vec(),
    );
    files.insert(
        PathBuf::from("crates/course/src/main.rs"),
        include_str!("../../student/main.rs").as_bytes().to_vec(),
    );
    files.insert(
        PathBuf::from("crates/course/src/classroom.rs"),
        include_str!("../../student/classroom.rs")
            .as_bytes()
            .to_vec(),
    );
    // GitHub Classroom's autograding, per test (see `course classroom` in the handout).
    files.insert(
        PathBuf::from(".github/workflows/classroom.yml"),
        include_str!("classroom.yml").as_bytes().to_vec(),
    );
    files.insert(
        PathBuf::from("crates/course/hints.txt"),
        hints_file(course, withhold_last_hint).into_bytes(),
    );
    for lesson in &course.lessons {
        files.insert(
            Path::new("lessons")
                .join(&lesson.folder)
                .join("lesson.toml"),
            rubric(lesson)?.into_bytes(),
        );
    }
    for (rel, contents) in &files {
        fsx::write_atomic(&out.join(rel), contents)?;
    }
    Ok(files.len())
}

/// The hints of every exercise for the student edition of `course`: `id \t number \t ko \t en`
/// per hint, each text XOR-ed with the tool's key and written in hex (not a secret: not a list
/// to read through either). With `withhold_last`, each exercise's last hint is left out.
pub fn hints_file(course: &Course, withhold_last: bool) -> String {
    const KEY: &[u8] = b"course";
    let hex = |text: &str| -> String {
        text.bytes()
            .enumerate()
            .map(|(i, b)| format!("{:02x}", b ^ KEY[i % KEY.len()]))
            .collect()
    };
    let mut out = String::new();
    for (lesson, exercise) in course.all() {
        let keep = if withhold_last && exercise.hints.len() > 1 {
            exercise.hints.len() - 1
        } else {
            exercise.hints.len()
        };
        for (i, hint) in exercise.hints.iter().take(keep).enumerate() {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                lesson.id(exercise),
                i + 1,
                hex(&hint.text.ko),
                hex(&hint.text.en)
            ));
        }
    }
    out
}

/// A lesson's `lesson.toml` for the handout: titles, how many hints, the visible tests' points by
/// name and the hidden tests' only as a count and a sum.
fn rubric(lesson: &Lesson) -> Result<String> {
    let mut out = format!(
        "# The rubric of this lesson's exercises. Hints: cargo run -p course -- hint <lesson>/<exercise>\n\
         lesson = \"{}\"\ntitle = {{ ko = {:?}, en = {:?} }}\n",
        lesson.lesson, lesson.title.ko, lesson.title.en
    );
    for exercise in &lesson.exercises {
        let visible_path = lesson
            .dir
            .join("tests")
            .join(format!("{}.rs", exercise.name));
        let visible = crate::selfcheck::test_names(&fsx::read(&visible_path)?);
        let (shown, hidden): (Vec<_>, Vec<_>) = exercise
            .points
            .iter()
            .partition(|(test, _)| visible.contains(test));
        out.push_str(&format!(
            "\n[[exercise]]\nname = \"{}\"\ntitle = {{ ko = {:?}, en = {:?} }}\nhints = {}\n[exercise.points]\n",
            exercise.name,
            exercise.title.ko,
            exercise.title.en,
            exercise.hints.len()
        ));
        for (test, points) in &shown {
            out.push_str(&format!("{test} = {points}\n"));
        }
        out.push_str(&format!(
            "[exercise.hidden]\ntests = {}\npoints = {}\n",
            hidden.len(),
            hidden.iter().map(|(_, p)| **p).sum::<u32>()
        ));
    }
    Ok(out)
}

/// What `course start` did.
pub struct Started {
    /// Lesson folders renamed to the course's current numbers: (old, new), under `lessons/`.
    pub moved: Vec<(String, String)>,
    pub written: Vec<PathBuf>,
    pub kept: usize,
}

/// The lesson folders of a learner's copy that carry an older number than the course's
/// (lessons 2 and 3 once swapped places): (old name, current name). Each is moved by `start`
/// only when no folder of the current name is there yet, so nothing is overwritten.
pub fn renumbered(course: &Course, dir: &Path) -> Vec<(String, String)> {
    let lessons_dir = dir.join("lessons");
    course
        .lessons
        .iter()
        .filter_map(|lesson| {
            let found = lesson.folder_in(&lessons_dir)?;
            let name = found.file_name()?.to_string_lossy().into_owned();
            (name != lesson.folder).then(|| (name, lesson.folder.clone()))
        })
        .collect()
}

/// `course start`: writes the student version into the learner's folder, adding only the
/// files that are not there yet. A lesson folder under an older number is first moved to the
/// current one, so the learner's work stays theirs and the workspace has no package twice.
pub fn start(course: &Course, dir: &Path) -> Result<Started> {
    let lessons_dir = dir.join("lessons");
    let mut moved = Vec::new();
    // The names carry the lesson, so a new name is never another lesson's old one.
    for (old, new) in renumbered(course, dir) {
        let to = lessons_dir.join(&new);
        std::fs::rename(lessons_dir.join(&old), &to).map_err(|e| Error::io(&to, e))?;
        moved.push((old, new));
    }
    let files = student_files(course)?;
    let mut written = Vec::new();
    let mut kept = 0;
    for (rel, contents) in &files {
        let path = dir.join(rel);
        if path.exists() {
            kept += 1;
            continue;
        }
        fsx::write_atomic(&path, contents)?;
        written.push(rel.clone());
    }
    launcher(course, dir)?;
    Ok(Started {
        moved,
        written,
        kept,
    })
}

/// The members line of the student workspace manifest, and the same with the launcher.
const MEMBERS: &str = r#"members = ["crates/course-marker", "lessons/*"]"#;
const MEMBERS_WITH_LAUNCHER: &str =
    r#"members = ["crates/course-marker", "lessons/*", ".course/launcher"]"#;

/// A learner's folder gets a tiny package named `course` that runs the course tool of the
/// repository, so that `cargo run -p course -- ...` works inside the folder as at the top of the
/// repository. (A class's student version has no course repository beside it: `release` does
/// not write this.)
fn launcher(course: &Course, dir: &Path) -> Result<()> {
    let here = dir.join(".course/launcher");
    let root = course
        .root
        .canonicalize()
        .map_err(|e| Error::io(&course.root, e))?;
    let folder = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    // From the launcher's folder to the course: relative when the folder is inside the course
    // (so that moving the whole checkout keeps it working), else absolute.
    let to_root = match folder.strip_prefix(&root) {
        Ok(inside) => format!("{}..", "../".repeat(inside.components().count() + 1)),
        Err(_) => root.display().to_string(),
    };
    let manifest = include_str!("launcher/Cargo.toml.in").to_string();
    let main = include_str!("launcher/main.rs.in").replace("@TO_ROOT@", &to_root);
    for (name, text) in [("Cargo.toml", manifest), ("main.rs", main)] {
        let path = here.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            fsx::write_atomic(&path, text)?;
        }
    }
    let workspace = dir.join("Cargo.toml");
    let text = fsx::read(&workspace)?;
    if text.contains(MEMBERS) {
        fsx::write_atomic(&workspace, text.replace(MEMBERS, MEMBERS_WITH_LAUNCHER))?;
    }
    Ok(())
}
