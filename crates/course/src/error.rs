//! One error type for the whole tool: a message a person can act on.
//!
//! Every failure the tool meets is either the user's input (a missing folder, an unknown
//! exercise, a malformed lesson.toml) or the machine (a file that cannot be written, cargo
//! missing); in both cases the right response is to say what went wrong and where, and exit
//! non-zero. Nothing recovers from an error by matching on its kind, so a message is enough.

use std::fmt;
use std::path::Path;

#[derive(Debug)]
pub struct Error(String);

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error(message.into())
    }

    /// An I/O failure on `path`.
    pub fn io(path: &Path, err: std::io::Error) -> Error {
        Error(format!("{}: {err}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}
