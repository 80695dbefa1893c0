//! Folding the same story told by many outlets into one.
//!
//! Each arriving item is compared with the items of the last `cluster.window` (72 h by
//! default) and joins the story of the best match, by the strongest evidence first:
//!
//! 1. **the same article** — its URL equals another item's once scheme, `www.`, `/amp`,
//!    fragments and tracking parameters are ignored (`urlkey`);
//! 2. **a forwarded post** — a Telegram post forwarded from a channel joins the story of that
//!    channel's post it repeats (relaxed text thresholds, `fingerprint::name_key`);
//! 3. **a near-duplicate** — MinHash of 3-word shingles, LSH-banded (`minhash`), estimated
//!    Jaccard ≥ `cluster.threshold` (≥ 0.8 within one source: an edited repost);
//! 4. **the same claim** — same claimant, metric and value, between different sources, neither
//!    a round-up, within 24 h (12 h when every shared figure is for a period, which the next
//!    report may repeat), no metric valued in conflict (`claims`);
//! 5. **the same refusal incident** — same unit and place, counts agreeing, between different
//!    sources, neither a round-up (`incident`);
//! 6. **similar wording** — tf-idf cosine ≥ 0.33 between items of different sources (≥ 0.5
//!    for items more than 24 h apart) (`score`), never for round-ups of many stories.
//!
//! Text similarity (2, 3, 6) is vetoed when the texts state numbers that mostly disagree
//! (`numbers`), when their claims give one claimant's metric conflicting values (`claims`), or
//! when their headlines name different days (`dates`): the same template with another day's
//! figures is another story. Lines a source repeats in its items are boilerplate for everyone
//! and are left out (`repeated`).
//!
//! Driving it: for each new item, `assign`; on [`Assignment::New`] create the story and call
//! `record` with its id; on [`Assignment::Join`] the item is already recorded in that story.
//! At start-up, the application replays the window's stored items (`pipeline::rebuild`).

mod claims;
mod dates;
mod engine;
pub mod entries;
mod events;
mod evidence;
mod fasthash;
mod fingerprint;
pub mod fold;
mod incident;
mod minhash;
mod numbers;
mod provenance;
mod repeated;
mod score;
mod smalllist;
mod terms;
mod tokens;
mod urlkey;
mod window;

pub use claims::{claims_to_add, merge_claims, same_claim};
pub use engine::Clusterer;
pub use fingerprint::name_key;
pub use provenance::{Provenance, provenance};
pub use urlkey::canonical_url;

use crate::model::{Claim, Lang};
use chrono::{DateTime, Utc};
use std::time::Duration;

/// The clusterer's settings (the `[cluster]` options).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Items further apart than this never join one story, but by an incident key.
    pub window: Duration,
    /// Estimated Jaccard similarity of word shingles above which two texts are one story.
    pub threshold: f64,
    /// A retelling of one loss event or refusal incident (same place and count, or same unit
    /// and place) joins its story within this long.
    pub event_window: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window: Duration::from_secs(72 * 3600),
            threshold: 0.5,
            event_window: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

/// One item as the clusterer sees it.
#[derive(Debug, Clone, Copy)]
pub struct ClusterDoc<'a> {
    /// The item's id (or, outside the database, any unique number such as a line index).
    pub key: i64,
    pub source_id: i64,
    /// Names the item's source is known by (Telegram handle, title), so forwarded posts can
    /// find their origin.
    pub source_names: &'a [&'a str],
    pub title: &'a str,
    pub text: &'a str,
    pub url: Option<&'a str>,
    pub published: DateTime<Utc>,
    pub lang: Lang,
    /// For a forwarded Telegram post: the channel it was forwarded from.
    pub forwarded_from: Option<&'a str>,
    /// The item's claims as the classifier extracted them.
    pub claims: &'a [Claim],
}

/// Why an item joined a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JoinReason {
    /// The item was recorded before (its key is already in the window).
    AlreadyRecorded,
    SameUrl,
    Forwarded,
    NearDuplicate,
    SameClaim,
    SameIncident,
    SimilarText,
}

impl JoinReason {
    /// Strength of the evidence: lower wins when several stories match.
    fn rank(self) -> u8 {
        match self {
            JoinReason::AlreadyRecorded => 0,
            JoinReason::SameUrl => 1,
            JoinReason::Forwarded => 2,
            JoinReason::NearDuplicate => 3,
            JoinReason::SameClaim => 4,
            JoinReason::SameIncident => 5,
            JoinReason::SimilarText => 6,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            JoinReason::AlreadyRecorded => "already_recorded",
            JoinReason::SameUrl => "same_url",
            JoinReason::Forwarded => "forwarded",
            JoinReason::NearDuplicate => "near_duplicate",
            JoinReason::SameClaim => "same_claim",
            JoinReason::SameIncident => "same_incident",
            JoinReason::SimilarText => "similar_text",
        }
    }
}

/// The story an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Assignment {
    /// Joins `story`; `matched` is the key of the item it matched, `score` the similarity
    /// (1.0 for links, claims and incidents).
    Join {
        story: i64,
        reason: JoinReason,
        matched: i64,
        score: f32,
    },
    /// Tells a new story.
    New,
}

/// Thresholds below the config's, measured on the labelled dev set (see the README).
#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    /// tf-idf cosine at or above which items of different sources tell one story.
    pub text_threshold: f32,
    /// Items published further apart than this are joined by wording only at …
    pub late_after: Duration,
    /// … this tf-idf cosine at least: a day or more later, a text that merely resembles an
    /// earlier one is more often the next forecast, holiday or fire than the same report.
    pub late_text_threshold: f32,
    /// Compare wording at all (off: links, forwards, near-duplicates and claims only).
    pub text_similarity: bool,
    /// Estimated shingle Jaccard needed between two items of the same source.
    pub same_source_near: f64,
    /// A forwarded post joins its origin's item at this cosine …
    pub forward_text: f32,
    /// … or this estimated shingle Jaccard.
    pub forward_near: f64,
    /// Items joined by a shared claim are at most this far apart …
    pub claim_span: Duration,
    /// … or this far when every figure they share is for a period ("за сутки"): the next
    /// day's report may state the same figure again.
    pub period_claim_span: Duration,
    /// Items kept at most, whatever the window (memory bound under floods).
    pub max_items: usize,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            text_threshold: 0.33,
            late_after: Duration::from_secs(24 * 3600),
            late_text_threshold: 0.5,
            text_similarity: true,
            same_source_near: 0.8,
            forward_text: 0.15,
            forward_near: 0.25,
            claim_span: Duration::from_secs(24 * 3600),
            period_claim_span: Duration::from_secs(12 * 3600),
            max_items: 500_000,
        }
    }
}
