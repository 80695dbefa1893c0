//! Loss reports without a count: equipment or units reported destroyed ("уничтожили танк
//! Т-64", "завершили уничтожение группировки"), a share of a force lost ("lost 25% of its
//! combat power"), one soldier killed in combat ("погиб в бою": one killed, one event), and a
//! force said to suffer losses ("бригада ВСУ понесла значительные потери"). A share counts
//! only when someone is named as claiming it; a destroyed thing only in a military sentence or
//! with a named claimant; losses suffered only by a military subject.

use super::context::{Ctx, Marker};
use super::lexicon::Role;
use super::mention::{Mention, SideMark, hypothetical_before, is_passive, nearest};
use crate::model::{Category, Figure, Metric, Period};

fn is_air(r: Role) -> bool {
    matches!(
        r,
        Role::Metric(Metric::Uav) | Role::Metric(Metric::CruiseMissiles)
    )
}

fn is_military(r: Role) -> bool {
    matches!(r, Role::MilitaryContext | Role::Side(_) | Role::Enemy)
}

/// Equipment or units destroyed, in sentences without a loss figure, outside interception
/// reports (air defence words, or drones or missiles among the things destroyed).
pub fn destroyed(ctx: &Ctx, with_figures: &[usize], out: &mut Vec<Mention>) {
    let mut last_end = 0usize;
    // The previous one: its sentence, last token and side ("ВСУ подбили танк и уничтожили …").
    let mut prev: Option<(usize, usize, Option<SideMark>)> = None;
    for x in ctx.m.all().iter().filter(|x| x.role == Role::Destroyed) {
        let s = ctx.doc.sentence_of(x.first);
        if x.first < last_end || hypothetical_before(ctx, x.first) || with_figures.contains(&s) {
            continue;
        }
        let sentence = ctx.sentence(s);
        let air_in_phrase = ctx.within(x.first..x.last + 1, is_air).next().is_some();
        if air_in_phrase || ctx.any_within(sentence.clone(), Role::Interception) {
            continue;
        }
        last_end = x.last + 1;
        let active = ctx.has_at(x.first, Role::AgentVerb) && !is_passive(ctx, x);
        // The side after the destroyed thing, in its clause ("колонна бронетехники морской
        // пехоты ВСУ").
        let clause = ctx.clause(x.last);
        let after = ctx.markers(x.first..(x.last + 5).min(clause.end).max(x.first));
        let same = prev.filter(|(ps, _, _)| *ps == s);
        let floor = same.map_or(sentence.start, |(_, last, _)| last + 1);
        // "The Russian army lost an entire brigade": the subject of a word of loss lost it.
        let lost = ctx.has_at(x.first, Role::LossWord);
        let side = match after.into_iter().next() {
            Some(m) => Some((m, false)),
            None if active || lost => {
                let from = x.first.saturating_sub(5).max(floor);
                nearest(ctx.markers(from..x.first.max(from)), x.first).map(|m| (m, active))
            }
            None => None,
        }
        .or_else(|| same.and_then(|(_, _, side)| side));
        prev = Some((s, x.last, side));
        let military = ctx.within(sentence, is_military).next().is_some();
        out.push(Mention {
            category: Category::Losses,
            sentence: s,
            anchor: x.first,
            evidence: (ctx.start_of(x.first), ctx.end_of(x.last)),
            figure: None,
            side,
            daily: false,
            needs_claimant: !military,
            group: None,
            other_conflict: false,
        });
    }
}

/// A share in words: "half", "a third", "половину", "третину", "чверть".
fn is_fraction(word: &str) -> bool {
    [
        "half",
        "third",
        "thirds",
        "quarter",
        "половин",
        "трет",
        "четверт",
        "чверт",
    ]
    .iter()
    .any(|stem| word.starts_with(stem))
}

/// "Russia has lost about 25% of the combat power it sent": a share, not a count.
pub fn share_lost(ctx: &Ctx, out: &mut Vec<Mention>) {
    for x in ctx.m.all().iter().filter(|x| x.role == Role::ShareLost) {
        let percent = ctx
            .nums
            .iter()
            .any(|n| n.percent && n.first >= x.first && n.last <= x.last);
        let fraction = (x.first..=x.last).any(|t| is_fraction(ctx.doc.word(t)));
        if !(percent || fraction) || hypothetical_before(ctx, x.first) {
            continue;
        }
        let clause = ctx.clause(x.first);
        let from = x.first.saturating_sub(6).max(clause.start);
        let side = ctx
            .markers(from..x.first)
            .into_iter()
            .last()
            .map(|m| (m, false));
        out.push(Mention {
            category: Category::Losses,
            sentence: ctx.doc.sentence_of(x.first),
            anchor: x.first,
            evidence: (
                ctx.start_of(from.min(side.map_or(x.first, |(m, _)| m.first))),
                ctx.end_of(x.last),
            ),
            figure: None,
            side,
            daily: false,
            needs_claimant: true,
            group: None,
            other_conflict: false,
        });
    }
}

/// "«Щит» погиб на Донецком направлении при проведении штурмовых действий": a singular verb
/// of dying and where it happened tell one soldier killed in one incident, in sentences
/// without a loss figure and without civilians; "получил более 40 осколков" tells one
/// wounded, in a paragraph about soldiers.
pub fn fell_in_combat(ctx: &Ctx, with_figures: &[usize], out: &mut Vec<Mention>) {
    let hurt = |r: Role| matches!(r, Role::FellInCombat | Role::WoundedInCombat);
    for x in ctx.m.all().iter().filter(|x| hurt(x.role)) {
        let s = ctx.doc.sentence_of(x.first);
        let sentence = ctx.sentence(s);
        // A wound says nothing of where: the paragraph must be about soldiers.
        let wounded = x.role == Role::WoundedInCombat;
        if with_figures.contains(&s)
            || out.iter().any(|m| m.sentence == s)
            || hypothetical_before(ctx, x.first)
            || ctx.any_within(sentence.clone(), Role::CivilianContext)
            || (wounded && !military_paragraph(ctx, s))
        {
            continue;
        }
        let metric = if wounded {
            Metric::Wounded
        } else {
            Metric::Killed
        };
        out.push(Mention {
            category: Category::Losses,
            sentence: s,
            anchor: x.first,
            evidence: (ctx.start_of(x.first), ctx.end_of(x.last)),
            figure: Some(Figure::new(metric, 1).with_period(Some(Period::Event))),
            side: victim_side(ctx, x.first),
            daily: false,
            needs_claimant: false,
            group: None,
            other_conflict: false,
        });
    }
}

/// The side of the one who fell at token `t`: the side its clause names nearest to it, other
/// than who struck the blow ("a Ukrainian soldier was killed in a Russian missile strike"); else
/// the striker's enemy.
fn victim_side(ctx: &Ctx, t: usize) -> Option<SideMark> {
    let markers = ctx.markers(ctx.clause(t));
    let (strikers, others): (Vec<Marker>, Vec<Marker>) =
        markers.into_iter().partition(|m| ctx.names_striker(m));
    nearest(others, t)
        .map(|m| (m, false))
        .or_else(|| nearest(strikers, t).map(|m| (m, true)))
}

/// The paragraph of sentence `s`, up to it, speaks of soldiers (a side alone may be the
/// attacker of civilians).
fn military_paragraph(ctx: &Ctx, s: usize) -> bool {
    let range = ctx.sentence(ctx.paragraph_start(s)).start..ctx.sentence(s).end;
    ctx.any_within(range, Role::MilitaryContext)
}

/// Words before "понесли потери" where its subject is looked for.
const SUBJECT_REACH: usize = 6;

/// "Горно-штурмовая бригада ВСУ понесла ощутимые потери": a force (a military word just
/// before the verb in its clause) suffering losses without a count, in a post that counts
/// none (where it does, the count is the claim and "heavy losses" its colour) and in a sentence
/// without another loss report; not when denied ("не понесли потерь") or hypothetical. The
/// side is the subject's.
pub fn suffered(ctx: &Ctx, with_figures: &[usize], out: &mut Vec<Mention>) {
    if !with_figures.is_empty() {
        return;
    }
    for x in ctx
        .m
        .all()
        .iter()
        .filter(|x| x.role == Role::SufferedLosses)
    {
        let s = ctx.doc.sentence_of(x.first);
        let clause = ctx.clause(x.first);
        let denied = x.first > clause.start && denial(ctx.doc.word(x.first - 1));
        if out.iter().any(|m| m.sentence == s) || denied || hypothetical_before(ctx, x.first) {
            continue;
        }
        let own_subject = x.first.saturating_sub(SUBJECT_REACH).max(clause.start)..x.first;
        // A force, not a country ("Украина уже понесла большие потери" in a poll).
        let force = |r: Role| matches!(r, Role::MilitaryContext | Role::Enemy);
        // "Колонна ВСУ поражена беспилотниками, …, есть погибшие": the people of a military
        // thing struck earlier in the sentence.
        let subject = if ctx.within(own_subject.clone(), force).next().is_some() {
            own_subject
        } else if let Some(blow) = struck_before(ctx, s, x.first) {
            blow
        } else {
            continue;
        };
        let side = ctx
            .markers(subject)
            .into_iter()
            .rfind(|m| !ctx.names_agent(m))
            .map(|m| (m, false));
        out.push(Mention {
            category: Category::Losses,
            sentence: s,
            anchor: x.first,
            evidence: (ctx.start_of(clause.start), ctx.end_of(x.last)),
            figure: None,
            side,
            daily: false,
            needs_claimant: false,
            group: None,
            other_conflict: false,
        });
    }
}

/// Where sentence `s`, before token `t`, tells a military thing struck or destroyed: a
/// military word before a participle of striking ("Колонна ВСУ поражена"), or right after a
/// verb of striking ("поразили колонну ВСУ"); not one who struck ("ВСУ поразили дом").
fn struck_before(ctx: &Ctx, s: usize, t: usize) -> Option<std::ops::Range<usize>> {
    const OBJECT_WORDS: usize = 3;
    let from = ctx.sentence(s).start;
    let blow = ctx
        .within(from..t, |r| {
            matches!(r, Role::DestroyedWord | Role::AgentVerb)
        })
        .next()?;
    let force = |r: Role| matches!(r, Role::MilitaryContext | Role::Enemy);
    let range = if blow.role == Role::DestroyedWord {
        from..blow.first
    } else {
        blow.last + 1..(blow.last + 1 + OBJECT_WORDS).min(t)
    };
    ctx.within(range.clone(), force).next().map(|_| range)
}

/// "Поражена РЛС, есть потери среди личного состава", "опорный пункт уничтожен вместе с
/// личным составом": the people of a struck place or machine lost, without a count, in a post
/// that counts nothing; the side is the one its sentence names, other than an attacker.
pub fn personnel_lost(ctx: &Ctx, with_figures: &[usize], out: &mut Vec<Mention>) {
    if !with_figures.is_empty() {
        return;
    }
    for x in ctx.m.all().iter().filter(|x| x.role == Role::PersonnelLost) {
        let s = ctx.doc.sentence_of(x.first);
        let clause = ctx.clause(x.first);
        let denied = x.first > clause.start && denial(ctx.doc.word(x.first - 1));
        if out.iter().any(|m| m.sentence == s) || denied || hypothetical_before(ctx, x.first) {
            continue;
        }
        let side = nearest(
            ctx.markers(ctx.sentence(s))
                .into_iter()
                .filter(|m| !ctx.names_agent(m))
                .collect(),
            x.first,
        )
        .map(|m| (m, false));
        out.push(Mention {
            category: Category::Losses,
            sentence: s,
            anchor: x.first,
            evidence: (ctx.start_of(ctx.sentence(s).start), ctx.end_of(x.last)),
            figure: None,
            side,
            daily: false,
            needs_claimant: !military_paragraph(ctx, s),
            group: None,
            other_conflict: false,
        });
    }
}

/// A word that denies the verb after it.
fn denial(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "не" | "ни" | "ні" | "not" | "no" | "never" | "без"
    )
}
