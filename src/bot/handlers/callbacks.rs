//! Inline-button presses: settings toggles and pickers (editing the settings message in
//! place), and search pages. Every press is answered; stale or forged data gets a notice.

use super::search::render_page;
use super::{
    BotError, Ctx, HandlerResult, chat_kind, edit_html, may_configure, next_digest, ui_lang,
};
use crate::bot::callback::{Action, COMMON_ZONES, Screen};
use crate::bot::keyboards;
use crate::bot::paced::Paced;
use crate::bot::render::{chat_tz, settings_text};
use crate::i18n::texts;
use crate::model::{Lang, Subscriber};
use crate::store::SubscriberUpdate;
use chrono::{NaiveTime, Timelike};
use teloxide::Bot;
use teloxide::payloads::AnswerCallbackQuerySetters;
use teloxide::prelude::Requester;
use teloxide::requests::Request;
use teloxide::types::{CallbackQuery, ChatId, InlineKeyboardMarkup, MessageId};

/// What to tell the presser: a toast, or an alert they must dismiss.
enum Notice {
    None,
    Toast(String),
    Alert(String),
}

pub(crate) async fn on_callback(bot: Bot, q: CallbackQuery, ctx: Ctx) -> HandlerResult {
    let bot = Paced::new(bot, ctx.gate.clone());
    let notice = match handle(&bot, &q, &ctx).await {
        Ok(n) => n,
        Err(BotError::Store(e)) => {
            crate::storage::log_store_error(&e, "store failure while handling a button");
            let lang = ui_lang(&ctx.config, None, Some(&q.from));
            Notice::Alert(super::store_failure_text(&texts(lang).bot, &e).to_owned())
        }
        Err(e) => {
            tracing::warn!(error = %e, "a button press could not be completed");
            Notice::None
        }
    };
    let answer = bot.inner().answer_callback_query(q.id.clone());
    let answer = match notice {
        Notice::None => answer,
        Notice::Toast(text) => answer.text(text),
        Notice::Alert(text) => answer.text(text).show_alert(true),
    };
    let chat = q
        .message
        .as_ref()
        .map_or(ChatId(q.from.id.0 as i64), |m| m.chat().id);
    bot.paced_global(chat, || answer.send_ref()).await?;
    Ok(())
}

async fn handle(bot: &Paced, q: &CallbackQuery, ctx: &Ctx) -> Result<Notice, BotError> {
    let now = ctx.clock.now();
    let action = q.data.as_deref().and_then(Action::parse);
    let Some(message) = q.message.as_ref() else {
        let lang = ui_lang(&ctx.config, None, Some(&q.from));
        return Ok(Notice::Toast(texts(lang).bot.callback_stale.to_owned()));
    };
    let (chat, message_id) = (message.chat().id, message.id());
    let sub = ctx.store.subscriber(chat.0).await?;
    let lang = ui_lang(&ctx.config, sub.as_ref(), Some(&q.from));
    let t = &texts(lang).bot;
    let Some(action) = action else {
        return Ok(Notice::Toast(t.callback_stale.to_owned()));
    };
    match action {
        Action::Noop => Ok(Notice::None),
        Action::Page { session, page } => {
            let Some(s) = ctx.sessions.get(session, chat.0) else {
                return Ok(Notice::Toast(t.search_expired.to_owned()));
            };
            let tz = chat_tz(sub.as_ref(), &ctx.config);
            let (html, keyboard) = render_page(ctx, &tz, &s, session, page).await?;
            edit_html(bot, chat, message_id, &html, keyboard).await?;
            Ok(Notice::None)
        }
        _ => {
            let Some(sub) = sub else {
                return Ok(Notice::Toast(t.need_start.to_owned()));
            };
            let kind = chat_kind(message.chat());
            if !may_configure(bot, chat, kind, Some(&q.from), false).await {
                return Ok(Notice::Alert(t.group_admin_only.to_owned()));
            }
            settings_action(bot, ctx, (chat, message_id), sub, lang, action, now).await
        }
    }
}

/// Applies a settings button and redraws the message.
async fn settings_action(
    bot: &Paced,
    ctx: &Ctx,
    (chat, message_id): (ChatId, MessageId),
    sub: Subscriber,
    lang: Lang,
    action: Action,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Notice, BotError> {
    if let Action::Show(screen) = action {
        let (text, keyboard) = screen_of(ctx, &sub, lang, screen);
        edit_html(bot, chat, message_id, &text, Some(keyboard)).await?;
        return Ok(Notice::None);
    }
    let update = match change_for(ctx, &sub, lang, action, now) {
        Ok(update) => update,
        Err(notice) => return Ok(notice),
    };
    let lang = update.ui_lang.unwrap_or(lang);
    let Some(sub) = ctx.store.update_subscriber(chat.0, &update, now).await? else {
        return Ok(Notice::Toast(texts(lang).bot.need_start.to_owned()));
    };
    edit_html(
        bot,
        chat,
        message_id,
        &settings_text(&sub, lang),
        Some(keyboards::settings(&sub, lang)),
    )
    .await?;
    let t = &texts(lang).bot;
    Ok(Notice::Toast(match action {
        Action::Language(_) => t.language_set.to_owned(),
        _ => t.saved.to_owned(),
    }))
}

/// The text and keyboard of a settings screen: the summary, or one of its pickers.
fn screen_of(
    ctx: &Ctx,
    sub: &Subscriber,
    lang: Lang,
    screen: Screen,
) -> (String, InlineKeyboardMarkup) {
    let t = &texts(lang).bot;
    match screen {
        Screen::Main => (settings_text(sub, lang), keyboards::settings(sub, lang)),
        Screen::Hour => (
            t.pick_hour.to_owned(),
            keyboards::hours(sub.digest_time.hour(), lang),
        ),
        Screen::Zone => (
            t.pick_timezone.to_owned(),
            keyboards::zones(&sub.timezone, lang),
        ),
        Screen::Language => (
            t.pick_language.to_owned(),
            keyboards::languages(&ctx.config.bot.languages(), lang),
        ),
        Screen::ChartDay => (
            crate::i18n::series_texts(lang).pick_chart_day.to_owned(),
            keyboards::chart_days(sub.chart_weekday, lang),
        ),
    }
}

/// The change a settings button asks for (the next digest rescheduled when its time or zone
/// moves), or what to tell the presser when there is none to make.
fn change_for(
    ctx: &Ctx,
    sub: &Subscriber,
    lang: Lang,
    action: Action,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<SubscriberUpdate, Notice> {
    let stale = || Notice::Toast(texts(lang).bot.callback_stale.to_owned());
    let mut update = SubscriberUpdate::default();
    match action {
        Action::Topic(c) => update.topics = Some(sub.topics.with(c, !sub.topics.contains(c))),
        Action::Digest(on) => {
            update.subscribed = Some(on);
            update.next_digest_at =
                Some(on.then(|| next_digest(&ctx.config, sub.digest_time, &sub.timezone, now)));
        }
        Action::Hour(h) => {
            let time =
                NaiveTime::from_hms_opt(h, sub.digest_time.minute(), 0).unwrap_or(sub.digest_time);
            update.digest_time = Some(time);
            update.next_digest_at = Some(
                sub.subscribed
                    .then(|| next_digest(&ctx.config, time, &sub.timezone, now)),
            );
        }
        Action::Zone(i) => {
            let zone = COMMON_ZONES.get(i).ok_or_else(stale)?;
            update.timezone = Some((*zone).to_owned());
            update.next_digest_at = Some(
                sub.subscribed
                    .then(|| next_digest(&ctx.config, sub.digest_time, zone, now)),
            );
        }
        Action::Language(l) => {
            if !ctx.config.bot.languages().contains(&l) {
                return Err(stale());
            }
            update.ui_lang = Some(l);
        }
        Action::ChartDay(d) => {
            update.chart_weekday = Some(crate::store::weekday_from_db(i64::from(d)));
        }
        Action::Show(_) | Action::Noop | Action::Page { .. } => return Err(Notice::None),
    }
    Ok(update)
}
