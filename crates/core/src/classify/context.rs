//! Everything known about one text while it is classified: the prepared text, the phrases and
//! numbers found in it, the language, and small queries the rule modules share (which phrases
//! start where, which words are adjectives, where side markers stand).

use super::claimants::{Kind, Known};
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
    /// Byte offset where the body starts after a title (0 when there is no title).
    pub body_start: usize,
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
        let tokens = &self.doc.tokens;
        let cut = |k: usize| {
            let gap = self.doc.gap_after(k);
            // "100,000", "12:30", "60–100": a separator inside a number or a range does not
            // end a clause.
            let in_number = matches!(gap.trim(), "," | ":" | "–" | "—" | "-")
                && tokens[k].is_number
                && tokens.get(k + 1).is_some_and(|t| t.is_number);
            !in_number && gap.contains([',', ';', ':', '—', '–'])
        };
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

    /// Sentences `a` and `b` exist and stand in one paragraph.
    pub fn same_paragraph(&self, a: usize, b: usize) -> bool {
        let paragraph = |k: usize| self.doc.sentences.get(k).map(|x| x.paragraph);
        paragraph(a).is_some() && paragraph(a) == paragraph(b)
    }

    /// The first sentence of sentence `s`'s paragraph.
    pub fn paragraph_start(&self, s: usize) -> usize {
        (0..s)
            .rev()
            .take_while(|&k| self.same_paragraph(k, s))
            .last()
            .unwrap_or(s)
    }

    /// Sentence `s` attributes what it says to someone ("says", "сообщил", "по данным").
    pub fn attributed(&self, s: usize) -> bool {
        self.within(self.sentence(s), |r| {
            matches!(r, Role::AttributionVerb | Role::Anaphora)
        })
        .next()
        .is_some()
    }

    /// The first words of sentence `s` hold a phrase of `role` ("Як повідомлялося, …").
    pub fn opens_with(&self, s: usize, role: Role) -> bool {
        let r = self.sentence(s);
        self.any_within(r.start..(r.start + 3).min(r.end), role)
    }

    /// "Russian losses exceed 21,000: Ukraine's military", "… — Financial Times": a name after
    /// a colon or dash is the source of what precedes it.
    pub fn after_dash(&self, t: usize) -> bool {
        t > 0 && self.doc.gap_after(t - 1).contains([':', '—', '–'])
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

    /// True when token `t` sits inside a claimant or outlet name. A name that is only a source
    /// when the text gives it as one ("Ukraine's military says") is a name only then: "AWOL
    /// cases in the Ukrainian army" names whose soldiers, not who says so.
    pub fn in_name(&self, t: usize) -> bool {
        let from = t.saturating_sub(8).max(self.doc.sentence_range(t).start);
        self.m.within(from..t + 1).iter().any(|x| {
            x.last >= t
                && match x.role {
                    Role::Outlet => true,
                    Role::Claimant(id) => {
                        !self.claimant_needs_attribution(id) || self.names_source(x.first, x.last)
                    }
                    _ => false,
                }
        })
    }

    /// The known claimant of `kind` a phrase's role names, if it names one.
    pub fn known_claimant(&self, role: Role, kind: Kind) -> Option<&'static Known> {
        match role {
            Role::Claimant(id) => self
                .lex
                .claimants
                .get(id as usize)
                .map(|d| d.known)
                .filter(|k| k.kind == kind),
            _ => None,
        }
    }

    /// The claimant `id` counts only where the text gives it as the source.
    pub fn claimant_needs_attribution(&self, id: u16) -> bool {
        self.lex
            .claimants
            .get(id as usize)
            .is_some_and(|d| d.attributed_only)
    }

    /// The name at tokens `first..=last` is given as a source: a verb of saying right after it
    /// ("Ukraine's military said", "… has reported") or right before it ("said Ukraine's
    /// military"), "according to" / "по данным" right before it, or a colon or dash before it
    /// ("Russian losses exceed 21,000: Ukraine's military").
    pub fn names_source(&self, first: usize, last: usize) -> bool {
        let sentence = self.doc.sentence_range(first);
        let after = last + 1..(last + 4).min(sentence.end).max(last + 1);
        let verb_after = self.any_within(after, Role::AttributionVerb);
        let from = first.saturating_sub(4).max(sentence.start);
        let right_before = self
            .within(from..first, |r| {
                matches!(r, Role::AttributionVerb | Role::Anaphora)
            })
            .any(|x| x.last + 1 == first);
        let dash_before = first > 0 && self.doc.gap_after(first - 1).contains([':', '—', '–']);
        verb_after || right_before || dash_before || self.heads_colon(first)
    }

    /// Sentence `s` starts a new line with a bullet, a dash or an emoji rather than a letter or
    /// a digit ("▪️…", "— …").
    pub fn starts_bullet(&self, s: usize) -> bool {
        let Some(sent) = self.doc.sentences.get(s).filter(|_| s > 0) else {
            return false;
        };
        let prev_end = self.end_of(sent.first.saturating_sub(1));
        let gap = self
            .doc
            .text
            .get(prev_end..self.start_of(sent.first))
            .unwrap_or("");
        let Some((_, line)) = gap.rsplit_once('\n') else {
            return false;
        };
        line.trim_start().chars().next().is_some_and(|c| {
            !c.is_alphanumeric()
                && !matches!(
                    c,
                    '«' | '"' | '“' | '„' | '‘' | '(' | '*' | '_' | '[' | '\''
                )
        })
    }

    /// The name starting at token `t` opens its sentence and a colon follows it within a few
    /// words: "UK intelligence: Russia has lost …", "A NATO source: …", "Oryx: …".
    pub fn heads_colon(&self, t: usize) -> bool {
        const HEAD_WORDS: usize = 4;
        let sentence = self.doc.sentence_range(t);
        t < sentence.start + HEAD_WORDS
            && (t..(t + HEAD_WORDS).min(sentence.end.saturating_sub(1)))
                .any(|k| self.doc.gap_after(k).contains(':'))
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
        // "в ЗСУ", "из ВСУ": an army's abbreviation after "in"/"from" names its soldiers.
        let membership =
            after_preposition && tok.all_caps && self.has_at(t - 1, Role::MemberPreposition);
        if is_country && after_preposition && !membership {
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

    /// Whether `m` names the side that acted ("силами ВС РФ", "обстрел со стороны ВСУ", "by
    /// Russian forces"): an agent word right before it.
    pub fn names_agent(&self, m: &Marker) -> bool {
        m.first > 0 && self.has_at(m.first - 1, Role::AgentMark)
    }

    /// Whether marker `m` names who struck a blow: it stands right after a word for one
    /// ("удара украинского дрона") or up to two words before it ("a Russian missile strike",
    /// "российского ракетного удара").
    pub fn names_striker(&self, m: &Marker) -> bool {
        let after = m.first > 0 && self.has_at(m.first - 1, Role::StrikeNoun);
        let end = (m.last + 3).min(self.clause(m.first).end).max(m.last + 1);
        after || self.any_within(m.last + 1..end, Role::StrikeNoun)
    }

    /// The side that lost, as marker `m` tells it: the side it names, or the other one when
    /// it names who acted.
    pub fn side_hurt(&self, m: &Marker) -> Option<Side> {
        m.side
            .map(|s| if self.names_agent(m) { opposite(s) } else { s })
    }

    /// The one side named before sentence `s` in its paragraph, when the paragraph names only
    /// one ("ВСУшникам пришлось отступать … до 20 человек «трёхсотые»"): what is told there
    /// without a side is that side's (the other one's, where it is named as who acted).
    pub fn paragraph_side_before(&self, s: usize) -> Option<(Marker, bool)> {
        self.doc.sentences.get(s)?;
        self.one_side_hurt(self.sentence(self.paragraph_start(s)).start..self.sentence(s).start)
    }

    /// The first side marker of `range` (and whether it names who acted), when every marker
    /// there tells the same side lost.
    pub fn one_side_hurt(&self, range: Range<usize>) -> Option<(Marker, bool)> {
        let markers = self.markers(range);
        let first = *markers.first()?;
        let side = self.side_hurt(&first)?;
        markers
            .iter()
            .all(|m| self.side_hurt(m) == Some(side))
            .then(|| (first, self.names_agent(&first)))
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
    /// in a Ukrainian text (where "ворог" always means Russia) and Ukraine in a Russian one.
    pub fn resolve(&self, marker: Marker, claimant_side: Option<Side>) -> Option<Side> {
        match marker.side {
            Some(s) => Some(s),
            None => match claimant_side {
                Some(s) => Some(opposite(s)),
                None if self.lang == Lang::Uk => Some(Side::Russia),
                // Russian copy names Ukraine's forces "противник" as Ukrainian copy names
                // Russia's "ворог"; a known claimant of either side decides first.
                None if self.lang == Lang::Ru => Some(Side::Ukraine),
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
