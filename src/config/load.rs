//! Loading: the TOML file read and parsed, the `CLAIMWATCH_*` overrides applied, the result
//! deserialised and validated.

use super::{Config, ConfigError, env, validate};
use crate::text::redact_url;
use std::path::Path;

impl Config {
    /// Reads `path`, applies `CLAIMWATCH_*` overrides from `vars`, and validates.
    /// A missing file is an error unless `allow_missing` (then the defaults are used).
    pub fn load<I>(path: &Path, vars: I, allow_missing: bool) -> Result<Config, ConfigError>
    where
        I: IntoIterator<Item = (String, String)>,
    {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if allow_missing && e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                return Err(ConfigError::Read {
                    path: path.to_owned(),
                    reason: e.to_string(),
                });
            }
        };
        Self::from_toml_str(&text, path, vars)
    }

    /// Parses TOML text (as if read from `path`), applies overrides, validates.
    pub fn from_toml_str<I>(text: &str, path: &Path, vars: I) -> Result<Config, ConfigError>
    where
        I: IntoIterator<Item = (String, String)>,
    {
        let mut table: toml::Table = toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_owned(),
            reason: e.message().to_owned(),
        })?;
        env::apply_overrides(&mut table, vars)?;
        let value = toml::Value::Table(table);
        let config: Config = serde_path_to_error::deserialize(value).map_err(|e| {
            let option = e.path().to_string();
            ConfigError::invalid(option, e.inner().message().to_owned())
        })?;
        validate::validate(&config)?;
        Ok(config)
    }

    /// The database URL with any password replaced by `***`, for logs and errors.
    pub fn redacted_database_url(&self) -> String {
        redact_url(&self.database_url)
    }
}
