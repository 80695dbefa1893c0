//! Figures with something left out: the number, one of a singular noun ("танк", "боевую
//! машину пехоты", "погиб офицер"); or the noun, a count joined to a count of soldiers before
//! it ("…, еще около 50 тысяч были ранены"). Bare numbers standing for what the figure before
//! counted are in `ellipses`.

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::super::matcher::PhraseMatch;
use super::super::mention::is_passive;
use super::super::model_names::model_number;
use super::super::numbers::Num;
use super::hit::FigureHit;
use super::qualifiers::before_qualifiers;
use crate::model::Metric;

/// Singular nouns of equipment with no number before them ("…, танк, боевую машину пехоты и
/// бронетранспортер", "уничтожили танк Т-64"): one of each. Whether a loss word governs them is
/// decided by the caller, as for any figure.
pub(super) fn singulars(ctx: &Ctx, out: &mut Vec<FigureHit>) {
    let mut added = false;
    for x in ctx.m.all().iter().filter(|x| x.role == Role::Singular) {
        if let Some(f) = singular(ctx, out, x) {
            out.push(f);
            added = true;
        }
    }
    if added {
        out.sort_by_key(|f| f.first);
    }
}

/// The figure of one that the singular noun `x` makes, unless a figure found (`out`) takes
/// it, it counts nothing that is lost, or a number before it counts it.
fn singular(ctx: &Ctx, out: &[FigureHit], x: &PhraseMatch<Role>) -> Option<FigureHit> {
    if out.iter().any(|f| f.first <= x.last && x.first <= f.last)
        || in_compound(ctx, x.first)
        // "Russia's total tank losses": the noun names what the losses count, not one lost.
        || followed_by(ctx, x.last, Role::LossWord)
        // "A Ukrainian battalion commander said …": the soldier tells the news, he is not lost.
        || followed_by(ctx, x.last, Role::AttributionVerb)
    {
        return None;
    }
    let m = ctx.longest_at(x.first, |r| matches!(r, Role::Metric(_)))?;
    let Role::Metric(metric) = m.role else {
        return None;
    };
    if matches!(metric, Metric::Uav | Metric::CruiseMissiles) {
        return None;
    }
    let last = m.last.max(x.last);
    // "ліквідовано командира полку": one person destroyed is one killed.
    let destroyed = metric == Metric::Personnel && destroyed_beside(ctx, x.first, last);
    if metric == Metric::Personnel && !destroyed && !one_person_hurt(ctx, out, x.first, last) {
        return None;
    }
    let metric = if destroyed {
        Metric::Killed
    } else if metric == Metric::Personnel {
        hurt_kind(ctx, x.first)
    } else {
        metric
    };
    if counted_before(ctx, before_qualifiers(ctx, x.first))
        || plural_before(ctx, x.first)
        || names_the_noun_before(ctx, out, x.first, metric)
        || subject_of_an_act(ctx, last)
    {
        return None;
    }
    let num = Num {
        first: x.first,
        last,
        value: 1,
        integer: true,
        percent: false,
        low: None,
    };
    // Aircraft, boats and cars have civilian twins: a military sentence is needed.
    let weak = ctx.has_at(m.first, Role::CivilAmbiguous)
        || matches!(
            metric,
            Metric::Aircraft | Metric::Helicopters | Metric::Ships | Metric::Vehicles
        );
    Some(FigureHit::new(metric, num, m.first, m.last, weak))
}

/// Tokens between a noun and its verb: a model or a name in quotes ("ЗРК «Бук» сбил").
const SUBJECT_REACH: usize = 4;

/// The noun ending at token `last` is the subject of an active verb of destroying, shooting
/// down or striking right after it, in its clause ("Танк Т-90 уничтожил два опорных пункта",
/// "ЗРК «Бук» сбил ракету"): the machine struck, it was not lost. The verb must agree with a
/// singular subject ("Офицера … убили" puts the object first), and "и" starts another clause
/// ("танк и уничтожили часть десанта").
fn subject_of_an_act(ctx: &Ctx, last: usize) -> bool {
    let clause = ctx.clause(last);
    let to = (last + 1 + SUBJECT_REACH).min(clause.end).max(last + 1);
    let joined = |v: usize| {
        (last + 1..v).any(|t| ctx.has_at(t, Role::ListJoin))
            || (last..v).any(|t| ctx.doc.gap_after(t).contains(','))
    };
    let acts = |r: Role| matches!(r, Role::AgentVerb | Role::Interception | Role::AttackVerb);
    // The verb starts within reach; its phrase may run on ("нанес удар по …").
    ctx.m
        .within(last + 1..to)
        .iter()
        .filter(|v| acts(v.role) && v.first < to)
        .any(|v| {
            !is_passive(ctx, v)
                && !ctx.has_at(v.first, Role::DestroyedWord)
                && !joined(v.first)
                && singular_verb(ctx, v.first)
        })
}

/// A verb that agrees with one subject: a Russian or Ukrainian singular past or present
/// ("сбил", "уничтожила", "знищив", "уничтожает"); English verbs do not tell.
fn singular_verb(ctx: &Ctx, t: usize) -> bool {
    let w = ctx.doc.word(t).to_lowercase();
    w.is_ascii()
        || ["л", "ла", "ло", "в", "ес", "ет", "ит", "є"]
            .iter()
            .any(|e| w.ends_with(e))
}

/// "коптер-бомбардировщик", "anti-ship": a noun joined by a bare hyphen to the word before
/// it is the second half of a compound, which names another thing.
fn in_compound(ctx: &Ctx, t: usize) -> bool {
    t > 0 && ctx.doc.gap_after(t - 1) == "-" && !ctx.doc.tokens[t - 1].is_number
}

/// A phrase of `role` starts right after token `last`, nothing but a space between.
fn followed_by(ctx: &Ctx, last: usize, role: Role) -> bool {
    last + 1 < ctx.doc.tokens.len()
        && ctx.only_spaces_between(last, last + 1)
        && ctx.has_at(last + 1, role)
}

/// "бронетранспортер БТР-82", "бронемашина (МТ-ЛБ)": a model or type right after a noun of
/// the same metric (or in brackets after it) names that noun's thing, not one more.
fn names_the_noun_before(ctx: &Ctx, out: &[FigureHit], t: usize, metric: Metric) -> bool {
    out.iter().any(|f| {
        f.metric == metric
            && f.metric_last + 1 == t
            && matches!(ctx.doc.gap_after(f.metric_last).trim(), "" | "(")
    })
}

/// How far back in its sentence a plural quantity word makes a noun plural.
const PLURAL_REACH: usize = 6;

/// "несколько танков, БМП и пикапов": a plural quantity word a few words before, in the
/// noun's sentence, makes an indeclinable or listed noun one of many.
fn plural_before(ctx: &Ctx, t: usize) -> bool {
    let sentence = ctx.doc.sentence_range(t);
    let from = t.saturating_sub(PLURAL_REACH).max(sentence.start);
    ctx.any_within(from..t, Role::PluralQuantity)
}

/// One soldier or officer (tokens `first..=last`) counts only where a word of killing or
/// wounding stands right beside him ("погибшим оказался командир", "an officer was killed")
/// in a text about this war, and not where his clause already counts one person
/// ("командир бригады капитан 1-го ранга": one person named twice).
fn one_person_hurt(ctx: &Ctx, out: &[FigureHit], first: usize, last: usize) -> bool {
    if !hurt_beside(ctx, out, first, last) || !at_war(ctx) {
        return false;
    }
    let clause = ctx.clause(first);
    let person = |m: Metric| matches!(m, Metric::Personnel | Metric::Killed | Metric::Wounded);
    !out.iter()
        .any(|f| person(f.metric) && f.value == 1 && clause.contains(&f.first))
}

/// What the words of hurting in the clause of token `t` say of one person: killed, wounded, or,
/// when they say both or neither, personnel ("A Russian colonel who led the brigade was killed").
fn hurt_kind(ctx: &Ctx, t: usize) -> Metric {
    let roles: Vec<Role> = ctx
        .within(ctx.clause(t), |r| matches!(r, Role::Killed | Role::Wounded))
        .map(|x| x.role)
        .collect();
    Metric::of_hurt(
        roles.contains(&Role::Killed),
        roles.contains(&Role::Wounded),
    )
}

/// Tokens between a word of destroying and the person it destroyed.
const DESTROYED_REACH: usize = 2;

/// A word of destroying right before the person named at tokens `first..=last`, or right
/// after ("ликвидирован командир", "командира … ліквідовано"), in its clause, in a text about
/// this war.
fn destroyed_beside(ctx: &Ctx, first: usize, last: usize) -> bool {
    let clause = ctx.clause(first);
    let from = first.saturating_sub(DESTROYED_REACH + 1).max(clause.start);
    let to = (last + DESTROYED_REACH + 2).min(clause.end).max(from);
    ctx.within(from..to, |r| r == Role::DestroyedWord)
        .any(|x| x.last < first || x.first > last)
        && at_war(ctx)
}

/// A number (maybe with an adjective) right before token `k`, in its sentence: the noun is
/// counted elsewhere. A model's number ("Ка-52 helicopter") counts nothing.
fn counted_before(ctx: &Ctx, k: usize) -> bool {
    let tight = |a: usize, b: usize| ctx.only_spaces_between(a, b);
    let count = |t: usize| ctx.doc.tokens[t].is_number && !model_number(ctx.doc, t);
    k > 0
        && ctx.doc.sentence_of(k - 1) == ctx.doc.sentence_of(k)
        && tight(k - 1, k)
        && (count(k - 1)
            || (k > 1 && ctx.is_modifier(k - 1) && tight(k - 2, k - 1) && count(k - 2)))
}

/// The text is about this war: it names a side, a claimant of the war (a ministry, a
/// service), a place of the war's gazetteer or a numbered unit ("93-ї бригади"). An officer's
/// death in another story (an expedition, a crime abroad) is no loss claim.
fn at_war(ctx: &Ctx) -> bool {
    let numbered = |t: usize| (t.saturating_sub(2)..t).any(|k| ctx.doc.tokens[k].is_number);
    ctx.m.all().iter().any(|x| {
        matches!(
            x.role,
            Role::Side(_) | Role::Enemy | Role::Claimant(_) | Role::PlaceName
        ) || (x.role == Role::UnitType && numbered(x.first))
    })
}

/// A killed or wounded word in the clause of tokens `first..=last` that is not already said
/// of a counted figure ("418,000 troops killed"); a name right after the noun ("commander
/// Oleksandr Syrskyi") makes it a title, and then the word must stand within four words.
fn hurt_beside(ctx: &Ctx, figs: &[FigureHit], first: usize, last: usize) -> bool {
    let clause = ctx.clause(first);
    let owned = |t: usize| {
        figs.iter()
            .any(|f| t > f.last && t <= f.last + 2 || (t >= f.first && t <= f.last))
    };
    let named = ctx
        .doc
        .tokens
        .get(last + 1)
        .is_some_and(|t| t.capitalized && !t.all_caps);
    ctx.within(clause, |r| matches!(r, Role::Killed | Role::Wounded))
        .filter(|x| !owned(x.first))
        .any(|x| !named || (x.last + 4 >= first && x.first <= last + 4))
}

/// Words that open a sentence continuing the one before ("А в Курской области — больше 26
/// тысяч").
pub(super) const CONTINUING: [&str; 8] = ["а", "и", "также", "еще", "ещё", "та", "and", "also"];

/// Words that open a sentence adding a count to the one before, with no verb of its own.
const ADDING: [&str; 5] = ["плюс", "ещё", "еще", "ще", "plus"];

/// Sentence `s` opens with a word that adds to the sentence before it in its paragraph
/// ("…Украина потеряла шесть единиц бронетехники. Плюс около 20 человек личного состава").
pub fn continues_sentence(ctx: &Ctx, s: usize) -> bool {
    s > 0 && ctx.same_paragraph(s - 1, s) && ADDING.contains(&ctx.doc.word(ctx.sentence(s).start))
}

/// "20 тысяч солдат погибли, еще около 50 тысяч были ранены": a count with no noun of its
/// own, joined by a comma (and "еще", "и") to a count of soldiers right before it in its
/// sentence, counts soldiers too.
pub(super) fn continued_counts(ctx: &Ctx, out: &mut [FigureHit]) {
    for i in 1..out.len() {
        let (before, rest) = out.split_at_mut(i);
        let (a, f) = (&before[i - 1], &mut rest[0]);
        let people = |m: Metric| matches!(m, Metric::Personnel | Metric::Killed | Metric::Wounded);
        if !f.weak || a.weak || !people(a.metric) || !people(f.metric) {
            continue;
        }
        if ctx.doc.sentence_of(a.last) != ctx.doc.sentence_of(f.first) {
            continue;
        }
        let mut k = before_qualifiers(ctx, f.num.first);
        if k > a.last + 1 && CONTINUING.contains(&ctx.doc.word(k - 1)) {
            k -= 1;
        }
        if k > a.last && ctx.doc.gap_after(k - 1).contains(',') {
            f.weak = false;
        }
    }
}
