//! Numbers standing for what the figure before them counted ("…, на курском — до 255",
//! "16 тысяч человек. А в Курской области — больше 26 тысяч", "912 verdicts, or roughly 30 a
//! day"), and parts of a figure ("of whom about 16,000 were killed") sharing its period.

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::super::matcher::PhraseMatch;
use super::super::numbers::Num;
use super::hit::FigureHit;
use super::implied::CONTINUING;
use super::qualifiers::{before_qualifiers, qualifiers_before};

/// Where a restatement opens ("912 verdicts, or roughly 30 a day"): before its "or", when one
/// stands right before token `k`.
fn past_restating(ctx: &Ctx, k: usize) -> usize {
    k.checked_sub(1)
        .and_then(|t| ctx.covering(t, 1, |r| r == Role::Restating))
        .filter(|x| x.last + 1 == k)
        .map_or(k, |x| x.first)
}

/// Nothing after the number in its clause but adjectives: "— 48 российских.", "до 255,",
/// "До 500 000 – разом із пораненими".
fn ends_bare(ctx: &Ctx, num: &Num) -> bool {
    let sentence = ctx.doc.sentence_range(num.last);
    let (mut t, mut words) = (num.last, 0);
    while words < 3 {
        let gap = ctx.doc.gap_after(t);
        let dash = gap.contains(['—', '–']);
        if t + 1 >= sentence.end || dash || gap.contains([',', '.', ';', ')', ':', '!', '?']) {
            return true;
        }
        // "— 39,370 over the month": what the number covers is no noun.
        let covers = |x: &&PhraseMatch<Role>| x.role.is_period();
        t = match ctx.m.at(t + 1).iter().filter(covers).map(|x| x.last).max() {
            Some(last) => last,
            None if ctx.is_modifier(t + 1) => t + 1,
            None => return false,
        };
        words += 1;
    }
    false
}

/// The figure a bare number continues: the last one before it in its sentence, or in the
/// sentence before when its own opens with "А", "И", "also", or with the number, or tells a
/// part of it ("з них").
fn anchor_of<'f>(ctx: &Ctx, out: &'f [FigureHit], num: &Num) -> Option<&'f FigureHit> {
    let s = ctx.doc.sentence_of(num.first);
    let same = out
        .iter()
        .rev()
        .find(|f| f.last < num.first && ctx.doc.sentence_of(f.first) == s);
    if same.is_some() {
        return same;
    }
    let start = ctx.sentence(s).start;
    // "Майже половина з них — близько 17 тисяч — …": a part of the figure before.
    let part = ctx.any_within(start..num.first, Role::Including);
    let opens = CONTINUING.contains(&ctx.doc.word(start))
        || part
        || opens_sentence(ctx, before_qualifiers(ctx, num.first));
    if !opens || s == 0 || !ctx.same_paragraph(s - 1, s) {
        return None;
    }
    out.iter()
        .rev()
        .find(|f| ctx.doc.sentence_of(f.first) == s - 1)
}

/// A number (with its qualifiers) opening a short sentence of its own: "Втрати … 180 000. До
/// 500 000 – разом із пораненими."
/// Only a word for the whole and a span of time may lead to it: "Всего с начала вторжения —
/// 730 450."
fn opens_sentence(ctx: &Ctx, k: usize) -> bool {
    let sentence = ctx.doc.sentence_range(k);
    if sentence.len() > SHORT_SENTENCE {
        return false;
    }
    let leads = |r: Role| r.is_period() || r == Role::Whole;
    let led = (sentence.start..k).all(|t| ctx.covering(t, SHORT_SENTENCE, leads).is_some());
    led && (k == sentence.start || ctx.doc.gap_after(k - 1).contains(['—', '–', '-', ':']))
}

/// Words of a sentence that only adds a figure to the one before.
const SHORT_SENTENCE: usize = 8;

/// Numbers standing for what the figure before them counted: "до 1565 человек на различных
/// направлениях, на курском — до 255"; "останки 502 украинских военных, Украина — 48
/// российских"; "16 тысяч человек. А в Курской области — больше 26 тысяч"; "912 verdicts, or
/// roughly 30 a day" (a restatement). A dash or a comma (and "or", "то есть") stands before the
/// number, and nothing but adjectives or the time it covers after it.
pub(super) fn ellipses(ctx: &Ctx, out: &mut Vec<FigureHit>) {
    let mut added = Vec::new();
    for num in &ctx.nums {
        let year = (1900..=2100).contains(&num.value) && num.first == num.last;
        if !num.integer || num.percent || num.value <= 1 || year {
            continue;
        }
        if out
            .iter()
            .any(|f| f.first <= num.last && num.first <= f.last)
            || !ends_bare(ctx, num)
        {
            continue;
        }
        let bare = before_qualifiers(ctx, num.first);
        let k = past_restating(ctx, bare);
        let restates = k < bare || ctx.any_within(bare..num.first, Role::Average);
        // A spaced dash or a comma: "Т-64" and "БМП-2" are models.
        let gap = if k > 0 { ctx.doc.gap_after(k - 1) } else { "" };
        let dash = gap.contains(['—', '–', '-']) && gap.contains(char::is_whitespace);
        let joined = k > 0
            && ctx.doc.sentence_of(k - 1) == ctx.doc.sentence_of(k)
            && (dash || gap.contains(','));
        if !joined && !opens_sentence(ctx, k) {
            continue;
        }
        let Some(a) = anchor_of(ctx, out, num) else {
            continue;
        };
        // "Украина — 48 российских": the modifiers left of the noun are the figure's.
        let sentence = ctx.doc.sentence_range(num.last);
        let tail = (num.last + 1..(num.last + 4).min(sentence.end))
            .take_while(|&t| ctx.is_modifier(t) && ctx.doc.gap_after(t - 1).trim().is_empty())
            .last()
            .unwrap_or(num.last);
        added.push(FigureHit {
            qualifier: qualifiers_before(ctx, num.first).1,
            anchor: Some(a.first),
            restates,
            ..FigureHit::new(a.metric, *num, num.first, tail, a.weak)
        });
    }
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|f| f.first);
    }
}

/// A part of the figure before covers its period: a number standing for it with no period of
/// its own ("за жовтень … 36 тисяч. Майже половина з них — близько 17 тисяч — …"), or a count
/// opened by "of whom", "з них" with no period in its own clause ("more than 38,000 personnel,
/// of whom about 16,000 were killed, … in August").
pub(super) fn share_periods(ctx: &Ctx, out: &mut [FigureHit]) {
    for i in 1..out.len() {
        let whole = match out[i].anchor {
            // A number standing for the figure before keeps a period of its own.
            Some(_) if out[i].period.is_some() => None,
            Some(a) => out[..i].iter().rfind(|g| g.first == a),
            None => part_of_before(ctx, &out[i - 1], &out[i]).then(|| &out[i - 1]),
        };
        let Some(a) = whole else {
            continue;
        };
        let (cumulative, period) = (a.cumulative, a.period);
        out[i].cumulative = cumulative;
        out[i].period = period;
    }
}

/// Figure `f` is a part of figure `a` right before it in its sentence: "of whom", "з них"
/// opens its clause, and no period is named in that clause.
fn part_of_before(ctx: &Ctx, a: &FigureHit, f: &FigureHit) -> bool {
    let clause = ctx.clause(f.first);
    let opened = ctx
        .within(clause.start..f.first, |r| r == Role::Including)
        .next()
        .is_some();
    opened
        && a.period.is_some()
        && ctx.doc.sentence_of(a.last) == ctx.doc.sentence_of(f.first)
        && clause.start > a.last
        && ctx.within(clause, Role::is_period).next().is_none()
}
