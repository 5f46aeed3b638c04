//! The library's one error type, [`Error`]: every fallible call that
//! reads or writes files, or takes input it may not be able to use,
//! returns it.

use std::path::{Path, PathBuf};

use crate::ingest::IngestError;

/// What went wrong; its message is one line that names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// Input that cannot be used: a malformed row of a gold annotation or
    /// a manifest, a bad argument.
    #[error("{place}: {problem}")]
    Input {
        /// Where: a file, with its line where known (`gold/findings.tsv:
        /// line 4`), or the argument.
        place: String,
        /// What is wrong there.
        problem: String,
    },
    /// A document that could not be read or decoded.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// Another run holds the lock on this output folder.
    #[error("another backcheck run is writing to {}", .0.display())]
    Locked(PathBuf),
    /// The worker threads of a batch could not be started.
    #[error("cannot start the worker threads: {0}")]
    Threads(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Bad input at `place`.
    pub fn input(place: impl Into<String>, problem: impl Into<String>) -> Error {
        Error::Input {
            place: place.into(),
            problem: problem.into(),
        }
    }

    /// A `csv` error while reading or writing `path`: an I/O error, or
    /// bad input at the line it names.
    pub(crate) fn csv(path: &Path, error: csv::Error) -> Error {
        let line = error.position().map(csv::Position::line);
        let place = match line {
            Some(line) => format!("{}: line {line}", path.display()),
            None => path.display().to_string(),
        };
        if let csv::ErrorKind::Deserialize { err, .. } = error.kind() {
            return Error::input(place, err.to_string());
        }
        let text = error.to_string();
        match error.into_kind() {
            csv::ErrorKind::Io(source) => Error::io(path, source),
            _ => Error::input(place, text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_the_line() {
        let e = Error::io(
            Path::new("gold/findings.tsv"),
            std::io::Error::new(std::io::ErrorKind::NotFound, "not there"),
        );
        assert_eq!(e.to_string(), "gold/findings.tsv: not there");
        let e = Error::input("gold/alignment.tsv: line 3", "bad index");
        assert_eq!(e.to_string(), "gold/alignment.tsv: line 3: bad index");
    }
}
