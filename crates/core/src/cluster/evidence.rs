//! The clusterer's evidence passes: each finds the items of the window that an arriving item
//! may join by one kind of evidence — the same URL, the same claim, the same incident, a
//! near-duplicate or forwarded text, similar wording — and offers them; the best offer wins.

use super::claims::{agreement, figures_conflict, incidents_agree, units_conflict};
use super::dates::days_conflict;
use super::fingerprint::{Fingerprint, MIN_TOKENS};
use super::numbers::conflict;
use super::score;
use super::window::{DocState, Lists, Window};
use super::{ClusterDoc, JoinReason, Tuning};

fn in_window(doc: &DocState, published: i64, span: i64) -> bool {
    doc.published.abs_diff(published) <= span.unsigned_abs()
}

/// A duration in milliseconds, `fallback` when it does not fit.
fn millis(d: std::time::Duration, fallback: i64) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(fallback)
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

/// Items sharing a key, each once, oldest first.
fn sharing(lists: &Lists, keys: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut seqs: Vec<u64> = keys
        .filter_map(|k| lists.map.get(&k))
        .flatten()
        .copied()
        .collect();
    seqs.sort_unstable();
    seqs.dedup();
    seqs
}

/// A candidate story for an item.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub reason: JoinReason,
    pub score: f32,
    pub seq: u64,
}

impl Candidate {
    /// Lower is better: stronger evidence, then higher score, then the older item.
    fn better_than(&self, other: &Candidate) -> bool {
        (self.reason.rank(), other.score, self.seq) < (other.reason.rank(), self.score, other.seq)
    }
}

/// One arriving item's search of the window: what it is compared by, and the best offer yet.
pub(super) struct Search<'a> {
    pub doc: &'a ClusterDoc<'a>,
    pub fp: &'a Fingerprint,
    pub window: &'a Window,
    pub tuning: &'a Tuning,
    /// The item's publication time, in milliseconds.
    pub published: i64,
    /// The window's span, in milliseconds.
    pub span: i64,
    pub near_threshold: f64,
    pub best: Option<Candidate>,
}

impl<'a> Search<'a> {
    fn offer(&mut self, reason: JoinReason, score: f32, seq: u64) {
        let c = Candidate { reason, score, seq };
        if self.best.is_none_or(|b| c.better_than(&b)) {
            self.best = Some(c);
        }
    }

    /// The item at `seq`, if it is still in the window and published within `span`.
    fn within(&self, seq: u64, span: i64) -> Option<&'a DocState> {
        let w: &'a Window = self.window;
        w.docs
            .get(&seq)
            .filter(|d| in_window(d, self.published, span))
    }

    /// Whether `d` is another source's item and neither it nor this one is a round-up: only
    /// then are a shared claim, incident or wording evidence. A source that states its claim
    /// again tells the next day's report; a round-up of the day carries many stories' claims.
    fn independent(&self, d: &DocState) -> bool {
        d.source_id != self.doc.source_id && !d.roundup && !self.fp.roundup
    }

    /// Whether the item is forwarded from `d`'s source.
    fn forwarded_from(&self, d: &DocState) -> bool {
        self.fp
            .forwarded
            .is_some_and(|f| self.window.source_named(d.source_id, f))
    }

    /// The same article (evidence 1): an item at the same canonical URL.
    pub fn same_url(&mut self) {
        for seq in sharing(&self.window.urls, self.fp.url.into_iter()) {
            if self.within(seq, self.span).is_some() {
                self.offer(JoinReason::SameUrl, 1.0, seq);
            }
        }
    }

    /// The same claim (evidence 4): another source's item stating the same figures, within
    /// the claim span (shorter when every shared figure is for a period).
    pub fn same_claim(&mut self) {
        let claim_span = millis(self.tuning.claim_span, self.span);
        let period_span = millis(self.tuning.period_claim_span, self.span);
        let keys = self.fp.figures.iter().map(|k| k.hash());
        for seq in sharing(&self.window.figures, keys) {
            if let Some(d) = self.window.docs.get(&seq)
                && self.independent(d)
                && let Some(period_only) = agreement(&self.fp.figures, &d.figures)
                && in_window(
                    d,
                    self.published,
                    if period_only { period_span } else { claim_span }.min(self.span),
                )
            {
                self.offer(JoinReason::SameClaim, 1.0, seq);
            }
        }
    }

    /// The same incident (evidence 5): an item whose incident agrees; a loss event told again
    /// by its own source is a follow-up of the same story.
    pub fn same_incident(&mut self) {
        let keys = self.fp.incidents.iter().map(|k| k.key);
        for seq in sharing(&self.window.incidents, keys) {
            let agree = |d: &DocState| {
                self.fp.incidents.iter().any(|a| {
                    d.incidents
                        .iter()
                        .any(|b| incidents_agree(a, b) && (a.event || self.independent(d)))
                })
            };
            if self.within(seq, self.span).is_some_and(agree) {
                self.offer(JoinReason::SameIncident, 1.0, seq);
            }
        }
    }

    /// A forwarded post or a near-duplicate (evidence 2 and 3): items in the same MinHash
    /// bands whose estimated Jaccard similarity is high enough.
    pub fn near_duplicates(&mut self) {
        let Some(sig) = &self.fp.signature else {
            return;
        };
        let mut seen: Vec<u64> = Vec::new();
        for band in sig.band_keys() {
            if let Some(list) = self.window.bands.map.get(&band) {
                seen.extend(list.iter().copied());
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for seq in seen {
            let Some(d) = self.window.docs.get(&seq) else {
                continue;
            };
            let Some(other) = &d.signature else { continue };
            if !in_window(d, self.published, self.span) || texts_disagree(self.fp, d) {
                continue;
            }
            let sim = sig.similarity(other);
            let needed = if d.source_id == self.doc.source_id {
                self.near_threshold.max(self.tuning.same_source_near)
            } else {
                self.near_threshold
            };
            if self.forwarded_from(d) && sim >= self.tuning.forward_near {
                self.offer(JoinReason::Forwarded, sim as f32, seq);
            } else if sim >= needed {
                self.offer(JoinReason::NearDuplicate, sim as f32, seq);
            }
        }
    }

    /// Similar wording (evidence 6, or 2 for a forwarded post): tf-idf cosine high enough,
    /// between different sources' items that are no round-ups.
    pub fn similar_text(&mut self, dfs: &[u32], fp_norm: f32, scratch: &mut score::Scratch) {
        let tuning = self.tuning;
        if !tuning.text_similarity || self.fp.tokens < MIN_TOKENS {
            return;
        }
        let floor = if self.fp.forwarded.is_some() {
            tuning.text_threshold.min(tuning.forward_text)
        } else {
            tuning.text_threshold
        };
        let late_ms = millis(tuning.late_after, self.span);
        let published = self.published;
        let needed = |d: &DocState| {
            if in_window(d, published, late_ms) {
                tuning.text_threshold
            } else {
                tuning.text_threshold.max(tuning.late_text_threshold)
            }
        };
        let found = score::similar(self.fp, dfs, fp_norm, self.window, floor, scratch);
        for (seq, cos) in found {
            let Some(d) = self.window.docs.get(&seq) else {
                continue;
            };
            if (d.tokens as usize) < MIN_TOKENS
                || !in_window(d, self.published, self.span)
                || texts_disagree(self.fp, d)
            {
                continue;
            }
            if self.forwarded_from(d) && cos >= tuning.forward_text {
                self.offer(JoinReason::Forwarded, cos, seq);
            } else if cos >= needed(d) && self.independent(d) {
                self.offer(JoinReason::SimilarText, cos, seq);
            }
        }
    }
}
