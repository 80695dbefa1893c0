//! What every handler is given: the injected dependencies ([`Ctx`]), one incoming command's
//! circumstances ([`Req`]), and how a handler fails ([`BotError`]).

use crate::bot::deps::{DigestSource, SourceChecker};
use crate::bot::search_sessions::SearchSessions;
use crate::clock::Clock;
use crate::config::Config;
use crate::delivery::Gate;
use crate::i18n::{BotTexts, texts};
use crate::model::{ChatKind, Lang, Subscriber};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use teloxide::RequestError;
use teloxide::types::{ChatId, User};

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
#[derive(Clone)]
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
