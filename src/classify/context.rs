//! Everything known about one text while it is classified: the prepared text, the phrases and
//! numbers found in it, the language, and small queries the rule modules share (which phrases
//! start where, which words are adjectives, where side markers stand).

use super::doc::Doc;
use super::lexicon::{Lexicon, Role};
use super::matcher::{Matches, PhraseMatch};
use super::numbers::Num;
use crate::model::{Lang, Side};
use std::ops::Range;

pub struct Ctx<'d, 'a> {
    pub doc: &'d Doc<'a>,
    pub m: &'d Matches<Role>,
    pub lex: &'static Lexicon,
    pub lang: Lang,
    pub nums: Vec<Num>,
}

/// A side marker: the side it names, or `None` for "the enemy".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub side: Option<Side>,
    pub first: usize,
    pub last: usize,
}

impl Ctx<'_, '_> {
    /// The longest phrase starting at `t` whose role passes `pred`.
    pub fn longest_at(&self, t: usize, pred: impl Fn(Role) -> bool) -> Option<PhraseMatch<Role>> {
        self.m
            .at(t)
            .iter()
            .filter(|x| pred(x.role))
            .max_by_key(|x| x.last)
            .copied()
    }

    pub fn has_at(&self, t: usize, role: Role) -> bool {
        self.m.at(t).iter().any(|x| x.role == role)
    }

    /// Phrases starting within tokens `range` whose role passes `pred`.
    pub fn within<'s, F: Fn(Role) -> bool + 's>(
        &'s self,
        range: Range<usize>,
        pred: F,
    ) -> impl Iterator<Item = &'s PhraseMatch<Role>> + 's {
        let end = range.end;
        self.m
            .within(range)
            .iter()
            .filter(move |x| pred(x.role) && x.last < end)
    }

    pub fn any_within(&self, range: Range<usize>, role: Role) -> bool {
        self.within(range, move |r| r == role).next().is_some()
    }

    /// A phrase of role `pred` covering token `t` (starting at most `reach` tokens before it).
    pub fn covering(
        &self,
        t: usize,
        reach: usize,
        pred: impl Fn(Role) -> bool,
    ) -> Option<PhraseMatch<Role>> {
        let from = t
            .saturating_sub(reach)
            .max(self.doc.sentence_range(t).start);
        self.m
            .within(from..t + 1)
            .iter()
            .filter(|x| pred(x.role) && x.last >= t)
            .max_by_key(|x| x.last - x.first)
            .copied()
    }

    /// The clause holding token `t`: its sentence cut at commas, semicolons, colons and dashes
    /// (an aside in brackets, "(ВСУ)", stays in its clause).
    pub fn clause(&self, t: usize) -> Range<usize> {
        let sentence = self.doc.sentence_range(t);
        let cut = |k: usize| self.doc.gap_after(k).contains([',', ';', ':', '—', '–']);
        let mut start = t.min(sentence.end);
        while start > sentence.start && !cut(start - 1) {
            start -= 1;
        }
        let mut end = t + 1;
        while end < sentence.end && !cut(end - 1) {
            end += 1;
        }
        start..end.max(start)
    }

    /// The token range of sentence `s`.
    pub fn sentence(&self, s: usize) -> Range<usize> {
        self.doc.sentences.get(s).map_or(0..0, |x| x.first..x.end)
    }

    /// True when the word at `t` looks like an adjective (by its ending) or is a listed filler.
    pub fn is_modifier(&self, t: usize) -> bool {
        if self.has_at(t, Role::Filler) || self.has_at(t, Role::CountUnit) {
            return true;
        }
        let tok = self.doc.tokens[t];
        if tok.is_number || tok.all_caps {
            return false;
        }
        let w = self.doc.word(t);
        w.chars().count() >= 4
            && self
                .lex
                .adjective_endings
                .iter()
                .any(|e| w.ends_with(e.as_str()))
    }

    /// True when token `t` sits inside a claimant, outlet or person phrase.
    pub fn in_name(&self, t: usize) -> bool {
        self.covering(t, 8, |r| matches!(r, Role::Claimant(_) | Role::Outlet))
            .is_some()
    }

    /// The side marker starting at `t`, if any: country names right after a preposition
    /// ("в Украине", "against Russia") and words inside names do not count.
    pub fn marker_at(&self, t: usize) -> Option<Marker> {
        let x = self.longest_at(t, |r| matches!(r, Role::Side(_) | Role::Enemy))?;
        if self.in_name(t) {
            return None;
        }
        let tok = self.doc.tokens[t];
        let w = self.doc.word(t);
        let is_country = (tok.capitalized && !w.is_ascii())
            || matches!(w, "russia" | "ukraine" | "russia's" | "ukraine's");
        let after_preposition = t > 0
            && self.has_at(t - 1, Role::CountryPreposition)
            && self.doc.sentence_of(t - 1) == tok.sentence
            && !matches!(w, "russia's" | "ukraine's");
        if is_country && after_preposition {
            return None;
        }
        let side = match x.role {
            Role::Side(s) => Some(s),
            _ => None,
        };
        Some(Marker {
            side,
            first: x.first,
            last: x.last,
        })
    }

    /// Side markers whose first token lies in `range`, in order.
    pub fn markers(&self, range: Range<usize>) -> Vec<Marker> {
        let mut out: Vec<Marker> = Vec::new();
        for t in range {
            if out.last().is_some_and(|m| m.last >= t) {
                continue;
            }
            if let Some(m) = self.marker_at(t) {
                out.push(m);
            }
        }
        out
    }

    /// Resolves a marker to a side: "the enemy" is the side opposite the claimant's, or Russia
    /// in a Ukrainian text (where "ворог" always means Russia).
    pub fn resolve(&self, marker: Marker, claimant_side: Option<Side>) -> Option<Side> {
        match marker.side {
            Some(s) => Some(s),
            None => match claimant_side {
                Some(s) => Some(opposite(s)),
                None if self.lang == Lang::Uk => Some(Side::Russia),
                None => None,
            },
        }
    }

    /// Byte offset where token `t` starts / ends in the original text.
    pub fn start_of(&self, t: usize) -> usize {
        self.doc.tokens.get(t).map_or(0, |x| x.start)
    }

    pub fn end_of(&self, t: usize) -> usize {
        self.doc.tokens.get(t).map_or(0, |x| x.end)
    }

    /// True when the text between tokens `a` and `b` (a < b) holds only spaces.
    pub fn only_spaces_between(&self, a: usize, b: usize) -> bool {
        (a..b).all(|t| {
            self.doc
                .gap_after(t)
                .chars()
                .all(|c| c == ' ' || c == '\u{a0}')
        })
    }
}

pub fn opposite(s: Side) -> Side {
    match s {
        Side::Russia => Side::Ukraine,
        Side::Ukraine => Side::Russia,
    }
}
