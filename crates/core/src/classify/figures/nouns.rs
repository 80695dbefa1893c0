//! What a number counts: the noun after it ("1 240 солдат", "19 артилерійських систем"),
//! before a dash in a list line ("танків ‒ 854"), before a linking verb ("fatalities have
//! reached 990,800"), or nothing after a loss verb ("Росія втратила 1 226 420").

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::super::model_names::in_model_name;
use super::super::numbers::{Num, opens_range};
use super::qualifiers::before_qualifiers;
use crate::model::Metric;

pub(super) fn metric_role(r: Role) -> Option<(Metric, bool)> {
    match r {
        Role::Metric(m) => Some((m, false)),
        Role::WeakPersonnel => Some((Metric::Personnel, true)),
        _ => None,
    }
}

/// A noun a number may count: a metric's, or one that counts what no metric keeps.
fn is_noun(r: Role) -> bool {
    metric_role(r).is_some() || r == Role::Uncounted
}

/// The number ends with a shortened multiplier whose full stop does not end the sentence
/// ("25 тыс. солдат", "28,3 тис. осіб"): the stop is the abbreviation's, not punctuation.
fn abbreviated_multiplier(ctx: &Ctx, num: &Num) -> bool {
    let stop = ctx.doc.gap_after(num.last).strip_prefix('.');
    !ctx.doc.tokens[num.last].is_number
        && stop
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c == ' ' || c == '\u{a0}'))
}

/// The noun after a number: "1 240 солдат", "19 артилерійських систем", "55 одиниць
/// автомобільної техніки", "25 тис. військових", "78 [objectors]".
pub(super) fn noun_after(ctx: &Ctx, num: &Num) -> Option<(Metric, bool, usize, usize)> {
    let sentence_end = ctx.doc.sentence_range(num.last).end;
    let mut p = num.last + 1;
    let mut skipped = 0;
    // An editor's word in brackets names what a quoted number counts ("There were 78
    // [objectors]"); a word in quotes is a noun all the same ("около 60 «отказников»").
    let opened = || {
        matches!(
            ctx.doc.gap_after(num.last).trim(),
            "[" | "«" | "\"" | "„" | "“"
        )
    };
    let joined = |p: usize| {
        ctx.only_spaces_between(p - 1, p)
            || (p == num.last + 1 && (abbreviated_multiplier(ctx, num) || opened()))
    };
    // A make named between the number and its noun ("two Leopard tanks").
    let make = |p: usize| {
        let tok = ctx.doc.tokens[p];
        tok.capitalized && !tok.all_caps && ctx.marker_at(p).is_none()
    };
    // A model named between the number and its noun ("two BMP-2 infantry fighting vehicles")
    // is part of the noun's phrase.
    let in_model = |p: usize| in_model_name(ctx.doc, p);
    while p < sentence_end && (joined(p) || (in_model(p) && in_model(p - 1))) {
        if let Some(x) = ctx.longest_at(p, is_noun) {
            // "танковый завод": a noun of what was lost heading another noun; not across a
            // comma ("до 190 военнослужащих, склад боеприпасов" lists the depot apart).
            if ctx.has_at(x.last + 1, Role::NotAfterMetric)
                && ctx.only_spaces_between(x.last, x.last + 1)
            {
                return None;
            }
            let (metric, weak) = metric_role(x.role)?;
            let weak = weak || ctx.has_at(x.first, Role::CivilAmbiguous);
            return Some((metric, weak, x.first, x.last));
        }
        if let Some(x) = ctx.longest_at(p, |r| r == Role::NameCount)
            && dead_list_before(ctx, p)
        {
            return Some((Metric::Killed, false, x.first, x.last));
        }
        if in_model(p) {
            p += 1;
            continue;
        }
        if skipped >= 3 || !(ctx.is_modifier(p) || make(p)) {
            return None;
        }
        skipped += 1;
        p += 1;
    }
    None
}

/// "ведёт поименный список российских военных, погибших … В этом списке почти 80 тысяч имен":
/// names counted in a list of the dead, described in the sentence or up to three before, are
/// the dead.
fn dead_list_before(ctx: &Ctx, t: usize) -> bool {
    let s = ctx.doc.sentence_of(t);
    let from = ctx.sentence(s.saturating_sub(DEAD_LIST_REACH)).start;
    ctx.any_within(from..t, Role::DeadList)
}

/// How many sentences back a list of the dead is described.
const DEAD_LIST_REACH: usize = 3;

/// The metric ending right before token `k` (a list line "танків ‒ 854").
fn metric_ending_at(ctx: &Ctx, k: usize) -> Option<(Metric, bool, usize, usize)> {
    let range = ctx.doc.sentence_range(k);
    let from = k.saturating_sub(8).max(range.start);
    ctx.within(from..k + 1, is_noun)
        .filter(|x| x.last == k)
        .min_by_key(|x| x.first)
        .and_then(|x| {
            metric_role(x.role).map(|(m, w)| {
                (
                    m,
                    w || ctx.has_at(x.first, Role::CivilAmbiguous),
                    x.first,
                    x.last,
                )
            })
        })
}

/// "tanks - 854 units", "особового складу ‒ близько 1 210 000".
pub(super) fn noun_before_dash(ctx: &Ctx, num: &Num) -> Option<(Metric, bool, usize, usize)> {
    let k = before_qualifiers(ctx, num.first);
    if k == 0 || ctx.doc.sentence_of(k - 1) != ctx.doc.sentence_of(k) {
        return None;
    }
    let gap = ctx.doc.gap_after(k - 1);
    // "БМП-2", "Т-72": a model, not a count.
    if gap == "-" {
        return None;
    }
    let dash = gap.contains(['–', '—', '‒', '-', ':', '=', '−']);
    let clean = gap
        .chars()
        .all(|c| c.is_whitespace() || "–—‒-:=−".contains(c));
    if !(dash && clean) {
        return None;
    }
    metric_ending_at(ctx, k - 1)
}

/// "fatalities have now reached approximately 990,800", "втрати становлять 412 400"; the side
/// may stand between the noun and its verb ("потери личного состава ВСУ составили 50").
pub(super) fn noun_before_link(ctx: &Ctx, num: &Num) -> Option<(Metric, bool, usize, usize)> {
    let range = ctx.doc.sentence_range(num.first);
    let mut k = num.first;
    let mut linked = false;
    // Only comparing qualifiers between the noun and the number ("погибших … более 200 тысяч").
    let mut compared = false;
    for _ in 0..6 {
        if k == 0 || k - 1 < range.start {
            return None;
        }
        if !ctx.only_spaces_between(k - 1, k) {
            match source_aside_before(ctx, k, range.start) {
                Some(opening) => k = opening,
                None => return None,
            }
        }
        if let Some(found) = metric_ending_at(ctx, k - 1)
            && (linked || (compared && hurt_heads(ctx, found.2)))
        {
            return Some(found);
        }
        let t = k - 1;
        let side_ending_here = || {
            ctx.markers(t.saturating_sub(2)..t + 1)
                .into_iter()
                .find(|m| m.last == t)
        };
        if ctx.has_at(t, Role::LinkVerb) {
            linked = true;
        } else if num.low.is_some() && t + 1 == num.first && opens_range(ctx.doc.word(t)) {
            // "составили от 30 до 50": the word that opens the range.
        } else if let Some(m) = (linked || compared).then(side_ending_here).flatten() {
            k = m.first;
            continue;
        } else if ctx.covering(t, 3, |r| r == Role::Qualifier).is_some() {
            compared |= !linked;
        } else if !ctx.is_modifier(t) {
            return None;
        }
        k = t;
    }
    None
}

/// Before token `k`, after a comma: a source told aside between commas ("втрати росіян
/// загиблими, за словами президента, наразі становлять", "по данным разведки", "according to
/// Kyiv"): returns the first token of the aside, whose gap before is the opening comma; the
/// walk goes on before it.
fn source_aside_before(ctx: &Ctx, k: usize, start: usize) -> Option<usize> {
    let comma = |t: usize| ctx.doc.gap_after(t).trim() == ",";
    if !comma(k - 1) {
        return None;
    }
    let cue = |r: Role| matches!(r, Role::Anaphora | Role::OutletCue);
    let first = (start + 1..k).rev().take(6).find(|&p| comma(p - 1))?;
    ctx.m.at(first).iter().any(|x| cue(x.role)).then_some(first)
}

/// A word of killing or wounding opens the clause of the noun at `first` ("Погибших среди
/// российских военных больше 200 тысяч", "раненых военных около 500 тысяч"): the count of the
/// dead or the wounded is then told with a comparison alone, no linking verb.
fn hurt_heads(ctx: &Ctx, first: usize) -> bool {
    let clause = ctx.clause(first);
    ctx.within(clause.start..first + 1, |r| {
        matches!(r, Role::Killed | Role::Wounded)
    })
    .next()
    .is_some_and(|x| x.first <= clause.start + 1)
}

/// How far before its linking verb a noun of loss may stand ("losses in November reached").
const LOSS_NOUN_REACH: usize = 6;

/// "Росія втратила близько 1 226 420.", "Russian daily losses in November reached 1,500." — a
/// number right after a loss verb, or after a noun of loss and its linking verb, with nothing
/// after it.
pub(super) fn bare_after_loss(ctx: &Ctx, num: &Num) -> Option<(Metric, bool, usize, usize)> {
    if num.value < 100 {
        return None;
    }
    let k = before_qualifiers(ctx, num.first);
    let range = ctx.doc.sentence_range(num.first);
    if k == 0 || k - 1 < range.start {
        return None;
    }
    let loss_verb = ctx.covering(k - 1, 3, |r| r == Role::LossWord).is_some();
    // The linking verb may itself be read as the number's qualifier ("reached").
    let link = (k - 1..num.first).find(|&t| ctx.has_at(t, Role::LinkVerb));
    let loss_noun = link.and_then(|v| {
        let clause = ctx.clause(v);
        let from = v.saturating_sub(LOSS_NOUN_REACH).max(clause.start);
        ctx.within(from..v, |r| r == Role::LossWord).next().copied()
    });
    let linked_noun = loss_noun.is_some();
    if !loss_verb && !linked_noun && !compared_loss_noun(ctx, k, num.first) {
        return None;
    }
    let n = ctx.doc.tokens.len();
    let gap = ctx.doc.gap_after(num.last);
    // "… reached 1,300 a day (in November).": only periods or a rate after it, one after the
    // other, to its clause's end.
    let clause_end = ctx.clause(num.last).end;
    let periods: Vec<(usize, usize)> = ctx
        .within(num.last + 1..clause_end, |r| {
            matches!(r, Role::Rate | Role::Daily | Role::Span(_) | Role::Period)
        })
        .map(|x| (x.first, x.last))
        .collect();
    let mut at = num.last + 1;
    while let Some(&(_, last)) = periods
        .iter()
        .filter(|(f, _)| *f == at)
        .max_by_key(|(_, l)| *l)
    {
        at = last + 1;
    }
    let period_after = at > num.last + 1 && at >= clause_end;
    let ends = num.last + 1 >= range.end
        || gap.contains([',', '.', ';', ':', '!', '?', ')'])
        || (num.last + 2 == n && ctx.doc.word(num.last + 1).chars().count() <= 2)
        || period_after;
    // "total tank losses to 11,064": the noun before the word of loss names what it counts.
    let metric = loss_noun
        .and_then(|x| x.first.checked_sub(1))
        .and_then(|t| {
            ctx.within(t..t + 1, |r| matches!(r, Role::Metric(_)))
                .next()
        })
        .and_then(|x| match x.role {
            Role::Metric(m) if m != Metric::Personnel => Some(m),
            _ => None,
        });
    ends.then_some((
        metric.unwrap_or(Metric::Personnel),
        metric.is_none(),
        num.first,
        num.last,
    ))
}

/// "Потери ВСУ значительно меньше 80 тысяч": a noun of loss opening the clause, told with a
/// hedge before the number (`k` its first word) and no linking verb.
fn compared_loss_noun(ctx: &Ctx, k: usize, number: usize) -> bool {
    if k == number {
        return false;
    }
    let clause = ctx.clause(k);
    let from = k.saturating_sub(LOSS_NOUN_REACH).max(clause.start);
    ctx.within(from..k, |r| r == Role::LossWord)
        .any(|x| x.first <= clause.start + 1)
}

/// "из итальянцев в боях убиты трое", "загинули двоє": a collective numeral (which counts
/// people only) right after a word of killing or wounding, no noun after it.
pub(super) fn people_after_hurt(ctx: &Ctx, num: &Num) -> Option<(Metric, bool, usize, usize)> {
    if !ctx.has_at(num.first, Role::Collective) {
        return None;
    }
    let clause = ctx.clause(num.first);
    let from = num.first.saturating_sub(3).max(clause.start);
    let hurt = ctx
        .within(from..num.first, |r| {
            matches!(r, Role::Killed | Role::Wounded)
        })
        .filter(|x| x.last + 3 >= num.first)
        .last()?;
    if ctx.longest_at(num.last + 1, is_noun).is_some() {
        return None;
    }
    let metric = if hurt.role == Role::Killed {
        Metric::Killed
    } else {
        Metric::Wounded
    };
    Some((metric, true, num.first, num.last))
}

/// "еще около 400 тысяч были сильно ранены", "семь боевиков убиты, пять ранены": a number
/// right before a word of killing or wounding, its noun left out, counts the killed or the
/// wounded as that word says.
pub(super) fn bare_before_hurt(ctx: &Ctx, num: &Num) -> Option<(Metric, bool, usize, usize)> {
    // "ще 19 — трьохсотими": a dash after the number leads to its word.
    let dashed = ctx.doc.gap_after(num.last).trim().starts_with(['—', '–']);
    let clause = ctx.clause(if dashed { num.last + 1 } else { num.last });
    let to = (num.last + 4).min(clause.end);
    let hurt = ctx
        .within(num.last + 1..to.max(num.last + 1), |r| {
            matches!(r, Role::Killed | Role::Wounded)
        })
        .next()?;
    // Only auxiliaries and adverbs between: no other noun that the number would count.
    let between_plain = (num.last + 1..hurt.first)
        .all(|t| ctx.doc.word(t).chars().count() <= 7 && !ctx.doc.tokens[t].is_number);
    let next_is_noun = ctx.longest_at(num.last + 1, is_noun).is_some();
    let metric = if hurt.role == Role::Killed {
        Metric::Killed
    } else {
        Metric::Wounded
    };
    (between_plain && !next_is_noun).then_some((metric, true, num.first, num.last))
}
