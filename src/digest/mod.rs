//! Daily digests: which stories a subscriber gets ([`select`]), the losses block
//! ([`losses`]), Telegram HTML in their language ([`render`], [`format`]), messages under
//! Telegram's limit ([`split`]), and when ([`schedule`]).
//!
//! [`compose`] builds one subscriber's digest from the store without changing anything; the
//! scheduler records what it composed (outbox rows, delivered stories, the next time) in one
//! transaction, so the bot's on-demand `/digest` can show the same digest without marking its
//! stories as delivered.

pub mod format;
pub mod losses;
pub mod manual;
pub mod render;
pub mod schedule;
pub mod select;
pub mod series_block;

use crate::config::Config;
use crate::model::{Category, StoryView, Subscriber};
use crate::store::{Store, StoreError};
use crate::tz::ChatTz;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// A subscriber's first digest (or an on-demand one before any) covers this much.
pub const DEFAULT_LOOKBACK: Duration = Duration::hours(24);
/// However long the bot was down, a digest covers at most this much.
pub const MAX_LOOKBACK: Duration = Duration::days(7);
/// Stories are looked up this far before the period's start too: a story stored while the
/// previous digest was being composed is not missed, and none repeats (delivered stories are
/// recorded per subscriber).
pub const OVERLAP: Duration = Duration::hours(1);
/// Most candidate stories looked at for one digest.
pub const MAX_CANDIDATES: i64 = 1000;
/// Item text longer than this is not searched for keywords past it.
const MAX_BODY_CHARS: usize = 20_000;

/// Why a digest could not be composed.
#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One subscriber's digest, ready to enqueue or show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComposedDigest {
    /// Telegram HTML messages in order, each ≤ 4096 UTF-16 code units; empty for a quiet day
    /// when `digest.quiet_day = "skip"`.
    pub parts: Vec<String>,
    /// Stories the digest delivers (listed entries and the General Staff totals).
    pub story_ids: Vec<i64>,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    /// Nothing new on the subscriber's topics and keywords.
    pub is_quiet: bool,
    /// The weekly chart (`series::weekly`): sent as a photo, the last part its caption.
    pub photo: Option<i64>,
}

/// Where a subscriber's next digest starts: their previous digest's end, else
/// [`DEFAULT_LOOKBACK`] ago; never more than [`MAX_LOOKBACK`] ago.
pub fn period_start(sub: &Subscriber, now: DateTime<Utc>) -> DateTime<Utc> {
    let start = sub.last_digest_at.unwrap_or(now - DEFAULT_LOOKBACK);
    start.clamp(now - MAX_LOOKBACK, now)
}

/// The subscriber's time zone; a stored zone that no longer parses falls back to the
/// configured default.
pub fn subscriber_tz(sub: &Subscriber, cfg: &Config) -> ChatTz {
    cfg.digest.chat_tz(Some(&sub.timezone))
}

async fn first_item_texts(
    store: &dyn Store,
    candidates: &[StoryView],
) -> Result<HashMap<i64, String>, StoreError> {
    let mut out = HashMap::with_capacity(candidates.len());
    for v in candidates {
        if let Some(item) = store.item(v.story.first_item_id).await? {
            let text = format!("{} {}", item.item.title, item.item.text);
            out.insert(
                v.story.id,
                text.chars().take(MAX_BODY_CHARS).collect::<String>(),
            );
        }
    }
    Ok(out)
}

/// Composes `sub`'s digest for the period ending `now`. Reads only: nothing is marked
/// delivered (the scheduler does that when it enqueues).
pub async fn compose(
    store: &dyn Store,
    cfg: &Config,
    sub: &Subscriber,
    now: DateTime<Utc>,
) -> Result<ComposedDigest, DigestError> {
    let start = period_start(sub, now);
    // One claim, one entry: stories that only restate another's claims are folded into it;
    // a round-up's day figures go to their day's block, its other claims stay an entry.
    let candidates = series_block::split_series(crate::cluster::fold::fold(
        store
            .undelivered_stories(sub.id, start - OVERLAP, now, MAX_CANDIDATES)
            .await?,
    ));
    let bodies = if sub.keywords.is_empty() {
        HashMap::new()
    } else {
        first_item_texts(store, &candidates).await?
    };
    let tz = subscriber_tz(sub, cfg);
    let selection = select::select(&candidates, sub, &bodies, cfg.digest.max_entries, &tz);
    let totals = if sub.topics.losses {
        let recent = store
            .latest_claims_by_claimant(
                select::GENERAL_STAFF,
                Category::Losses,
                now,
                losses::RECENT_REPORTS,
            )
            .await?;
        let mut report = losses::totals_report(&recent, &candidates);
        if let Some(r) = report.as_mut() {
            r.notes = crate::series::weekly::totals_notes(store, r, sub.ui_lang).await?;
        }
        report
    } else {
        None
    };
    let input = render::RenderInput {
        lang: sub.ui_lang,
        tz: subscriber_tz(sub, cfg),
        period_start: start,
        now,
        follows_refusals: sub.topics.refusal,
        follows_losses: sub.topics.losses,
        selection: &selection,
        totals: totals.as_ref(),
        keywords: &sub.keywords,
        sources_shown: cfg.digest.sources_shown,
        quiet_day: cfg.digest.quiet_day,
    };
    let mut parts = render::render(&input);
    let tz = subscriber_tz(sub, cfg);
    let chart = match parts.is_empty() {
        true => None,
        false => crate::series::weekly::weekly_chart(store, sub, &tz, now).await?,
    };
    let photo = chart.map(|c| {
        parts.push(c.caption);
        c.image_id
    });
    Ok(ComposedDigest {
        parts,
        photo,
        story_ids: selection.story_ids(),
        period_start: start,
        period_end: now,
        is_quiet: input.is_quiet(),
    })
}
