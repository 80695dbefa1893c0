//! Units and places named in a claim's sentence, as written: "72-га ОМБр", "70th Guards
//! Motorized Rifle Regiment", "в/ч 16871"; "Ахтырском районе Сумской области", "Kupiansk".

use super::context::Ctx;
use super::lexicon::Role;
use std::ops::Range;

/// A unit starting with the number at `t`: the number, an ordinal ending ("-й", "th"), up to
/// four words (hyphenated ones count each part), then a unit word ("бригады", "Regiment"); or the number and an abbreviation
/// ("67 ОМБр"). Returns the last token.
fn unit_at(ctx: &Ctx, t: usize, end: usize) -> Option<usize> {
    let tok = ctx.doc.tokens[t];
    if !tok.is_number || ctx.doc.word(t).len() > 4 {
        return None;
    }
    let gap = ctx.doc.gap_after(t);
    let mut p = t + 1;
    if p < end && (gap.is_empty() || gap == "-") && ctx.has_at(p, Role::OrdinalSuffix) {
        p += 1;
    } else if p < end && gap == " " && ctx.has_at(p, Role::UnitAbbreviation) {
        return Some(extend_abbreviations(ctx, p, end));
    } else {
        return None;
    }
    for _ in 0..5 {
        if p >= end || ctx.doc.tokens[p].is_number {
            return None;
        }
        // Words of a compound adjective ("десантно-штурмовой") are joined by a hyphen.
        if !ctx.only_spaces_between(p - 1, p) && ctx.doc.gap_after(p - 1) != "-" {
            return None;
        }
        if let Some(x) = ctx.longest_at(p, |r| matches!(r, Role::UnitType | Role::UnitAbbreviation))
        {
            return Some(extend_abbreviations(ctx, x.last, end));
        }
        p += 1;
    }
    None
}

/// "… бригады ТрО", "106-й ГВ ВДД": abbreviations right after a unit belong to it.
fn extend_abbreviations(ctx: &Ctx, mut last: usize, end: usize) -> usize {
    while last + 1 < end
        && ctx.only_spaces_between(last, last + 1)
        && ctx.has_at(last + 1, Role::UnitAbbreviation)
    {
        last += 1;
    }
    last
}

/// Units in a sentence: (first, last) token ranges, chained ones ("34-го батальона 57-й
/// бригады") joined.
fn units(ctx: &Ctx, range: Range<usize>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut t = range.start;
    while t < range.end {
        let found = unit_at(ctx, t, range.end)
            .map(|last| (t, last))
            .or_else(|| {
                ctx.longest_at(t, |r| r == Role::UnitDesignator)
                    .map(|x| (x.first, x.last))
            });
        match found {
            Some((first, last)) => {
                match out.last_mut() {
                    Some(prev) if prev.1 + 1 == first && ctx.only_spaces_between(prev.1, first) => {
                        prev.1 = last
                    }
                    _ => out.push((first, last)),
                }
                t = last + 1;
            }
            None => t += 1,
        }
    }
    out
}

fn nearest(spans: Vec<(usize, usize)>, anchor: usize) -> Option<(usize, usize)> {
    spans.into_iter().min_by_key(|(f, l)| {
        if *l < anchor {
            anchor - l
        } else {
            f.saturating_sub(anchor)
        }
    })
}

/// The unit nearest to `anchor` in sentence `s`, as written.
pub fn unit(ctx: &Ctx, s: usize, anchor: usize) -> Option<String> {
    let (f, l) = nearest(units(ctx, ctx.sentence(s)), anchor)?;
    Some(ctx.doc.span(f, l).to_owned())
}

/// Letters of a unit word compared, so declined forms agree ("бригади", "бригаді").
const UNIT_STEM_CHARS: usize = 5;

/// Sentences before a lone unit word where the unit it stands for may be named.
const UNIT_SENTENCES_BACK: usize = 3;

/// The unit whose unit word is of the kind of the word at `word` ("бригаді" for "47-ї окремої
/// механізованої бригади"), named before it in sentence `s` or, nearest first, the few before.
pub fn unit_of_kind(ctx: &Ctx, s: usize, word: usize) -> Option<(usize, usize)> {
    let stem = |t: usize| -> String {
        ctx.doc
            .word(t)
            .to_lowercase()
            .chars()
            .take(UNIT_STEM_CHARS)
            .collect()
    };
    let kind = stem(word);
    (s.saturating_sub(UNIT_SENTENCES_BACK)..=s)
        .rev()
        .find_map(|k| {
            units(ctx, ctx.sentence(k))
                .into_iter()
                .filter(|&(_, l)| l < word)
                .find(|&(f, l)| (f..=l).any(|t| ctx.has_at(t, Role::UnitType) && stem(t) == kind))
        })
}

fn is_place_word(ctx: &Ctx, t: usize) -> bool {
    let tok = ctx.doc.tokens[t];
    tok.capitalized
        && !tok.all_caps
        && !ctx.has_at(t, Role::NotPlace)
        && !ctx.in_name(t)
        && !ctx.has_at(t, Role::Person)
        && ctx.marker_at(t).is_none_or(|m| m.side.is_none())
        && !ctx.has_at(t, Role::Side(crate::model::Side::Russia))
        && !ctx.has_at(t, Role::Side(crate::model::Side::Ukraine))
}

/// Places in a sentence: "<adjective> <area word>" chains ("Сумской области", "Donetsk
/// region", "курском направлении") and capitalised names after a place preposition ("под
/// Харьковом", "near Chasiv Yar").
fn places(ctx: &Ctx, range: Range<usize>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for t in range.clone() {
        if out.last().is_some_and(|p| p.1 >= t) {
            continue;
        }
        if let Some(x) = ctx.longest_at(t, |r| r == Role::PlaceType)
            && t > range.start
            && ctx.only_spaces_between(t - 1, t)
        {
            let before = t - 1;
            let adjective = ctx.is_modifier(before) && !ctx.has_at(before, Role::NotPlace);
            if adjective || is_place_word(ctx, before) {
                match out.last_mut() {
                    Some(prev) if prev.1 + 1 == before => prev.1 = x.last,
                    _ => out.push((before, x.last)),
                }
                continue;
            }
        }
        let after_route = t > range.start && ctx.has_at(t - 1, Role::Route);
        if ctx.has_at(t, Role::PlacePreposition)
            && !after_route
            && t + 1 < range.end
            && ctx.only_spaces_between(t, t + 1)
            && is_place_word(ctx, t + 1)
            && !ctx.has_at(t + 1, Role::PlaceType)
        {
            let mut last = t + 1;
            while last + 1 < range.end
                && last < t + 3
                && ctx.only_spaces_between(last, last + 1)
                && is_place_word(ctx, last + 1)
            {
                last += 1;
            }
            // "Толстого Луга Курской области": the area word after the names belongs to them.
            let area = (last + 1 < range.end && ctx.only_spaces_between(last, last + 1))
                .then(|| ctx.longest_at(last + 1, |r| r == Role::PlaceType))
                .flatten();
            let known = (t + 1..=last).any(|k| ctx.has_at(k, Role::PlaceName));
            match area {
                Some(x) => out.push((t + 1, x.last)),
                None if known => out.push((t + 1, last)),
                None => {}
            }
        }
    }
    out
}

/// The place nearest to `anchor` in its clause, else in sentence `s`, as written ("поражены 3
/// пусковые установки HIMARS в Сумской области, а … уничтожена пусковая установка ЗРК в районе
/// Очакова": each its own); else a group of forces named there ("группировки войск «Запад»").
pub fn location(ctx: &Ctx, s: usize, anchor: usize) -> Option<String> {
    let range = ctx.sentence(s);
    let spans = places(ctx, range.clone());
    let clause = if range.contains(&anchor) {
        ctx.clause(anchor)
    } else {
        range.clone()
    };
    let own: Vec<_> = spans
        .iter()
        .copied()
        .filter(|(f, _)| clause.contains(f))
        .collect();
    let (f, l) = nearest(own, anchor)
        .or_else(|| nearest(spans, anchor))
        .or_else(|| {
            ctx.within(range, |r| r == Role::GroupName)
                .map(|x| (x.first, x.last))
                .next()
        })?;
    Some(balanced(ctx.doc.span(f, l)))
}

/// A name cut before its closing quote (войск «Запад) gets it back, and one cut after its
/// opening quote (Южной" группировки войск) gets that.
pub(super) fn balanced(span: &str) -> String {
    let mut out = span.to_owned();
    let (open, close) = (out.matches('«').count(), out.matches('»').count());
    if open > close {
        out.push('»');
    } else if close > open {
        out.insert(0, '«');
    } else if out.matches('"').count() % 2 == 1 {
        // A quote before a letter opens; one after a word closes.
        let opens = out
            .rfind('"')
            .and_then(|i| out[i + 1..].chars().next())
            .is_some_and(char::is_alphanumeric);
        if opens {
            out.push('"');
        } else {
            out.insert(0, '"');
        }
    }
    out
}
