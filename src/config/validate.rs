//! Checks of values serde cannot check: times, time zones, URLs, ranges. One function per
//! section, run in the order the errors have always been reported.

use super::{BotMode, Config, ConfigError};
use crate::text::redact_url;

fn bad(option: impl Into<String>, expected: impl Into<String>) -> ConfigError {
    ConfigError::invalid(option, expected)
}

pub(super) fn validate(c: &Config) -> Result<(), ConfigError> {
    validate_database(c)?;
    validate_digest(c)?;
    validate_poll(c)?;
    validate_http(c)?;
    validate_delivery(c)?;
    validate_cluster(c)?;
    validate_bot(c)?;
    validate_robustness(c)?;
    validate_run(c)?;
    validate_server(c)?;
    validate_sources(c)
}

/// `database_url`: SQLite or PostgreSQL.
fn validate_database(c: &Config) -> Result<(), ConfigError> {
    let url = c.database_url.trim();
    if !(url.starts_with("sqlite:")
        || url.starts_with("postgres://")
        || url.starts_with("postgresql://"))
    {
        return Err(bad(
            "database_url",
            format!(
                "expected sqlite://PATH or postgres://USER@HOST/DB, got {:?}",
                redact_url(url)
            ),
        ));
    }
    Ok(())
}

/// `[digest]`: at least one topic (each one's name, the time and the zone were parsed with
/// the file).
fn validate_digest(c: &Config) -> Result<(), ConfigError> {
    if c.digest.topics.is_empty() {
        return Err(bad(
            "digest.topics",
            "expected at least one of \"refusal\", \"losses\"",
        ));
    }
    Ok(())
}

/// `[poll]`: intervals in order, backoff, concurrency, the pause threshold.
fn validate_poll(c: &Config) -> Result<(), ConfigError> {
    let p = &c.poll;
    if p.min_interval.0.is_zero() {
        return Err(bad("poll.min_interval", "expected a duration above zero"));
    }
    if p.min_interval > p.max_interval {
        return Err(bad(
            "poll.min_interval",
            format!(
                "expected at most poll.max_interval ({}), got {}",
                p.max_interval, p.min_interval
            ),
        ));
    }
    if p.backoff_base.0.is_zero() || p.backoff_base > p.backoff_max {
        return Err(bad(
            "poll.backoff_base",
            "expected a duration above zero and at most poll.backoff_max",
        ));
    }
    if p.concurrency == 0 || p.per_host_concurrency == 0 {
        return Err(bad(
            "poll.concurrency",
            "expected at least 1 (and poll.per_host_concurrency too)",
        ));
    }
    if p.pause_after_errors == 0 {
        return Err(bad("poll.pause_after_errors", "expected at least 1"));
    }
    Ok(())
}

/// `[http]`: the body cap, the timeouts, the User-Agent (the proxy: see robustness).
fn validate_http(c: &Config) -> Result<(), ConfigError> {
    let h = &c.http;
    if h.max_body_bytes < 1024 {
        return Err(bad("http.max_body_bytes", "expected at least 1024 bytes"));
    }
    if h.timeout.0.is_zero() || h.connect_timeout.0.is_zero() {
        return Err(bad(
            "http.timeout",
            "expected durations above zero (http.timeout, http.connect_timeout)",
        ));
    }
    if h.user_agent.trim().is_empty() || h.user_agent.contains(['\r', '\n']) {
        return Err(bad("http.user_agent", "expected a non-empty single line"));
    }
    Ok(())
}

/// `[delivery]`: every pace and the attempts at least 1.
fn validate_delivery(c: &Config) -> Result<(), ConfigError> {
    let d = &c.delivery;
    for (name, v) in [
        ("delivery.global_per_second", d.global_per_second),
        ("delivery.per_chat_per_second", d.per_chat_per_second),
        ("delivery.per_group_per_minute", d.per_group_per_minute),
        ("delivery.max_attempts", d.max_attempts),
    ] {
        if v == 0 {
            return Err(bad(name, "expected at least 1"));
        }
    }
    Ok(())
}

/// `[cluster]`: a threshold in (0, 1] and windows above zero.
fn validate_cluster(c: &Config) -> Result<(), ConfigError> {
    if !(c.cluster.threshold > 0.0 && c.cluster.threshold <= 1.0) {
        return Err(bad(
            "cluster.threshold",
            format!("expected a number in (0, 1], got {}", c.cluster.threshold),
        ));
    }
    if c.cluster.window.0.is_zero() {
        return Err(bad("cluster.window", "expected a duration above zero"));
    }
    if c.cluster.event_window.0.is_zero() {
        return Err(bad(
            "cluster.event_window",
            "expected a duration above zero",
        ));
    }
    Ok(())
}

/// `[bot]`: the reply languages, the webhook's address in webhook mode, the search windows.
fn validate_bot(c: &Config) -> Result<(), ConfigError> {
    if c.bot.ui_languages.is_empty() {
        return Err(bad(
            "bot.ui_languages",
            "expected at least one of \"en\", \"uk\", \"ru\"",
        ));
    }
    if c.bot.mode == BotMode::Webhook {
        validate_webhook(c)?;
    }
    if c.bot.search_window.0.is_zero() || c.bot.recent_window.0.is_zero() {
        return Err(bad(
            "bot.search_window",
            "expected durations above zero (bot.search_window, bot.recent_window)",
        ));
    }
    Ok(())
}

/// In webhook mode: an https:// URL and a HOST:PORT to listen on.
fn validate_webhook(c: &Config) -> Result<(), ConfigError> {
    let ok = url::Url::parse(&c.bot.webhook_url).is_ok_and(|u| u.scheme() == "https");
    if !ok {
        return Err(bad(
            "bot.webhook_url",
            "expected an https:// URL when bot.mode = \"webhook\"",
        ));
    }
    if c.bot
        .webhook_listen
        .parse::<std::net::SocketAddr>()
        .is_err()
    {
        return Err(bad(
            "bot.webhook_listen",
            format!(
                "expected HOST:PORT such as 0.0.0.0:8443, got {:?}",
                c.bot.webhook_listen
            ),
        ));
    }
    Ok(())
}

/// `[run]`: a lease of at least a second and a pool of at least one connection.
fn validate_run(c: &Config) -> Result<(), ConfigError> {
    if c.run.lease_ttl.0 < std::time::Duration::from_secs(1) {
        return Err(bad("run.lease_ttl", "expected at least 1s"));
    }
    if c.run.database_pool_size == 0 {
        return Err(bad("run.database_pool_size", "expected at least 1"));
    }
    Ok(())
}

/// `[[sources]]`: an address the bot can poll, a known language, an interval above zero.
fn validate_sources(c: &Config) -> Result<(), ConfigError> {
    for (i, s) in c.sources.iter().enumerate() {
        if let Err(e) = crate::sources::address::SourceAddress::parse(&s.url) {
            return Err(bad(format!("sources[{i}].url"), e.to_string()));
        }
        if let Some(iv) = s.interval
            && iv.0.is_zero()
        {
            return Err(bad(
                format!("sources[{i}].interval"),
                "expected a duration above zero",
            ));
        }
    }
    Ok(())
}

/// `[server]`: a check interval of at least a second; in webhook mode the endpoints share the
/// webhook's server, so an address set here must be the webhook's.
fn validate_server(c: &Config) -> Result<(), ConfigError> {
    if c.server.check_interval.0 < std::time::Duration::from_secs(1) {
        return Err(bad("server.check_interval", "expected at least 1s"));
    }
    if let (BotMode::Webhook, Some(listen)) = (c.bot.mode, c.server.listen.0)
        && c.bot.webhook_listen.parse::<std::net::SocketAddr>().ok() != Some(listen)
    {
        return Err(bad(
            "server.listen",
            format!(
                "expected \"\" or the address of bot.webhook_listen ({}) when bot.mode = \"webhook\": the endpoints share the webhook's server",
                c.bot.webhook_listen
            ),
        ));
    }
    Ok(())
}

/// The long poll, each chat's fair share, and the feeds' proxy.
fn validate_robustness(c: &Config) -> Result<(), ConfigError> {
    let poll = c.bot.poll_timeout.0.as_secs();
    if !(1..=50).contains(&poll) {
        return Err(bad(
            "bot.poll_timeout",
            format!("expected 1s to 50s (Telegram holds a long poll at most 50 s), got {poll}s"),
        ));
    }
    if !(1..=50).contains(&c.bot.flood_burst) {
        return Err(bad(
            "bot.flood_burst",
            "expected 1 to 50 updates (a chat never queues more than this)",
        ));
    }
    if c.bot.flood_per_minute == 0 {
        return Err(bad("bot.flood_per_minute", "expected at least 1"));
    }
    if !c.http.proxy.trim().is_empty()
        && !url::Url::parse(c.http.proxy.trim())
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
    {
        return Err(bad(
            "http.proxy",
            "expected a proxy URL such as http://127.0.0.1:3128, or empty",
        ));
    }
    Ok(())
}
