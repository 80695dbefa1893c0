//! PostgreSQL: full-text search over claims (a tsvector of stemmed words with the `simple`
//! configuration, matched by prefix — the same behaviour as SQLite's FTS5 index).
//!
//! A search costs a bounded amount whatever the archive's size and however the words are
//! spread, in two steps (the planner is told which, as its estimates for several words assume
//! they are independent and are often far off):
//!
//! 1. the newest [`SEARCH_PROBE`] claims of the window, read newest first through the
//!    `claimed_at` index and matched against `terms`, up to `SEARCH_CANDIDATES + 1` matches —
//!    enough for a common word;
//! 2. when they hold fewer, the rest of the window through the index of the stems' prefixes
//!    (`claim_term_prefixes`, migration 0008): each query stem is looked up by its first six
//!    characters as one exact key, several intersected by GIN, and matched against `terms` in
//!    full; so two common words that rarely meet cost little, unlike a newest-first scan.
//!
//! The newest `SEARCH_CANDIDATES` matches are then ranked by `ts_rank`, then recency.

use super::{PostgresStore, Tx};
use crate::Result;
use crate::stories::{SEARCH_CANDIDATES, SearchPage, SearchQuery};
use chrono::{DateTime, Utc};
use claimwatch_core::model::Category;
use sqlx::AssertSqlSafe;

/// A `to_tsquery('simple', …)` text: every term must match, by prefix when three letters or
/// longer. Only letters and digits reach the query, so no input can change its syntax.
pub(crate) fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty())
        })
        .map(|t| {
            if t.chars().count() >= 3 {
                format!("{t}:*")
            } else {
                t.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// The `to_tsquery('simple', …)` text that looks the parts [`tsquery`] makes up in the prefix
/// index (`claim_term_prefixes`, migration 0008): a part of three characters or more by its
/// first six, a shorter one whole, so it matches every claim [`tsquery`] matches (and some more
/// when a part is longer than six). `None` when a part holds anything but lowercase letters and
/// ASCII digits, which the text parser might split or fold differently once cut.
pub(crate) fn prefix_tsquery(terms: &[String]) -> Option<String> {
    let parts: Vec<&str> = terms
        .iter()
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty())
        })
        .collect();
    let plain = |c: char| c.is_ascii_digit() || (c.is_alphabetic() && c.to_lowercase().eq([c]));
    if parts.is_empty() || !parts.iter().all(|p| p.chars().all(plain)) {
        return None;
    }
    Some(
        parts
            .iter()
            .map(|p| p.chars().take(PREFIX_CHARS).collect::<String>())
            .collect::<Vec<_>>()
            .join(" & "),
    )
}

/// Claims of the window read newest first before a search turns to the prefix index.
pub const SEARCH_PROBE: i64 = 5_000;
/// Longest prefix `claim_term_prefixes` indexes.
const PREFIX_CHARS: usize = 6;
/// `work_mem` for the search's bitmap scan: enough to keep the bitmap of a common prefix exact
/// over millions of claims, so that rows are not rechecked against the prefix expression.
const BITMAP_WORK_MEM: &str = "64MB";

/// A match: claim id, claimed at, and `ts_rank`.
type Match = (i64, DateTime<Utc>, f32);

/// What every match must meet: the `to_tsquery` text and the category, if any.
struct MatchFilter<'a> {
    expr: &'a str,
    category: Option<&'static str>,
}

/// One slice of the window to read matches from.
struct MatchSlice<'a> {
    /// Oldest `claimed_at` included.
    from: DateTime<Utc>,
    /// `claimed_at` excluded from here on, if bounded.
    before: Option<DateTime<Utc>>,
    /// The prefix-index query, when the terms are looked up by prefix.
    prefixes: Option<&'a str>,
    limit: i64,
}

impl PostgresStore {
    /// [`crate::StoryStore::search_claims`] on PostgreSQL.
    pub(super) async fn search(&self, q: &SearchQuery) -> Result<SearchPage> {
        let expr = tsquery(&q.terms);
        if expr.is_empty() || q.limit <= 0 {
            return Ok(SearchPage {
                hits: Vec::new(),
                total: 0,
                total_capped: false,
            });
        }
        let filter = MatchFilter {
            expr: &expr,
            category: q.category.map(Category::as_str),
        };
        let matches = self.newest_matches(q, &filter).await?;
        // Same contract as SQLite: only the SEARCH_CANDIDATES newest matches are ranked.
        let counted = matches.len() as i64;
        let ids = ranked_page(matches, q);
        Ok(SearchPage {
            hits: self.claim_views(&ids).await?,
            total: counted.min(SEARCH_CANDIDATES),
            total_capped: counted > SEARCH_CANDIDATES,
        })
    }

    /// Up to `SEARCH_CANDIDATES + 1` matches of the window, newest first, in the two steps
    /// the module describes, in one transaction.
    async fn newest_matches(
        &self,
        q: &SearchQuery,
        filter: &MatchFilter<'_>,
    ) -> Result<Vec<Match>> {
        let want = SEARCH_CANDIDATES + 1;
        let prefixes = prefix_tsquery(&q.terms);
        let mut tx = self.pool.begin().await?;
        plan_for_these_values(&mut tx).await?;
        let boundary = match prefixes {
            Some(_) => probe_boundary(&mut tx, q.since).await?,
            None => None,
        };
        // 1. From the boundary on (the whole window when it is small, or when the terms cannot
        //    be looked up by prefix), through the claimed_at index, newest first: enough for a
        //    common word. (The prefix expression is not evaluated row by row: it is dear.)
        let newest = MatchSlice {
            from: boundary.unwrap_or(q.since),
            before: None,
            prefixes: None,
            limit: want,
        };
        let mut matches = fetch_matches(&mut tx, filter, &newest).await?;
        // 2. The older rest of the window, through the prefix index only: the planner, taking
        //    words for independent, would otherwise read it newest first for two common words
        //    that seldom meet, i.e. all of it.
        if let Some(boundary) = boundary
            && (matches.len() as i64) < want
        {
            sqlx::query("SELECT set_config('enable_indexscan', 'off', true)")
                .execute(&mut *tx)
                .await?;
            let older = MatchSlice {
                from: q.since,
                before: Some(boundary),
                prefixes: prefixes.as_deref(),
                limit: want - matches.len() as i64,
            };
            matches.extend(fetch_matches(&mut tx, filter, &older).await?);
        }
        tx.commit().await?;
        Ok(matches)
    }
}

/// Plans for these very values (a generic plan cannot tell a rare word from a common one),
/// bitmaps kept exact, and no sequential scan of the table.
async fn plan_for_these_values(tx: &mut Tx) -> Result<()> {
    sqlx::query(AssertSqlSafe(format!(
        "SELECT set_config('plan_cache_mode', 'force_custom_plan', true),
                    set_config('work_mem', '{BITMAP_WORK_MEM}', true),
                    set_config('enable_seqscan', 'off', true)"
    )))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The claimed_at of the claim just older than the window's newest SEARCH_PROBE.
async fn probe_boundary(tx: &mut Tx, since: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
    Ok(sqlx::query_scalar(
        "SELECT claimed_at FROM claims WHERE claimed_at >= $1
                     ORDER BY claimed_at DESC OFFSET $2 LIMIT 1",
    )
    .bind(since)
    .bind(SEARCH_PROBE)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Matches in [$2, $6), newest first; `$5`, when given, looks the terms up by prefix.
async fn fetch_matches(
    tx: &mut Tx,
    filter: &MatchFilter<'_>,
    slice: &MatchSlice<'_>,
) -> Result<Vec<Match>> {
    Ok(sqlx::query_as::<_, Match>(
        "SELECT id, claimed_at, ts_rank(terms, to_tsquery('simple', $1)) FROM claims
                 WHERE terms @@ to_tsquery('simple', $1) AND claimed_at >= $2
                   AND ($3::text IS NULL OR category = $3)
                   AND ($5::text IS NULL OR claim_term_prefixes(terms) @@ to_tsquery('simple', $5))
                   AND ($6::timestamptz IS NULL OR claimed_at < $6)
                 ORDER BY claimed_at DESC, id DESC LIMIT $4",
    )
    .bind(filter.expr.to_owned())
    .bind(slice.from)
    .bind(filter.category)
    .bind(slice.limit)
    .bind(slice.prefixes.map(str::to_owned))
    .bind(slice.before)
    .fetch_all(&mut **tx)
    .await?)
}

/// The ids of the page `q` asks for, out of the `SEARCH_CANDIDATES` newest matches ranked by
/// `ts_rank`, then recency.
fn ranked_page(mut matches: Vec<Match>, q: &SearchQuery) -> Vec<i64> {
    matches.truncate(SEARCH_CANDIDATES as usize);
    matches.sort_by(|a, b| {
        b.2.partial_cmp(&a.2)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.1.cmp(&a.1))
            .then(b.0.cmp(&a.0))
    });
    matches
        .iter()
        .skip(q.offset.max(0) as usize)
        .take(q.limit as usize)
        .map(|m| m.0)
        .collect()
}
