//! `claimwatch search WORDS… [--since 7d] [--limit N]`: the bot's `/search` from the shell,
//! through the same store query, printed as plain text.

use super::{CliError, SearchArgs};
use crate::config::{Config, parse_duration};
use crate::model::Side;
use crate::store::{ClaimView, SearchQuery};
use crate::text::stem::query_terms;
use crate::text::truncate_chars;
use chrono::{Duration, Utc};

/// Words searched at most (as in the bot).
const MAX_TERMS: usize = 8;

/// One hit as plain text, indented under its number.
pub fn plain_hit(n: usize, v: &ClaimView) -> String {
    let c = &v.claim.claim;
    let who = match &c.claimant {
        Some(name) => format!("{} claims", truncate_chars(name, 120)),
        None => format!(
            "{} reports",
            v.sources.first().map_or("?", |s| s.source_name.as_str())
        ),
    };
    let about = match c.side {
        Some(Side::Russia) => " · about Russian forces",
        Some(Side::Ukraine) => " · about Ukrainian forces",
        None => "",
    };
    let mut lines = vec![format!(
        "{n:>3}. [{}] {} · {who}{about}",
        c.category,
        v.claim.claimed_at.format("%Y-%m-%d %H:%M UTC")
    )];
    let place: Vec<&str> = [c.unit.as_deref(), c.location.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        lines.push(format!("     {}", place.join(" · ")));
    }
    if !c.figures.is_empty() {
        let figures: Vec<String> = c
            .figures
            .iter()
            .map(|f| match f.delta {
                Some(d) => format!("{} {} ({d:+})", f.metric, f.value),
                None => format!("{} {}", f.metric, f.value),
            })
            .collect();
        lines.push(format!("     {}", figures.join(", ")));
    }
    if let Some(e) = c.evidence.first() {
        lines.push(format!("     «{}»", truncate_chars(e, 200)));
    }
    for s in v.sources.iter().take(5) {
        lines.push(format!(
            "     source: {} {}",
            s.source_name,
            s.url.as_deref().unwrap_or("")
        ));
    }
    lines.join("\n")
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
        println!("{}", plain_hit(i + 1, hit));
    }
    store.close().await;
    Ok(())
}
