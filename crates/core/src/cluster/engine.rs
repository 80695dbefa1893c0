//! The clusterer: for each arriving item, the story it joins — or none — and the state of the
//! window. Pure and deterministic: no I/O, no clock (time comes from the items), story ids come
//! from the caller, ties go to the oldest item.

use super::events::EventIndex;
use super::evidence::{Candidate, Search};
use super::fingerprint::Fingerprint;
use super::score;
use super::window::Window;
use super::{Assignment, ClusterDoc, JoinReason, Settings, Tuning};
use chrono::{DateTime, Utc};

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

    /// The best story for `doc` by the evidence passes, strongest evidence first.
    fn best(
        &mut self,
        doc: &ClusterDoc<'_>,
        fp: &Fingerprint,
        dfs: &[u32],
        fp_norm: f32,
        published: i64,
    ) -> Option<Candidate> {
        let mut search = Search {
            doc,
            fp,
            window: &self.state,
            tuning: &self.tuning,
            published,
            span: self.window_ms,
            near_threshold: self.near_threshold,
            best: None,
        };
        search.same_url();
        search.same_claim();
        search.same_incident();
        search.near_duplicates();
        search.similar_text(dfs, fp_norm, &mut self.scratch);
        search.best
    }
}
