//! How handlers answer: HTML split under the message limit without link previews, a message
//! edited in place, one short reply ([`say`]), and what to tell a user when storage failed.

use super::{HandlerResult, Req};
use crate::bot::paced::Paced;
use crate::i18n::BotTexts;
use crate::store::StoreError;
use crate::telegram_html::{REPLY_BUDGET, split_html};
use teloxide::RequestError;
use teloxide::payloads::{EditMessageTextSetters, SendMessageSetters};
use teloxide::prelude::Requester;
use teloxide::requests::Request;
use teloxide::types::{
    ChatId, InlineKeyboardMarkup, LinkPreviewOptions, Message, MessageId, ParseMode,
};

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

/// Sends `html` to the request's chat and maps the error.
pub(crate) async fn say(bot: &Paced, req: &Req, html: &str) -> HandlerResult {
    send_html(bot, req.chat, html, None).await?;
    Ok(())
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
