//! Sending an outbox message that carries a chart: sendPhoto with the body as its HTML
//! caption. The first send uploads the stored PNG; Telegram's file id is then kept, so every
//! later chat that gets the same image is sent the id instead of the bytes.

use super::sender::{Photo, Sender, marker};
use crate::store::{OutboxMessage, Store, StoreError};
use teloxide::RequestError;

/// Telegram's limit for a photo caption, in characters.
const MAX_CAPTION: usize = 1024;

/// Sends `msg` with chart image `image_id` and answers with the message id. The outer error is
/// the store's (the image could not be read); the inner one is Telegram's answer, triaged like
/// any send. A resend after a crash carries the marker in its caption, or as a message of its
/// own first when the caption would pass Telegram's limit.
pub async fn send_photo<S: Sender>(
    sender: &S,
    store: &dyn Store,
    msg: &OutboxMessage,
    image_id: i64,
) -> Result<Result<i64, RequestError>, StoreError> {
    let image = store
        .chart_image(image_id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("chart image {image_id}")))?;
    let photo = match &image.file_id {
        Some(id) => Photo::FileId(id.clone()),
        None => Photo::Png(image.png),
    };
    let mut caption = msg.body.clone();
    if msg.resends > 0 {
        let marked = format!("{}\n{caption}", marker(msg));
        if marked.chars().count() <= MAX_CAPTION {
            caption = marked;
        } else if let Err(e) = sender.send_html(msg.chat_id, marker(msg)).await {
            return Ok(Err(e));
        }
    }
    let sent = sender.send_photo(msg.chat_id, photo, caption).await;
    if let Ok((_, Some(file_id))) = &sent
        && image.file_id.is_none()
    {
        store.set_chart_file_id(image_id, file_id).await?;
    }
    Ok(sent.map(|(id, _)| id))
}
