//! `/sources` for everyone, and the admin commands (`/addsource`, `/removesource`,
//! `/pausesource`, `/resumesource`, `/stats`) for the chats in `admin_chat_ids`; anyone else
//! gets a polite refusal and nothing is touched.

use super::say;
use super::{Ctx, HandlerResult, Req};
use crate::bot::paced::Paced;
use crate::bot::render::{chat_tz, esc, source_line};
use crate::i18n::fill;
use crate::model::{Source, SourceOrigin};
use crate::sources::address::SourceAddress;
use crate::store::StoreError;
use chrono::Duration;

/// Longest address accepted.
const MAX_ADDRESS_CHARS: usize = 2000;

/// An admin command from a chat that is not an admin's: refused, nothing touched.
pub(super) async fn refuse(bot: Paced, req: Req) -> HandlerResult {
    tracing::info!(chat = req.chat.0, "admin command refused");
    say(&bot, &req, req.t().admin_only).await
}

/// `/removesource`.
pub(super) async fn remove_source(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    change_source(&bot, &ctx, &req, "removesource", &arg).await
}

/// `/pausesource`.
pub(super) async fn pause_source(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    change_source(&bot, &ctx, &req, "pausesource", &arg).await
}

/// `/resumesource`.
pub(super) async fn resume_source(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    change_source(&bot, &ctx, &req, "resumesource", &arg).await
}

/// `/addsource`: the address checked by fetching it, then stored unless known.
pub(super) async fn add_source(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    let input = arg.trim();
    let t = req.t();
    if input.is_empty() {
        let text = fill(t.source_usage, &[("command", &"addsource")]);
        return say(&bot, &req, &text).await;
    }
    if input.chars().count() > MAX_ADDRESS_CHARS {
        let text = fill(
            t.source_refused,
            &[("input", &esc(input, 64)), ("reason", &"too long")],
        );
        return say(&bot, &req, &text).await;
    }
    let new = match ctx.checker.check(input).await {
        Ok(n) => n,
        Err(reason) => {
            let text = fill(
                t.source_refused,
                &[("input", &esc(input, 200)), ("reason", &esc(&reason, 300))],
            );
            return say(&bot, &req, &text).await;
        }
    };
    if let Some(s) = ctx.store.source_by_url(&new.url).await? {
        let text = fill(
            t.source_exists,
            &[("id", &s.id), ("name", &esc(&s.display_name(), 120))],
        );
        return say(&bot, &req, &text).await;
    }
    let s = ctx.store.upsert_source(&new, req.now).await?;
    tracing::info!(source = s.id, url = %crate::text::redact_url(&s.url), "source added from the chat");
    let text = fill(
        t.source_added,
        &[("id", &s.id), ("name", &esc(&s.display_name(), 120))],
    );
    say(&bot, &req, &text).await
}

/// A source by `#id`, id, or any address form.
async fn find_source(ctx: &Ctx, key: &str) -> Result<Option<Source>, StoreError> {
    let key = key.trim();
    if let Ok(id) = key.trim_start_matches('#').parse::<i64>() {
        return ctx.store.source(id).await;
    }
    match SourceAddress::parse(key) {
        Ok(addr) => ctx.store.source_by_url(&addr.canonical()).await,
        Err(_) => Ok(None),
    }
}

async fn change_source(
    bot: &Paced,
    ctx: &Ctx,
    req: &Req,
    command: &str,
    arg: &str,
) -> HandlerResult {
    let t = req.t();
    let arg = arg.trim();
    if arg.is_empty() || arg.chars().count() > MAX_ADDRESS_CHARS {
        let text = fill(t.source_usage, &[("command", &command)]);
        return say(bot, req, &text).await;
    }
    let Some(s) = find_source(ctx, arg).await? else {
        let text = fill(t.source_not_found, &[("input", &esc(arg, 100))]);
        return say(bot, req, &text).await;
    };
    let template = match command {
        "removesource" => {
            ctx.store.remove_source(s.id).await?;
            t.source_removed
        }
        "pausesource" => {
            ctx.store
                .set_source_paused(s.id, true, Some("paused from the chat"), req.now)
                .await?;
            t.source_paused_done
        }
        _ => {
            ctx.store
                .set_source_paused(s.id, false, None, req.now)
                .await?;
            t.source_resumed
        }
    };
    let name = esc(&s.display_name(), 120);
    let mut text = fill(template, &[("id", &s.id), ("name", &name)]);
    if command == "removesource" && s.origin == SourceOrigin::Config {
        text.push('\n');
        text.push_str(t.source_config_note);
    }
    tracing::info!(source = s.id, command, "source changed from the chat");
    say(bot, req, &text).await
}

pub(super) async fn stats(bot: Paced, ctx: Ctx, req: Req) -> HandlerResult {
    let s = ctx.store.stats(req.now - Duration::days(1)).await?;
    let text = fill(
        req.t().stats,
        &[
            ("sources", &s.sources),
            ("paused", &s.sources_paused),
            ("items", &s.items),
            ("claims", &s.claims),
            ("stories", &s.stories),
            ("active", &s.subscribers_active),
            ("total", &s.subscribers_total),
            ("sent", &s.sent_since),
            ("pending", &s.pending),
            ("failed", &s.failed_since),
            ("resent", &s.resent_since),
            ("in_doubt", &s.in_doubt),
        ],
    );
    say(&bot, &req, &text).await
}

pub(super) async fn list_sources(bot: Paced, ctx: Ctx, req: Req) -> HandlerResult {
    let t = req.t();
    let sources = ctx.store.list_sources().await?;
    if sources.is_empty() {
        return say(&bot, &req, t.sources_none).await;
    }
    let tz = chat_tz(req.sub.as_ref(), &ctx.config);
    let mut lines = vec![fill(t.sources_title, &[("n", &sources.len())])];
    lines.extend(sources.iter().map(|s| source_line(s, req.lang, &tz)));
    say(&bot, &req, &lines.join("\n")).await
}
