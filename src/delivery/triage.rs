//! What a Bot API answer means for one outbox message: sent, wait and retry (429), the chat is
//! gone for good (403 of any kind, chat not found, …), the group moved, try again later
//! (network), or the message itself is wrong (a bug: never retried). Error texts are kept
//! free of the bot token (Bot API URLs contain it).

use regex::Regex;
use std::sync::OnceLock;
use std::time::Duration;
use teloxide::{ApiError, RequestError};

/// What to do with a message after one send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent {
        message_id: i64,
    },
    /// 429: wait this long, then send again (not a failed attempt).
    RetryAfter(Duration),
    /// The chat cannot receive messages any more (blocked, kicked, deleted, deactivated,
    /// not found, no right to post): the subscriber becomes inactive, nothing is retried.
    Gone(String),
    /// The group became a supergroup with this id.
    Migrated(i64),
    /// The request may not have reached Telegram or its answer was lost: retry with backoff.
    Transient(String),
    /// Telegram refused the message itself (bad HTML, too long, …): a bug, not retried.
    Rejected(String),
    /// The bot token was refused: delivery stops, messages stay pending.
    Unauthorized(String),
}

/// Classifies the result of one `sendMessage` (the message id when it was accepted).
pub fn classify(result: Result<i64, RequestError>) -> Outcome {
    let err = match result {
        Ok(message_id) => return Outcome::Sent { message_id },
        Err(e) => e,
    };
    match err {
        RequestError::RetryAfter(s) => Outcome::RetryAfter(s.duration()),
        RequestError::MigrateToChatId(id) => Outcome::Migrated(id.0),
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            Outcome::Transient(redact(&err.to_string()))
        }
        RequestError::Api(api) => classify_api(api),
    }
}

fn classify_api(api: ApiError) -> Outcome {
    use ApiError as E;
    let text = match &api {
        E::Unknown(description) => description.clone(),
        known => known.to_string(),
    };
    let text = redact(&text);
    match api {
        E::BotBlocked
        | E::BotKicked
        | E::BotKickedFromSupergroup
        | E::BotKickedFromChannel
        | E::UserDeactivated
        | E::CantInitiateConversation
        | E::CantTalkWithBots
        | E::ChatNotFound
        | E::GroupDeactivated
        | E::NotEnoughRightsToPostMessages => Outcome::Gone(text),
        E::InvalidToken => Outcome::Unauthorized(text),
        E::Unknown(d) if chat_is_gone(&d) => Outcome::Gone(text),
        E::Unknown(d) if d.starts_with("Unauthorized") => Outcome::Unauthorized(text),
        _ => Outcome::Rejected(text),
    }
}

/// Descriptions teloxide has no variant for that still mean "this chat is gone for us".
fn chat_is_gone(description: &str) -> bool {
    let d = description.trim();
    d.starts_with("Forbidden")
        || [
            "chat not found",
            "CHAT_WRITE_FORBIDDEN",
            "have no rights to send a message",
            "not enough rights to send text messages",
            "CHANNEL_PRIVATE",
            "PEER_ID_INVALID",
            "group chat was deactivated",
            "USER_IS_BLOCKED",
        ]
        .iter()
        .any(|needle| d.contains(needle))
}

/// Removes bot tokens (`bot123456:ABC…` in Bot API URLs, or a bare `123456:ABC…`) from text.
pub fn redact(text: &str) -> String {
    static TOKEN: OnceLock<Option<Regex>> = OnceLock::new();
    let re = TOKEN.get_or_init(|| Regex::new(r"\d{5,}:[A-Za-z0-9_-]{20,}").ok());
    let cleaned = match re {
        Some(re) => re.replace_all(text, "***").into_owned(),
        None => "(error text withheld)".to_owned(),
    };
    crate::text::truncate_chars(&cleaned, 500)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_forbidden_is_permanent() {
        for d in [
            "Forbidden: bot was kicked from the group chat",
            "Forbidden: the group chat was deleted",
            "Bad Request: CHAT_WRITE_FORBIDDEN",
            "Bad Request: have no rights to send a message",
        ] {
            assert_eq!(
                classify_api(ApiError::Unknown(d.into())),
                Outcome::Gone(d.into()),
                "{d}"
            );
        }
        assert!(matches!(
            classify_api(ApiError::BotBlocked),
            Outcome::Gone(_)
        ));
        assert!(matches!(
            classify_api(ApiError::ChatNotFound),
            Outcome::Gone(_)
        ));
        assert!(matches!(
            classify_api(ApiError::UserDeactivated),
            Outcome::Gone(_)
        ));
    }

    #[test]
    fn bad_messages_are_rejected_not_retried() {
        assert!(matches!(
            classify_api(ApiError::MessageIsTooLong),
            Outcome::Rejected(_)
        ));
        assert!(matches!(
            classify_api(ApiError::CantParseEntities(
                "Bad Request: can't parse entities".into()
            )),
            Outcome::Rejected(_)
        ));
        assert!(matches!(
            classify_api(ApiError::Unknown("Bad Request: something new".into())),
            Outcome::Rejected(_)
        ));
        assert!(matches!(
            classify_api(ApiError::InvalidToken),
            Outcome::Unauthorized(_)
        ));
    }

    #[test]
    fn tokens_never_survive_in_error_text() {
        let url = "error sending request for url (http://127.0.0.1:9/bot123456789:AAFakeTokenForTestsOnly_abcdefghijklmn/SendMessage)";
        let out = redact(url);
        assert!(!out.contains("AAFakeToken"), "{out}");
        assert!(out.contains("/bot***/SendMessage"), "{out}");
        assert_eq!(redact("plain"), "plain");
    }
}
