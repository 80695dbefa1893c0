//! The clusterer: for each arriving item, the story it joins — or none — and the state of the
//! window. Pure and deterministic: no I/O, no clock (time comes from the items), story ids come
//! from the caller, ties go to the oldest item.

use super::claims::{agreement, figures_conflict, incidents_agree, units_conflict};
use super::dates::days_conflict;
use super::events::EventIndex;
use super::fingerprint::{Fingerprint, MIN_TOKENS};
use super::numbers::conflict;
use super::score;
use super::window::{DocState, Lists, Window};
use super::{Assignment, ClusterDoc, JoinReason, Settings, Tuning};
use chrono::{DateTime, Utc};

fn in_window(doc: &DocState, published: i64, span: i64) -> bool {
    doc.published.abs_diff(published) <= span.unsigned_abs()
}

/// Whether two texts, however alike their wording, tell different reports: their numbers
/// mostly disagree, their claims value one claimant's metric differently or name different
/// units, or their headlines name different days.
fn texts_disagree(fp: &Fingerprint, d: &DocState) -> bool {
    conflict(&fp.numbers, &d.numbers)
        || figures_conflict(&fp.figures, &d.figures)
        || days_conflict(&fp.days, &d.days)
        || units_conflict(&fp.units, &d.units)
}

/// A candidate story for an item.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    reason: JoinReason,
    score: f32,
    seq: u64,
}

impl Candidate {
    /// Lower is better: stronger evidence, then higher score, then the older item.
    fn better_than(&self, other: &Candidate) -> bool {
        (self.reason.rank(), other.score, self.seq) < (other.reason.rank(), self.score, other.seq)
    }
}

/// Near-duplicate stories over a sliding time window. See the module documentation of
/// [`crate::cluster`] for how to drive it.
#[derive(Debug)]
pub struct Clusterer {
    window_ms: i64,
    near_threshold: f64,
    tuning: Tuning,
    state: Window,
    /// The fingerprint of the last item `assign` answered `New` for, kept for `record`.
    pending: Option<(i64, Fingerprint, f32)>,
    scratch: score::Scratch,
    events: EventIndex,
    event_window_ms: i64,
}

impl Clusterer {
    pub fn new(cfg: &Settings) -> Self {
        Self::with_tuning(cfg, Tuning::default())
    }

    pub fn with_tuning(cfg: &Settings, tuning: Tuning) -> Self {
        Clusterer {
            window_ms: i64::try_from(cfg.window.as_millis()).unwrap_or(i64::MAX / 4),
            near_threshold: cfg.threshold.clamp(0.0, 1.0),
            tuning,
            state: Window::default(),
            pending: None,
            scratch: score::Scratch::default(),
            events: EventIndex::default(),
            event_window_ms: i64::try_from(cfg.event_window.as_millis()).unwrap_or(i64::MAX / 4),
        }
    }

    /// Items in the window.
    pub fn len(&self) -> usize {
        self.state.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.state.docs.is_empty()
    }

    /// The story of a recorded item still in the window.
    pub fn story_of(&self, key: i64) -> Option<i64> {
        let seq = self.state.keys.get(&key)?;
        self.state.docs.get(seq).map(|d| d.story)
    }

    /// Bytes held by the state (an estimate from capacities and element sizes).
    pub fn memory_bytes(&self) -> usize {
        self.state.bytes() + self.scratch.bytes()
    }

    /// Forgets items published more than the window before `now`; returns how many.
    pub fn evict(&mut self, now: DateTime<Utc>) -> usize {
        self.evict_at(now.timestamp_millis().max(self.state.watermark))
    }

    fn evict_at(&mut self, now_ms: i64) -> usize {
        self.events
            .evict(now_ms.saturating_sub(self.event_window_ms));
        self.state
            .evict(now_ms.saturating_sub(self.window_ms), self.tuning.max_items)
    }

    /// Decides the story of `doc`. On `Join` the item is recorded in that story at once; on
    /// `New` the caller creates a story and calls [`Clusterer::record`] with its id.
    pub fn assign(&mut self, doc: &ClusterDoc<'_>) -> Assignment {
        if let Some(story) = self.story_of(doc.key) {
            return Assignment::Join {
                story,
                reason: JoinReason::AlreadyRecorded,
                matched: doc.key,
                score: 1.0,
            };
        }
        let published = doc.published.timestamp_millis();
        self.evict_at(published.max(self.state.watermark));
        let fp = Fingerprint::of(doc, &self.state.repeated);
        let dfs = score::frequencies(&fp.terms, &self.state);
        let fp_norm = score::norm_of(&dfs, &fp.ltf, self.state.docs.len());
        let found = match self.best(doc, &fp, &dfs, fp_norm, published) {
            Some(c) => self
                .state
                .docs
                .get(&c.seq)
                .map(|d| (d.story, d.key, c.reason, c.score)),
            None => self
                .events
                .find(&fp.incidents, published, self.event_window_ms)
                .map(|(story, item)| (story, item, JoinReason::SameIncident, 1.0)),
        };
        match found {
            Some((story, matched, reason, score)) => {
                self.events.add(&fp.incidents, story, doc.key, published);
                self.state
                    .insert(fp, fp_norm, doc.key, story, doc.source_id, published);
                Assignment::Join {
                    story,
                    reason,
                    matched,
                    score,
                }
            }
            None => {
                self.pending = Some((doc.key, fp, fp_norm));
                Assignment::New
            }
        }
    }

    /// Records `doc` as an item of `story` (a new story's first item, or an item loaded from
    /// the store at start-up). Recording an item twice changes nothing.
    pub fn record(&mut self, doc: &ClusterDoc<'_>, story: i64) {
        if self.state.keys.contains_key(&doc.key) {
            return;
        }
        let published = doc.published.timestamp_millis();
        self.evict_at(published.max(self.state.watermark));
        let (fp, fp_norm) = match self.pending.take() {
            Some((key, fp, n)) if key == doc.key => (fp, n),
            _ => {
                let fp = Fingerprint::of(doc, &self.state.repeated);
                let n = score::norm(&fp.terms, &fp.ltf, &self.state);
                (fp, n)
            }
        };
        self.events.add(&fp.incidents, story, doc.key, published);
        self.state
            .insert(fp, fp_norm, doc.key, story, doc.source_id, published);
    }

    fn best(
        &mut self,
        doc: &ClusterDoc<'_>,
        fp: &Fingerprint,
        dfs: &[u32],
        fp_norm: f32,
        published: i64,
    ) -> Option<Candidate> {
        let mut best: Option<Candidate> = None;
        let mut offer = |c: Candidate| {
            if best.is_none_or(|b| c.better_than(&b)) {
                best = Some(c);
            }
        };
        let w = &self.state;
        let span = self.window_ms;
        let claim_span = i64::try_from(self.tuning.claim_span.as_millis()).unwrap_or(span);
        let period_span = i64::try_from(self.tuning.period_claim_span.as_millis()).unwrap_or(span);
        // Items sharing a key, each once, oldest first.
        let sharing = |lists: &Lists, keys: &mut dyn Iterator<Item = u64>| -> Vec<u64> {
            let mut seqs: Vec<u64> = keys
                .filter_map(|k| lists.map.get(&k))
                .flatten()
                .copied()
                .collect();
            seqs.sort_unstable();
            seqs.dedup();
            seqs
        };
        for seq in sharing(&w.urls, &mut fp.url.into_iter()) {
            if let Some(d) = w.docs.get(&seq)
                && in_window(d, published, span)
            {
                offer(Candidate {
                    reason: JoinReason::SameUrl,
                    score: 1.0,
                    seq,
                });
            }
        }
        // A claim or an incident is evidence between reports of different sources, neither a
        // round-up: a source that states its claim again tells the next day's report, and a
        // round-up of the day carries the claims of many stories.
        let claim_evidence =
            |d: &DocState| d.source_id != doc.source_id && !d.roundup && !fp.roundup;
        for seq in sharing(&w.figures, &mut fp.figures.iter().map(|k| k.hash())) {
            if let Some(d) = w.docs.get(&seq)
                && claim_evidence(d)
                && let Some(period_only) = agreement(&fp.figures, &d.figures)
                && in_window(
                    d,
                    published,
                    if period_only { period_span } else { claim_span }.min(span),
                )
            {
                offer(Candidate {
                    reason: JoinReason::SameClaim,
                    score: 1.0,
                    seq,
                });
            }
        }
        for seq in sharing(&w.incidents, &mut fp.incidents.iter().map(|k| k.key)) {
            // A loss event told again by its own source is a follow-up of the same story.
            let agree = |d: &DocState| {
                fp.incidents.iter().any(|a| {
                    d.incidents
                        .iter()
                        .any(|b| incidents_agree(a, b) && (a.event || claim_evidence(d)))
                })
            };
            if let Some(d) = w.docs.get(&seq)
                && in_window(d, published, span)
                && agree(d)
            {
                offer(Candidate {
                    reason: JoinReason::SameIncident,
                    score: 1.0,
                    seq,
                });
            }
        }
        let forwarded_from =
            |d: &DocState| fp.forwarded.is_some_and(|f| w.source_named(d.source_id, f));
        if let Some(sig) = &fp.signature {
            let mut seen: Vec<u64> = Vec::new();
            for band in sig.band_keys() {
                if let Some(list) = w.bands.map.get(&band) {
                    seen.extend(list.iter().copied());
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for seq in seen {
                let Some(d) = w.docs.get(&seq) else { continue };
                let Some(other) = &d.signature else { continue };
                if !in_window(d, published, span) || texts_disagree(fp, d) {
                    continue;
                }
                let sim = sig.similarity(other);
                let needed = if d.source_id == doc.source_id {
                    self.near_threshold.max(self.tuning.same_source_near)
                } else {
                    self.near_threshold
                };
                if forwarded_from(d) && sim >= self.tuning.forward_near {
                    offer(Candidate {
                        reason: JoinReason::Forwarded,
                        score: sim as f32,
                        seq,
                    });
                } else if sim >= needed {
                    offer(Candidate {
                        reason: JoinReason::NearDuplicate,
                        score: sim as f32,
                        seq,
                    });
                }
            }
        }
        if self.tuning.text_similarity && fp.tokens >= MIN_TOKENS {
            let floor = if fp.forwarded.is_some() {
                self.tuning.text_threshold.min(self.tuning.forward_text)
            } else {
                self.tuning.text_threshold
            };
            let late_ms = i64::try_from(self.tuning.late_after.as_millis()).unwrap_or(span);
            let needed = |d: &DocState| {
                if in_window(d, published, late_ms) {
                    self.tuning.text_threshold
                } else {
                    self.tuning
                        .text_threshold
                        .max(self.tuning.late_text_threshold)
                }
            };
            for (seq, cos) in score::similar(fp, dfs, fp_norm, w, floor, &mut self.scratch) {
                let Some(d) = w.docs.get(&seq) else { continue };
                if (d.tokens as usize) < MIN_TOKENS
                    || !in_window(d, published, span)
                    || texts_disagree(fp, d)
                {
                    continue;
                }
                if forwarded_from(d) && cos >= self.tuning.forward_text {
                    offer(Candidate {
                        reason: JoinReason::Forwarded,
                        score: cos,
                        seq,
                    });
                } else if cos >= needed(d)
                    && d.source_id != doc.source_id
                    && !d.roundup
                    && !fp.roundup
                {
                    offer(Candidate {
                        reason: JoinReason::SimilarText,
                        score: cos,
                        seq,
                    });
                }
            }
        }
        best
    }
}
