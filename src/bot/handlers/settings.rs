//! `/settings` (the keyboard message), `/time`, `/timezone` and `/keywords`: validated input,
//! a helpful reply for anything else, and the next digest rescheduled when the time or zone
//! changes.

use super::{Ctx, HandlerResult, Req, next_digest, send_html};
use super::{check_may_configure, say};
use crate::bot::keyboards;
use crate::bot::paced::Paced;
use crate::bot::render::{esc, keywords_list, local_time, settings_text};
use crate::i18n::{BotTexts, fill};
use crate::model::{Lang, Subscriber};
use crate::store::SubscriberUpdate;
use crate::tz::ChatTz;
use chrono::NaiveTime;
use teloxide::types::ChatId;

/// At most this many keywords per chat.
pub const MAX_KEYWORDS: usize = 20;
/// At most this many characters per keyword.
pub const MAX_KEYWORD_CHARS: usize = 50;
/// Input echoed back is cut to this many characters.
const ECHO_CHARS: usize = 64;

/// Sends the settings summary with its keyboard.
pub(super) async fn send_settings(
    bot: &Paced,
    chat: ChatId,
    sub: &Subscriber,
    lang: Lang,
) -> HandlerResult {
    send_html(
        bot,
        chat,
        &settings_text(sub, lang),
        Some(keyboards::settings(sub, lang)),
    )
    .await?;
    Ok(())
}

pub(super) async fn show(bot: Paced, req: Req) -> HandlerResult {
    match &req.sub {
        Some(sub) => send_settings(&bot, req.chat, sub, req.lang).await,
        None => say(&bot, &req, req.t().need_start).await,
    }
}

/// "8", "08", "8:30", "08:30", "08.30" → a time of day.
pub fn parse_time(input: &str) -> Option<NaiveTime> {
    let s = input.trim();
    let (h, m) = match s.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None => (s, "00"),
    };
    let digits = |x: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 1..=2) || !digits(m, 2..=2) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// The subscriber to change, after the permission check; `None` when a reply was sent.
async fn editable<'a>(
    bot: &Paced,
    req: &'a Req,
) -> Result<Option<&'a Subscriber>, super::BotError> {
    let Some(sub) = req.sub.as_ref() else {
        say(bot, req, req.t().need_start).await?;
        return Ok(None);
    };
    if !check_may_configure(bot, req).await? {
        return Ok(None);
    }
    Ok(Some(sub))
}

pub(super) async fn set_time(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    let t = req.t();
    if arg.trim().is_empty() {
        return say(&bot, &req, t.time_usage).await;
    }
    let Some(time) = parse_time(&arg) else {
        let text = fill(t.time_invalid, &[("input", &esc(&arg, ECHO_CHARS))]);
        return say(&bot, &req, &text).await;
    };
    let Some(sub) = editable(&bot, &req).await? else {
        return Ok(());
    };
    let next = next_digest(&ctx.config, time, &sub.timezone, req.now);
    let update = SubscriberUpdate {
        digest_time: Some(time),
        next_digest_at: Some(sub.subscribed.then_some(next)),
        ..SubscriberUpdate::default()
    };
    ctx.store
        .update_subscriber(req.chat.0, &update, req.now)
        .await?;
    let tz = ctx.config.digest.chat_tz(Some(&sub.timezone));
    let text = fill(
        t.time_set,
        &[
            ("time", &time.format("%H:%M")),
            ("tz", &esc(&sub.timezone, ECHO_CHARS)),
            ("next", &local_time(next, &tz)),
        ],
    );
    say(&bot, &req, &text).await
}

pub(super) async fn set_timezone(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    let t = req.t();
    if arg.trim().is_empty() {
        return say(&bot, &req, t.timezone_usage).await;
    }
    let Ok(tz) = arg.parse::<ChatTz>() else {
        let text = fill(t.timezone_invalid, &[("input", &esc(&arg, ECHO_CHARS))]);
        return say(&bot, &req, &text).await;
    };
    let Some(sub) = editable(&bot, &req).await? else {
        return Ok(());
    };
    let name = tz.to_string();
    let next = tz.next_occurrence(sub.digest_time, req.now);
    let update = SubscriberUpdate {
        timezone: Some(name.clone()),
        next_digest_at: Some(sub.subscribed.then_some(next)),
        ..SubscriberUpdate::default()
    };
    ctx.store
        .update_subscriber(req.chat.0, &update, req.now)
        .await?;
    let text = fill(
        t.timezone_set,
        &[
            ("tz", &esc(&name, ECHO_CHARS)),
            ("next", &local_time(next, &tz)),
        ],
    );
    say(&bot, &req, &text).await
}

/// Keywords from `/keywords add …`: comma-separated phrases when there is a comma, else words.
/// Lowercased, whitespace folded. Errors name the offending input.
pub fn parse_keywords(input: &str) -> Result<Vec<String>, KeywordError> {
    let pieces: Vec<&str> = if input.contains(',') {
        input.split(',').collect()
    } else {
        input.split_whitespace().collect()
    };
    let mut out: Vec<String> = Vec::new();
    for p in pieces {
        let k = p
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if k.is_empty() {
            continue;
        }
        if k.chars().count() > MAX_KEYWORD_CHARS {
            return Err(KeywordError::TooLong);
        }
        if !k.chars().any(char::is_alphanumeric) {
            return Err(KeywordError::NoLetters(k));
        }
        if !out.contains(&k) {
            out.push(k);
        }
    }
    Ok(out)
}

/// Why keywords were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeywordError {
    TooLong,
    NoLetters(String),
}

pub(super) async fn keywords(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    let t = req.t();
    let arg = arg.trim();
    let (verb, rest) = arg.split_once(char::is_whitespace).unwrap_or((arg, ""));
    let verb = verb.to_lowercase();
    let current = req
        .sub
        .as_ref()
        .map(|s| s.keywords.clone())
        .unwrap_or_default();
    match verb.as_str() {
        "list" if current.is_empty() => say(&bot, &req, t.keywords_empty).await,
        "list" => say(&bot, &req, &shown(&current, t.keywords_list)).await,
        "add" | "remove" | "clear" => change_keywords(&bot, &ctx, &req, &verb, rest, current).await,
        _ => say(&bot, &req, t.keywords_usage).await,
    }
}

/// A keyword list in a reply's template.
fn shown(list: &[String], template: &str) -> String {
    fill(template, &[("keywords", &keywords_list(list))])
}

/// `/keywords add|remove|clear …`: the given keywords checked, then the sender's permission,
/// then the new list saved and told.
async fn change_keywords(
    bot: &Paced,
    ctx: &Ctx,
    req: &Req,
    verb: &str,
    rest: &str,
    current: Vec<String>,
) -> HandlerResult {
    let t = req.t();
    if rest.chars().count() > MAX_KEYWORDS * (MAX_KEYWORD_CHARS + 2) {
        let text = fill(t.keyword_too_long, &[("max", &MAX_KEYWORD_CHARS)]);
        return say(bot, req, &text).await;
    }
    let given = match parse_keywords(rest) {
        Ok(k) => k,
        Err(KeywordError::TooLong) => {
            let text = fill(t.keyword_too_long, &[("max", &MAX_KEYWORD_CHARS)]);
            return say(bot, req, &text).await;
        }
        Err(KeywordError::NoLetters(k)) => {
            let text = fill(t.keyword_invalid, &[("input", &esc(&k, ECHO_CHARS))]);
            return say(bot, req, &text).await;
        }
    };
    if verb != "clear" && given.is_empty() {
        return say(bot, req, t.keywords_usage).await;
    }
    let Some(_) = editable(bot, req).await? else {
        return Ok(());
    };
    let (next, reply) = match next_keywords(t, verb, given, &current) {
        Ok(changed) => changed,
        Err(refusal) => return say(bot, req, &refusal).await,
    };
    let update = SubscriberUpdate {
        keywords: Some(next),
        ..SubscriberUpdate::default()
    };
    ctx.store
        .update_subscriber(req.chat.0, &update, req.now)
        .await?;
    say(bot, req, &reply).await
}

/// The list after `verb` (add, remove, clear) with the reply that tells it, or the reply
/// refusing the change (too many keywords, none of them in the list).
fn next_keywords(
    t: &BotTexts,
    verb: &str,
    given: Vec<String>,
    current: &[String],
) -> Result<(Vec<String>, String), String> {
    match verb {
        "add" => {
            let mut next = current.to_vec();
            next.extend(given.into_iter().filter(|k| !current.contains(k)));
            if next.len() > MAX_KEYWORDS {
                return Err(fill(t.keywords_too_many, &[("max", &MAX_KEYWORDS)]));
            }
            let reply = shown(&next, t.keywords_added);
            Ok((next, reply))
        }
        "remove" => {
            let next: Vec<String> = current
                .iter()
                .filter(|k| !given.contains(k))
                .cloned()
                .collect();
            if next.len() == current.len() {
                return Err(shown(current, t.keywords_not_found));
            }
            let reply = if next.is_empty() {
                t.keywords_cleared.to_owned()
            } else {
                shown(&next, t.keywords_removed)
            };
            Ok((next, reply))
        }
        _ => Ok((Vec::new(), t.keywords_cleared.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time("08:30"), NaiveTime::from_hms_opt(8, 30, 0));
        assert_eq!(parse_time("8"), NaiveTime::from_hms_opt(8, 0, 0));
        assert_eq!(parse_time(" 23.59 "), NaiveTime::from_hms_opt(23, 59, 0));
        for bad in [
            "24:00",
            "12:60",
            "12:5",
            "noon",
            "-1:00",
            "1:2:3",
            "",
            "０８:３０",
            "123",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn keywords_split_and_checked() {
        assert_eq!(
            parse_keywords("Pskov,  76th   division ,pskov").unwrap(),
            vec!["pskov", "76th division"]
        );
        assert_eq!(parse_keywords("tank ТАНК").unwrap(), vec!["tank", "танк"]);
        assert_eq!(
            parse_keywords(&"x".repeat(5000)),
            Err(KeywordError::TooLong)
        );
        assert!(matches!(
            parse_keywords("tank !!!"),
            Err(KeywordError::NoLetters(_))
        ));
    }
}
