//! Logging: `tracing` to stderr, filtered by `RUST_LOG` (default `info`). Nothing logged may
//! carry the bot token or a database password: Bot API URLs are never logged, database URLs
//! only through `text::redact_url`.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; a second call does nothing.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}
