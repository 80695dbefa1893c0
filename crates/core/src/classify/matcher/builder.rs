//! Collecting phrases and compiling them into a [`Matcher`]: phrase syntax, named sets, the
//! word automaton and the index of each phrase's first word.

use super::super::doc::normalize;
use super::phrase::{AtomKind, NUMBER, Phrase, Step};
use super::search::Matcher;
use crate::text::fnv::FnvBuild;
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, MatchKind, StartKind};
use std::collections::{BTreeMap, HashMap};

/// The largest gap `~N` a phrase may ask for.
const MAX_GAP: u8 = 12;
/// How deep `@set` references may nest.
const MAX_SET_DEPTH: usize = 4;

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

    /// Adds to `out` the atom ids of one alternative: a word, a stem, `#` or a named set.
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

    /// Compiles the phrases, with a guard for those whose role passes `guarded`: the words of
    /// which every such phrase needs one, looked for in the normalised text before any search
    /// (see [`Matcher::may_match`]).
    pub fn build_guarded(self, guarded: impl Fn(R) -> bool) -> Result<Matcher<R>, String> {
        let guard = match self.guard_literals(guarded) {
            Some(literals) => Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&literals)
                    .map_err(|e| format!("cannot build the guard: {e}"))?,
            ),
            None => None,
        };
        let mut matcher = self.build()?;
        matcher.guard = guard;
        Ok(matcher)
    }

    /// For each phrase whose role passes `guarded`, the literals of its most telling word (the
    /// step whose shortest alternative is longest; a word or a stem appears in the normalised
    /// text of any text the phrase matches). `None` when such a phrase has no word but numbers.
    fn guard_literals(&self, guarded: impl Fn(R) -> bool) -> Option<Vec<String>> {
        let literal = |a: u32| &self.atoms[a as usize].0;
        let mut out: Vec<String> = Vec::new();
        for p in self.phrases.iter().filter(|p| guarded(p.role)) {
            let best = p
                .steps
                .iter()
                .filter(|s| !s.alts.contains(&NUMBER))
                .max_by_key(|s| s.alts.iter().map(|&a| telling(literal(a))).min())?;
            out.extend(best.alts.iter().map(|&a| literal(a).clone()));
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }

    /// Compiles the phrases: the stem automaton, the exact-word table and the index of each
    /// phrase's first word.
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
        let stems = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Anchored)
            .build(&literals)
            .map_err(|e| format!("cannot build the word automaton: {e}"))?;
        let stem_start = stems
            .start_state(Anchored::Yes)
            .map_err(|e| format!("the word automaton has no anchored start: {e}"))?;
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
            stems,
            stem_start,
            literal_atoms,
            exact,
            kinds: self.atoms.into_iter().map(|(_, k)| k).collect(),
            phrases: self.phrases,
            first_index,
            number_first,
            guard: None,
        })
    }
}

/// How telling a word is as a guard, roughly: longer words are rarer, and a number of three
/// digits or more ("337" of "статья 337") rarer than most words.
fn telling(literal: &str) -> usize {
    let n = literal.chars().count();
    if n >= 3 && literal.bytes().all(|b| b.is_ascii_digit()) {
        n + 6
    } else {
        n
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
