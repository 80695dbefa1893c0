//! How the bot fails and how its failures are logged: [`BotRunError`] (the bot could not run),
//! the dispatcher's error handlers, and [`redact_token`], which keeps the bot token out of
//! every log line.

use super::handlers::BotError;
use std::sync::Arc;
use teloxide::error_handlers::ErrorHandler;

/// Why the bot could not run.
#[derive(Debug, thiserror::Error)]
pub enum BotRunError {
    #[error("cannot reach the Bot API: {0}")]
    Telegram(String),
    #[error("invalid bot configuration: {0}")]
    Config(String),
}

/// Logs handler errors with anything that looks like a bot token removed.
pub(super) struct LogErrors;

impl ErrorHandler<BotError> for LogErrors {
    fn handle_error(self: Arc<Self>, error: BotError) -> futures::future::BoxFuture<'static, ()> {
        tracing::warn!(error = %redact_token(&error.to_string()), "update handler failed");
        Box::pin(async {})
    }
}

impl<E: std::fmt::Debug> ErrorHandler<E> for ListenerErrors {
    fn handle_error(self: Arc<Self>, error: E) -> futures::future::BoxFuture<'static, ()> {
        tracing::warn!(error = %redact_token(&format!("{error:?}")), "getting updates failed");
        Box::pin(async {})
    }
}

/// Logs update-listener errors, redacted.
pub(super) struct ListenerErrors;

/// Replaces `<id>:<secret>` bot tokens (as in Bot API URLs) with `<token>`.
pub fn redact_token(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits >= 5 && b.get(i + digits) == Some(&b':') {
            let secret = b[i + digits + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_' || **c == b'-')
                .count();
            if secret >= 20 {
                out.push_str(&s[copied..i]);
                out.push_str("<token>");
                i += digits + 1 + secret;
                copied = i;
                continue;
            }
        }
        i += digits;
    }
    out.push_str(&s[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_redacted() {
        let s = "error sending request for url (http://x/bot123456789:AAFakeTokenForTestsOnly_abcdefghijklmn/GetUpdates) at 12345";
        let r = redact_token(s);
        assert!(!r.contains("AAFake"), "{r}");
        assert!(
            r.contains("bot<token>/GetUpdates") && r.ends_with("at 12345"),
            "{r}"
        );
        assert_eq!(redact_token("chat 123456: ok"), "chat 123456: ok");
        assert_eq!(redact_token("відмова 2026"), "відмова 2026");
    }
}
