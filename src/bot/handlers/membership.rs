//! The bot's own membership (`my_chat_member`): a user who blocks the bot or a group or
//! channel that removes it becomes inactive at once; unblocking or re-adding reactivates it
//! with its old settings. Added to a group (or made a channel admin) for the first time, the
//! chat is subscribed with the defaults; a group is greeted.

use super::{Ctx, HandlerResult, Req, chat_kind, next_digest, send_html, ui_lang};
use crate::i18n::{fill, texts};
use crate::model::ChatKind;
use crate::store::SubscriberUpdate;
use crate::text::escape_html;
use teloxide::Bot;
use teloxide::types::ChatMemberUpdated;

pub(crate) async fn on_my_chat_member(bot: Bot, upd: ChatMemberUpdated, ctx: Ctx) -> HandlerResult {
    let bot = crate::bot::paced::Paced::new(bot, ctx.gate.clone());
    let now = ctx.clock.now();
    let chat = upd.chat.id;
    let kind = chat_kind(&upd.chat);
    let new = &upd.new_chat_member.kind;
    if new.is_left() || new.is_banned() {
        let reason = match kind {
            ChatKind::Private => "blocked the bot",
            _ => "removed the bot",
        };
        ctx.store
            .set_subscriber_active(chat.0, false, Some(reason), now)
            .await?;
        tracing::info!(chat = chat.0, reason, "chat inactive");
        return Ok(());
    }
    // Still not able to post in a channel unless an admin.
    let can_post = match kind {
        ChatKind::Channel => new.is_privileged(),
        _ => new.is_present(),
    };
    if !can_post {
        return Ok(());
    }
    let existing = ctx.store.subscriber(chat.0).await?;
    if existing.is_none() && kind == ChatKind::Private {
        // A private chat subscribes with /start.
        return Ok(());
    }
    let was_active = existing.as_ref().is_some_and(|s| s.active);
    let req = Req {
        chat,
        kind,
        title: upd
            .chat
            .title()
            .map(|t| crate::text::truncate_chars(t, 128)),
        lang: ui_lang(&ctx.config, existing.as_ref(), Some(&upd.from)),
        as_chat: false,
        user: Some(upd.from.clone()),
        sub: existing.clone(),
        now,
    };
    let (sub, created) = ctx
        .store
        .upsert_subscriber(&super::new_subscriber(&ctx.config, &req), now)
        .await?;
    if created || !was_active {
        let next = sub
            .subscribed
            .then(|| next_digest(&ctx.config, sub.digest_time, &sub.timezone, now));
        let update = SubscriberUpdate {
            next_digest_at: Some(next),
            ..SubscriberUpdate::default()
        };
        ctx.store.update_subscriber(chat.0, &update, now).await?;
    }
    if created && matches!(kind, ChatKind::Group | ChatKind::Supergroup) {
        let t = &texts(req.lang).bot;
        let text = fill(
            t.welcome_group,
            &[
                ("time", &sub.digest_time.format("%H:%M")),
                ("tz", &escape_html(&sub.timezone)),
            ],
        );
        send_html(&bot, chat, &text, None).await?;
    }
    Ok(())
}
