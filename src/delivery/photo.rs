//! Sending an outbox message that carries a chart: sendPhoto with the body as its HTML
//! caption. The first send uploads the stored PNG; Telegram's file id is then kept, so every
//! later chat that gets the same image is sent the id instead of the bytes.

use crate::store::{OutboxMessage, Store, StoreError};
use teloxide::RequestError;
use teloxide::payloads::SendPhotoSetters;
use teloxide::prelude::Requester;
use teloxide::requests::Request;
use teloxide::types::{ChatId, FileId, InputFile, Message, ParseMode};

/// Sends `msg` with chart image `image_id`. The outer error is the store's (the image could
/// not be read); the inner one is Telegram's answer, triaged like any send.
pub async fn send_photo<R>(
    bot: &R,
    store: &dyn Store,
    msg: &OutboxMessage,
    image_id: i64,
) -> Result<Result<Message, RequestError>, StoreError>
where
    R: Requester<Err = RequestError>,
{
    let image = store
        .chart_image(image_id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("chart image {image_id}")))?;
    let file = match &image.file_id {
        Some(id) => InputFile::file_id(FileId(id.clone())),
        None => InputFile::memory(image.png).file_name("chart.png"),
    };
    let sent = bot
        .send_photo(ChatId(msg.chat_id), file)
        .caption(msg.body.clone())
        .parse_mode(ParseMode::Html)
        .send()
        .await;
    if let Ok(m) = &sent
        && image.file_id.is_none()
        && let Some(largest) = m
            .photo()
            .and_then(|sizes| sizes.iter().max_by_key(|p| p.width))
    {
        store
            .set_chart_file_id(image_id, &largest.file.id.0)
            .await?;
    }
    Ok(sent)
}
