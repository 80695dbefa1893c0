//! `claimwatch search WORDS… [--since 7d] [--limit N] [--lang uk]`: the bot's `/search` from
//! the shell, through the same store query and the same rendering, printed as plain text.

use super::{CliError, SearchArgs};
use crate::bot::render::{chat_tz, claim_hit};
use crate::config::{Config, parse_duration};
use crate::entry::plain::to_plain;
use crate::model::Lang;
use crate::store::{ClaimView, SearchQuery};
use crate::text::stem::query_terms;
use crate::text::truncate_chars;
use crate::tz::ChatTz;
use chrono::{Duration, Utc};

/// Words searched at most (as in the bot).
const MAX_TERMS: usize = 8;

/// One hit as plain text: the bot's `/search` hit (`entry`) without its markup.
pub fn plain_hit(n: usize, v: &ClaimView, lang: Lang, tz: &ChatTz) -> String {
    to_plain(&claim_hit(v, n, lang, tz, false))
}

pub async fn run(config: &Config, args: SearchArgs) -> Result<(), CliError> {
    let window = match &args.since {
        Some(s) => parse_duration(s).map_err(|e| CliError::Usage(format!("--since: {e}")))?,
        None => config.bot.search_window.0,
    };
    let window = Duration::from_std(window)
        .ok()
        .filter(|d| *d > Duration::zero() && *d <= Duration::days(3650))
        .ok_or_else(|| CliError::Usage("--since must be between 1s and 3650d".into()))?;
    if !(1..=1000).contains(&args.limit) {
        return Err(CliError::Usage("--limit must be between 1 and 1000".into()));
    }
    let lang: Lang = args
        .lang
        .parse()
        .map_err(|e| CliError::Usage(format!("--lang: {e}")))?;
    let tz = chat_tz(None, config);
    let words = args.words.join(" ");
    let terms = query_terms(&words, MAX_TERMS);
    if terms.is_empty() {
        return Err(CliError::Usage(format!(
            "nothing to search for in {:?}: give words with letters or digits",
            truncate_chars(&words, 64)
        )));
    }
    let store = super::open_store(config).await?;
    let since = Utc::now() - window;
    let mut page = store
        .search_claims(&SearchQuery {
            terms,
            since,
            category: None,
            limit: args.limit,
            offset: 0,
        })
        .await?;
    // A claim told twice is shown once, with both sources.
    let read = page.hits.len() as i64;
    page.hits = crate::store::ClaimView::fold(page.hits);
    page.total -= read - page.hits.len() as i64;
    let more = if page.total_capped { "+" } else { "" };
    println!(
        "{}{more} claims match {:?} since {} (showing {})",
        page.total,
        truncate_chars(&words, 80),
        since.format("%Y-%m-%d %H:%M UTC"),
        page.hits.len()
    );
    for (i, hit) in page.hits.iter().enumerate() {
        println!("{}\n", plain_hit(i + 1, hit, lang, &tz));
    }
    store.close().await;
    Ok(())
}
