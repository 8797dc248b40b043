//! The command line every lesson shares: `--lang ko|en`, `--paused`, `--help`.
//!
//! Korean is the default language. A bad argument prints the reason and the usage to standard
//! error, in the language asked for (`--lang en`) or else Korean, and exits with status 2 (the
//! convention of `clap` and of Python's `argparse`), never a panic trace.

use crate::clock::Clock;

/// The language a demo prints in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Ko,
    En,
}

impl Lang {
    /// Picks the text in this language.
    pub fn t<'a>(self, ko: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }

    /// The code used in file names: `ko` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }
}

/// What a lesson was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Args {
    pub lang: Lang,
    pub clock: Clock,
    /// Positional arguments, for lessons that take some (`gather` takes counts).
    pub rest: Vec<String>,
}

/// Why an argument was refused, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub ko: String,
    pub en: String,
}

impl Reason {
    pub fn new(ko: impl Into<String>, en: impl Into<String>) -> Reason {
        Reason {
            ko: ko.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.t(&self.ko, &self.en)
    }
}

/// Why the command line was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `--help` was asked for: print the usage and exit 0.
    Help,
    /// A mistake, with the reason: print it and the usage, and exit 2.
    Bad(Reason),
}

/// What a lesson takes besides `--lang` and `--paused`: the part of its usage line and the lines
/// that explain it, in both languages.
pub struct Positional {
    pub synopsis: &'static str,
    pub ko: &'static str,
    pub en: &'static str,
}

/// The usage of `cargo run -p <lesson>`, in `lang`.
pub fn usage(lesson: &str, positional: Option<&Positional>, lang: Lang) -> String {
    let synopsis = positional.map_or(String::new(), |p| format!(" {}", p.synopsis));
    let explained = positional.map_or(String::new(), |p| format!("{}\n", lang.t(p.ko, p.en)));
    match lang {
        Lang::Ko => format!(
            "사용법: cargo run -p {lesson} -- [--lang ko|en] [--paused]{synopsis}\n\n\
             {explained}  --lang ko|en  출력 언어 (기본값: ko)\n\
             \x20 --paused      tokio의 정지된 시계에서 실행: 어느 컴퓨터에서나 같은 출력"
        ),
        Lang::En => format!(
            "usage: cargo run -p {lesson} -- [--lang ko|en] [--paused]{synopsis}\n\n\
             {explained}  --lang ko|en  the language of the output (default: ko)\n\
             \x20 --paused      run on tokio's paused clock: the same output on every machine"
        ),
    }
}

/// The language the messages about the command line itself are in: English when `--lang en`
/// is among the arguments, else Korean (also when `--lang` itself is the mistake).
pub fn asked_lang(args: &[String]) -> Lang {
    let mut args = args.iter();
    let mut lang = Lang::Ko;
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--lang" => args.next().map(String::as_str),
            _ => arg.strip_prefix("--lang="),
        };
        match value {
            Some("en") => lang = Lang::En,
            Some("ko") => lang = Lang::Ko,
            _ => {}
        }
    }
    lang
}

/// Parses `args` (without the program name). `takes_positional` says whether the lesson
/// accepts positional arguments at all.
pub fn parse(
    args: impl IntoIterator<Item = String>,
    takes_positional: bool,
) -> Result<Args, Refusal> {
    let mut parsed = Args {
        lang: Lang::Ko,
        clock: Clock::Real,
        rest: Vec::new(),
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Err(Refusal::Help),
            "--paused" => parsed.clock = Clock::Paused,
            "--lang" => {
                let value = args.next().ok_or_else(|| {
                    Refusal::Bad(Reason::new(
                        "--lang 뒤에 언어가 와야 합니다: ko 또는 en",
                        "--lang needs a value: ko or en",
                    ))
                })?;
                parsed.lang = lang(&value)?;
            }
            _ if arg.starts_with("--lang=") => parsed.lang = lang(&arg["--lang=".len()..])?,
            _ if arg.starts_with('-') && arg.parse::<f64>().is_err() => {
                return Err(Refusal::Bad(Reason::new(
                    format!("모르는 옵션 `{arg}`"),
                    format!("unknown option `{arg}`"),
                )));
            }
            _ if takes_positional => parsed.rest.push(arg),
            _ => {
                return Err(Refusal::Bad(Reason::new(
                    format!("이 레슨은 `{arg}` 같은 인자를 받지 않습니다"),
                    format!("unexpected argument `{arg}`"),
                )));
            }
        }
    }
    Ok(parsed)
}

fn lang(value: &str) -> Result<Lang, Refusal> {
    match value {
        "ko" => Ok(Lang::Ko),
        "en" => Ok(Lang::En),
        other => Err(Refusal::Bad(Reason::new(
            format!("모르는 언어 `{other}`: ko 또는 en을 쓰세요"),
            format!("unknown language `{other}`: use ko or en"),
        ))),
    }
}

/// Parses the process's own arguments for lesson `lesson`; on `--help` prints the usage and
/// exits 0, on a mistake prints the reason and the usage to standard error and exits 2.
pub fn args_or_exit(lesson: &str, positional: Option<&Positional>) -> Args {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = asked_lang(&args);
    match parse(args, positional.is_some()) {
        Ok(args) => args,
        Err(Refusal::Help) => {
            println!("{}", usage(lesson, positional, lang));
            std::process::exit(0);
        }
        Err(Refusal::Bad(reason)) => exit_usage(&reason, lesson, positional, lang),
    }
}

/// `bench [N ...]` among a lesson's arguments: `None` when the first positional argument is not
/// `bench`; otherwise the sizes asked for, or `defaults` when none is given. Exits with the usage
/// when a size is not a positive whole number, and warns on a debug build, whose figures would
/// mislead.
pub fn bench_sizes(
    args: &Args,
    defaults: &[usize],
    lesson: &str,
    positional: &Positional,
) -> Option<Vec<usize>> {
    if args.rest.first().map(String::as_str) != Some("bench") {
        return None;
    }
    let sizes: Result<Vec<usize>, _> = args.rest[1..].iter().map(|n| n.parse()).collect();
    let sizes = match sizes {
        Ok(s) if s.is_empty() => defaults.to_vec(),
        Ok(s) if s.iter().all(|&n| n > 0) => s,
        _ => exit_usage(
            &Reason::new(
                "bench 뒤에는 양의 정수만 올 수 있습니다",
                "bench takes positive whole numbers only",
            ),
            lesson,
            Some(positional),
            args.lang,
        ),
    };
    if cfg!(debug_assertions) {
        eprintln!(
            "{}",
            args.lang.t(
                &format!(
                    "경고: 디버그 빌드입니다. 잴 때는 cargo run --release -p {lesson} -- bench"
                ),
                &format!(
                    "warning: a debug build; to measure, cargo run --release -p {lesson} -- bench"
                ),
            )
        );
    }
    Some(sizes)
}

/// Prints `error: reason` (`오류: ...` in Korean) and the usage to standard error, and exits
/// with status 2.
pub fn exit_usage(reason: &Reason, lesson: &str, positional: Option<&Positional>, lang: Lang) -> ! {
    eprintln!(
        "{} {}\n\n{}",
        lang.t("오류:", "error:"),
        reason.get(lang),
        usage(lesson, positional, lang)
    );
    std::process::exit(2);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str], positional: bool) -> Result<Args, Refusal> {
        parse(args.iter().map(|s| s.to_string()), positional)
    }

    #[test]
    fn korean_and_the_real_clock_by_default() {
        assert_eq!(
            p(&[], false),
            Ok(Args {
                lang: Lang::Ko,
                clock: Clock::Real,
                rest: vec![]
            })
        );
    }

    #[test]
    fn flags_in_any_order() {
        let args = p(&["--paused", "--lang", "en", "3", "--lang=ko"], true).unwrap();
        assert_eq!(
            (args.lang, args.clock, args.rest),
            (Lang::Ko, Clock::Paused, vec!["3".to_string()])
        );
    }

    #[test]
    fn mistakes_are_refused_with_a_reason() {
        assert_eq!(
            p(&["--lang", "fr"], false),
            Err(Refusal::Bad(Reason::new(
                "모르는 언어 `fr`: ko 또는 en을 쓰세요",
                "unknown language `fr`: use ko or en"
            )))
        );
        assert_eq!(
            p(&["--lang"], false),
            Err(Refusal::Bad(Reason::new(
                "--lang 뒤에 언어가 와야 합니다: ko 또는 en",
                "--lang needs a value: ko or en"
            )))
        );
        assert_eq!(
            p(&["--fast"], true),
            Err(Refusal::Bad(Reason::new(
                "모르는 옵션 `--fast`",
                "unknown option `--fast`"
            )))
        );
        assert_eq!(
            p(&["3"], false),
            Err(Refusal::Bad(Reason::new(
                "이 레슨은 `3` 같은 인자를 받지 않습니다",
                "unexpected argument `3`"
            )))
        );
        assert_eq!(p(&["--help"], false), Err(Refusal::Help));
    }

    #[test]
    fn the_usage_speaks_the_language_asked_for_and_korean_otherwise() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(asked_lang(&args(&["--lang", "en", "--fast"])), Lang::En);
        assert_eq!(asked_lang(&args(&["--lang=en"])), Lang::En);
        assert_eq!(asked_lang(&args(&["--lang", "fr"])), Lang::Ko);
        assert_eq!(asked_lang(&args(&[])), Lang::Ko);
        assert_eq!(
            usage("routine", None, Lang::Ko),
            "사용법: cargo run -p routine -- [--lang ko|en] [--paused]\n\n  --lang ko|en  출력 언어 (기본값: ko)\n  --paused      tokio의 정지된 시계에서 실행: 어느 컴퓨터에서나 같은 출력"
        );
        assert_eq!(
            usage("routine", None, Lang::En),
            "usage: cargo run -p routine -- [--lang ko|en] [--paused]\n\n  --lang ko|en  the language of the output (default: ko)\n  --paused      run on tokio's paused clock: the same output on every machine"
        );
    }
}
