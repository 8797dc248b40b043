//! The command line every lesson shares: `--lang ko|en`, `--paused`, `--help`.
//!
//! Korean is the default language. A bad argument prints the usage to standard error and exits
//! with status 2 (the convention of `clap` and of Python's `argparse`), never a panic trace.

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

/// Why the command line was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `--help` was asked for: print the usage and exit 0.
    Help,
    /// A mistake, with the reason: print it and the usage, and exit 2.
    Bad(String),
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
                let value = args
                    .next()
                    .ok_or_else(|| Refusal::Bad("--lang needs a value: ko or en".into()))?;
                parsed.lang = lang(&value)?;
            }
            _ if arg.starts_with("--lang=") => parsed.lang = lang(&arg["--lang=".len()..])?,
            _ if arg.starts_with('-') && arg.parse::<f64>().is_err() => {
                return Err(Refusal::Bad(format!("unknown option `{arg}`")));
            }
            _ if takes_positional => parsed.rest.push(arg),
            _ => return Err(Refusal::Bad(format!("unexpected argument `{arg}`"))),
        }
    }
    Ok(parsed)
}

fn lang(value: &str) -> Result<Lang, Refusal> {
    match value {
        "ko" => Ok(Lang::Ko),
        "en" => Ok(Lang::En),
        other => Err(Refusal::Bad(format!(
            "unknown language `{other}`: use ko or en"
        ))),
    }
}

/// Parses the process's own arguments; on `--help` prints `usage` and exits 0, on a mistake
/// prints the reason and `usage` to standard error and exits 2.
pub fn args_or_exit(usage: &str, takes_positional: bool) -> Args {
    match parse(std::env::args().skip(1), takes_positional) {
        Ok(args) => args,
        Err(Refusal::Help) => {
            println!("{usage}");
            std::process::exit(0);
        }
        Err(Refusal::Bad(reason)) => exit_usage(&reason, usage),
    }
}

/// Prints `error: reason` and the usage to standard error, and exits with status 2.
pub fn exit_usage(reason: &str, usage: &str) -> ! {
    eprintln!("error: {reason}\n\n{usage}");
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
            Err(Refusal::Bad("unknown language `fr`: use ko or en".into()))
        );
        assert_eq!(
            p(&["--lang"], false),
            Err(Refusal::Bad("--lang needs a value: ko or en".into()))
        );
        assert_eq!(
            p(&["--fast"], true),
            Err(Refusal::Bad("unknown option `--fast`".into()))
        );
        assert_eq!(
            p(&["3"], false),
            Err(Refusal::Bad("unexpected argument `3`".into()))
        );
        assert_eq!(p(&["--help"], false), Err(Refusal::Help));
    }
}
