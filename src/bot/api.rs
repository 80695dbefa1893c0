//! [`BotApi`]: the one name for "a Telegram Bot API client" (any teloxide requester that fails
//! with teloxide's `RequestError` and can be shared between tasks), so functions that talk to
//! Telegram state that once instead of repeating the bounds.

use teloxide::RequestError;
use teloxide::prelude::Requester;

/// A Telegram Bot API client: `Bot`, or any other requester with teloxide's errors that can be
/// shared between tasks. Every such requester is one (the blanket impl below).
pub trait BotApi: Requester<Err = RequestError> + Send + Sync {}

impl<T: Requester<Err = RequestError> + Send + Sync> BotApi for T {}
