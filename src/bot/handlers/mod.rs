//! Update handlers, one file per concern, and what they share: the injected context, the
//! per-message request (chat, language, subscriber), permission checks and the reply helper
//! that splits long HTML and disables link previews.

mod admin;
mod callbacks;
mod chart;
mod digest;
mod membership;
mod search;
mod settings;
mod start;

pub(crate) use callbacks::on_callback;
pub(crate) use membership::on_my_chat_member;

use super::commands::{self, Parsed};
use super::deps::{DigestSource, SourceChecker};
use super::search_sessions::SearchSessions;
use crate::bot::paced::Paced;
use crate::clock::Clock;
use crate::config::Config;
use crate::delivery::Gate;
use crate::i18n::{BotTexts, texts};
use crate::model::{ChatKind, Lang, NewSubscriber, Subscriber};
use crate::store::{Store, StoreError};
use crate::telegram_html::{REPLY_BUDGET, split_html};
use crate::tz::ChatTz;
use chrono::{DateTime, NaiveTime, Utc};
use std::sync::Arc;
use teloxide::Bot;
use teloxide::RequestError;
use teloxide::payloads::{EditMessageTextSetters, SendMessageSetters};
use teloxide::prelude::Requester;
use teloxide::requests::Request;
use teloxide::types::{
    ChatId, InlineKeyboardMarkup, LinkPreviewOptions, Me, Message, MessageId, ParseMode, User,
};

/// The dependencies handlers use, assembled from the injected ones.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub digest: Arc<dyn DigestSource>,
    pub checker: Arc<dyn SourceChecker>,
    pub sessions: Arc<SearchSessions>,
    /// The process's pace for every message (shared with the digest's outbox).
    pub gate: Arc<Gate>,
}

/// A handler's failure: logged (never shown raw to the user).
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    #[error("telegram request failed: {0}")]
    Telegram(#[from] RequestError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub type HandlerResult = Result<(), BotError>;

/// One incoming command's circumstances.
pub(crate) struct Req {
    pub chat: ChatId,
    pub kind: ChatKind,
    pub title: Option<String>,
    pub user: Option<User>,
    /// Sent on behalf of the chat itself (an anonymous group admin, a channel post).
    pub as_chat: bool,
    pub sub: Option<Subscriber>,
    pub lang: Lang,
    pub now: DateTime<Utc>,
}

impl Req {
    pub fn t(&self) -> &'static BotTexts {
        &texts(self.lang).bot
    }
}

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

/// The next scheduled digest for a time and zone.
pub(crate) fn next_digest(time: NaiveTime, tz: &str, now: DateTime<Utc>) -> DateTime<Utc> {
    let tz: ChatTz = tz.parse().unwrap_or(ChatTz::Named(chrono_tz::UTC));
    tz.next_occurrence(time, now)
}

/// Whether the sender may change this chat's settings: anyone in a private chat or channel
/// post, a group's admins (asked of Telegram) in groups.
pub(crate) async fn may_configure(
    bot: &Paced,
    chat: ChatId,
    kind: ChatKind,
    user: Option<&User>,
    as_chat: bool,
) -> bool {
    match kind {
        ChatKind::Private | ChatKind::Channel => true,
        ChatKind::Group | ChatKind::Supergroup if as_chat => true,
        ChatKind::Group | ChatKind::Supergroup => match user {
            Some(u) => match bot.inner().get_chat_member(chat, u.id).send().await {
                Ok(m) => m.kind.is_privileged(),
                Err(e) => {
                    tracing::warn!(chat = chat.0, error = %e, "cannot check group admin");
                    false
                }
            },
            None => false,
        },
    }
}

/// Sends HTML, split under the message limit, without link previews; the keyboard goes on
/// the last part. Returns the last message sent.
pub(crate) async fn send_html(
    bot: &Paced,
    chat: ChatId,
    html: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<Option<Message>, RequestError> {
    let parts = split_html(html, REPLY_BUDGET);
    let n = parts.len();
    let mut last = None;
    for (i, part) in parts.into_iter().enumerate() {
        let mut req = bot
            .inner()
            .send_message(chat, part)
            .parse_mode(ParseMode::Html)
            .link_preview_options(no_preview());
        if let Some(k) = keyboard.clone().filter(|_| i + 1 == n) {
            req = req.reply_markup(k);
        }
        last = Some(bot.paced(chat, || req.send_ref()).await?);
    }
    Ok(last)
}

/// Replaces a message's text and keyboard; "message is not modified" is not an error.
pub(crate) async fn edit_html(
    bot: &Paced,
    chat: ChatId,
    message: MessageId,
    html: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    let mut req = bot
        .inner()
        .edit_message_text(chat, message, html)
        .parse_mode(ParseMode::Html)
        .link_preview_options(no_preview());
    if let Some(k) = keyboard {
        req = req.reply_markup(k);
    }
    match bot.paced(chat, || req.send_ref()).await {
        Ok(_) | Err(RequestError::Api(teloxide::ApiError::MessageNotModified)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// What a user is told when the store failed: "not saved, try again later" when it is
/// unavailable (never "saved"), else that something went wrong.
pub(crate) fn store_failure_text(t: &'static BotTexts, e: &StoreError) -> &'static str {
    if e.is_unavailable() {
        t.not_saved
    } else {
        t.error
    }
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

/// Every message and channel post: commands, group migrations, plain text.
pub(crate) async fn on_message(bot: Bot, msg: Message, me: Me, ctx: Ctx) -> HandlerResult {
    let bot = Paced::new(bot, ctx.gate.clone());
    let now = ctx.clock.now();
    if let Some(new_id) = msg.migrate_to_chat_id() {
        ctx.store.migrate_chat(msg.chat.id.0, new_id.0, now).await?;
        return Ok(());
    }
    let Some(text) = msg.text() else {
        return Ok(());
    };
    let parsed = commands::parse(text, me.username());
    let kind = chat_kind(&msg.chat);
    let mentioned = text.contains(&format!("@{}", me.username()));
    let ignore = match parsed {
        Parsed::OtherBot => true,
        Parsed::NotCommand | Parsed::Unknown => kind != ChatKind::Private && !mentioned,
        Parsed::User(_) | Parsed::Admin(_) => false,
    };
    if ignore {
        return Ok(());
    }
    let user = msg.from.clone();
    let sub = match ctx.store.subscriber(msg.chat.id.0).await {
        Ok(sub) => sub,
        Err(e) => {
            crate::storage::log_store_error(&e, "store failure while handling a command");
            let t = &texts(ui_lang(&ctx.config, None, user.as_ref())).bot;
            send_html(&bot, msg.chat.id, store_failure_text(t, &e), None).await?;
            return Ok(());
        }
    };
    let req = Req {
        chat: msg.chat.id,
        kind,
        title: msg
            .chat
            .title()
            .map(|t| crate::text::truncate_chars(t, 128)),
        lang: ui_lang(&ctx.config, sub.as_ref(), user.as_ref()),
        as_chat: msg
            .sender_chat
            .as_ref()
            .is_some_and(|c| c.id == msg.chat.id),
        user,
        sub,
        now,
    };
    let result = match parsed {
        Parsed::User(cmd) => start::user_command(&bot, &ctx, &req, cmd).await,
        Parsed::Admin(cmd) => admin::admin_command(&bot, &ctx, &req, cmd).await,
        Parsed::Unknown => send_html(&bot, req.chat, req.t().unknown_command, None)
            .await
            .map(|_| ())
            .map_err(BotError::from),
        Parsed::NotCommand | Parsed::OtherBot => {
            send_html(&bot, req.chat, req.t().plain_text, None)
                .await
                .map(|_| ())
                .map_err(BotError::from)
        }
    };
    if let Err(BotError::Store(e)) = &result {
        // Tell the user nothing was saved; the error itself goes to the log (an unavailable
        // storage is reported by its health, once per outage).
        crate::storage::log_store_error(e, "store failure while handling a command");
        send_html(&bot, req.chat, store_failure_text(req.t(), e), None).await?;
        return Ok(());
    }
    result
}
