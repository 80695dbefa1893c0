//! Whose loss: the side a loss figure belongs to, from the marker on the figure, the side
//! beside its loss word, the attacker before an active verb, the owner named after an
//! enumeration, the side attacked nearby, the paragraph's one side, or the side a list of the
//! dead describes.

use super::super::context::{Ctx, Marker};
use super::super::figures::FigureHit;
use super::super::lexicon::Role;
use super::super::matcher::PhraseMatch;
use super::super::mention::{is_passive, nearest, own_end, owned, owner_range};

/// An impersonal short participle ("уничтожено", "ликвидировано", "знищено"): neuter
/// singular, its subject unnamed.
fn impersonal(ctx: &Ctx, t: usize) -> bool {
    let w = ctx.doc.word(t);
    w.chars().count() > 5 && (w.ends_with("но") || w.ends_with("то"))
}

/// Whose loss: a marker on the figure itself ("1 240 солдат ВСУ", "four Russian tanks"), the
/// side beside the loss word ("потери ВСУ", "Russia has lost"), or the attacker before an
/// active verb ("Ukrainian forces destroyed") — the loss then being the other side's.
pub(super) fn side_of(
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
                .or(Some((m, ctx.names_agent(&m))));
        }
        Some(m) => return Some((m, ctx.names_agent(&m) || ctx.names_striker(&m))),
        None => {}
    }
    side_by_trigger(ctx, f, trigger, prev_last).or_else(|| owner(ctx, f).map(|m| (m, false)))
}

/// "у противника до 20 погибших", "у ВСУ 40 двухсотых": the side named after "у" right before
/// the figure, in its clause.
fn owner(ctx: &Ctx, f: &FigureHit) -> Option<Marker> {
    ctx.markers(owner_range(ctx, f.first))
        .into_iter()
        .find(|m| owned(ctx, m.first))
}

/// "Украина получила тела 1 000 погибших военнослужащих, российской стороне переданы 31
/// тело": a figure opening a clause of its own after the figure before it (ending at
/// `prev_last`) takes the side its clause names before it, not the one of the loss word it
/// shares with that figure.
pub(super) fn own_clause_side(
    ctx: &Ctx,
    f: &FigureHit,
    prev_last: Option<usize>,
) -> Option<(Marker, bool)> {
    let p = prev_last?;
    let clause = ctx.clause(f.first);
    if clause.start <= p {
        return None;
    }
    let m = ctx.markers(clause.start..f.first).into_iter().last()?;
    Some((m, ctx.names_agent(&m) || ctx.names_striker(&m)))
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
    // A marker right after a number names what that number counts ("взяли в полон 12
    // російських військових і знищили три БМП"): an object, not the attacker.
    let counted = |m: &Marker| ctx.nums.iter().any(|n| n.last + 1 == m.first);
    let before = |reach: usize| {
        let from = x.first.saturating_sub(reach).max(floor);
        let markers = ctx.markers(from..x.first.max(from));
        markers.into_iter().rfind(|m| !counted(m))
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
            before(6)
                .or_else(|| opening_subject(ctx, x.first))
                .map(|m| (m, true))
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
        // "уничтожено … ВСУ", "силами ВС РФ ликвидировано": the loser unless named as agent
        // or as who struck ("killed in a Russian missile strike"). An impersonal participle
        // ("ВС РФ ликвидировано более 600 человек") takes its patient after it: a side before
        // it is the agent; a plural one agrees with the side before it ("подразделения ВСУ
        // уничтожены").
        _ => {
            let acted = |m: &Marker| ctx.names_agent(m) || ctx.names_striker(m);
            after().map(|m| (m, acted(&m))).or_else(|| {
                before(6).map(|m| {
                    let agent = impersonal(ctx, x.last) && !struck_owner(ctx, &m, clause.start);
                    (m, acted(&m) || agent)
                })
            })
        }
    }
}

/// A side named inside what a strike hit ("ударом по штабу подразделения ГУР Украины …
/// уничтожено"): the owner of the target, not the agent of the participle after it.
fn struck_owner(ctx: &Ctx, m: &Marker, clause_start: usize) -> bool {
    ctx.any_within(clause_start..m.first, Role::Target)
}

/// Words at the start of a sentence where its subject stands.
const SUBJECT_WORDS: usize = 3;

/// The side a sentence opens with, as its subject, when it names it in its first words and
/// before token `verb` ("Українські десантники взяли в полон … і знищили три БМП").
fn opening_subject(ctx: &Ctx, verb: usize) -> Option<Marker> {
    let sentence = ctx.doc.sentence_range(verb);
    let to = (sentence.start + SUBJECT_WORDS).min(verb);
    ctx.markers(sentence.start..to.max(sentence.start))
        .into_iter()
        .next()
}

/// The side of a figure `f` in sentence `s` that names none of its own, from the text around
/// it: the owner named after it, the side attacked nearby, the paragraph's one side, the side
/// a list of the dead describes, or the first side its list's heading names.
pub(super) fn side_around(
    ctx: &Ctx,
    f: &FigureHit,
    s: usize,
    heading: Option<usize>,
) -> Option<(Marker, bool)> {
    owner_after(ctx, f)
        .or_else(|| weapon_lost(ctx, f))
        .or_else(|| attacked_side(ctx, s))
        .or_else(|| ctx.paragraph_side_before(s))
        .or_else(|| dead_list_side(ctx, f))
        .or_else(|| {
            let h = heading?;
            ctx.markers(ctx.sentence(h))
                .into_iter()
                .next()
                .map(|m| (m, false))
        })
}

/// "уничтожено две гаубицы Д-30 и до семи миномётных расчётов ВСУ": the owner named at the
/// end of the figure's clause, after an enumeration, is the loser.
fn owner_after(ctx: &Ctx, f: &FigureHit) -> Option<(Marker, bool)> {
    let clause = ctx.clause(f.last);
    let m = ctx
        .markers(f.last + 1..clause.end.max(f.last + 1))
        .into_iter()
        .next()?;
    (m.side.is_some() && !ctx.names_agent(&m)).then_some((m, false))
}

/// "поражены 3 пусковые установки HIMARS": a weapon only one side fires, named as what the
/// figure counts, is that side's loss (not the attacker's mark, as in "удар ATACMS").
fn weapon_lost(ctx: &Ctx, f: &FigureHit) -> Option<(Marker, bool)> {
    let clause = ctx.clause(f.last);
    let end = (f.last + 3).min(clause.end).max(f.first);
    let x = ctx
        .within(f.first..end, |r| matches!(r, Role::AttackBy(_)))
        .next()?;
    let Role::AttackBy(side) = x.role else {
        return None;
    };
    let m = Marker {
        side: Some(side),
        first: x.first,
        last: x.last,
    };
    Some((m, false))
}

/// Names counted in a list of the dead ("поименный список российских военных, погибших …"):
/// the side the list's description names.
fn dead_list_side(ctx: &Ctx, f: &FigureHit) -> Option<(Marker, bool)> {
    if !ctx.has_at(f.metric_first, Role::NameCount) {
        return None;
    }
    let list = ctx
        .within(0..f.metric_first, |r| r == Role::DeadList)
        .last()?;
    let sentence = ctx.doc.sentence_range(list.first);
    let m = ctx.markers(sentence).into_iter().next()?;
    Some((m, false))
}

/// The side attacked around sentence `s`: an attack verb with a side marker before it in its
/// clause ("ВСУ нанесли удар ATACMS по аэродрому", "Russian forces struck …"), or a weapon only
/// one side fires, not counted, in the sentence or the one before it in the paragraph; the
/// losses told there without a side of their own are the attacked side's.
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
        // A weapon counted ("в том числе три HIMARS") was lost, it did not strike.
        let counted = |x: &&PhraseMatch<Role>| ctx.nums.iter().any(|n| n.last + 1 == x.first);
        if let Some(x) = ctx
            .within(range, |r| matches!(r, Role::AttackBy(_)))
            .find(|x| !counted(x))
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
