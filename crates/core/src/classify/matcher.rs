//! Phrase matching over a prepared text. A phrase is a sequence of word patterns, each a list
//! of alternatives: `stem*` (a word starting with the stem), `word` (that exact word),
//! `=WORD` (exact, case-sensitive), `#` (a number) or `@set` (any pattern of a named set);
//! `~N` between two patterns lets up to N other words stand between them. Matches never cross
//! a sentence. One Aho-Corasick pass over the normalised text finds every word pattern, then
//! phrases are followed from their first word only, so the cost grows with the text, not with
//! the size of the lexicon.

use super::doc::{Doc, normalize};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::{BTreeMap, HashMap};

/// The largest gap `~N` a phrase may ask for.
const MAX_GAP: u8 = 12;
/// How deep `@set` references may nest.
const MAX_SET_DEPTH: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum AtomKind {
    Prefix,
    Exact,
    /// Exact and case-sensitive: holds the word as written.
    ExactCase(String),
}

#[derive(Debug, Clone)]
struct Step {
    /// Sorted atom ids; `NUMBER` stands for any number token.
    alts: Vec<u32>,
    /// How many other words may come before this step's word.
    gap: u8,
}

#[derive(Debug, Clone)]
struct Phrase<R> {
    steps: Vec<Step>,
    role: R,
}

const NUMBER: u32 = u32::MAX;

/// Named sets of word patterns, referenced as `@name`.
pub type Sets = BTreeMap<String, Vec<String>>;

/// Collects phrases, then compiles them into a [`Matcher`].
pub struct MatcherBuilder<R> {
    atoms: Vec<(String, AtomKind)>,
    atom_ids: HashMap<(String, AtomKind), u32>,
    phrases: Vec<Phrase<R>>,
}

impl<R: Copy> Default for MatcherBuilder<R> {
    fn default() -> Self {
        Self {
            atoms: Vec::new(),
            atom_ids: HashMap::new(),
            phrases: Vec::new(),
        }
    }
}

impl<R: Copy> MatcherBuilder<R> {
    /// Adds one phrase with the role its matches will carry.
    pub fn add(&mut self, phrase: &str, role: R, sets: &Sets) -> Result<(), String> {
        let mut steps = Vec::new();
        let mut gap = 0u8;
        for part in phrase.split_whitespace() {
            if let Some(n) = part.strip_prefix('~') {
                gap = n
                    .parse::<u8>()
                    .ok()
                    .filter(|g| *g <= MAX_GAP)
                    .ok_or_else(|| {
                        format!("bad gap {part:?} in {phrase:?} (use ~0 … ~{MAX_GAP})")
                    })?;
                if steps.is_empty() {
                    return Err(format!("a phrase cannot start with a gap: {phrase:?}"));
                }
                continue;
            }
            let mut alts = Vec::new();
            for alt in part.split('|') {
                self.expand(alt, sets, 0, &mut alts)
                    .map_err(|e| format!("{e} in {phrase:?}"))?;
            }
            alts.sort_unstable();
            alts.dedup();
            steps.push(Step { alts, gap });
            gap = 0;
        }
        if steps.is_empty() {
            return Err("empty phrase".to_owned());
        }
        if gap != 0 {
            return Err(format!("a phrase cannot end with a gap: {phrase:?}"));
        }
        self.phrases.push(Phrase { steps, role });
        Ok(())
    }

    fn expand(
        &mut self,
        alt: &str,
        sets: &Sets,
        depth: usize,
        out: &mut Vec<u32>,
    ) -> Result<(), String> {
        if let Some(name) = alt.strip_prefix('@') {
            if depth >= MAX_SET_DEPTH {
                return Err(format!("sets nest too deep at @{name}"));
            }
            let set = sets
                .get(name)
                .ok_or_else(|| format!("unknown set @{name}"))?;
            for p in set {
                for a in p.split('|') {
                    self.expand(a, sets, depth + 1, out)?;
                }
            }
            return Ok(());
        }
        if alt == "#" {
            out.push(NUMBER);
            return Ok(());
        }
        let (literal, kind) = if let Some(word) = alt.strip_prefix('=') {
            (normalize(word), AtomKind::ExactCase(word.to_owned()))
        } else if let Some(stem) = alt.strip_suffix('*') {
            (normalize(stem), AtomKind::Prefix)
        } else {
            (normalize(alt), AtomKind::Exact)
        };
        check_literal(&literal).map_err(|e| format!("{e}: {alt:?}"))?;
        let key = (literal, kind);
        let id = match self.atom_ids.get(&key) {
            Some(id) => *id,
            None => {
                let id = u32::try_from(self.atoms.len()).map_err(|_| "too many words")?;
                self.atoms.push(key.clone());
                self.atom_ids.insert(key, id);
                id
            }
        };
        out.push(id);
        Ok(())
    }

    pub fn build(self) -> Result<Matcher<R>, String> {
        let mut literals: Vec<String> = Vec::new();
        let mut literal_ids: HashMap<String, usize> = HashMap::new();
        let mut literal_atoms: Vec<Vec<u32>> = Vec::new();
        let mut exact: HashMap<String, Vec<u32>, FnvBuild> = HashMap::default();
        for (id, (lit, kind)) in self.atoms.iter().enumerate() {
            if *kind != AtomKind::Prefix {
                exact.entry(lit.clone()).or_default().push(id as u32);
                continue;
            }
            let li = *literal_ids.entry(lit.clone()).or_insert_with(|| {
                literals.push(lit.clone());
                literal_atoms.push(Vec::new());
                literals.len() - 1
            });
            literal_atoms[li].push(id as u32);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals)
            .map_err(|e| format!("cannot build the word automaton: {e}"))?;
        let mut first_index: Vec<Vec<u32>> = vec![Vec::new(); self.atoms.len()];
        let mut number_first = Vec::new();
        for (p, phrase) in self.phrases.iter().enumerate() {
            for &a in &phrase.steps[0].alts {
                if a == NUMBER {
                    number_first.push(p as u32);
                } else {
                    first_index[a as usize].push(p as u32);
                }
            }
        }
        Ok(Matcher {
            ac,
            literal_atoms,
            exact,
            kinds: self.atoms.into_iter().map(|(_, k)| k).collect(),
            phrases: self.phrases,
            first_index,
            number_first,
        })
    }
}

/// A word pattern must be one token: letters (and apostrophes) only, or digits only.
fn check_literal(lit: &str) -> Result<(), &'static str> {
    if lit.is_empty() {
        return Err("empty word");
    }
    let digits = lit.chars().all(|c| c.is_ascii_digit());
    let letters = lit
        .chars()
        .all(|c| !c.is_ascii_digit() && (c.is_alphanumeric() || c == '\''));
    if digits || letters {
        Ok(())
    } else {
        Err("a word pattern must be all letters or all digits (hyphens and spaces split words)")
    }
}

/// FNV-1a: a fast hash for the short words looked up once per token.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// Compiled phrases.
pub struct Matcher<R> {
    /// Stems, found anywhere in the normalised text and kept where a word starts.
    ac: AhoCorasick,
    literal_atoms: Vec<Vec<u32>>,
    /// Exact words, looked up once per token.
    exact: HashMap<String, Vec<u32>, FnvBuild>,
    kinds: Vec<AtomKind>,
    phrases: Vec<Phrase<R>>,
    first_index: Vec<Vec<u32>>,
    number_first: Vec<u32>,
}

/// One phrase found in a text: its role and its first and last token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch<R> {
    pub role: R,
    pub first: usize,
    pub last: usize,
}

/// Every phrase found in one text, ordered by first token.
pub struct Matches<R> {
    list: Vec<PhraseMatch<R>>,
    /// `by_start[t]..by_start[t + 1]` are the matches starting at token `t`.
    by_start: Vec<u32>,
}

impl<R: Copy> Matches<R> {
    /// Matches starting at token `t`.
    pub fn at(&self, t: usize) -> &[PhraseMatch<R>] {
        match (self.by_start.get(t), self.by_start.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.list[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Matches starting at tokens `range`.
    pub fn within(&self, range: std::ops::Range<usize>) -> &[PhraseMatch<R>] {
        let n = self.by_start.len().saturating_sub(1);
        let (a, b) = (range.start.min(n), range.end.min(n));
        if a >= b {
            return &[];
        }
        &self.list[self.by_start[a] as usize..self.by_start[b] as usize]
    }

    pub fn all(&self) -> &[PhraseMatch<R>] {
        &self.list
    }
}

impl<R: Copy> Matcher<R> {
    /// Finds every phrase in `doc`.
    pub fn find(&self, doc: &Doc) -> Matches<R> {
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
        for m in self.ac.find_overlapping_iter(doc.norm.as_str()) {
            let Ok(t) = tokens.binary_search_by_key(&m.start(), |tok| tok.nstart) else {
                continue;
            };
            if m.end() <= tokens[t].nend {
                for &a in &self.literal_atoms[m.pattern().as_usize()] {
                    hits.push((t as u32, a));
                }
            }
        }
        hits.sort_unstable();
        hits.dedup();
        let mut hit_start = vec![0u32; tokens.len() + 1];
        for &(t, _) in &hits {
            hit_start[t as usize + 1] += 1;
        }
        for i in 0..tokens.len() {
            hit_start[i + 1] += hit_start[i];
        }
        let ctx = Ctx {
            doc,
            hits: &hits,
            hit_start: &hit_start,
        };
        let mut list: Vec<(usize, u32, usize)> = Vec::new();
        let try_from = |p: u32, t: usize, list: &mut Vec<(usize, u32, usize)>| {
            let phrase = &self.phrases[p as usize];
            if let Some(last) = ctx.follow(&phrase.steps, 1, t) {
                list.push((t, p, last));
            }
        };
        for &(t, a) in &hits {
            for &p in &self.first_index[a as usize] {
                try_from(p, t as usize, &mut list);
            }
        }
        if !self.number_first.is_empty() {
            for (t, tok) in tokens.iter().enumerate() {
                if tok.is_number {
                    for &p in &self.number_first {
                        try_from(p, t, &mut list);
                    }
                }
            }
        }
        list.sort_unstable();
        list.dedup();
        let mut by_start = vec![0u32; tokens.len() + 1];
        for &(t, _, _) in &list {
            by_start[t + 1] += 1;
        }
        for i in 0..tokens.len() {
            by_start[i + 1] += by_start[i];
        }
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
}

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    hits: &'d [(u32, u32)],
    hit_start: &'d [u32],
}

impl Ctx<'_, '_> {
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
