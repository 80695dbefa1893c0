//! `/start`, `/help`, `/subscribe`, `/unsubscribe`, and the routing of every user command.

use super::{
    BotError, Ctx, HandlerResult, Req, admin, chart, digest, may_configure, new_subscriber,
    next_digest, search, send_html, settings,
};
use crate::bot::commands::{Command, admin_commands, user_commands};
use crate::bot::paced::Paced;
use crate::i18n::fill;
use crate::model::{Category, Subscriber, Topics};
use crate::store::SubscriberUpdate;
use crate::text::escape_html;

pub(super) async fn user_command(bot: &Paced, ctx: &Ctx, req: &Req, cmd: Command) -> HandlerResult {
    match cmd {
        Command::Start => start(bot, ctx, req).await,
        Command::Help => help(bot, ctx, req).await,
        Command::Subscribe(arg) => subscribe(bot, ctx, req, &arg).await,
        Command::Unsubscribe => unsubscribe(bot, ctx, req).await,
        Command::Settings => settings::show(bot, req).await,
        Command::Time(arg) => settings::set_time(bot, ctx, req, &arg).await,
        Command::Timezone(arg) => settings::set_timezone(bot, ctx, req, &arg).await,
        Command::Keywords(arg) => settings::keywords(bot, ctx, req, &arg).await,
        Command::Search(arg) => search::search(bot, ctx, req, &arg).await,
        Command::Recent(arg) => search::recent(bot, ctx, req, &arg).await,
        Command::Digest => digest::digest_now(bot, ctx, req).await,
        Command::Sources => admin::list_sources(bot, ctx, req).await,
        Command::Chart(arg) => chart::chart(bot, ctx, req, &arg).await,
    }
}

/// Sends `html` and maps the error.
pub(super) async fn say(bot: &Paced, req: &Req, html: &str) -> HandlerResult {
    send_html(bot, req.chat, html, None).await?;
    Ok(())
}

/// Refuses politely unless the sender may change this chat's settings.
pub(super) async fn check_may_configure(bot: &Paced, req: &Req) -> Result<bool, BotError> {
    if may_configure(bot, req.chat, req.kind, req.user.as_ref(), req.as_chat).await {
        return Ok(true);
    }
    say(bot, req, req.t().group_admin_only).await?;
    Ok(false)
}

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
        next_digest_at: Some(Some(next_digest(sub.digest_time, &sub.timezone, req.now))),
        ..SubscriberUpdate::default()
    };
    let sub = ctx
        .store
        .update_subscriber(req.chat.0, &update, req.now)
        .await?
        .unwrap_or(sub);
    Ok((sub, created))
}

async fn start(bot: &Paced, ctx: &Ctx, req: &Req) -> HandlerResult {
    if !check_may_configure(bot, req).await? {
        return Ok(());
    }
    let (sub, created) = subscribe_chat(ctx, req, None).await?;
    let t = req.t();
    say(bot, req, if created { t.welcome } else { t.welcome_back }).await?;
    settings::send_settings(bot, req.chat, &sub, req.lang).await
}

/// Whether the chat (or the sender) is one of the configured admins.
pub(super) fn is_admin(ctx: &Ctx, req: &Req) -> bool {
    let ids = &ctx.config.admin_chat_ids;
    ids.contains(&req.chat.0)
        || req
            .user
            .as_ref()
            .is_some_and(|u| i64::try_from(u.id.0).is_ok_and(|id| ids.contains(&id)))
}

async fn help(bot: &Paced, ctx: &Ctx, req: &Req) -> HandlerResult {
    let t = req.t();
    let line = |c: &teloxide::types::BotCommand| {
        format!("{} — {}", c.command, escape_html(&c.description))
    };
    let mut out = vec![t.help_title.to_owned()];
    out.extend(user_commands(req.lang).iter().map(line));
    if is_admin(ctx, req) {
        out.push(String::new());
        out.push(t.help_admin_title.to_owned());
        out.extend(admin_commands(req.lang).iter().map(line));
    }
    out.push(String::new());
    out.push(t.help_footer.to_owned());
    say(bot, req, &out.join("\n")).await
}

async fn subscribe(bot: &Paced, ctx: &Ctx, req: &Req, arg: &str) -> HandlerResult {
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
            Err(_) => return say(bot, req, req.t().subscribe_usage).await,
        },
    };
    if !check_may_configure(bot, req).await? {
        return Ok(());
    }
    let (sub, _) = subscribe_chat(ctx, req, topics).await?;
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
    say(bot, req, &text).await
}

async fn unsubscribe(bot: &Paced, ctx: &Ctx, req: &Req) -> HandlerResult {
    if req.sub.is_none() {
        return say(bot, req, req.t().not_subscribed).await;
    }
    if !check_may_configure(bot, req).await? {
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
    say(bot, req, req.t().unsubscribed).await
}
