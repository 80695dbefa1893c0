//! Loss events and refusal incidents remembered longer than the window: a retelling of one
//! report days later ("the officer killed in Sevastopol on Wednesday": the arrest of the
//! bombers on Tuesday) joins its story through the incident key alone, within
//! `Settings::event_window`. Only items with incident keys are kept, so the index stays small.

use super::claims::{IncidentKey, incidents_agree};
use std::collections::VecDeque;

#[derive(Debug, Clone, Copy)]
struct Entry {
    published: i64,
    incident: IncidentKey,
    story: i64,
    item: i64,
}

/// Incident keys of recent items, oldest first.
#[derive(Debug, Default)]
pub struct EventIndex {
    entries: VecDeque<Entry>,
}

impl EventIndex {
    /// Remembers an item's incident keys.
    pub fn add(&mut self, incidents: &[IncidentKey], story: i64, item: i64, published: i64) {
        for &incident in incidents {
            let entry = Entry {
                published,
                incident,
                story,
                item,
            };
            // Items arrive nearly in time order; keep the deque sorted all the same.
            let at = self
                .entries
                .iter()
                .rposition(|e| e.published <= published)
                .map_or(0, |i| i + 1);
            self.entries.insert(at, entry);
        }
    }

    /// Forgets entries published before `horizon`.
    pub fn evict(&mut self, horizon: i64) {
        while self.entries.front().is_some_and(|e| e.published < horizon) {
            self.entries.pop_front();
        }
    }

    /// The story and item of the earliest remembered incident that agrees with one of
    /// `incidents`, published within `span` ms of `published`.
    pub fn find(&self, incidents: &[IncidentKey], published: i64, span: i64) -> Option<(i64, i64)> {
        self.entries
            .iter()
            .filter(|e| e.published.abs_diff(published) <= span.unsigned_abs())
            .find(|e| incidents.iter().any(|k| incidents_agree(k, &e.incident)))
            .map(|e| (e.story, e.item))
    }
}
