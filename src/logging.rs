//! Logging: `tracing` to stderr, filtered by `RUST_LOG` (default `info`), as readable text or
//! as one JSON object per line (`--log-format json` or `[log] format`). Nothing logged may
//! carry the bot token or a database password: Bot API URLs are never logged, database URLs
//! only through `text::redact_url`.

use crate::config::LogFormat;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; a second call does nothing.
pub fn init() {
    init_with(LogFormat::Text);
}

/// Installs the global subscriber writing `format`; a second call does nothing.
pub fn init_with(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        // Fields flattened into the object, the span list left out: one flat object a line.
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .try_init(),
    };
}
