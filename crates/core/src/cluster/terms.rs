//! The term index of the window: for each term, how many items in the window use it (its
//! document frequency) and its postings. Postings of evicted items are dropped lazily — the
//! whole list when the last item using the term leaves, the rest when dead entries outnumber
//! live ones — so one hash probe serves the frequency and the postings alike.

use super::fasthash::StableMap;
use super::smalllist::SmallList;
use std::collections::hash_map::Entry;
use std::mem::size_of;

/// A term's occurrence in an item: the item, 1 + ln(term frequency), and the item's tf-idf
/// norm when it arrived (so ranking candidates needs no lookup of the item).
#[derive(Debug, Clone, Copy)]
pub struct Posting {
    pub seq: u64,
    pub ltf: f32,
    pub norm: f32,
}

/// One term's frequency and postings.
#[derive(Debug)]
pub struct Term {
    pub df: u32,
    pub postings: SmallList<Posting>,
}

#[derive(Debug, Default)]
pub struct TermIndex {
    map: StableMap<u64, Term>,
    live: usize,
    dead: usize,
}

impl TermIndex {
    pub fn get(&self, term: &u64) -> Option<&Term> {
        self.map.get(term)
    }

    pub fn df(&self, term: &u64) -> u32 {
        self.map.get(term).map_or(0, |t| t.df)
    }

    pub fn add(&mut self, term: u64, posting: Posting) {
        match self.map.entry(term) {
            Entry::Occupied(e) => {
                let t = e.into_mut();
                t.df += 1;
                t.postings.push(posting);
            }
            Entry::Vacant(e) => {
                e.insert(Term {
                    df: 1,
                    postings: SmallList::One(posting),
                });
            }
        }
        self.live += 1;
    }

    /// One item using `term` left the window.
    pub fn remove(&mut self, term: &u64) {
        let Some(t) = self.map.get_mut(term) else {
            return;
        };
        t.df = t.df.saturating_sub(1);
        self.live = self.live.saturating_sub(1);
        if t.df == 0 {
            // Its entry and the dead entries of items evicted before it go together.
            let len = t.postings.len();
            self.map.remove(term);
            self.dead = self.dead.saturating_sub(len.saturating_sub(1));
        } else {
            self.dead += 1;
        }
    }

    /// Drops dead postings (of items `alive` no longer knows) when they outnumber live ones.
    pub fn compact_if_needed(&mut self, alive: impl Fn(u64) -> bool) {
        if self.dead <= self.live + 4096 {
            return;
        }
        for t in self.map.values_mut() {
            t.postings.retain(|p| alive(p.seq));
        }
        self.map.shrink_to_fit();
        self.live = self.map.values().map(|t| t.postings.len()).sum();
        self.dead = 0;
    }

    pub fn bytes(&self) -> usize {
        self.map.capacity() * (size_of::<(u64, Term)>() + 1)
            + self
                .map
                .values()
                .map(|t| t.postings.heap_bytes())
                .sum::<usize>()
    }
}
