//! Who may do what: changing a chat's settings (anyone in a private chat or channel, a
//! group's admins in groups) and the admin commands (the chats in `admin_chat_ids`).

use super::{BotError, Ctx, Req, say};
use crate::bot::paced::Paced;
use crate::model::ChatKind;
use teloxide::prelude::Requester;
use teloxide::requests::Request;
use teloxide::types::{ChatId, User};

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

/// Refuses politely unless the sender may change this chat's settings.
pub(crate) async fn check_may_configure(bot: &Paced, req: &Req) -> Result<bool, BotError> {
    if may_configure(bot, req.chat, req.kind, req.user.as_ref(), req.as_chat).await {
        return Ok(true);
    }
    say(bot, req, req.t().group_admin_only).await?;
    Ok(false)
}

/// Whether the chat (or the sender) is one of the configured admins.
pub(crate) fn is_admin(ctx: &Ctx, req: &Req) -> bool {
    let ids = &ctx.config.admin_chat_ids;
    ids.contains(&req.chat.0)
        || req
            .user
            .as_ref()
            .is_some_and(|u| i64::try_from(u.id.0).is_ok_and(|id| ids.contains(&id)))
}
