//! The configuration's one error type: which option was wrong, and what was expected.

use std::path::PathBuf;

/// A configuration problem: which option, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("config file {path} is not valid TOML: {reason}")]
    Syntax { path: PathBuf, reason: String },
    #[error("invalid option `{option}`: {expected}")]
    Invalid { option: String, expected: String },
}

impl ConfigError {
    pub fn invalid(option: impl Into<String>, expected: impl Into<String>) -> Self {
        ConfigError::Invalid {
            option: option.into(),
            expected: expected.into(),
        }
    }
}
