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
    Release {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Checks the exercises themselves: solutions pass everything, stubs compile and fail.
    Selfcheck {
        /// Check only these lessons (by name, e.g. `gather`); all of them when none is given.
        lessons: Vec<String>,
        /// How many submissions to grade at once.
        #[arg(long, default_value_t = 2)]
        jobs: usize,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
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
        Commands::Release { out } => {
            let n = release::release(&course, &out)?;
            println!("{}", lang.t(
                &format!("학생용 버전을 {}에 썼습니다 (파일 {n}개, 숨은 테스트와 풀이 없음).", out.display()),
                &format!("wrote the student version to {} ({n} files, no hidden tests, no solutions).", out.display()),
            ));
        }
        Commands::Selfcheck { lessons, jobs } => {
            let checked = selfcheck::chosen(&course, &lessons)?;
            let problems = selfcheck::selfcheck(&course, &checked, jobs)?;
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
        } => {
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
            };
            let summary = grade::grade(&course, &options)?;
            print_summary(&course, &summary);
            println!("{}", out.join("gradebook.csv").display());
        }
        Commands::Merge { graded, out } => {
            let n = grade::merge::merge(&graded, &out)?;
            println!("{}: {n} students", out.join("gradebook.csv").display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The table at the end of `grade`: per exercise, how many students got each status.
fn print_summary(course: &Course, summary: &grade::Summary) {
    let width = course
        .all()
        .map(|(l, e)| l.id(e).len())
        .max()
        .unwrap_or(8)
        .max(8);
    print!("{:<width$}", "exercise");
    for s in grade::STATUSES {
        print!(" {s:>8}");
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
            print!(" {n:>8}");
        }
        println!();
    }
    let minutes = summary.took.as_secs_f64() / 60.0;
    println!(
        "{} students, {} exercise gradings in {:.1} s ({:.0} per minute)",
        summary.results.len(),
        summary.gradings,
        summary.took.as_secs_f64(),
        if minutes > 0.0 {
            summary.gradings as f64 / minutes
        } else {
            0.0
        }
    );
}
