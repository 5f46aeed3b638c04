//! Progress for people: the bar's rate rounded to whole pairs a second,
//! and, where stderr is not a terminal (a log), a line every so often
//! with what is done, the rate and the time left when the total is known.

use std::time::{Duration, Instant};

/// A pairs-a-second rate as people read it: "224/s", "0.4/s" under one.
pub fn rate_text(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        "0/s".to_string()
    } else if per_sec < 1.0 {
        format!("{per_sec:.1}/s")
    } else {
        format!("{per_sec:.0}/s")
    }
}

/// A duration as people read it: "45s", "3m 05s", "2h 10m".
pub fn duration_text(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, (s % 3600) / 60),
    }
}

/// A progress style with `{rate}`: [`rate_text`] of the bar's rate.
pub(crate) fn with_rate(style: indicatif::ProgressStyle) -> indicatif::ProgressStyle {
    style.with_key(
        "rate",
        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&rate_text(state.per_sec()));
        },
    )
}

/// The progress line of a run that is logged rather than watched.
#[derive(Debug)]
pub struct Log {
    every: Duration,
    total: Option<usize>,
    start: Instant,
    last: Instant,
}

impl Log {
    /// A log writing at most one line per `every`, of `total` pairs if known.
    pub fn new(every: Duration, total: Option<usize>) -> Log {
        let now = Instant::now();
        Log {
            every,
            total,
            start: now,
            last: now,
        }
    }

    /// The line to write now that `done` pairs are done, if `every` has
    /// passed since the last one.
    pub fn tick(&mut self, done: usize) -> Option<String> {
        let now = Instant::now();
        if now.duration_since(self.last) < self.every {
            return None;
        }
        self.last = now;
        Some(self.line(done, now.duration_since(self.start)))
    }

    /// The line for `done` pairs after `elapsed`.
    pub fn line(&self, done: usize, elapsed: Duration) -> String {
        let per_sec = done as f64 / elapsed.as_secs_f64().max(1e-9);
        let mut line = match self.total {
            Some(total) => format!("progress: {done}/{total} pairs"),
            None => format!("progress: {done} pairs"),
        };
        line.push_str(&format!(
            ", {}, elapsed {}",
            rate_text(per_sec),
            duration_text(elapsed)
        ));
        if let Some(total) = self.total {
            if per_sec > 0.0 && done <= total {
                let left = Duration::from_secs_f64((total - done) as f64 / per_sec);
                line.push_str(&format!(", ETA {}", duration_text(left)));
            }
        }
        line
    }
}

/// Pairs whose number is known in advance (a `--jsonl` file counted
/// first), so the bar and the log can show the total and the time left.
pub struct Known<I> {
    inner: I,
    left: usize,
}

impl<I: Iterator> Iterator for Known<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let item = self.inner.next()?;
        self.left = self.left.saturating_sub(1);
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.left))
    }
}

/// `pairs` with a known total.
pub fn with_total(pairs: super::Pairs, total: usize) -> super::Pairs {
    Box::new(Known {
        inner: pairs,
        left: total,
    })
}

/// The lines of a file that hold more than white space: the pairs of a
/// `--jsonl` file.
pub fn count_lines(path: &std::path::Path) -> std::io::Result<usize> {
    use std::io::BufRead;
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut n = 0;
    for line in file.split(b'\n') {
        if line?.iter().any(|b| !b.is_ascii_whitespace()) {
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_rounded_and_lines_carry_the_eta() {
        assert_eq!(rate_text(224.0614), "224/s");
        assert_eq!(rate_text(0.4321), "0.4/s");
        assert_eq!(rate_text(f64::NAN), "0/s");
        let log = Log::new(Duration::from_secs(10), Some(1000));
        assert_eq!(
            log.line(250, Duration::from_secs(10)),
            "progress: 250/1000 pairs, 25/s, elapsed 10s, ETA 30s"
        );
        let log = Log::new(Duration::from_secs(10), None);
        assert_eq!(
            log.line(250, Duration::from_secs(125)),
            "progress: 250 pairs, 2/s, elapsed 2m 05s"
        );
    }

    #[test]
    fn a_log_is_quiet_until_its_interval_passes() {
        let mut log = Log::new(Duration::from_secs(3600), Some(5));
        assert_eq!(log.tick(1), None);
        let mut log = Log::new(Duration::ZERO, Some(5));
        assert!(log.tick(1).is_some_and(|l| l.starts_with("progress: 1/5")));
    }
}
