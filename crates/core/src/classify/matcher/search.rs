//! The compiled matcher and the search of one text: every word pattern found word by word
//! (exact words looked up, stems walked from the word's start), then each phrase followed
//! from its first word, within its sentence.

use super::super::doc::Doc;
use super::matches::{Matches, PhraseMatch};
use super::phrase::{AtomKind, NUMBER, Phrase, Step};
use crate::text::fnv::FnvBuild;
use aho_corasick::Anchored;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use std::collections::HashMap;

/// Compiled phrases.
pub struct Matcher<R> {
    /// Stems, an anchored automaton walked from each word's start.
    pub(super) stems: DFA,
    /// The automaton's anchored start state.
    pub(super) stem_start: StateID,
    pub(super) literal_atoms: Vec<Vec<u32>>,
    /// Exact words, looked up once per token.
    pub(super) exact: HashMap<String, Vec<u32>, FnvBuild>,
    pub(super) kinds: Vec<AtomKind>,
    pub(super) phrases: Vec<Phrase<R>>,
    pub(super) first_index: Vec<Vec<u32>>,
    pub(super) number_first: Vec<u32>,
    /// The words of which every guarded phrase needs one (see
    /// [`MatcherBuilder::build_guarded`](super::MatcherBuilder::build_guarded)).
    pub(super) guard: Option<aho_corasick::AhoCorasick>,
}

impl<R: Copy> Matcher<R> {
    /// False when no guarded phrase can match a text whose normalised form (as
    /// [`Doc`] makes it) is `norm`: a cheap look before the search. Always true without a
    /// guard.
    pub fn may_match(&self, norm: &str) -> bool {
        self.guard.as_ref().is_none_or(|g| g.is_match(norm))
    }

    /// Finds every phrase in `doc`.
    pub fn find(&self, doc: &Doc) -> Matches<R> {
        let n = doc.tokens.len();
        let hits = self.word_hits(doc);
        let hit_start = offsets(n, hits.iter().map(|&(t, _)| t as usize));
        let word_hits = WordHits {
            doc,
            hits: &hits,
            hit_start: &hit_start,
        };
        let mut list = self.phrases_found(&word_hits);
        list.sort_unstable();
        list.dedup();
        let by_start = offsets(n, list.iter().map(|&(t, _, _)| t));
        Matches {
            list: list
                .into_iter()
                .map(|(first, p, last)| PhraseMatch {
                    role: self.phrases[p as usize].role,
                    first,
                    last,
                })
                .collect(),
            by_start,
        }
    }

    /// Every (token, atom) of a word pattern found in `doc`, sorted and distinct: exact words
    /// looked up token by token, stems found by the automaton where a word starts.
    fn word_hits(&self, doc: &Doc) -> Vec<(u32, u32)> {
        let tokens = &doc.tokens;
        let mut hits: Vec<(u32, u32)> = Vec::new();
        for (t, tok) in tokens.iter().enumerate() {
            let Some(atoms) = self.exact.get(&doc.norm[tok.nstart..tok.nend]) else {
                continue;
            };
            for &a in atoms {
                let ok = match &self.kinds[a as usize] {
                    AtomKind::ExactCase(w) => doc.text.get(tok.start..tok.end) == Some(w.as_str()),
                    _ => true,
                };
                if ok {
                    hits.push((t as u32, a));
                }
            }
        }
        for (t, tok) in tokens.iter().enumerate() {
            self.stems_at(&doc.norm.as_bytes()[tok.nstart..tok.nend], |a| {
                hits.push((t as u32, a));
            });
        }
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    /// Every atom of a stem that `word` starts with: the automaton walked from its start over
    /// the word's bytes until no stem can match any more.
    fn stems_at(&self, word: &[u8], mut hit: impl FnMut(u32)) {
        let mut sid = self.stem_start;
        for &b in word {
            sid = self.stems.next_state(Anchored::Yes, sid, b);
            if self.stems.is_dead(sid) {
                return;
            }
            if self.stems.is_match(sid) {
                for i in 0..self.stems.match_len(sid) {
                    let pattern = self.stems.match_pattern(sid, i);
                    for &a in &self.literal_atoms[pattern.as_usize()] {
                        hit(a);
                    }
                }
            }
        }
    }

    /// (first token, phrase, last token) of every phrase followed to its end from a first
    /// word found, unsorted.
    fn phrases_found(&self, hits: &WordHits) -> Vec<(usize, u32, usize)> {
        let mut list: Vec<(usize, u32, usize)> = Vec::new();
        let try_from = |p: u32, t: usize, list: &mut Vec<(usize, u32, usize)>| {
            let phrase = &self.phrases[p as usize];
            if let Some(last) = hits.follow(&phrase.steps, 1, t) {
                list.push((t, p, last));
            }
        };
        for &(t, a) in hits.hits {
            for &p in &self.first_index[a as usize] {
                try_from(p, t as usize, &mut list);
            }
        }
        if !self.number_first.is_empty() {
            for (t, tok) in hits.doc.tokens.iter().enumerate() {
                if tok.is_number {
                    for &p in &self.number_first {
                        try_from(p, t, &mut list);
                    }
                }
            }
        }
        list
    }
}

/// Where each of `n` tokens' entries start in a list sorted by token, given each entry's
/// token: entries `out[t]..out[t + 1]` are token `t`'s.
fn offsets(n: usize, tokens: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut start = vec![0u32; n + 1];
    for t in tokens {
        start[t + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    start
}

/// One text's word hits, indexed by token, as phrases are followed.
struct WordHits<'d, 'a> {
    doc: &'d Doc<'a>,
    hits: &'d [(u32, u32)],
    hit_start: &'d [u32],
}

impl WordHits<'_, '_> {
    /// Whether token `t` is one of the word patterns `alts`.
    fn token_matches(&self, t: usize, alts: &[u32]) -> bool {
        if alts.last() == Some(&NUMBER) && self.doc.tokens[t].is_number {
            return true;
        }
        let (a, b) = (self.hit_start[t] as usize, self.hit_start[t + 1] as usize);
        self.hits[a..b]
            .iter()
            .any(|&(_, atom)| alts.binary_search(&atom).is_ok())
    }

    /// Follows `steps[k..]` after a match ending at token `prev`; returns the last token.
    fn follow(&self, steps: &[Step], k: usize, prev: usize) -> Option<usize> {
        let Some(step) = steps.get(k) else {
            return Some(prev);
        };
        let sentence_end = self.doc.sentence_range(prev).end;
        let last = (prev + 1 + step.gap as usize).min(sentence_end.saturating_sub(1));
        for t in prev + 1..=last {
            if t >= sentence_end {
                break;
            }
            if self.token_matches(t, &step.alts)
                && let Some(end) = self.follow(steps, k + 1, t)
            {
                return Some(end);
            }
        }
        None
    }
}
