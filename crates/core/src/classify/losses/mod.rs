//! Loss reports: figures that count military personnel or equipment lost, killed or destroyed
//! (not civilians, not drones shot down by air defence, not a hypothetical), and equipment
//! reported destroyed without a number. Each becomes a mention with its evidence and the side
//! marker that tells whose loss it is.

mod sides;

use super::admit::{Admit, accepts, other_war, refine_personnel};
use super::context::Ctx;
use super::figures::{self, FigureHit};
use super::lexicon::Role;
use super::matcher::PhraseMatch;
use super::mention::{Mention, SideMark, TRIGGER_REACH, Taken, is_trigger};
use super::unnumbered;
use crate::model::{Category, Figure, Period};
use sides::{own_clause_side, side_around, side_of};

/// The loss word the figure belongs to: a loss or destroying word before an "убитыми", one
/// before the figure before one after it, then the nearest. A figure whose noun is a word of
/// loss ("Russian casualties have reached 750,000", "1,650 Russian casualties") is its own.
fn trigger_for(ctx: &Ctx, f: &FigureHit) -> Option<PhraseMatch<Role>> {
    let range = ctx.doc.sentence_range(f.first);
    let noun_first = f.metric_last < f.num.first;
    ctx.within(range, is_trigger)
        .filter(|x| {
            // The figure's own noun when it is a word of loss ("750,000 casualties").
            let in_noun = x.first >= f.metric_first || noun_first;
            let own_noun = x.role == Role::LossWord && x.last <= f.metric_last && in_noun;
            // "5 уничтоженных танков": a participle between number and noun governs it.
            let participle = x.first > f.num.last && x.last < f.metric_first;
            let inside = x.first >= f.first && x.last <= f.last && !own_noun && !participle;
            let near = x.last + TRIGGER_REACH >= f.first && x.first <= f.last + TRIGGER_REACH;
            // "215,000 killed and 640,000 wounded": a word right after an earlier number says
            // what that number counts; it does not act on the figure after it.
            let others = x.last < f.first
                && x.first > 0
                && ctx.doc.tokens[x.first - 1].is_number
                && ctx
                    .nums
                    .iter()
                    .any(|n| n.last + 1 == x.first && n.first != f.num.first);
            !inside && near && !others && !ctx.in_name(x.first)
        })
        .min_by_key(|x| {
            let kind = usize::from(matches!(x.role, Role::Killed | Role::Wounded));
            let (after, d) = if x.last < f.first {
                (0, f.first - x.last)
            } else {
                (1, x.first.saturating_sub(f.last))
            };
            (kind, after, d)
        })
        .copied()
}

/// A figure counted by a verb of destroying ("ВС РФ поразили три пусковые установки",
/// "уничтожено около 100 бойцов") with no period of its own tells one strike or battle; "ВСУ
/// потеряли до 480" (a loss word) may be a day's or any other tally and stays open.
fn struck(f: &FigureHit, trigger: Option<&PhraseMatch<Role>>) -> bool {
    // One strike or battle destroys dozens, not the hundreds or thousands of a tally; a
    // span the text names, even of no known length ("за последние несколько недель"), is
    // no one strike.
    f.period.is_none()
        && f.cumulative.is_none()
        && figures::incident_scale(f)
        && trigger.is_some_and(|x| matches!(x.role, Role::AgentVerb | Role::DestroyedWord))
}

/// Evidence for a figure: from the loss word and its subject when they come right before
/// ("Russia has lost about 28 300 troops since 24 February"), else from the number and its
/// qualifier, to the noun, an adjacent running/period marker and an adjacent "(+N)".
fn evidence(
    ctx: &Ctx,
    f: &FigureHit,
    trigger: Option<&PhraseMatch<Role>>,
    prev_last: Option<usize>,
) -> (usize, usize) {
    let mut start_tok = f.first;
    if let Some(q) = ctx.covering(f.first.saturating_sub(1), 3, |r| r == Role::Qualifier)
        && q.last + 1 == f.first
        && ctx.doc.sentence_of(q.first) == ctx.doc.sentence_of(f.first)
    {
        start_tok = q.first;
    }
    if let Some(x) = trigger
        && x.last < f.first
        && f.first - x.last <= 10
        && prev_last.is_none_or(|p| p < x.first)
    {
        start_tok = x.first;
        let range = ctx.doc.sentence_range(x.first);
        let from = x.first.saturating_sub(3).max(range.start);
        if let Some(m) = ctx.markers(from..x.first).last()
            && prev_last.is_none_or(|p| p < m.first)
            && ctx.only_spaces_between(m.last, x.first)
        {
            start_tok = m.first;
        }
    }
    // "(245 killed)": a loss word right after the figure is part of it.
    let after = trigger
        .filter(|x| x.first == f.last + 1)
        .map_or(0, |x| x.last);
    let mut end = ctx.end_of(f.last.max(f.marker_last.unwrap_or(0)).max(after));
    if let Some(d) = f.delta
        && d.adjacent
        && f.marker_last.is_none()
    {
        end = end.max(d.close);
    }
    (ctx.start_of(start_tok), end)
}

/// "…, including 1,230 over the past day, as well as 11,214 tanks (+5)": past the reach of
/// its loss word, a figure still continues an enumeration that a list word ("as well as", "а
/// также", "і") joins it to, when no other loss word stands between.
fn enumerated(ctx: &Ctx, prev_last: usize, first: usize) -> bool {
    let between = prev_last + 1..first.max(prev_last + 1);
    first <= prev_last + 3 * TRIGGER_REACH
        && ctx.any_within(between.clone(), Role::ListJoin)
        && ctx.within(between, is_trigger).next().is_none()
}

/// Figures an enumeration leaves without a side take the side of a later figure of the same
/// clause and loss word ("Уничтожены 12 танков и 30 единиц бронетехники противника").
/// `out` holds figure mentions in text order, `spots` their loss words' and figures' first
/// tokens.
fn share_sides(ctx: &Ctx, out: &mut [Mention], spots: &[(Option<usize>, usize)]) {
    for i in (0..out.len()).rev() {
        let (trigger, first) = spots[i];
        if out[i].side.is_some() || trigger.is_none() {
            continue;
        }
        let clause = ctx.clause(first);
        let side = (i + 1..out.len())
            .take_while(|&j| clause.contains(&spots[j].1))
            .find(|&j| spots[j].0 == trigger && out[j].side.is_some())
            .and_then(|j| out[j].side);
        out[i].side = side;
    }
}

/// "the “South” (275 killed), “North” (245 killed)": figure `f` repeats the loss word that
/// follows the figure ending at `prev_last`, as an item of one enumeration.
fn parallel(ctx: &Ctx, prev_last: usize, f: &FigureHit) -> bool {
    let (a, b) = (prev_last + 1, f.last + 1);
    b < ctx.doc.tokens.len()
        && ctx.covering(b, 0, is_trigger).is_some()
        && ctx.doc.word(a).to_lowercase() == ctx.doc.word(b).to_lowercase()
}

/// "ВС РФ поразили три пусковые установки Himars, ВСУ потеряли не менее 30 военных": a
/// count of incident scale with no period of its own, in the sentence of a count one strike
/// made, is the same incident's.
fn share_event(out: &mut [Mention]) {
    let events: Vec<usize> = out
        .iter()
        .filter(|m| {
            m.figure
                .as_ref()
                .is_some_and(|f| f.period == Some(Period::Event))
        })
        .map(|m| m.sentence)
        .collect();
    for m in out.iter_mut().filter(|m| events.contains(&m.sentence)) {
        let Some(f) = m.figure.as_mut() else {
            continue;
        };
        if f.period.is_none()
            && f.cumulative.is_none()
            && f.value <= figures::strike_scale(f.metric)
        {
            f.period = Some(Period::Event);
            f.cumulative = Some(false);
        }
    }
}

/// "ліквідовано ще 1430 окупантів та 12 танків": figures one loss word counts are one tally;
/// when one of them is beyond a strike's scale (and so has no period), a destroying verb made
/// none of them one strike's count.
fn one_tally(out: &mut [Mention]) {
    let open = |m: &Mention| {
        m.figure.as_ref().is_some_and(|f| {
            f.period.is_none()
                && f.cumulative.is_none()
                && f.value > figures::strike_scale(f.metric)
        })
    };
    let tallies: Vec<usize> = out
        .iter()
        .filter(|m| open(m))
        .filter_map(|m| m.group)
        .collect();
    for m in out
        .iter_mut()
        .filter(|m| m.group.is_some_and(|g| tallies.contains(&g)))
    {
        if let Some(f) = m
            .figure
            .as_mut()
            .filter(|f| f.period == Some(Period::Event))
        {
            f.period = None;
            f.cumulative = None;
        }
    }
}

/// The loss word of figure `f`, and whether it repeats the one of the accepted figure before
/// it in its sentence (ending at `before`): "lost 28 300 troops …, as well as 1,251 tanks", an
/// enumeration, shares its loss word; "(275 killed), (245 killed)" repeats it; a number
/// standing for an earlier figure takes that figure's (`anchored`).
fn loss_word(
    ctx: &Ctx,
    f: &FigureHit,
    before: Option<usize>,
    prev_trigger: Option<PhraseMatch<Role>>,
    anchored: Option<PhraseMatch<Role>>,
) -> (Option<PhraseMatch<Role>>, bool) {
    let continues = before
        .is_some_and(|last| f.first <= last + TRIGGER_REACH || enumerated(ctx, last, f.first));
    let parallel = continues && before.is_some_and(|last| parallel(ctx, last, f));
    let repeated = parallel
        .then(|| ctx.covering(f.last + 1, 0, is_trigger))
        .flatten();
    let trigger = repeated
        .or_else(|| trigger_for(ctx, f))
        .or(if continues { prev_trigger } else { None })
        .or(anchored)
        .or_else(|| named_figure(ctx, f));
    (trigger, parallel)
}

/// Words before a number a word for a figure may stand ("назвав цифру у 31 000 осіб").
const FIGURE_WORD_REACH: usize = 3;

/// "Зеленський оголосив про втрати серед українських військових. Він назвав цифру у 31 000
/// осіб": a number a word for a figure introduces counts the loss the sentence before told,
/// in its paragraph; that sentence's loss word is the figure's.
fn named_figure(ctx: &Ctx, f: &FigureHit) -> Option<PhraseMatch<Role>> {
    let s = ctx.doc.sentence_of(f.first);
    let sentence = ctx.sentence(s);
    let from = f
        .first
        .saturating_sub(FIGURE_WORD_REACH)
        .max(sentence.start);
    if s == 0 || !ctx.any_within(from..f.first, Role::FigureWord) || ctx.paragraph_start(s) == s {
        return None;
    }
    ctx.within(ctx.sentence(s - 1), |r| r == Role::LossWord)
        .last()
        .copied()
}

/// Loss mentions, in text order, from the text's figures (`figs`, in text order), leaving out
/// the figures a refusal counts when the refusal phrase is closer to them than their loss word
/// ("About 40 marines refused to advance after their commander was killed").
pub fn find(ctx: &Ctx, figs: &[FigureHit], taken: &[Taken]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut spots: Vec<(Option<usize>, usize)> = Vec::new();
    // The previous accepted figure: its sentence, side and last token.
    let mut prev: Option<(usize, Option<SideMark>, usize)> = None;
    let mut prev_trigger: Option<PhraseMatch<Role>> = None;
    // Accepted figures by first token: their loss word and side, for the numbers that stand
    // for them ("…, на курском — до 255").
    let mut accepted: Vec<(usize, Option<PhraseMatch<Role>>, Option<SideMark>)> = Vec::new();
    for (i, f) in figs.iter().enumerate() {
        let s = ctx.doc.sentence_of(f.first);
        let heading = figures::list_heading(ctx, s);
        let anchor = f
            .anchor
            .map(|a| accepted.iter().find(|(first, _, _)| *first == a));
        if anchor == Some(None) {
            continue;
        }
        let anchor = anchor.flatten();
        let before = prev.filter(|(ps, _, _)| *ps == s).map(|(_, _, last)| last);
        // "…потеряла шесть единиц бронетехники. Плюс около 20 человек": a sentence opening
        // with "плюс" or "ещё" goes on with the loss word and side of the one before.
        let carried = prev.filter(|(ps, _, _)| *ps + 1 == s && figures::continues_sentence(ctx, s));
        let anchored = anchor
            .and_then(|(_, t, _)| *t)
            .or(carried.and(prev_trigger));
        let (trigger, parallel) = loss_word(ctx, f, before, prev_trigger, anchored);
        let refused = taken.iter().any(|t| {
            t.fig == i
                && trigger
                    .as_ref()
                    .is_none_or(|x| f.gap(t.first, t.last) < f.gap(x.first, x.last))
        });
        let at = Admit { heading, parallel };
        if refused || !accepts(ctx, f, trigger.as_ref(), at) {
            continue;
        }
        let same_sentence = prev.filter(|(ps, _, _)| *ps == s);
        let prev_last = same_sentence.map(|(_, _, l)| l);
        let stands_for = anchor
            .and_then(|(_, _, side)| *side)
            .or(same_sentence.and_then(|(_, side, _)| side));
        let side = own_clause_side(ctx, f, prev_last)
            .or_else(|| names_no_one(ctx, f).then_some(stands_for).flatten())
            .or_else(|| side_of(ctx, f, trigger.as_ref(), prev_last))
            .or(same_sentence.and_then(|(_, side, _)| side))
            .or(anchor.and_then(|(_, _, side)| *side))
            .or(carried.and_then(|(_, side, _)| side))
            .or_else(|| side_around(ctx, f, s, heading));
        out.push(mention(ctx, f, trigger.as_ref(), side, prev_last));
        prev = Some((s, side, f.last));
        prev_trigger = trigger;
        accepted.push((f.first, trigger, side));
        spots.push((trigger.map(|x| x.first), f.first));
    }
    share_sides(ctx, &mut out, &spots);
    one_tally(&mut out);
    share_event(&mut out);
    let with_figures: Vec<usize> = out.iter().map(|m| m.sentence).collect();
    let before = out.len();
    unnumbered::destroyed(ctx, &with_figures, &mut out);
    unnumbered::fell_in_combat(ctx, &with_figures, &mut out);
    unnumbered::suffered(ctx, &with_figures, &mut out);
    unnumbered::personnel_lost(ctx, &with_figures, &mut out);
    // "колонна российской бронетехники прорвалась … этот десант был уничтожен": a loss
    // without a count and with no side of its own is the one side its paragraph names.
    for m in out[before..].iter_mut().filter(|m| m.side.is_none()) {
        m.side = ctx.paragraph_side_before(m.sentence);
    }
    unnumbered::share_lost(ctx, &mut out);
    for m in &mut out {
        m.other_conflict = other_war(ctx, m.sentence);
    }
    out.sort_by_key(|m| m.evidence.0);
    out
}

/// "51 Ukrainian soldiers were killed and more than 200 wounded", "…, на курском — до 255": a
/// count whose noun is left out, or is only a word of hurt, or that stands for an earlier
/// figure, counts the soldiers of the figure before it and takes that figure's side.
fn names_no_one(ctx: &Ctx, f: &FigureHit) -> bool {
    let bare = f.metric_first == f.num.first && f.metric_last == f.num.last;
    let hurt_noun = ctx
        .within(f.metric_first..f.metric_last + 1, |r| {
            matches!(r, Role::Killed | Role::Wounded)
        })
        .next()
        .is_some();
    // "Украина — 48 российских": a side named inside the figure is its own.
    let names_own = !ctx.markers(f.first..f.last + 1).is_empty();
    (bare || hurt_noun || f.anchor.is_some()) && !names_own
}

/// The loss mention of accepted figure `f` with its loss word and side; `prev_last` ends the
/// accepted figure before it in its sentence.
fn mention(
    ctx: &Ctx,
    f: &FigureHit,
    trigger: Option<&PhraseMatch<Role>>,
    side: Option<SideMark>,
    prev_last: Option<usize>,
) -> Mention {
    Mention {
        category: Category::Losses,
        sentence: ctx.doc.sentence_of(f.first),
        anchor: trigger.map_or(f.first, |x| x.first.min(f.first)),
        evidence: evidence(ctx, f, trigger, prev_last),
        figure: Some(loss_figure(ctx, f, trigger)),
        daily: f.daily,
        side,
        needs_claimant: false,
        // A number standing for an earlier figure is a figure of its own, not a part of that
        // figure's enumeration.
        group: trigger.filter(|_| f.anchor.is_none()).map(|x| x.first),
        other_conflict: false,
    }
}

/// The claim's figure: the metric refined by its loss word, and a running total for a
/// whole-war figure, or one strike's count for a struck one, where the text does not say.
fn loss_figure(ctx: &Ctx, f: &FigureHit, trigger: Option<&PhraseMatch<Role>>) -> Figure {
    let metric = refine_personnel(ctx, f, trigger);
    let struck = struck(f, trigger);
    let (cumulative, period) = if f.cumulative.is_none() && figures::whole_war(metric, f.value) {
        (Some(true), Some(Period::Total))
    } else {
        (
            f.cumulative.or(struck.then_some(false)),
            f.period.or(struck.then_some(Period::Event)),
        )
    };
    Figure {
        metric,
        value: f.value,
        delta: f.delta.map(|d| d.value),
        cumulative,
        period,
        qualifier: f.qualifier,
        low: f.num.low,
        high: f.num.low.map(|_| f.value),
    }
}
