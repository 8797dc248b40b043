//! The course tool: exercises for learners, release and grading for instructors.
//!
//! Run: `cargo run -p course -- <command>` (`cargo run -p course -- --help` lists them)
//!
//! Learners: `start` makes your exercise folder (never overwriting your work), `list` shows the
//! exercises and where you are, `check <exercise>` runs its tests and says what to try,
//! `watch` checks the exercise you are on each time you save it, `hint <exercise>` gives the
//! next hint, `reset <exercise>` puts the stub back (keeping your file). Instructors: `release --out DIR` writes the student
//! version, `selfcheck` proves every solution passes and every stub fails, `grade SUBMISSIONS
//! --out DIR` grades a class without trusting it, `merge` joins sharded gradings.
//!
//! Layout: `course` (the lessons and lesson.toml), `stub` and `release` (the student version),
//! `learner` (start, list, check, hint, reset), `check` (building and testing one exercise),
//! `watch`, `selfcheck`, `grade` (build, bans, sandbox, report,
//! merge), `libtest` (reading test output), `fsx` (files), `error`.

mod check;
mod course;
mod error;
mod fsx;
mod grade;
mod learner;
mod libtest;
mod release;
mod selfcheck;
mod similarity;
mod stub;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use crate::course::Course;
use crate::error::{Error, Result};
use crate::grade::sandbox::Isolation;

/// The language the tool speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Ko,
    En,
}

impl Lang {
    pub fn t<'a>(self, ko: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
}

#[derive(Parser)]
#[command(
    name = "course",
    about = "The async Rust course's exercises: learn, release, grade",
    version
)]
struct Cli {
    /// Language of the messages: ko or en.
    #[arg(long, global = true, value_enum, default_value = "ko")]
    lang: Lang,
    /// The course repository (default: the one this tool was built from).
    #[arg(long, global = true, value_name = "DIR")]
    course: Option<PathBuf>,
    /// Your exercise folder (default: exercises/ in the course repository).
    #[arg(long, global = true, value_name = "DIR")]
    dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// The lessons and exercises, with your status.
    List,
    /// Makes your exercise folder from the student version; never overwrites a file of yours.
    Start,
    /// Runs one exercise's tests in your folder and says what passed and what to try.
    Check {
        /// The exercise, as `lesson/exercise` (see `list`), or its name alone.
        exercise: String,
        /// Seconds one test may run before it is stopped (the grader's limit).
        #[arg(long, default_value_t = grade::TEST_TIMEOUT_SECS)]
        test_timeout: u64,
    },
    /// Checks the exercise you are on each time you save it, then moves to the next one.
    Watch {
        /// Where to start (default: the first exercise you have not passed).
        exercise: Option<String>,
        /// Check only when Enter is pressed (for folders that send no change events).
        #[arg(long)]
        manual: bool,
        /// Seconds one test may run before it is stopped (the grader's limit).
        #[arg(long, default_value_t = grade::TEST_TIMEOUT_SECS)]
        test_timeout: u64,
    },
    /// Shows the hints seen so far and the next one.
    Hint {
        /// The exercise, as `lesson/exercise`, or its name alone.
        exercise: String,
    },
    /// Puts the released stub back in place of your file, which is kept as a backup.
    Reset {
        /// The exercise, as `lesson/exercise`, or its name alone.
        exercise: String,
    },
    /// Writes the student version (stubs, no hidden tests) into a new or empty folder.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["out", "gradescope"])))]
    Release {
        /// The student version's folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Leave each exercise's last hint (often close to the answer) out of the handout.
        #[arg(long, requires = "out")]
        withhold_last_hint: bool,
        /// Instead of the student version, Gradescope's autograder (zip the folder's contents).
        #[arg(long, value_name = "DIR")]
        gradescope: Option<PathBuf>,
        /// With --gradescope: the instructor's private hidden tests, bundled (as grade --hidden).
        #[arg(long, value_name = "DIR")]
        hidden: Option<PathBuf>,
        /// With --gradescope: the class seed the hidden tests draw their inputs from (default 0).
        #[arg(long)]
        seed: Option<u64>,
        /// With --gradescope: percent of the score taken per day after Gradescope's due date
        /// (default 0).
        #[arg(long)]
        penalty_per_day: Option<u32>,
    },
    /// Checks the exercises themselves: solutions pass everything, stubs compile and fail.
    Selfcheck {
        /// Check only these lessons (by name, e.g. `gather`); all of them when none is given.
        lessons: Vec<String>,
        /// How many submissions to grade at once.
        #[arg(long, default_value_t = 2)]
        jobs: usize,
        /// The instructor's private hidden tests, laid over each lesson's grading/ (see the book).
        #[arg(long, value_name = "DIR")]
        hidden: Option<PathBuf>,
        /// The class seed the hidden tests draw their inputs from.
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// Grades a folder of submissions (one folder per student) into DIR.
    Grade {
        /// The folder holding one folder per student.
        submissions: PathBuf,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// How many students to grade at once.
        #[arg(long, default_value_t = 2)]
        jobs: usize,
        /// Grade only shard K of N (1-based), for a CI matrix; join the shards with `merge`.
        #[arg(long, value_name = "K/N", value_parser = parse_shard)]
        shard: Option<(usize, usize)>,
        /// Seconds one test may run (wall clock).
        #[arg(long, default_value_t = grade::TEST_TIMEOUT_SECS)]
        test_timeout: u64,
        /// Seconds one student's build and tests may take in all.
        #[arg(long, default_value_t = 600)]
        submission_timeout: u64,
        /// Run without bubblewrap even where it is installed (results say so).
        #[arg(long)]
        no_sandbox: bool,
        /// Regrade only this student (repeatable) into the gradebook already in DIR; the others
        /// stay as they are.
        #[arg(long, value_name = "STUDENT")]
        only: Vec<String>,
        /// Regrade only this exercise (repeatable, e.g. gather/gather_lookups) into the results
        /// already in DIR; every other exercise keeps its earlier result.
        #[arg(long, value_name = "ID")]
        exercise: Vec<String>,
        /// The instructor's decisions, applied on every grade: adjustments, waived flags, a due
        /// date and submission times for a late penalty (a TOML file; see the book).
        #[arg(long, value_name = "FILE")]
        overrides: Option<PathBuf>,
        /// The instructor's private hidden tests, laid over each lesson's grading/: a folder
        /// outside the public repository, with NN-<lesson>/grading/<exercise>.rs and points.toml.
        #[arg(long, value_name = "DIR")]
        hidden: Option<PathBuf>,
        /// The class seed the hidden tests draw their inputs from (course_marker::seed()).
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// Writes a graded folder's grades as an LMS imports them: Canvas's gradebook CSV or Moodle's
    /// grading worksheet (the students' LMS ids come from the download's folder names).
    Export {
        /// The graded folder (`grade --out`, or `merge --out`).
        graded: PathBuf,
        /// Which LMS (Moodle's feedback comments are in the language of --lang).
        #[arg(long, value_enum)]
        to: grade::formats::lms::Lms,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Canvas's column: the assignment's name as the gradebook shows it, with its id, e.g.
        /// "Async Rust (4521)"; a name Canvas does not have becomes a new assignment.
        #[arg(long, default_value = "Async Rust exercises")]
        assignment: String,
        /// Start the file with a UTF-8 byte order mark, so that Excel shows Hangul.
        #[arg(long)]
        bom: bool,
    },
    /// Compares every pair of students' files per exercise (Dolos, the released stubs ignored)
    /// and writes similarity.csv and similarity.md into DIR; it changes no grade.
    Similarity {
        /// The folder holding one folder per student.
        submissions: PathBuf,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The similarity (0 to 1) from which a pair is reported.
        #[arg(long, default_value_t = 0.5)]
        threshold: f64,
    },
    /// Joins the outputs of `grade --shard` runs into one gradebook in DIR.
    Merge {
        /// The graded folders to join.
        #[arg(required = true)]
        graded: Vec<PathBuf>,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

fn parse_shard(text: &str) -> std::result::Result<(usize, usize), String> {
    let (k, n) = text
        .split_once('/')
        .ok_or("expected K/N, for example 2/4")?;
    let k: usize = k.parse().map_err(|_| format!("`{k}` is not a number"))?;
    let n: usize = n.parse().map_err(|_| format!("`{n}` is not a number"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("need 1 <= K <= N, got {k}/{n}"));
    }
    Ok((k, n))
}

/// The command line's own texts in Korean, for Korean mode (the default). Clap's headings
/// ("Usage:", "Options:") stay as clap writes them.
fn in_korean(command: clap::Command) -> clap::Command {
    const SUBCOMMANDS: [(&str, &str); 12] = [
        ("list", "문제 목록과 내 진행 상황"),
        (
            "start",
            "학생용 버전으로 내 연습 문제 폴더를 만든다. 내 파일은 덮어쓰지 않는다",
        ),
        (
            "check",
            "문제 하나의 테스트를 내 폴더에서 돌리고, 무엇이 통과했고 무엇을 해 볼지 알려 준다",
        ),
        (
            "watch",
            "지금 푸는 문제를 저장할 때마다 다시 확인하고, 통과하면 다음 문제로 넘어간다",
        ),
        ("hint", "지금까지 본 힌트와 다음 힌트를 보여 준다"),
        (
            "reset",
            "내 파일 대신 배포된 빈칸을 되돌려 놓는다. 내 파일은 백업으로 남긴다",
        ),
        (
            "release",
            "학생용 버전(빈칸, 숨은 테스트 없음)을 새 폴더나 빈 폴더에 쓴다",
        ),
        (
            "selfcheck",
            "연습 문제 자체를 확인한다: 풀이는 모두 통과하고, 빈칸은 컴파일되며 실패하는지",
        ),
        (
            "grade",
            "제출물 폴더(학생마다 폴더 하나)를 채점해 DIR에 쓴다",
        ),
        (
            "export",
            "채점한 폴더의 점수를 LMS가 가져가는 모양으로 쓴다: Canvas 성적표 CSV, Moodle 채점 워크시트",
        ),
        (
            "similarity",
            "연습 문제마다 학생 파일을 두 개씩 모두 비교해(Dolos, 배포된 빈칸은 무시) DIR에 similarity.csv와 similarity.md를 쓴다. 점수는 바꾸지 않는다",
        ),
        (
            "merge",
            "grade --shard로 나눠 채점한 결과를 DIR의 성적표 하나로 합친다",
        ),
    ];
    let mut command = command
        .about("비동기 Rust 과정의 연습 문제: 배우기, 배포, 채점")
        .mut_arg("lang", |a| a.help("메시지 언어: ko 또는 en"))
        .mut_arg("course", |a| {
            a.help("과정 저장소 (기본값: 이 도구를 빌드한 저장소)")
        })
        .mut_arg("dir", |a| {
            a.help("내 연습 문제 폴더 (기본값: 과정 저장소의 exercises/)")
        });
    for (name, about) in SUBCOMMANDS {
        command = command.mut_subcommand(name, |c| c.about(about));
    }
    let exercise = "문제: `레슨/문제`(list 참고) 또는 문제 이름만";
    let timeout = "테스트 하나가 이 초를 넘기면 멈춘다 (채점기와 같은 한도)";
    command
        .mut_subcommand("check", |c| {
            c.mut_arg("exercise", |a| a.help(exercise))
                .mut_arg("test_timeout", |a| a.help(timeout))
        })
        .mut_subcommand("watch", |c| {
            c.mut_arg("exercise", |a| {
                a.help("시작할 문제 (기본값: 아직 통과하지 않은 첫 문제)")
            })
            .mut_arg("manual", |a| {
                a.help("Enter를 누를 때만 확인한다 (파일 변경 알림이 오지 않는 폴더용)")
            })
            .mut_arg("test_timeout", |a| a.help(timeout))
        })
        .mut_subcommand("hint", |c| c.mut_arg("exercise", |a| a.help(exercise)))
        .mut_subcommand("reset", |c| c.mut_arg("exercise", |a| a.help(exercise)))
}

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let english = args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || args.iter().any(|a| a == "--lang=en");
    let command = if english {
        Cli::command()
    } else {
        in_korean(Cli::command())
    };
    let cli = match command
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) if !english && e.use_stderr() => {
            eprintln!("오류: 명령을 이해하지 못했습니다. clap의 설명:");
            e.exit()
        }
        Err(e) => e.exit(),
    };
    let lang = cli.lang;
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{} {e}", lang.t("오류:", "error:"));
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let root = cli
        .course
        .clone()
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")));
    let root = root
        .canonicalize()
        .map_err(|e| Error::new(format!("{}: {e}", root.display())))?;
    let course = Course::load(&root)?;
    let dir = cli.dir.clone().unwrap_or_else(|| root.join("exercises"));
    let lang = cli.lang;
    match cli.command {
        Commands::List => learner::list(&course, &dir, lang)?,
        Commands::Start => learner::start(&course, &dir, lang)?,
        Commands::Check {
            exercise,
            test_timeout,
        } => {
            let timeout = Duration::from_secs(test_timeout);
            if !learner::check(&course, &dir, &exercise, timeout, lang)? {
                return Ok(ExitCode::from(1));
            }
        }
        Commands::Watch {
            exercise,
            manual,
            test_timeout,
        } => watch::watch(
            &course,
            &dir,
            exercise.as_deref(),
            manual,
            Duration::from_secs(test_timeout),
            lang,
        )?,
        Commands::Hint { exercise } => learner::hint(&course, &dir, &exercise, lang)?,
        Commands::Reset { exercise } => learner::reset(&course, &dir, &exercise, lang)?,
        Commands::Release {
            out: None,
            gradescope: Some(bundle),
            hidden,
            seed,
            penalty_per_day,
            ..
        } => {
            let settings = release::gradescope::Settings {
                hidden: hidden.as_deref(),
                seed: seed.unwrap_or(0),
                penalty_per_day: penalty_per_day.unwrap_or(0),
                lang,
            };
            let n = release::gradescope::bundle(&course, &bundle, &settings)?;
            println!("{}", lang.t(
                &format!("Gradescope 자동 채점기를 {}에 썼습니다 (파일 {n}개). 안의 내용물을 zip으로 묶어 올리세요: cd {} && zip -r ../autograder.zip .", bundle.display(), bundle.display()),
                &format!("wrote Gradescope's autograder to {} ({n} files). Zip its contents and upload the zip: cd {} && zip -r ../autograder.zip .", bundle.display(), bundle.display()),
            ));
        }
        Commands::Release {
            out,
            withhold_last_hint,
            hidden,
            seed,
            penalty_per_day,
            ..
        } => {
            if hidden.is_some() || seed.is_some() || penalty_per_day.is_some() {
                eprintln!("{}", lang.t(
                    "오류: --hidden, --seed, --penalty-per-day는 --gradescope 채점기용입니다. 학생용 버전(--out)에는 숨은 테스트도 seed도 들어가지 않습니다.",
                    "error: --hidden, --seed and --penalty-per-day are for the --gradescope autograder; the student version (--out) has no hidden tests and no seed.",
                ));
                return Ok(ExitCode::from(2));
            }
            let out =
                out.ok_or_else(|| Error::new("release needs --out DIR or --gradescope DIR"))?;
            let n = release::release(&course, &out, withhold_last_hint)?;
            println!("{}", lang.t(
                &format!("학생용 버전을 {}에 썼습니다 (파일 {n}개, 숨은 테스트와 풀이 없음).", out.display()),
                &format!("wrote the student version to {} ({n} files, no hidden tests, no solutions).", out.display()),
            ));
        }
        Commands::Selfcheck {
            lessons,
            jobs,
            hidden,
            seed,
        } => {
            let course = match hidden {
                Some(dir) => course.with_private_tests(&dir)?,
                None => course,
            };
            let checked = selfcheck::chosen(&course, &lessons)?;
            let problems = selfcheck::selfcheck(&course, &checked, jobs, seed)?;
            let exercises: usize = checked.iter().map(|l| l.exercises.len()).sum();
            if problems.is_empty() {
                println!(
                    "selfcheck: {exercises} exercises in {} lessons: every solution passes every test, every stub compiles and fails",
                    checked.len()
                );
            } else {
                for p in &problems {
                    eprintln!("✗ {p}");
                }
                eprintln!(
                    "selfcheck: {} problem(s) in {exercises} exercises",
                    problems.len()
                );
                return Ok(ExitCode::from(1));
            }
        }
        Commands::Grade {
            submissions,
            out,
            jobs,
            shard,
            test_timeout,
            submission_timeout,
            no_sandbox,
            only,
            exercise,
            overrides,
            hidden,
            seed,
        } => {
            let course = match hidden {
                Some(dir) => course.with_private_tests(&dir)?,
                None => course,
            };
            let overrides = match overrides {
                Some(path) => grade::overrides::Overrides::read(&path, &course)?,
                None => Default::default(),
            };
            let isolation = if no_sandbox {
                Isolation::ProcessGroup
            } else {
                Isolation::detect()
            };
            if isolation == Isolation::ProcessGroup {
                eprintln!("{}", lang.t(
                    "경고: bubblewrap 없이 채점합니다 (apt-get install bubblewrap). 결과에 기록됩니다.",
                    "warning: grading without bubblewrap (apt-get install bubblewrap); the results say so.",
                ));
            }
            let options = grade::Options {
                submissions,
                out: out.clone(),
                jobs,
                shard,
                test_timeout: Duration::from_secs(test_timeout),
                submission_timeout: Duration::from_secs(submission_timeout),
                isolation,
                progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
                only,
                exercises: exercise,
                overrides,
                seed,
                lang,
            };
            let summary = grade::grade(&course, &options)?;
            print_summary(&course, &summary, lang);
            println!("{}", out.join("gradebook.csv").display());
        }
        Commands::Export {
            graded,
            to,
            out,
            assignment,
            bom,
        } => {
            let text = grade::formats::lms::export(&graded, to, &assignment, bom, lang)?;
            fsx::write_atomic(&out, text)?;
            println!("{}", out.display());
        }
        Commands::Similarity {
            submissions,
            out,
            threshold,
        } => {
            if !(0.0..=1.0).contains(&threshold) {
                return Err(Error::new(format!(
                    "--threshold {threshold}: a similarity, from 0 to 1"
                )));
            }
            // A folder of this run's own, removed at the end.
            let scratch = root
                .join("target/grader/similarity")
                .join(std::process::id().to_string());
            let report = similarity::compare(&course, &submissions, &scratch);
            let _ = std::fs::remove_dir_all(&scratch);
            let report = report?;
            fsx::write_atomic(&out.join("similarity.csv"), similarity::csv(&report))?;
            let md = similarity::summary(&report, threshold);
            fsx::write_atomic(&out.join("similarity.md"), &md)?;
            print!("{md}");
            println!("{}", out.join("similarity.csv").display());
        }
        Commands::Merge { graded, out } => {
            let n = grade::merge::merge(&graded, &out)?;
            println!("{}: {n} students", out.join("gradebook.csv").display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The table at the end of `grade`: per exercise, how many students got each status; then the
/// submissions that could not be graded at all, and the totals. In `lang`.
fn print_summary(course: &Course, summary: &grade::Summary, lang: Lang) {
    let width = course
        .all()
        .map(|(l, e)| l.id(e).len())
        .max()
        .unwrap_or(8)
        .max(8);
    let words: Vec<&str> = grade::STATUSES
        .iter()
        .map(|s| grade::formats::feedback::status_word(s, lang))
        .collect();
    let column = words
        .iter()
        .map(|w| learner::display_width(w))
        .max()
        .unwrap_or(8)
        .max(6);
    let pad = |text: &str, to: usize| {
        format!(
            "{}{text}",
            " ".repeat(to.saturating_sub(learner::display_width(text)))
        )
    };
    let header = lang.t("문제", "exercise");
    print!(
        "{header}{}",
        " ".repeat(width.saturating_sub(learner::display_width(header)))
    );
    for word in &words {
        print!(" {}", pad(word, column));
    }
    println!();
    for (lesson, exercise) in course.all() {
        let id = lesson.id(exercise);
        print!("{id:<width$}");
        for s in grade::STATUSES {
            let n = summary
                .results
                .iter()
                .filter(|r| r.exercises.iter().any(|e| e.id == id && e.status == s))
                .count();
            print!(" {}", pad(&n.to_string(), column));
        }
        println!();
    }
    for result in &summary.results {
        for e in result.exercises.iter().filter(|e| e.matches_reference) {
            println!(
                "{} {}: {}",
                lang.t("풀이와 똑같음:", "identical to the reference solution:"),
                result.student,
                e.id
            );
        }
    }
    for result in summary.results.iter().filter(|r| r.problem.is_some()) {
        println!(
            "{} {}: {}",
            lang.t("채점 못 함:", "not graded:"),
            result.student,
            result.problem.as_ref().map_or("", |p| p.get(lang))
        );
    }
    let minutes = summary.took.as_secs_f64() / 60.0;
    let rate = if minutes > 0.0 {
        summary.gradings as f64 / minutes
    } else {
        0.0
    };
    println!(
        "{}",
        lang.t(
            &format!(
                "학생 {}명, 문제 채점 {}건, {:.1}초 (분당 {:.0}건)",
                summary.results.len(),
                summary.gradings,
                summary.took.as_secs_f64(),
                rate
            ),
            &format!(
                "{} students, {} exercise gradings in {:.1} s ({:.0} per minute)",
                summary.results.len(),
                summary.gradings,
                summary.took.as_secs_f64(),
                rate
            ),
        )
    );
}
