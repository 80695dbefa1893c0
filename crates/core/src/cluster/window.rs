//! The items inside the time window and the indexes over them: the term index (`terms`), LSH
//! buckets, URL, claim and incident keys, per-source repeated lines.
//! Items leave in order of publication once older than the window (or when the window holds
//! more than its cap). Postings and buckets drop evicted items lazily and are compacted when
//! the dead entries outnumber the live ones, so memory stays proportional to the window.

use super::claims::{FigureKey, IncidentKey};
use super::fasthash::StableMap;
use super::fingerprint::Fingerprint;
use super::minhash::Signature;
use super::repeated::RepeatedLines;
use super::smalllist::SmallList;
use super::terms::{Posting, TermIndex};
use std::collections::BTreeSet;
use std::mem::size_of;

/// What is kept of one item.
#[derive(Debug)]
pub struct DocState {
    pub key: i64,
    pub story: i64,
    pub source_id: i64,
    /// Milliseconds since the epoch.
    pub published: i64,
    pub terms: Box<[u64]>,
    pub ltf: Box<[f32]>,
    pub signature: Option<Box<Signature>>,
    pub numbers: Box<[u64]>,
    pub days: Box<[u16]>,
    pub url: Option<u64>,
    pub lines: Box<[u64]>,
    pub tokens: u32,
    pub roundup: bool,
    pub figures: Box<[FigureKey]>,
    pub incidents: Box<[IncidentKey]>,
    pub units: Box<[u64]>,
}

/// Item sequence numbers per key, with lazy removal.
#[derive(Debug, Default)]
pub struct Lists {
    pub map: StableMap<u64, SmallList<u64>>,
    live: usize,
    dead: usize,
}

impl Lists {
    fn push(&mut self, key: u64, entry: u64) {
        self.map
            .entry(key)
            .and_modify(|l| l.push(entry))
            .or_insert(SmallList::One(entry));
        self.live += 1;
    }

    fn forget(&mut self, n: usize) {
        self.live = self.live.saturating_sub(n);
        self.dead += n;
    }

    /// Removes dead entries everywhere when they outnumber live ones.
    fn compact_if_needed(&mut self, docs: &StableMap<u64, DocState>) {
        if self.dead <= self.live + 4096 {
            return;
        }
        self.map
            .retain(|_, seqs| seqs.retain(|s| docs.contains_key(s)));
        self.map.shrink_to_fit();
        self.live = self.map.values().map(SmallList::len).sum();
        self.dead = 0;
    }

    fn bytes(&self) -> usize {
        self.map.capacity() * (size_of::<(u64, SmallList<u64>)>() + 1)
            + self.map.values().map(SmallList::heap_bytes).sum::<usize>()
    }
}

/// The window's items and indexes.
#[derive(Debug, Default)]
pub struct Window {
    pub docs: StableMap<u64, DocState>,
    by_time: BTreeSet<(i64, u64)>,
    pub keys: StableMap<i64, u64>,
    pub terms: TermIndex,
    pub bands: Lists,
    pub urls: Lists,
    pub figures: Lists,
    pub incidents: Lists,
    pub repeated: RepeatedLines,
    /// Name keys of each source with items in the window, and how many items it has there.
    pub names: StableMap<i64, (Box<[u64]>, u32)>,
    next_seq: u64,
    /// The latest publication time seen, in ms.
    pub watermark: i64,
}

impl Window {
    /// Adds an item of `story`; returns its sequence number.
    pub fn insert(
        &mut self,
        fp: Fingerprint,
        norm: f32,
        key: i64,
        story: i64,
        source_id: i64,
        published: i64,
    ) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.watermark = self.watermark.max(published);
        for (t, ltf) in fp.terms.iter().zip(&fp.ltf) {
            self.terms.add(
                *t,
                Posting {
                    seq,
                    ltf: *ltf,
                    norm,
                },
            );
        }
        if let Some(sig) = &fp.signature {
            for b in sig.band_keys() {
                self.bands.push(b, seq);
            }
        }
        if let Some(u) = fp.url {
            self.urls.push(u, seq);
        }
        for f in &fp.figures {
            self.figures.push(f.hash(), seq);
        }
        for i in &fp.incidents {
            self.incidents.push(i.key, seq);
        }
        self.repeated.add(source_id, &fp.lines);
        let entry = self
            .names
            .entry(source_id)
            .or_insert_with(|| (Box::new([]), 0));
        if !fp.names.is_empty() {
            entry.0 = fp.names.into_boxed_slice();
        }
        entry.1 += 1;
        self.keys.insert(key, seq);
        self.by_time.insert((published, seq));
        self.docs.insert(
            seq,
            DocState {
                key,
                story,
                source_id,
                published,
                terms: fp.terms.into_boxed_slice(),
                ltf: fp.ltf.into_boxed_slice(),
                signature: fp.signature.map(Box::new),
                numbers: fp.numbers.into_boxed_slice(),
                days: fp.days.into_boxed_slice(),
                url: fp.url,
                lines: fp.lines.into_boxed_slice(),
                tokens: fp.tokens.min(u32::MAX as usize) as u32,
                roundup: fp.roundup,
                figures: fp.figures.into_boxed_slice(),
                incidents: fp.incidents.into_boxed_slice(),
                units: fp.units.into_boxed_slice(),
            },
        );
        seq
    }

    /// Evicts items published before `horizon` (ms), then the oldest until fewer than
    /// `max_docs` remain (room for the next). Returns how many left.
    pub fn evict(&mut self, horizon: i64, max_docs: usize) -> usize {
        let mut removed = 0;
        while let Some(&(published, seq)) = self.by_time.first() {
            if published >= horizon && self.docs.len() < max_docs {
                break;
            }
            self.by_time.pop_first();
            self.remove(seq);
            removed += 1;
        }
        if removed > 0 {
            let docs = &self.docs;
            self.terms.compact_if_needed(|seq| docs.contains_key(&seq));
            for lists in [
                &mut self.bands,
                &mut self.urls,
                &mut self.figures,
                &mut self.incidents,
            ] {
                lists.compact_if_needed(docs);
            }
        }
        removed
    }

    fn remove(&mut self, seq: u64) {
        let Some(doc) = self.docs.remove(&seq) else {
            return;
        };
        for t in doc.terms.iter() {
            self.terms.remove(t);
        }
        self.bands.forget(if doc.signature.is_some() {
            super::minhash::BANDS
        } else {
            0
        });
        self.urls.forget(usize::from(doc.url.is_some()));
        self.figures.forget(doc.figures.len());
        self.incidents.forget(doc.incidents.len());
        self.repeated.remove(doc.source_id, &doc.lines);
        if let Some(entry) = self.names.get_mut(&doc.source_id) {
            entry.1 -= 1;
            if entry.1 == 0 {
                self.names.remove(&doc.source_id);
            }
        }
        if self.keys.get(&doc.key) == Some(&seq) {
            self.keys.remove(&doc.key);
        }
    }

    /// The sequence number the next item will get.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Whether the source of `doc` is known by the name key `name`.
    pub fn source_named(&self, source_id: i64, name: u64) -> bool {
        self.names
            .get(&source_id)
            .is_some_and(|(names, _)| names.contains(&name))
    }

    /// Bytes held by the window's state (capacities × element sizes; an estimate that
    /// ignores allocator overhead).
    pub fn bytes(&self) -> usize {
        let per_doc: usize = self
            .docs
            .values()
            .map(|d| {
                d.terms.len() * 12
                    + d.numbers.len() * 8
                    + d.days.len() * 2
                    + d.lines.len() * 8
                    + d.signature.as_ref().map_or(0, |_| size_of::<Signature>())
                    + d.figures.len() * size_of::<FigureKey>()
                    + d.incidents.len() * size_of::<IncidentKey>()
            })
            .sum();
        self.docs.capacity() * (size_of::<(u64, DocState)>() + 1)
            + per_doc
            + self.by_time.len() * (size_of::<(i64, u64)>() + 8)
            + self.keys.capacity() * (size_of::<(i64, u64)>() + 1)
            + self.terms.bytes()
            + self.bands.bytes()
            + self.urls.bytes()
            + self.figures.bytes()
            + self.incidents.bytes()
            + self.repeated.bytes()
            + self.names.capacity() * (size_of::<(i64, (Box<[u64]>, u32))>() + 1)
    }
}
