//! The configuration for a command line: loaded from `--config` and the environment, with
//! relative `file:` source addresses resolved against the config file's directory.

use super::Cli;
use crate::config::{Config, ConfigError};

/// Loads the configuration from the `--config` path and the process environment.
pub fn load_config(cli: &Cli) -> Result<Config, ConfigError> {
    let default_path = cli.config == std::path::Path::new("config/claimwatch.toml");
    let mut config = Config::load(&cli.config, std::env::vars(), default_path)?;
    resolve_relative_files(&mut config, &cli.config);
    Ok(config)
}

/// `file:./PATH` and `file:../PATH` source addresses are relative to the config file's
/// directory (so `config/demo.toml` can name `file:./demo/…`); they become absolute
/// `file://` URLs here. Absolute `file:///…` addresses are left as they are.
pub fn resolve_relative_files(config: &mut Config, config_path: &std::path::Path) {
    let base = config_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    for source in &mut config.sources {
        let Some(rel) = source
            .url
            .trim()
            .strip_prefix("file:")
            .filter(|r| r.starts_with("./") || r.starts_with("../"))
        else {
            continue;
        };
        let joined = base.join(rel);
        let absolute = joined
            .canonicalize()
            .or_else(|_| std::path::absolute(&joined).map(|p| lexically_normal(&p)));
        if let Some(url) = absolute.ok().and_then(|p| url::Url::from_file_path(p).ok()) {
            source.url = url.to_string();
        }
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn lexically_normal(path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
