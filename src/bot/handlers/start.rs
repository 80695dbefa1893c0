//! `/start`, `/help`, `/subscribe` and `/unsubscribe`.

use super::{
    BotError, Ctx, HandlerResult, Req, check_may_configure, is_admin, new_subscriber, next_digest,
    say, settings,
};
use crate::bot::commands::{admin_commands, user_commands};
use crate::bot::paced::Paced;
use crate::i18n::fill;
use crate::model::{Category, Subscriber, Topics};
use crate::store::SubscriberUpdate;
use crate::text::escape_html;

/// The chat's subscriber, created with the defaults (or reactivated) when needed, then
/// subscribed with `topics` and its next digest scheduled.
pub(super) async fn subscribe_chat(
    ctx: &Ctx,
    req: &Req,
    topics: Option<Topics>,
) -> Result<(Subscriber, bool), BotError> {
    let (sub, created) = ctx
        .store
        .upsert_subscriber(&new_subscriber(&ctx.config, req), req.now)
        .await?;
    let update = SubscriberUpdate {
        subscribed: Some(true),
        topics,
        next_digest_at: Some(Some(next_digest(
            &ctx.config,
            sub.digest_time,
            &sub.timezone,
            req.now,
        ))),
        ..SubscriberUpdate::default()
    };
    let sub = ctx
        .store
        .update_subscriber(req.chat.0, &update, req.now)
        .await?
        .unwrap_or(sub);
    Ok((sub, created))
}

pub(super) async fn start(bot: Paced, ctx: Ctx, req: Req) -> HandlerResult {
    if !check_may_configure(&bot, &req).await? {
        return Ok(());
    }
    let (sub, created) = subscribe_chat(&ctx, &req, None).await?;
    let t = req.t();
    say(&bot, &req, if created { t.welcome } else { t.welcome_back }).await?;
    settings::send_settings(&bot, req.chat, &sub, req.lang).await
}

pub(super) async fn help(bot: Paced, ctx: Ctx, req: Req) -> HandlerResult {
    let t = req.t();
    let line = |c: &teloxide::types::BotCommand| {
        format!("{} — {}", c.command, escape_html(&c.description))
    };
    let mut out = vec![t.help_title.to_owned()];
    out.extend(user_commands(req.lang).iter().map(line));
    if is_admin(&ctx, &req) {
        out.push(String::new());
        out.push(t.help_admin_title.to_owned());
        out.extend(admin_commands(req.lang).iter().map(line));
    }
    out.push(String::new());
    out.push(t.help_footer.to_owned());
    say(&bot, &req, &out.join("\n")).await
}

pub(super) async fn subscribe(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    let arg = arg.trim().to_lowercase();
    let topics = match arg.as_str() {
        "" => req
            .sub
            .as_ref()
            .map(|s| s.topics)
            .filter(|t| t.refusal || t.losses)
            .or(Some(Topics::ALL)),
        "all" | "both" => Some(Topics::ALL),
        other => match other.parse::<Category>() {
            Ok(c) => Some(
                Topics {
                    refusal: false,
                    losses: false,
                }
                .with(c, true),
            ),
            Err(_) => return say(&bot, &req, req.t().subscribe_usage).await,
        },
    };
    if !check_may_configure(&bot, &req).await? {
        return Ok(());
    }
    let (sub, _) = subscribe_chat(&ctx, &req, topics).await?;
    let text = fill(
        req.t().subscribed,
        &[
            (
                "topics",
                &crate::bot::render::topics_label(req.lang, sub.topics),
            ),
            ("time", &sub.digest_time.format("%H:%M")),
            ("tz", &escape_html(&sub.timezone)),
        ],
    );
    say(&bot, &req, &text).await
}

pub(super) async fn unsubscribe(bot: Paced, ctx: Ctx, req: Req) -> HandlerResult {
    if req.sub.is_none() {
        return say(&bot, &req, req.t().not_subscribed).await;
    }
    if !check_may_configure(&bot, &req).await? {
        return Ok(());
    }
    let update = SubscriberUpdate {
        subscribed: Some(false),
        next_digest_at: Some(None),
        ..SubscriberUpdate::default()
    };
    ctx.store
        .update_subscriber(req.chat.0, &update, req.now)
        .await?;
    say(&bot, &req, req.t().unsubscribed).await
}
