//! The teloxide `Bot` from the environment, without panics: `TELOXIDE_TOKEN` (required),
//! `TELOXIDE_API_URL` (another Bot API server, e.g. a local one in tests) and
//! `TELOXIDE_PROXY`. Errors never contain the token. The HTTP client's timeout is chosen by
//! the caller: a bot that long-polls needs one longer than its poll (teloxide's default of 17 s
//! is shorter than a 25 s poll, so every idle poll would fail and back off).

use super::DeliveryError;
use std::time::Duration;
use teloxide::Bot;

/// The timeout of a bot that only sends (teloxide's default).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(17);

/// Builds the bot from `vars` (the process environment in production).
pub fn bot_from_vars(
    token: Option<String>,
    api_url: Option<String>,
    proxy: Option<String>,
    timeout: Duration,
) -> Result<Bot, DeliveryError> {
    let token = token
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            DeliveryError::Setup(
                "TELOXIDE_TOKEN is not set: sending needs the bot token from @BotFather".into(),
            )
        })?;
    if token.chars().any(|c| c.is_whitespace() || c == '/') {
        return Err(DeliveryError::Setup(
            "TELOXIDE_TOKEN is malformed (it holds spaces or slashes)".into(),
        ));
    }
    let mut builder = teloxide::net::default_reqwest_settings().timeout(timeout);
    if let Some(p) = proxy.filter(|p| !p.trim().is_empty()) {
        let proxy = reqwest::Proxy::all(p.trim())
            .map_err(|_| DeliveryError::Setup("TELOXIDE_PROXY is not a valid proxy URL".into()))?;
        builder = builder.proxy(proxy);
    }
    let client = builder
        .build()
        .map_err(|e| DeliveryError::Setup(format!("cannot build the HTTP client: {e}")))?;
    let bot = Bot::with_client(token, client);
    match api_url.filter(|u| !u.trim().is_empty()) {
        None => Ok(bot),
        Some(raw) => {
            let url = reqwest::Url::parse(raw.trim())
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && !u.cannot_be_a_base())
                .ok_or_else(|| {
                    DeliveryError::Setup(format!(
                        "TELOXIDE_API_URL {:?} is not an http(s) URL",
                        crate::text::redact_url(raw.trim())
                    ))
                })?;
            Ok(bot.set_api_url(url))
        }
    }
}

/// Builds the bot from the process environment, its requests timing out after `timeout`.
pub fn bot_from_env(timeout: Duration) -> Result<Bot, DeliveryError> {
    let var = |k: &str| std::env::var(k).ok();
    bot_from_vars(
        var("TELOXIDE_TOKEN"),
        var("TELOXIDE_API_URL"),
        var("TELOXIDE_PROXY"),
        timeout,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_token_or_bad_url_is_a_clear_error_without_the_token() {
        let err = bot_from_vars(None, None, None, SEND_TIMEOUT)
            .unwrap_err()
            .to_string();
        assert!(err.contains("TELOXIDE_TOKEN"), "{err}");
        let err = bot_from_vars(Some("  ".into()), None, None, SEND_TIMEOUT)
            .unwrap_err()
            .to_string();
        assert!(err.contains("TELOXIDE_TOKEN"), "{err}");
        let token = "123456:SECRETsecretSECRETsecret";
        let err = bot_from_vars(
            Some(token.into()),
            Some("ftp://x".into()),
            None,
            SEND_TIMEOUT,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("TELOXIDE_API_URL") && !err.contains("SECRET"),
            "{err}"
        );
        assert!(
            bot_from_vars(
                Some(token.into()),
                Some("http://127.0.0.1:9/".into()),
                None,
                SEND_TIMEOUT
            )
            .is_ok()
        );
    }
}
