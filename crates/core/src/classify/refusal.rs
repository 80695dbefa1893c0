//! Refusal reports: soldiers refusing orders or to fight, deserting, going AWOL, and the
//! prosecution of it. A rule's phrase must be found in a sentence that also holds one of the
//! rule's `needs` phrases (when it has any) and none of its `unless` phrases. The number of
//! people, when the sentence gives one beside the phrase, becomes the claim's figure.

use super::context::{Ctx, Marker};
use super::figures::{FigureHit, incident_scale};
use super::lexicon::{RefusalRule, Role};
use super::matcher::PhraseMatch;
use super::mention::{Mention, SideMark, Taken};
use crate::model::{Category, Figure, Metric, Period};

/// How far (in words) a number of people may stand from the refusal phrase.
const FIGURE_REACH: usize = 10;
/// How far (in words) the side of the soldiers may stand after the phrase, or before it in an
/// earlier clause.
const SIDE_REACH: usize = 7;

/// Whose soldiers refused: the side of the subject — a marker before the phrase in its clause
/// ("Окупанти з 58-ї армії відмовляються штурмувати українські позиції"); else the phrase's
/// own term of one army's law ("справ за СЗЧ"); else one shortly after it in the clause
/// ("refusals among Russian troops"); else one shortly before it in an earlier clause of the
/// sentence ("Российские морпехи, отказавшиеся от штурма, …").
/// A side named after the phrase as the holder of the positions the refusers would not attack
/// ("refused to attack Ukrainian positions", "отказались штурмовать позиции ВСУ") is their
/// enemy: the mark comes back inverted.
fn subject_side(ctx: &Ctx, first: usize, last: usize) -> Option<SideMark> {
    let clause = ctx.clause(first);
    if let Some(m) = ctx.markers(clause.start..first).pop() {
        return Some((m, false));
    }
    if let Some(m) = own_term(ctx, first, last) {
        return Some((m, false));
    }
    let to = clause.end.min(last + SIDE_REACH + 1).max(last + 1);
    if let Some(m) = ctx.markers(last + 1..to).into_iter().next() {
        return Some((m, holds_positions(ctx, &m)));
    }
    let sentence = ctx.doc.sentence_range(first);
    let from = sentence.start.max(first.saturating_sub(SIDE_REACH));
    ctx.markers(from..clause.start.max(from))
        .pop()
        .map(|m| (m, false))
}

/// Marker `m` stands right before or after a word for positions ("Ukrainian positions",
/// "позиции ВСУ").
fn holds_positions(ctx: &Ctx, m: &Marker) -> bool {
    let before = m.first > 0 && ctx.has_at(m.first - 1, Role::Positions);
    before || ctx.has_at(m.last + 1, Role::Positions)
}

/// Words of one army's own law that the phrase may use: "СЗЧ" (самовільне залишення
/// частини, article 407 of Ukraine's criminal code) is Ukraine's term; Russia's "СОЧ" is used
/// of both armies.
const UKRAINE_TERMS: &[&str] = &["сзч"];

/// The side a refusal phrase (tokens `first..=last`) names by its own words, or by their
/// abbreviation right after it, unless its sentence places it in Russia ("понад 200 тисяч справ за СЗЧ", "самовільне залишення
/// частини (СЗЧ)").
fn own_term(ctx: &Ctx, first: usize, last: usize) -> Option<Marker> {
    // Ukrainian copy uses its own term of Russia's cases too ("у Росії засудили … за СЗЧ").
    let sentence = ctx.doc.sentence_range(first);
    if ctx.any_within(sentence.clone(), Role::HeldBy(crate::model::Side::Russia)) {
        return None;
    }
    let end = sentence.end.min(last + 2);
    (first..end)
        .find(|&t| UKRAINE_TERMS.contains(&ctx.doc.word(t)))
        .map(|t| Marker {
            first: t,
            last: t,
            side: Some(crate::model::Side::Ukraine),
        })
}

/// Refusal mentions, one per sentence (and one per figure telling its figure again), in text
/// order, and the figures they count. A later phrase of a sentence whose first counted nothing
/// stands for it when it counts ("soldiers who went AWOL … 18,600 servicemen have come back to
/// their units").
pub fn find(ctx: &Ctx, figs: &[FigureHit]) -> (Vec<Mention>, Vec<Taken>) {
    let mut out: Vec<Mention> = Vec::new();
    let mut taken: Vec<Taken> = Vec::new();
    let mut last_sentence = None;
    for x in ctx.m.all() {
        let Role::RefusalTrigger(rule_id) = x.role else {
            continue;
        };
        let s = ctx.doc.sentence_of(x.first);
        let again = last_sentence == Some(s);
        if again && out.last().is_some_and(|m| m.figure.is_some()) {
            continue;
        }
        let Some(rule) = ctx.lex.refusal_rules.get(rule_id as usize) else {
            continue;
        };
        if !rule_holds(ctx, rule_id, rule, s) {
            continue;
        }
        // A figure told again ("— в среднем 35 в день") stands for the one it restates.
        let found = counted(ctx, figs, s, x).map(|(i, f)| {
            let told = figs
                .iter()
                .enumerate()
                .find(|(_, g)| f.restates && Some(g.first) == f.anchor);
            told.filter(|(_, g)| ctx.doc.sentence_of(g.first) == s)
                .unwrap_or((i, f))
        });
        if again {
            if found.is_none() {
                continue;
            }
            out.pop();
        }
        last_sentence = Some(s);
        let figure = found.map(|(i, f)| {
            taken.push(Taken {
                fig: i,
                first: x.first,
                last: x.last,
            });
            f
        });
        let side = subject_side(ctx, x.first, x.last);
        let mention = |figure: Option<&FigureHit>| Mention {
            category: Category::Refusal,
            sentence: s,
            anchor: x.first,
            evidence: evidence(ctx, x, figure),
            figure: figure
                .map(|f| refusal_figure(ctx, f, rule, one_act(ctx, x)))
                .or_else(|| lone_act(ctx, x).then(|| one_person(rule))),
            side,
            daily: false,
            needs_claimant: false,
            group: None,
            other_conflict: false,
        };
        out.push(mention(figure));
        // "912 verdicts, or roughly 30 a day": the figure told again counts the same.
        for (j, g) in restated(figs, found.map(|(i, _)| i)) {
            taken.push(Taken {
                fig: j,
                first: x.first,
                last: x.last,
            });
            out.push(mention(Some(g)));
        }
    }
    (out, taken)
}

/// The figures that tell figure `i` again without its noun ("…, or roughly 30 a day").
fn restated(figs: &[FigureHit], i: Option<usize>) -> Vec<(usize, &FigureHit)> {
    let Some(f) = i.and_then(|i| figs.get(i)) else {
        return Vec::new();
    };
    figs.iter()
        .enumerate()
        .filter(|(_, g)| g.restates && g.anchor == Some(f.first) && g.first > f.last)
        .collect()
}

/// Whether sentence `s` (or, for a rule whose needs may come earlier, the post up to it) holds
/// one of the rule's `needs` phrases (when it has any), and the sentence none of its `unless`
/// phrases.
fn rule_holds(ctx: &Ctx, rule_id: u16, rule: &RefusalRule, s: usize) -> bool {
    let range = ctx.sentence(s);
    let needed = if rule.needs_earlier {
        0..range.end
    } else {
        range.clone()
    };
    if rule.has_needs && !ctx.any_within(needed, Role::RefusalNeeds(rule_id)) {
        return false;
    }
    !ctx.any_within(range, Role::RefusalUnless(rule_id))
}

/// The figure of people that the refusal phrase `x` in sentence `s` counts, and its index:
/// the nearest within reach, or the nearest whose noun names refusers.
fn counted<'f>(
    ctx: &Ctx,
    figs: &'f [FigureHit],
    s: usize,
    x: &PhraseMatch<Role>,
) -> Option<(usize, &'f FigureHit)> {
    figs.iter()
        .enumerate()
        .filter(|(_, f)| {
            ctx.doc.sentence_of(f.first) == s
                && matches!(
                    f.metric,
                    Metric::Personnel | Metric::Refusers | Metric::Deserters
                )
        })
        .map(|(i, f)| (f.gap(x.first, x.last), i, f))
        // A count whose own noun names refusers ("78 objectors") counts them anywhere in the
        // sentence; one a word of loss stands closer to counts the lost ("refused to continue
        // after their commander and six other servicemen were killed").
        .filter(|(d, _, f)| *d <= FIGURE_REACH || f.metric == Metric::Refusers)
        .filter(|(d, _, f)| {
            f.metric == Metric::Refusers
                || !ctx
                    .within(ctx.sentence(s), |r| r.counts_losses())
                    .any(|y| f.gap(y.first, y.last) < *d)
        })
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, i, f)| (i, f))
}

/// Evidence: the refusal phrase, with its figure and the figure's qualifier.
fn evidence(ctx: &Ctx, x: &PhraseMatch<Role>, figure: Option<&FigureHit>) -> (usize, usize) {
    let mut start = x.first;
    let mut end = x.last;
    if let Some(f) = figure {
        start = start.min(f.first);
        end = end.max(f.last);
        if let Some(q) = ctx.covering(f.first.saturating_sub(1), 3, |r| r == Role::Qualifier)
            && q.last + 1 == f.first
            && q.first < start
        {
            start = q.first;
        }
    }
    (ctx.start_of(start), ctx.end_of(end))
}

/// Endings of a past-tense verb that tells what a group did ("сбежали", "отказались",
/// "покинули", "відмовилися", "deserted").
const PAST_ENDINGS: &[&str] = &["ли", "лись", "лися", "ла", "лась", "лася", "ed"];

/// The refusal phrase `x` tells an act in the past tense ("из части сбежали 10 военнослужащих")
/// rather than a tally of cases ("95 тысяч уголовных дел о самовольном оставлении части").
/// An English perfect ("have refused", "has deserted") tells what has added up, not one act.
fn one_act(ctx: &Ctx, x: &PhraseMatch<Role>) -> bool {
    let perfect = (x.first.saturating_sub(2)..=x.last)
        .any(|t| matches!(ctx.doc.word(t).to_lowercase().as_str(), "have" | "has"));
    // A singular verb tells a group's act too when its subject leads the group ("командир,
    // який разом із чотирма підлеглими самовільно залишив позиції").
    let past = |w: &str| {
        PAST_ENDINGS.iter().any(|e| w.ends_with(e))
            || (w.chars().count() > 4 && LONE_ENDINGS.iter().any(|e| w.ends_with(e)))
    };
    !perfect
        && (x.first..=x.last).any(|t| {
            let w = ctx.doc.word(t).to_lowercase();
            w.chars().count() > 3 && past(&w)
        })
}

/// Endings of a singular past verb, one person's act ("сбежал", "самовольнулся", "залишив",
/// "відмовився").
const LONE_ENDINGS: &[&str] = &[
    "ал",
    "ел",
    "ил",
    "ул",
    "ался",
    "ился",
    "улся",
    "алась",
    "илась",
    "ав",
    "ив",
    "ув",
    "вся",
];

/// The refusal phrase `x`, counting no number, tells one person's act: a singular past verb
/// or a singular noun of the person, in a sentence that states a fact, not a rule.
/// A soldier in the singular named in the sentence of an offence told by a noun ("приговорил
/// контрактника … за самовольное оставление части") is one person too.
fn lone_act(ctx: &Ctx, x: &PhraseMatch<Role>) -> bool {
    let lone = (x.first..=x.last).any(|t| {
        let w = ctx.doc.word(t);
        ctx.has_at(t, Role::LonePerson)
            || (w.chars().count() > 4 && LONE_ENDINGS.iter().any(|e| w.ends_with(e)))
    });
    let sentence = ctx.doc.sentence_range(x.first);
    let soldier = || ctx.any_within(sentence.clone(), Role::LoneSoldier);
    (lone || soldier()) && !ctx.any_within(sentence.clone(), Role::Generic)
}

/// Figure `f` is counted by a word for cases, not for people.
fn counts_cases(ctx: &Ctx, f: &FigureHit) -> bool {
    (f.metric_first..=f.metric_last).any(|t| ctx.has_at(t, Role::CaseWord))
}

/// One person, one incident, counted by the rule's metric.
fn one_person(rule: &RefusalRule) -> Figure {
    Figure {
        metric: rule.metric,
        value: 1,
        delta: None,
        cumulative: Some(false),
        period: Some(Period::Event),
        qualifier: None,
        low: None,
        high: None,
    }
}

/// The claim's figure: people counted by a refusal phrase are what the rule counts; a group of
/// an incident's scale told by a past-tense act, with no period of its own, is one incident.
fn refusal_figure(ctx: &Ctx, f: &FigureHit, rule: &RefusalRule, one_act: bool) -> Figure {
    // "refused to take part in an assault last week", "в конце мая отказались": one group's act,
    // the span told is when it happened.
    let when = matches!(
        f.period,
        Some(Period::Week | Period::Month | Period::Day) | None
    );
    let incident = one_act && when && f.cumulative != Some(true) && incident_scale(f);
    Figure {
        metric: match f.metric {
            Metric::Personnel => rule.metric,
            // Cases count what the rule counts ("30 випадків … за невиконання наказів").
            Metric::Deserters if counts_cases(ctx, f) => rule.metric,
            m => m,
        },
        value: f.value,
        delta: None,
        cumulative: if incident { Some(false) } else { f.cumulative },
        period: if incident {
            Some(Period::Event)
        } else {
            f.period
        },
        qualifier: f.qualifier,
        low: f.num.low,
        high: f.num.low.map(|_| f.value),
    }
}
