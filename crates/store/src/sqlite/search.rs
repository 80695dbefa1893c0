//! SQLite keyword search with a bounded cost, whatever the archive's size:
//!
//! 1. the smallest claim id in the window (from the `claimed_at` index, when the window holds
//!    at most [`BOUND_SCAN`] claims; otherwise no bound), so the FTS scan can seek past older
//!    matches;
//! 2. the newest [`SEARCH_CANDIDATES`] + 1 matches in the window, newest first, with their
//!    indexed terms. Stems are matched by prefix through FTS5 prefix indexes of 3–6
//!    characters (migration 0005); a longer stem is looked up by its first six characters and
//!    checked in full here, batch by batch, scanning at most [`MAX_SCAN`] rows;
//! 3. relevance computed here, BM25-style — term-frequency saturation and length
//!    normalisation — then recency; FTS5's own `bm25()` is avoided because its IDF counts every
//!    match in the whole table on each query.
//!
//! A word matching more than [`SEARCH_CANDIDATES`] claims in the window is ranked among its
//! newest matches only, and the count says "N+" (`SearchPage::total_capped`).

use super::SqliteStore;
use super::stories::fts_match;
use crate::stories::{SEARCH_CANDIDATES, SearchPage, SearchQuery};
use crate::{Result, to_ms};
use claimwatch_core::model::Category;

/// Windows holding more claims than this are searched without the id bound (the bound would
/// cost more than it saves: such a window is most of the archive).
const BOUND_SCAN: i64 = 100_000;
/// Longest prefix FTS5 has an index for (see migrations/sqlite/0005_bot.sql).
const INDEXED_PREFIX: usize = 6;
/// Rows fetched per batch when long stems must be checked in full.
const BATCH: i64 = 1000;
/// Rows scanned at most when long stems must be checked in full.
const MAX_SCAN: usize = 20_000;
/// BM25's usual constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// One candidate: claim id, claimed_at (ms), and its indexed terms.
type Candidate = (i64, i64, String);

/// BM25-style scores for documents that all contain every query term (by prefix): the sum
/// over terms of tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)). IDF is left out: every
/// candidate contains every term.
pub(crate) fn scores(terms: &[String], docs: &[&str]) -> Vec<f64> {
    let lens: Vec<usize> = docs.iter().map(|d| d.split(' ').count()).collect();
    let avg = (lens.iter().sum::<usize>() as f64 / lens.len().max(1) as f64).max(1.0);
    docs.iter()
        .zip(&lens)
        .map(|(doc, len)| {
            let norm = K1 * (1.0 - B + B * *len as f64 / avg);
            terms
                .iter()
                .map(|t| {
                    let tf = doc.split(' ').filter(|w| w.starts_with(t.as_str())).count() as f64;
                    tf * (K1 + 1.0) / (tf + norm)
                })
                .sum()
        })
        .collect()
}

/// Whether every term starts some word of `doc`.
fn contains_all(doc: &str, terms: &[String]) -> bool {
    terms
        .iter()
        .all(|t| doc.split(' ').any(|w| w.starts_with(t.as_str())))
}

impl SqliteStore {
    /// The smallest id of a claim in the window, or 0 when the window is large.
    async fn window_floor(&self, since: i64) -> Result<Option<i64>> {
        let (count, min_id): (i64, Option<i64>) = sqlx::query_as(
            "SELECT count(*), min(id) FROM
               (SELECT id FROM claims INDEXED BY claims_claimed_at WHERE claimed_at >= ?1 LIMIT ?2)",
        )
        .bind(since)
        .bind(BOUND_SCAN + 1)
        .fetch_one(&self.pool)
        .await?;
        Ok(match (count, min_id) {
            (0, _) => None,
            (n, _) if n > BOUND_SCAN => Some(0),
            (_, id) => Some(id.unwrap_or(0)),
        })
    }

    /// Matches in the window, newest first: up to `SEARCH_CANDIDATES + 1` of them, and whether
    /// more may exist than were returned.
    async fn candidates(
        &self,
        q: &SearchQuery,
        floor: i64,
        since: i64,
    ) -> Result<(Vec<Candidate>, bool)> {
        let lookup: Vec<String> = q
            .terms
            .iter()
            .map(|t| t.chars().take(INDEXED_PREFIX).collect())
            .collect();
        let exact = lookup == q.terms;
        let want = SEARCH_CANDIDATES as usize + 1;
        let limit = if exact { want as i64 } else { BATCH };
        let mut kept: Vec<Candidate> = Vec::new();
        let mut below = i64::MAX;
        let mut scanned = 0;
        loop {
            // CROSS JOIN keeps the FTS scan (newest first, from `floor` up) as the outer loop.
            let rows: Vec<Candidate> = sqlx::query_as(
                "SELECT c.id, c.claimed_at, claims_fts.terms
                 FROM claims_fts CROSS JOIN claims c ON c.id = claims_fts.rowid
                 WHERE claims_fts MATCH ?1 AND claims_fts.rowid >= ?2 AND claims_fts.rowid < ?3
                   AND c.claimed_at >= ?4 AND (?5 IS NULL OR c.category = ?5)
                 ORDER BY claims_fts.rowid DESC
                 LIMIT ?6",
            )
            .bind(fts_match(&lookup))
            .bind(floor)
            .bind(below)
            .bind(since)
            .bind(q.category.map(Category::as_str))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
            let full = rows.len() as i64 == limit;
            scanned += rows.len();
            below = rows.last().map_or(below, |r| r.0);
            kept.extend(
                rows.into_iter()
                    .filter(|r| exact || contains_all(&r.2, &q.terms)),
            );
            if exact || !full || kept.len() >= want {
                let capped = (exact && full) || kept.len() >= want;
                return Ok((kept, capped));
            }
            if scanned >= MAX_SCAN {
                return Ok((kept, true));
            }
        }
    }

    pub(super) async fn search(&self, q: &SearchQuery) -> Result<SearchPage> {
        let empty = SearchPage {
            hits: Vec::new(),
            total: 0,
            total_capped: false,
        };
        if q.terms.is_empty() || q.limit <= 0 {
            return Ok(empty);
        }
        let since = to_ms(q.since);
        let Some(floor) = self.window_floor(since).await? else {
            return Ok(empty);
        };
        let (rows, total_capped) = self.candidates(q, floor, since).await?;
        let rows = &rows[..rows.len().min(SEARCH_CANDIDATES as usize)];
        let docs: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
        let scores = scores(&q.terms, &docs);
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|a, b| {
            scores[*b]
                .total_cmp(&scores[*a])
                .then(rows[*b].1.cmp(&rows[*a].1))
                .then(rows[*b].0.cmp(&rows[*a].0))
        });
        let ids: Vec<i64> = order
            .into_iter()
            .skip(usize::try_from(q.offset).unwrap_or(0))
            .take(usize::try_from(q.limit).unwrap_or(0))
            .map(|i| rows[i].0)
            .collect();
        Ok(SearchPage {
            hits: self.claim_views(&ids).await?,
            total: rows.len() as i64,
            total_capped,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_occurrences_and_shorter_texts_rank_higher() {
        let terms = vec!["отказ".to_string()];
        let s = scores(
            &terms,
            &[
                "солдат отказа воева",
                "солдат отказа отказник воева",
                "солдат отказа воева долг текст про другое совсем",
            ],
        );
        assert!(s[1] > s[0], "{s:?}");
        assert!(s[0] > s[2], "{s:?}");
        let both = scores(
            &["tank".into(), "lost".into()],
            &["tank lost", "tank tank lost"],
        );
        assert!(both[1] > both[0] && both[0] > 0.0);
    }
}
