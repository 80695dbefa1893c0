//! What a chat is and what it starts with: its kind, the language to answer it in, a new
//! subscriber's defaults, and when its next digest falls.

use super::Req;
use crate::config::Config;
use crate::model::{ChatKind, Lang, NewSubscriber, Subscriber};
use chrono::{DateTime, NaiveTime, Utc};
use teloxide::types::User;

pub(crate) fn chat_kind(chat: &teloxide::types::Chat) -> ChatKind {
    if chat.is_channel() {
        ChatKind::Channel
    } else if chat.is_supergroup() {
        ChatKind::Supergroup
    } else if chat.is_group() {
        ChatKind::Group
    } else {
        ChatKind::Private
    }
}

/// The reply language: the chat's setting, else the user's Telegram language when offered,
/// else the first configured language.
pub(crate) fn ui_lang(config: &Config, sub: Option<&Subscriber>, user: Option<&User>) -> Lang {
    let offered = config.bot.languages();
    let fallback = offered.first().copied().unwrap_or(Lang::En);
    if let Some(s) = sub
        && offered.contains(&s.ui_lang)
    {
        return s.ui_lang;
    }
    let code = user.and_then(|u| u.language_code.as_deref()).unwrap_or("");
    let base = code
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match base.as_str() {
        "en" | "uk" | "ru" => {
            let l = Lang::from_ui_code(&base);
            if offered.contains(&l) { l } else { fallback }
        }
        _ => fallback,
    }
}

/// A new subscriber with the configured defaults.
pub(crate) fn new_subscriber(config: &Config, req: &Req) -> NewSubscriber {
    NewSubscriber {
        chat_id: req.chat.0,
        kind: req.kind,
        title: req.title.clone(),
        topics: config.digest.topic_set(),
        digest_time: config.digest.time_of_day(),
        timezone: config.digest.timezone.name().to_owned(),
        ui_lang: req.lang,
    }
}

/// The next scheduled digest for a time and a chat's zone (the configured zone when the
/// chat's does not parse, as the scheduler reads it).
pub(crate) fn next_digest(
    config: &Config,
    time: NaiveTime,
    zone: &str,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    config.digest.chat_tz(Some(zone)).next_occurrence(time, now)
}
