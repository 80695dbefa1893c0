//! `/search [Nd] words…` with ◀ ▶ pages, and `/recent [refusals|losses]`.

use super::say;
use super::{Ctx, HandlerResult, Req, send_html};
use crate::bot::keyboards;
use crate::bot::paced::Paced;
use crate::bot::render::{chat_tz, claim_hit, days_phrase, esc, story_hit};
use crate::bot::search_sessions::SearchSession;
use crate::i18n::{fill, plural, texts};
use crate::model::Category;
use crate::store::{ClaimView, SearchPage, SearchQuery, StoreError};
use crate::telegram_html::{REPLY_BUDGET, visible_len};
use crate::text::stem::query_terms;
use crate::tz::ChatTz;
use chrono::Duration;
use teloxide::types::InlineKeyboardMarkup;

/// Hits per page.
pub const PAGE_SIZE: i64 = 5;
/// Longest query accepted, in characters (window included).
pub const MAX_QUERY_CHARS: usize = 200;
/// Words searched at most; more are ignored.
pub const MAX_TERMS: usize = 8;
/// Longest window, in days.
pub const MAX_DAYS: u32 = 365;
/// Stories listed by `/recent` before "…and N more".
const RECENT_SHOWN: usize = 10;

/// Why a search was not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchInputError {
    Empty,
    TooLong,
    BadWindow,
}

/// `[Nd] words…` → (days, words). `Nd` also accepts the Cyrillic `д`.
pub fn parse_search(arg: &str, default_days: u32) -> Result<(u32, String), SearchInputError> {
    let arg = arg.trim();
    if arg.chars().count() > MAX_QUERY_CHARS {
        return Err(SearchInputError::TooLong);
    }
    let (first, rest) = arg.split_once(char::is_whitespace).unwrap_or((arg, ""));
    let window = first
        .strip_suffix(['d', 'D', 'д', 'Д'])
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let (days, words) = match window {
        Some(n) => {
            let days = n
                .parse::<u32>()
                .ok()
                .filter(|d| (1..=MAX_DAYS).contains(d))
                .ok_or(SearchInputError::BadWindow)?;
            (days, rest.trim())
        }
        None => (default_days, arg),
    };
    if words.is_empty() {
        return Err(SearchInputError::Empty);
    }
    Ok((days, words.to_owned()))
}

fn default_days(ctx: &Ctx) -> u32 {
    let secs = ctx.config.bot.search_window.as_secs();
    u32::try_from(secs / 86_400)
        .unwrap_or(30)
        .clamp(1, MAX_DAYS)
}

pub(super) async fn search(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    let t = req.t();
    let default = default_days(&ctx);
    let usage = || fill(t.search_usage, &[("days", &days_phrase(req.lang, default))]);
    let (days, words) = match parse_search(&arg, default) {
        Ok(x) => x,
        Err(SearchInputError::Empty) => return say(&bot, &req, &usage()).await,
        Err(SearchInputError::TooLong) => {
            let text = fill(t.search_too_long, &[("max", &MAX_QUERY_CHARS)]);
            return say(&bot, &req, &text).await;
        }
        Err(SearchInputError::BadWindow) => return say(&bot, &req, t.search_bad_window).await,
    };
    let terms = query_terms(&words, MAX_TERMS);
    if terms.is_empty() {
        return say(&bot, &req, &usage()).await;
    }
    let session = SearchSession {
        chat_id: req.chat.0,
        query: words,
        terms,
        days,
        lang: req.lang,
        since: req.now - Duration::days(i64::from(days)),
    };
    let id = ctx.sessions.insert(session.clone());
    let tz = chat_tz(req.sub.as_ref(), &ctx.config);
    let (html, keyboard) = render_page(&ctx, &tz, &session, id, 0).await?;
    send_html(&bot, req.chat, &html, keyboard).await?;
    Ok(())
}

/// Search hits read and folded at once: a page is cut from them (claims told twice shown once).
const FOLD_WINDOW: i64 = 200;

/// One page of a search: its text and its pager. Pages past the end show the last page.
pub(super) async fn render_page(
    ctx: &Ctx,
    tz: &ChatTz,
    session: &SearchSession,
    id: u64,
    page: u32,
) -> Result<(String, Option<InlineKeyboardMarkup>), StoreError> {
    let lang = session.lang;
    let t = &texts(lang).bot;
    let result = folded_search(ctx, session).await?;
    let pages = u32::try_from((result.total + PAGE_SIZE - 1) / PAGE_SIZE).unwrap_or(u32::MAX);
    let page_no = page.min(pages.saturating_sub(1));
    let from = usize::try_from(i64::from(page_no) * PAGE_SIZE).unwrap_or(usize::MAX);
    let hits: Vec<ClaimView> = result
        .hits
        .iter()
        .skip(from)
        .take(PAGE_SIZE as usize)
        .cloned()
        .collect();
    let shown_query = esc(&session.query, 80);
    let days = days_phrase(lang, session.days);
    if result.total == 0 {
        let text = fill(t.search_none, &[("query", &shown_query), ("days", &days)]);
        return Ok((text, None));
    }
    let total = if result.total_capped {
        format!("{}+", result.total)
    } else {
        result.total.to_string()
    };
    let claims_word = plural(lang, result.total.unsigned_abs(), t.claims_forms);
    let header = fill(
        t.search_header,
        &[
            ("total", &total),
            ("claims", &claims_word),
            ("query", &shown_query),
            ("days", &days),
            ("page", &(page_no + 1)),
            ("pages", &pages),
        ],
    );
    let first = i64::from(page_no) * PAGE_SIZE;
    let body = |compact: bool| {
        let hits: Vec<String> = hits
            .iter()
            .enumerate()
            .map(|(i, h)| claim_hit(h, (first + i as i64 + 1) as usize, lang, tz, compact))
            .collect();
        format!("{header}\n\n{}", hits.join("\n\n"))
    };
    let mut html = body(false);
    if visible_len(&html) > REPLY_BUDGET {
        html = body(true);
    }
    Ok((html, keyboards::pager(id, page_no, pages)))
}

/// The session's first [`FOLD_WINDOW`] hits, folded; `total` counts the folded hits, plus
/// the matches past the window when there are more.
async fn folded_search(ctx: &Ctx, session: &SearchSession) -> Result<SearchPage, StoreError> {
    let query = SearchQuery {
        terms: session.terms.clone(),
        since: session.since,
        category: None,
        limit: FOLD_WINDOW,
        offset: 0,
    };
    let started = std::time::Instant::now();
    let result = ctx.store.search_claims(&query).await;
    crate::ops::metrics::record::search(started.elapsed());
    let result = result?;
    let read = result.hits.len() as i64;
    let hits = ClaimView::fold(result.hits);
    let total = hits.len() as i64 + (result.total - read).max(0);
    Ok(SearchPage {
        hits,
        total,
        total_capped: result.total_capped,
    })
}

pub(super) async fn recent(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    let t = req.t();
    let arg = arg.trim();
    let category = if arg.is_empty() || arg.eq_ignore_ascii_case("all") {
        None
    } else {
        match arg.parse::<Category>() {
            Ok(c) => Some(c),
            Err(_) => {
                let usage = format!("/recent — {}", t.commands.recent);
                return say(&bot, &req, &esc(&usage, 200)).await;
            }
        }
    };
    let window = ctx.config.bot.recent_window.as_secs().max(3600);
    let hours = window / 3600;
    let since = req.now - Duration::seconds(i64::try_from(window).unwrap_or(86_400));
    let limit = (RECENT_SHOWN * 5) as i64;
    let stories = ClaimView::entries(ctx.store.recent_claims(since, category, limit).await?);
    if stories.is_empty() {
        let text = fill(t.recent_none, &[("hours", &hours)]);
        return say(&bot, &req, &text).await;
    }
    let tz = chat_tz(req.sub.as_ref(), &ctx.config);
    let mut parts = vec![fill(t.recent_title, &[("hours", &hours)])];
    parts.extend(
        stories
            .iter()
            .take(RECENT_SHOWN)
            .enumerate()
            .map(|(i, claims)| story_hit(claims, i + 1, req.lang, &tz, false)),
    );
    if stories.len() > RECENT_SHOWN {
        let more = stories.len() - RECENT_SHOWN;
        parts.push(fill(t.recent_more, &[("n", &more)]));
    }
    say(&bot, &req, &parts.join("\n\n")).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_words() {
        assert_eq!(parse_search("отказ", 30), Ok((30, "отказ".into())));
        assert_eq!(
            parse_search(" 7d  tanks lost ", 30),
            Ok((7, "tanks lost".into()))
        );
        assert_eq!(parse_search("14д втрати", 30), Ok((14, "втрати".into())));
        assert_eq!(parse_search("365d x", 30), Ok((365, "x".into())));
        assert_eq!(parse_search("0d x", 30), Err(SearchInputError::BadWindow));
        assert_eq!(parse_search("366d x", 30), Err(SearchInputError::BadWindow));
        assert_eq!(
            parse_search("99999999999d x", 30),
            Err(SearchInputError::BadWindow)
        );
        assert_eq!(parse_search("7d", 30), Err(SearchInputError::Empty));
        assert_eq!(parse_search("   ", 30), Err(SearchInputError::Empty));
        assert_eq!(
            parse_search(&"x".repeat(5000), 30),
            Err(SearchInputError::TooLong)
        );
        assert_eq!(parse_search("d-day", 30), Ok((30, "d-day".into())));
    }
}
