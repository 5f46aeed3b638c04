//! The config file, `backcheck.toml`: found in the working folder or given
//! with `--config FILE`. Every setting is also a flag of `check` and
//! `batch`, and the flag wins.
//!
//! ```toml
//! min_severity = "major"        # hide minor findings
//! glossary = "names.csv"        # paths are relative to this file
//! ignore = "ignore.csv"
//!
//! [checks.dropped]
//! enabled = false               # no dropped-content findings
//! [checks.name]
//! severity = "critical"         # every name finding is critical
//! min_confidence = 0.5          # drop name findings less sure than this
//!
//! [profiles.strict]             # chosen with --profile strict
//! min_severity = "minor"
//! [profiles.strict.checks.dropped]
//! enabled = true
//! ```
//!
//! ```
//! let config = backcheck::config::Config::parse("[checks.dropped]\nenabled = false\n", std::path::Path::new(".")).unwrap();
//! let settings = config.settings(None).unwrap();
//! assert!(!settings.checks[&backcheck::check::Kind::Dropped].enabled);
//! assert_eq!(config.fingerprint().len(), 12);
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::check::review::CheckSetting;
use crate::check::{Kind, Severity};

/// The name looked for in the working folder.
pub const FILE_NAME: &str = "backcheck.toml";

/// One check's settings as written.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Report this kind at all.
    pub enabled: Option<bool>,
    /// Report every finding of this kind at this severity.
    pub severity: Option<Severity>,
    /// Drop findings of this kind less sure than this (0–1).
    pub min_confidence: Option<f32>,
}

/// The settings a profile (or the file's top level) may hold.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Hide findings less severe than this.
    pub min_severity: Option<Severity>,
    /// The glossary file.
    pub glossary: Option<PathBuf>,
    /// The ignore list.
    pub ignore: Option<PathBuf>,
    /// Settings per check, by kind (`name`, `number`, `dropped`, …).
    #[serde(default)]
    pub checks: BTreeMap<Kind, CheckConfig>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(flatten)]
    base: Profile,
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// A config file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    base: Profile,
    profiles: BTreeMap<String, Profile>,
    /// A hash of the file's text.
    hash: String,
}

/// The settings in force: the file's, with a profile's on top.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// Hide findings less severe than this.
    pub min_severity: Option<Severity>,
    /// The glossary file (relative paths resolved against the config's folder).
    pub glossary: Option<PathBuf>,
    /// The ignore list (likewise).
    pub ignore: Option<PathBuf>,
    /// Settings per check.
    pub checks: BTreeMap<Kind, CheckSetting>,
}

impl Config {
    /// Parses config text; relative paths in it are taken from `folder`.
    pub fn parse(text: &str, folder: &Path) -> Result<Config, String> {
        let file: File = toml::from_str(text).map_err(|e| {
            // The crate's message spans lines (a caret under the spot):
            // one line is kept, naming where.
            let span = e
                .span()
                .and_then(|s| text.get(..s.start))
                .map(|before| before.matches('\n').count() + 1);
            match span {
                Some(line) => format!("line {line}: {}", e.message()),
                None => e.message().to_string(),
            }
        })?;
        let fix = |p: &mut Profile| {
            for path in [&mut p.glossary, &mut p.ignore].into_iter().flatten() {
                if path.is_relative() {
                    *path = folder.join(&*path);
                }
            }
        };
        let mut base = file.base;
        fix(&mut base);
        let mut profiles = file.profiles;
        profiles.values_mut().for_each(fix);
        for p in std::iter::once(&base).chain(profiles.values()) {
            for (kind, c) in &p.checks {
                if let Some(x) = c.min_confidence {
                    if !(0.0..=1.0).contains(&x) {
                        return Err(format!(
                            "checks.{}.min_confidence is {x}, expected 0 to 1",
                            kind.as_str()
                        ));
                    }
                }
            }
        }
        Ok(Config {
            base,
            profiles,
            hash: crate::check::review::fingerprint(Kind::Name, text, "", &[], &[]),
        })
    }

    /// Reads the config file at `path`; errors name the file.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let folder = path.parent().unwrap_or(Path::new("."));
        Config::parse(&text, folder).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// `backcheck.toml` in `folder`, if there is one.
    pub fn find(folder: &Path) -> Option<PathBuf> {
        let path = folder.join(FILE_NAME);
        path.is_file().then_some(path)
    }

    /// 12 hex digits identifying the file's text (for the report signature).
    pub fn fingerprint(&self) -> &str {
        &self.hash
    }

    /// The profiles the file defines.
    pub fn profiles(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }

    /// The settings with `profile` (if any) on top of the file's.
    pub fn settings(&self, profile: Option<&str>) -> Result<Settings, String> {
        let mut layers = vec![&self.base];
        if let Some(name) = profile {
            let p = self.profiles.get(name).ok_or_else(|| {
                let known: Vec<&str> = self.profiles().collect();
                format!(
                    "no profile {name:?} (the config defines: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )
            })?;
            layers.push(p);
        }
        let mut s = Settings::default();
        for layer in layers {
            s.min_severity = layer.min_severity.or(s.min_severity);
            s.glossary = layer.glossary.clone().or(s.glossary);
            s.ignore = layer.ignore.clone().or(s.ignore);
            for (kind, c) in &layer.checks {
                let setting = s.checks.entry(*kind).or_default();
                if let Some(e) = c.enabled {
                    setting.enabled = e;
                }
                if c.severity.is_some() {
                    setting.severity = c.severity;
                }
                if let Some(x) = c.min_confidence {
                    setting.min_confidence = x;
                }
            }
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_layer_over_the_file() {
        let text = "min_severity = \"major\"\nignore = \"ig.csv\"\n[checks.dropped]\nenabled = false\n[profiles.all]\nmin_severity = \"minor\"\n[profiles.all.checks.dropped]\nenabled = true\nseverity = \"minor\"\n";
        let c = Config::parse(text, Path::new("/cfg")).expect("valid");
        let base = c.settings(None).expect("base");
        assert_eq!(base.min_severity, Some(Severity::Major));
        assert!(!base.checks[&Kind::Dropped].enabled);
        assert_eq!(base.ignore.as_deref(), Some(Path::new("/cfg/ig.csv")));
        let all = c.settings(Some("all")).expect("profile");
        assert_eq!(all.min_severity, Some(Severity::Minor));
        assert!(all.checks[&Kind::Dropped].enabled);
        assert_eq!(all.checks[&Kind::Dropped].severity, Some(Severity::Minor));
        let err = c.settings(Some("nope")).expect_err("unknown");
        assert!(err.contains("all"), "{err}");
    }

    #[test]
    fn mistakes_are_one_line_errors_naming_the_line() {
        for (text, want) in [
            ("[checks.dropped]\nenabld = false\n", "enabld"),
            ("min_severity = \"huge\"\n", "line 1"),
            ("[checks.colour]\nenabled = false\n", "line 1"),
            ("[checks.name]\nmin_confidence = 2.0\n", "min_confidence"),
        ] {
            let err = Config::parse(text, Path::new(".")).expect_err(text);
            assert!(err.contains(want) && !err.contains('\n'), "{text}: {err}");
        }
    }
}
