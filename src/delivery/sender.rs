//! What the outbox worker asks of Telegram: one HTML message (link previews off) to one chat,
//! answered with its message id. Every Bot API client ([`BotApi`]) is a [`Sender`]; the outbox
//! state-machine tests script one of their own. A message sent again after a crash carries
//! the "resent after an interruption" marker, in the reader's language, at its top.

use crate::bot::BotApi;
use crate::i18n;
use crate::store::OutboxMessage;
use crate::telegram_html::visible_len;
use std::future::Future;
use teloxide::RequestError;
use teloxide::payloads::{SendMessageSetters, SendPhotoSetters};
use teloxide::prelude::Requester;
use teloxide::requests::Request;
use teloxide::types::{ChatId, FileId, InputFile, LinkPreviewOptions, ParseMode};

/// Telegram's limit for one message: visible text, in UTF-16 code units.
const MAX_VISIBLE: usize = 4096;

/// A photo to send: the PNG itself, or the id Telegram gave it when it was first sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Photo {
    Png(Vec<u8>),
    FileId(String),
}

/// Sends one Telegram HTML message (or a photo with an HTML caption) to a chat; the answer is
/// the new message's id (and, for a photo, the file id of its largest size).
pub trait Sender: Send + Sync {
    fn send_html(
        &self,
        chat_id: i64,
        html: String,
    ) -> impl Future<Output = Result<i64, RequestError>> + Send;

    fn send_photo(
        &self,
        chat_id: i64,
        photo: Photo,
        caption_html: String,
    ) -> impl Future<Output = Result<(i64, Option<String>), RequestError>> + Send;
}

impl<R: BotApi> Sender for R {
    fn send_html(
        &self,
        chat_id: i64,
        html: String,
    ) -> impl Future<Output = Result<i64, RequestError>> + Send {
        let sending = self
            .send_message(ChatId(chat_id), html)
            .parse_mode(ParseMode::Html)
            .link_preview_options(LinkPreviewOptions {
                is_disabled: true,
                url: None,
                prefer_small_media: false,
                prefer_large_media: false,
                show_above_text: false,
            })
            .send();
        async move { sending.await.map(|m| i64::from(m.id.0)) }
    }

    fn send_photo(
        &self,
        chat_id: i64,
        photo: Photo,
        caption_html: String,
    ) -> impl Future<Output = Result<(i64, Option<String>), RequestError>> + Send {
        let file = match photo {
            Photo::FileId(id) => InputFile::file_id(FileId(id)),
            Photo::Png(png) => InputFile::memory(png).file_name("chart.png"),
        };
        let sending = Requester::send_photo(self, ChatId(chat_id), file)
            .caption(caption_html)
            .parse_mode(ParseMode::Html)
            .send();
        async move {
            let m = sending.await?;
            let largest = m
                .photo()
                .and_then(|sizes| sizes.iter().max_by_key(|p| p.width))
                .map(|p| p.file.id.0.clone());
            Ok((i64::from(m.id.0), largest))
        }
    }
}

/// The marker line put at the top of a message sent again, in `msg`'s reader's language.
pub fn marker(msg: &OutboxMessage) -> String {
    format!("<i>{}</i>", i18n::texts(msg.lang).bot.resent_marker)
}

/// The texts that carry `msg`: its body; or, when it is sent again after a crash, the marker
/// on top of it — as a message of its own first when both would pass Telegram's limit.
pub fn outgoing(msg: &OutboxMessage) -> Vec<String> {
    if msg.resends == 0 {
        return vec![msg.body.clone()];
    }
    let marker = marker(msg);
    let marked = format!("{marker}\n\n{}", msg.body);
    if visible_len(&marked) <= MAX_VISIBLE {
        vec![marked]
    } else {
        vec![marker, msg.body.clone()]
    }
}

/// Sends `msg` (marked when it is a resend) and answers with the message id of its body.
pub async fn send_part<S: Sender>(sender: &S, msg: &OutboxMessage) -> Result<i64, RequestError> {
    let mut texts = outgoing(msg);
    let body = texts.pop().unwrap_or_default();
    for text in texts {
        sender.send_html(msg.chat_id, text).await?;
    }
    sender.send_html(msg.chat_id, body).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::store::OutboxState;
    use chrono::Utc;

    fn message(body: &str, resends: i64, lang: Lang) -> OutboxMessage {
        OutboxMessage {
            id: 1,
            subscriber_id: 1,
            chat_id: 5,
            chat_is_group: false,
            period: "p".into(),
            part: 0,
            parts: 1,
            body: body.into(),
            state: OutboxState::Sending,
            attempts: 1,
            next_attempt_at: Utc::now(),
            last_error: None,
            telegram_message_id: None,
            photo_id: None,
            resends,
            lang,
        }
    }

    #[test]
    fn a_first_send_is_the_body_alone() {
        assert_eq!(
            outgoing(&message("<b>a</b>", 0, Lang::En)),
            vec!["<b>a</b>"]
        );
    }

    #[test]
    fn a_resend_carries_the_marker_in_the_readers_language_on_top() {
        let en = outgoing(&message("<b>a</b>", 1, Lang::En));
        assert_eq!(
            en,
            vec![
                "<i>↻ Resent after an interruption; you may have received this already.</i>\n\n<b>a</b>"
            ]
        );
        let uk = outgoing(&message("a", 2, Lang::Uk));
        assert!(uk[0].starts_with("<i>↻ Надіслано повторно"), "{uk:?}");
        let ru = outgoing(&message("a", 1, Lang::Ru));
        assert!(ru[0].starts_with("<i>↻ Отправлено повторно"), "{ru:?}");
    }

    #[test]
    fn a_body_too_long_for_the_marker_gets_it_as_a_message_of_its_own() {
        let full = "я".repeat(MAX_VISIBLE - 10);
        let texts = outgoing(&message(&full, 1, Lang::En));
        assert_eq!(texts.len(), 2);
        assert!(texts[0].contains("Resent after an interruption"));
        assert_eq!(texts[1], full);
        // Tags do not count: a long raw body with little visible text still fits in one.
        let tagged = format!("<a href=\"https://e.x/{}\">x</a>", "y".repeat(4090));
        assert_eq!(outgoing(&message(&tagged, 1, Lang::En)).len(), 1);
    }
}
