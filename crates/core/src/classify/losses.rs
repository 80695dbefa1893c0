//! Loss reports: figures that count military personnel or equipment lost, killed or destroyed
//! (not civilians, not drones shot down by air defence, not a hypothetical), and equipment
//! reported destroyed without a number. Each becomes a mention with its evidence and the side
//! marker that tells whose loss it is.

use super::admit::{accepts, other_war, refine_personnel};
use super::context::{Ctx, Marker};
use super::figures::{self, FigureHit};
use super::lexicon::Role;
use super::matcher::PhraseMatch;
use super::mention::{
    Mention, SideMark, TRIGGER_REACH, Taken, is_passive, is_trigger, nearest, own_end,
};
use super::unnumbered;
use crate::model::{Category, Figure};

/// The loss word the figure belongs to: a loss or destroying word before an "убитыми", one
/// before the figure before one after it, then the nearest.
fn trigger_for(ctx: &Ctx, f: &FigureHit) -> Option<PhraseMatch<Role>> {
    let range = ctx.doc.sentence_range(f.first);
    ctx.within(range, is_trigger)
        .filter(|x| {
            let inside = x.first >= f.first && x.last <= f.last;
            let near = x.last + TRIGGER_REACH >= f.first && x.first <= f.last + TRIGGER_REACH;
            !inside && near && !ctx.in_name(x.first)
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

/// An impersonal short participle ("уничтожено", "ликвидировано", "знищено"): neuter
/// singular, its subject unnamed.
fn impersonal(ctx: &Ctx, t: usize) -> bool {
    let w = ctx.doc.word(t);
    w.chars().count() > 5 && (w.ends_with("но") || w.ends_with("то"))
}

/// "силами ВС РФ ликвидировано": a marker right after an agent word names the attacker.
fn after_agent_word(ctx: &Ctx, m: &Marker) -> bool {
    m.first > 0 && ctx.has_at(m.first - 1, Role::AgentMark)
}

/// Whose loss: a marker on the figure itself ("1 240 солдат ВСУ", "four Russian tanks"), the
/// side beside the loss word ("потери ВСУ", "Russia has lost"), or the attacker before an
/// active verb ("Ukrainian forces destroyed") — the loss then being the other side's.
fn side_of(
    ctx: &Ctx,
    f: &FigureHit,
    trigger: Option<&PhraseMatch<Role>>,
    prev_last: Option<usize>,
) -> Option<(Marker, bool)> {
    let own = nearest(ctx.markers(f.first..own_end(ctx, f)), f.first);
    match own {
        // "14 танков противника": whose enemy is told by the attacker, if named.
        Some(m) if m.side.is_none() => {
            let by_trigger = side_by_trigger(ctx, f, trigger, prev_last);
            return by_trigger
                .filter(|(b, _)| b.side.is_some())
                .or(Some((m, after_agent_word(ctx, &m))));
        }
        Some(m) => return Some((m, after_agent_word(ctx, &m))),
        None => {}
    }
    side_by_trigger(ctx, f, trigger, prev_last)
}

fn side_by_trigger(
    ctx: &Ctx,
    f: &FigureHit,
    trigger: Option<&PhraseMatch<Role>>,
    prev_last: Option<usize>,
) -> Option<(Marker, bool)> {
    // "Russian military fatalities have reached 990,800": modifiers before a leading noun.
    if f.metric_first < f.num.first {
        let clause = ctx.clause(f.metric_first);
        let from = f.metric_first.saturating_sub(3).max(clause.start);
        if let Some(m) = ctx.markers(from..f.metric_first).into_iter().last() {
            return Some((m, false));
        }
    }
    let x = trigger?;
    let clause = ctx.clause(x.first);
    let floor = clause.start.max(prev_last.map_or(0, |p| p + 1));
    let before = |reach: usize| {
        let from = x.first.saturating_sub(reach).max(floor);
        ctx.markers(from..x.first.max(from)).into_iter().last()
    };
    let after = || {
        let to = (x.last + 4).min(clause.end).max(x.last + 1);
        ctx.markers(x.last + 1..to).into_iter().next()
    };
    match x.role {
        Role::AgentVerb if !is_passive(ctx, x) => {
            let between = ctx.markers(x.last + 1..f.first.max(x.last + 1));
            if let Some(m) = between.into_iter().next() {
                return Some((m, false));
            }
            before(6).map(|m| (m, true))
        }
        // "потери ВСУ", "Russian losses", "Russia has lost", "lost by Russia": the side named
        // is the loser — right beside the word first, then the subject before it, then the
        // subject of the sentence ("ВСУ попытались выбраться, потеряв около 130 бойцов").
        Role::LossWord => {
            let beside = ctx
                .markers(x.last + 1..(x.last + 3).min(clause.end).max(x.last + 1))
                .into_iter()
                .next()
                .or_else(|| before(1));
            let sentence = ctx.doc.sentence_range(x.first);
            let subject = || {
                let from = sentence
                    .start
                    .max(prev_last.map_or(0, |p| p + 1))
                    .max(x.first.saturating_sub(14));
                ctx.markers(from..clause.start.max(from)).into_iter().last()
            };
            beside
                .or_else(|| before(10))
                .or_else(after)
                .or_else(subject)
                .map(|m| (m, false))
        }
        // "уничтожено … ВСУ", "силами ВС РФ ликвидировано": the loser unless named as agent.
        // An impersonal participle ("ВС РФ ликвидировано более 600 человек") takes its
        // patient after it: a side before it is the agent; a plural one agrees with the side
        // before it ("подразделения ВСУ уничтожены").
        _ => after().map(|m| (m, after_agent_word(ctx, &m))).or_else(|| {
            before(6).map(|m| (m, after_agent_word(ctx, &m) || impersonal(ctx, x.last)))
        }),
    }
}

/// A figure counted by a verb of destroying ("ВС РФ поразили три пусковые установки",
/// "уничтожено около 100 бойцов") with no period of its own tells one strike or battle; "ВСУ
/// потеряли до 480" (a loss word) may be a day's or any other tally and stays open.
fn struck(f: &FigureHit, trigger: Option<&PhraseMatch<Role>>) -> bool {
    // One strike or battle destroys dozens, not the hundreds or thousands of a tally.
    f.period.is_none()
        && figures::incident_scale(f)
        && trigger.is_some_and(|x| matches!(x.role, Role::AgentVerb | Role::DestroyedWord))
}

/// "уничтожено две гаубицы Д-30 и до семи миномётных расчётов ВСУ": the owner named at the
/// end of the figure's clause, after an enumeration, is the loser.
fn owner_after(ctx: &Ctx, f: &FigureHit) -> Option<(Marker, bool)> {
    let clause = ctx.clause(f.last);
    let m = ctx
        .markers(f.last + 1..clause.end.max(f.last + 1))
        .into_iter()
        .next()?;
    (m.side.is_some() && !after_agent_word(ctx, &m)).then_some((m, false))
}

/// The one side named before sentence `s` in its paragraph, when the paragraph names only
/// one ("ВСУшникам пришлось отступать … до 20 человек «трёхсотые»"): the losses told there
/// without a side are that side's.
fn segment_side(ctx: &Ctx, s: usize) -> Option<(Marker, bool)> {
    let paragraph = ctx.doc.sentences.get(s)?.paragraph;
    let from = (0..=s)
        .rev()
        .take_while(|&k| ctx.doc.sentences[k].paragraph == paragraph)
        .last()?;
    let markers = ctx.markers(ctx.sentence(from).start..ctx.sentence(s).start);
    let first = *markers.first()?;
    let side = first.side?;
    markers
        .iter()
        .all(|m| m.side == Some(side))
        .then_some((first, false))
}

/// The side attacked around sentence `s`: an attack verb with a side marker before it in its
/// clause ("ВСУ нанесли удар ATACMS по аэродрому", "Russian forces struck …"), in the sentence
/// or the one before it in the paragraph; the losses told there without a side of their own
/// are the attacked side's.
fn attacked_side(ctx: &Ctx, s: usize) -> Option<(Marker, bool)> {
    let paragraph = ctx.doc.sentences.get(s)?.paragraph;
    // The sentence, up to three before it in its paragraph, then the lead paragraph.
    let mut sentences: Vec<usize> = (s.saturating_sub(3)..=s)
        .rev()
        .filter(|&k| ctx.doc.sentences[k].paragraph == paragraph)
        .collect();
    if paragraph == 1 {
        sentences.extend((0..s).filter(|&k| ctx.doc.sentences[k].paragraph == 0));
    }
    for k in sentences {
        let range = ctx.sentence(k);
        for x in ctx.within(range.clone(), |r| r == Role::AttackVerb) {
            let clause = ctx.clause(x.first);
            if let Some(m) = ctx.markers(clause.start..x.first).into_iter().last() {
                return Some((m, true));
            }
        }
        if let Some(x) = ctx.within(range, |r| matches!(r, Role::AttackBy(_))).next()
            && let Role::AttackBy(side) = x.role
        {
            let m = Marker {
                side: Some(side),
                first: x.first,
                last: x.last,
            };
            return Some((m, true));
        }
    }
    None
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
    let mut end = ctx.end_of(f.last.max(f.marker_last.unwrap_or(0)));
    if let Some(d) = f.delta
        && d.adjacent
        && f.marker_last.is_none()
    {
        end = end.max(d.close);
    }
    (ctx.start_of(start_tok), end)
}

fn gap(f: &FigureHit, first: usize, last: usize) -> usize {
    if last < f.first {
        f.first - last
    } else {
        first.saturating_sub(f.last)
    }
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
        // "lost 28 300 troops …, as well as 1,251 tanks": an enumeration shares its loss word.
        let continues = prev.is_some_and(|(ps, _, last)| {
            ps == s && (f.first <= last + TRIGGER_REACH || enumerated(ctx, last, f.first))
        });
        let trigger = trigger_for(ctx, f)
            .or(if continues { prev_trigger } else { None })
            .or(anchor.and_then(|(_, t, _)| *t));
        let refused = taken.iter().any(|t| {
            t.fig == i
                && trigger
                    .as_ref()
                    .is_none_or(|x| gap(f, t.first, t.last) < gap(f, x.first, x.last))
        });
        if refused || !accepts(ctx, f, trigger.as_ref(), heading) {
            continue;
        }
        let same_sentence = prev.filter(|(ps, _, _)| *ps == s);
        let mut side = side_of(ctx, f, trigger.as_ref(), same_sentence.map(|(_, _, l)| l));
        if side.is_none() {
            side = same_sentence.and_then(|(_, side, _)| side);
        }
        if side.is_none() {
            side = anchor.and_then(|(_, _, side)| *side);
        }
        if side.is_none() {
            side = owner_after(ctx, f);
        }
        if side.is_none() {
            side = attacked_side(ctx, s);
        }
        if side.is_none() {
            side = segment_side(ctx, s);
        }
        if side.is_none()
            && let Some(h) = heading
        {
            side = ctx
                .markers(ctx.sentence(h))
                .into_iter()
                .next()
                .map(|m| (m, false));
        }
        let ev = evidence(ctx, f, trigger.as_ref(), same_sentence.map(|(_, _, l)| l));
        let metric = refine_personnel(ctx, f, trigger.as_ref());
        let struck = struck(f, trigger.as_ref());
        let (cumulative, period) = if f.cumulative.is_none() && figures::whole_war(metric, f.value)
        {
            (Some(true), Some(crate::model::Period::Total))
        } else {
            (
                f.cumulative.or(struck.then_some(false)),
                f.period.or(struck.then_some(crate::model::Period::Event)),
            )
        };
        out.push(Mention {
            category: Category::Losses,
            sentence: s,
            anchor: trigger.map_or(f.first, |x| x.first.min(f.first)),
            evidence: ev,
            figure: Some(Figure {
                metric,
                value: f.value,
                delta: f.delta.map(|d| d.value),
                cumulative,
                period,
                qualifier: f.qualifier,
                low: f.num.low,
                high: f.num.low.map(|_| f.value),
            }),
            daily: f.daily,
            side,
            needs_claimant: false,
            // A number standing for an earlier figure is a figure of its own, not a part of
            // that figure's enumeration.
            group: trigger.filter(|_| f.anchor.is_none()).map(|x| x.first),
            other_conflict: false,
        });
        prev = Some((s, side, f.last));
        prev_trigger = trigger;
        accepted.push((f.first, trigger, side));
        spots.push((trigger.map(|x| x.first), f.first));
    }
    share_sides(ctx, &mut out, &spots);
    let with_figures: Vec<usize> = out.iter().map(|m| m.sentence).collect();
    unnumbered::destroyed(ctx, &with_figures, &mut out);
    unnumbered::share_lost(ctx, &mut out);
    for m in &mut out {
        m.other_conflict = other_war(ctx, m.sentence);
    }
    out.sort_by_key(|m| m.evidence.0);
    out
}
