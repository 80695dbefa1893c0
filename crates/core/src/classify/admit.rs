//! Whether a figure found near a loss word is a military loss claim — not civilians, not a
//! hypothetical, not money, not another war, not drones shot down — and what a personnel figure
//! counts (killed, wounded, or both).

use super::context::Ctx;
use super::figures::FigureHit;
use super::lexicon::Role;
use super::matcher::PhraseMatch;
use super::mention::{hypothetical_before, is_trigger, own_end, owned, owner_range};
use super::model_names::words_back;
use crate::model::Metric;

/// A figure counted by a word that also counts civilians ("человек", "погибших") is a loss
/// only when the loss is tied to a military side: a loss or destroying word with a side or
/// military word beside it ("ВСУ потеряли … человек"), a military word right after the
/// figure ("человек личного состава"), a list under a loss heading, or an item of an
/// enumeration that repeats the loss word of the military loss before it ("Ukrainian losses
/// were heavy in the “South” (275 killed), “North” (245 killed)").
fn military_enough(
    ctx: &Ctx,
    f: &FigureHit,
    trigger: Option<&PhraseMatch<Role>>,
    at: Admit,
) -> bool {
    let range = ctx.doc.sentence_range(f.first);
    if ctx.any_within(range.clone(), Role::CivilianContext) {
        return false;
    }
    if (at.heading.is_some() && trigger.is_none()) || at.parallel {
        return true;
    }
    // Bodies handed between the sides are the war's dead soldiers.
    if f.metric == Metric::Killed && ctx.any_within(range.clone(), Role::BodyExchange) {
        return true;
    }
    let military = |r: Role| matches!(r, Role::MilitaryContext | Role::Side(_) | Role::Enemy);
    if ctx.any_within(own_start(ctx, f)..own_end(ctx, f), Role::MilitaryContext)
        || owned_by_force(ctx, f)
    {
        return true;
    }
    match trigger {
        // Soldiers' slang for their dead and wounded ("двухсотые", "200-х") is military itself.
        Some(x) if ctx.has_at(x.first, Role::MilitaryContext) => true,
        Some(x)
            if matches!(
                x.role,
                Role::LossWord | Role::DestroyedWord | Role::AgentVerb
            ) =>
        {
            // Around the loss word, in its own sentence (a number standing for an earlier
            // figure takes that figure's loss word: "…потеряла 16 тысяч человек. А в Курской
            // области — больше 26 тысяч").
            let range = ctx.doc.sentence_range(x.first);
            let from = words_back(ctx.doc, x.first, 4, range.start);
            let to = (x.last + 4).min(range.end);
            // People "destroyed" in a battle ("в ходе боёв около 90 человек было уничтожено")
            // are soldiers: civilians are said to be killed, not destroyed.
            let destroyed_in_battle =
                x.role != Role::LossWord && ctx.any_within(range.clone(), Role::EventMarker);
            ctx.within(from..to, military).next().is_some()
                || !ctx.markers(from..to).is_empty()
                || destroyed_in_battle
                || continues_military(ctx, x)
        }
        // "В результате удара по месту сбора военнослужащих погибли 12 человек": the dead of
        // a strike on soldiers are soldiers.
        // "в армии России погибли около 190 тыс. человек": the dead of an army are soldiers.
        Some(x) if matches!(x.role, Role::Killed | Role::Wounded) => {
            struck_soldiers(ctx, ctx.doc.sentence_range(x.first)) || in_the_ranks(ctx, x)
        }
        _ => false,
    }
}

/// "у противника до 20 погибших", "у ворога 15 загиблих": the dead counted as a force's, "у"
/// and a military word before the figure in its clause.
fn owned_by_force(ctx: &Ctx, f: &FigureHit) -> bool {
    ctx.within(owner_range(ctx, f.first), |r| {
        matches!(r, Role::MilitaryContext | Role::Enemy)
    })
    .any(|x| owned(ctx, x.first))
}

/// Words before a word of dying where the force they died in is named.
const RANKS_WORDS: usize = 4;

/// Where those who died served, right before the word of dying `x`, in its clause ("в армии
/// России погибли", "на фронте погибли"); not a force named as who attacked ("в результате
/// атаки российских военных погибли").
fn in_the_ranks(ctx: &Ctx, x: &PhraseMatch<Role>) -> bool {
    let clause = ctx.clause(x.first);
    let from = words_back(ctx.doc, x.first, RANKS_WORDS, clause.start);
    ctx.any_within(from..x.first, Role::InRanks)
}

/// Words after a word of striking where its target is named ("удар по месту сбора
/// военнослужащих").
const TARGET_WORDS: usize = 4;

/// Sentence `range` tells a strike on soldiers or their positions: a word of military context
/// names what a strike in it hit.
fn struck_soldiers(ctx: &Ctx, range: std::ops::Range<usize>) -> bool {
    ctx.within(range.clone(), |r| r == Role::Target).any(|t| {
        let to = (t.last + 1 + TARGET_WORDS).min(range.end);
        ctx.any_within(t.last + 1..to.max(t.last + 1), Role::MilitaryContext)
    })
}

/// "Other losses were claimed in …" after a sentence about soldiers killed: a loss word that
/// a word such as "other", "more" or "ещё" introduces continues the losses of the sentence
/// before it in the paragraph, and takes its military context. So does one a possessive
/// introduces ("…, bringing its total losses to 720,000", "Its total losses rose to …"):
/// the owner was told before it, in its sentence or the one before.
fn continues_military(ctx: &Ctx, x: &PhraseMatch<Role>) -> bool {
    let s = ctx.doc.sentence_of(x.first);
    let from = x.first.saturating_sub(2).max(ctx.sentence(s).start);
    let military = |k: usize, to: usize| {
        ctx.within(ctx.sentence(k).start..to, |r| {
            matches!(r, Role::MilitaryContext | Role::Side(_) | Role::Enemy)
        })
        .next()
        .is_some()
    };
    let before =
        || s > 0 && ctx.same_paragraph(s - 1, s) && military(s - 1, ctx.sentence(s - 1).end);
    let introduced = (from..x.first).any(|t| ctx.has_at(t, Role::Filler));
    let owned = (from..x.first).any(|t| ctx.has_at(t, Role::Possessive));
    (introduced && before()) || (owned && (military(s, x.first) || before()))
}

/// Where a figure stands, as admission needs it.
#[derive(Debug, Clone, Copy)]
pub struct Admit {
    /// The sentence of the loss heading it is listed under.
    pub heading: Option<usize>,
    /// It repeats the loss word of the accepted figure before it in its sentence.
    pub parallel: bool,
}

pub fn accepts(ctx: &Ctx, f: &FigureHit, trigger: Option<&PhraseMatch<Role>>, at: Admit) -> bool {
    let heading = at.heading;
    if matches!(
        f.metric,
        Metric::Refusers | Metric::Deserters | Metric::Prisoners
    ) {
        return false;
    }
    let range = ctx.doc.sentence_range(f.first);
    if strength_before(ctx, f.first.saturating_sub(4).max(range.start)..f.first) {
        return false;
    }
    let s = ctx.doc.sentence_of(f.first);
    let self_evident = matches!(f.metric, Metric::Killed | Metric::Wounded);
    match trigger {
        Some(x) if hypothetical_before(ctx, x.first) => return false,
        None if !self_evident
            && heading.is_none_or(|h| ctx.within(ctx.sentence(h), is_trigger).next().is_none()) =>
        {
            return false;
        }
        _ => {}
    }
    if matches!(f.metric, Metric::Uav | Metric::CruiseMissiles) && intercepted(ctx, s, heading) {
        return false;
    }
    if f.weak && !military_enough(ctx, f, trigger, at) {
        return false;
    }
    true
}

/// Drones or missiles in sentence `s` (or under heading `heading`) told as shot down: a word
/// of interception there, other than the name of air-defence systems counted as lost ("2 засоби
/// ППО, 1 крилату ракету та 6 безпілотників" is a list of losses).
fn intercepted(ctx: &Ctx, s: usize, heading: Option<usize>) -> bool {
    let lost_air_defence = |t: usize| {
        ctx.covering(t, 4, |r| r == Role::Metric(Metric::AirDefense))
            .is_some()
    };
    std::iter::once(s).chain(heading).any(|k| {
        ctx.within(ctx.sentence(k), |r| r == Role::Interception)
            .any(|x| !lost_air_defence(x.first))
    })
}

/// A word of a force's strength ("численность группировки", "contingent") in `range`: the
/// figure after it counts troops present, not lost. A group of forces named ("в зоне
/// группировки «Юг» до 275 военнослужащих") is where the figure was counted, not its
/// strength.
fn strength_before(ctx: &Ctx, range: std::ops::Range<usize>) -> bool {
    ctx.within(range, |r| r == Role::NotLoss)
        .any(|x| ctx.covering(x.first, 0, |r| r == Role::GroupName).is_none())
}

/// Where a figure's own words start: the figure, or, when its noun comes before its number
/// ("Russian military fatalities have reached 95,000"), the words right before that noun.
fn own_start(ctx: &Ctx, f: &FigureHit) -> usize {
    if f.metric_last >= f.num.first {
        return f.first;
    }
    let start = ctx.doc.sentence_range(f.first).start;
    let mut k = f.first;
    while k > start && k + NOUN_WORDS > f.first && ctx.only_spaces_between(k - 1, k) {
        k -= 1;
    }
    k
}

/// How many words before a noun that precedes its number belong to it ("Russian military").
const NOUN_WORDS: usize = 3;

/// A sentence about another war (or under a title about one) that does not mention Ukraine or
/// its forces at all: out of scope.
pub fn other_war(ctx: &Ctx, s: usize) -> bool {
    let sentence = ctx.sentence(s);
    let other = ctx.any_within(sentence.clone(), Role::OtherWar)
        || ctx.any_within(ctx.sentence(0), Role::OtherWar);
    other && !ctx.any_within(sentence, Role::Side(crate::model::Side::Ukraine))
}

/// A phrase such as "с учетом раненых" stands for figure `f`: in its sentence, with no other
/// number between them, and not after it past a comma ("убитыми 180 тысяч, а с учетом раненых
/// — до 500 тысяч": the wounded are in the second figure only).
fn counts_wounded_too(ctx: &Ctx, f: &FigureHit) -> bool {
    let sentence = ctx.doc.sentence_range(f.first);
    ctx.within(sentence, |r| r == Role::WithWounded).any(|x| {
        let (from, to) = if x.first > f.last {
            (f.last + 1, x.first)
        } else {
            (x.last + 1, f.num.first)
        };
        let number_between = (from..to).any(|t| ctx.doc.tokens[t].is_number);
        let comma_after =
            x.first > f.last && (f.last..x.first).any(|t| ctx.doc.gap_after(t).contains(','));
        !number_between && !comma_after
    })
}

/// Words of a sentence that only says what the figure before it counted.
const AFTERWORD: usize = 2;

/// "…А в Курской области — больше 26 тысяч. Безвозвратно.": a sentence of a word or two right
/// after the sentence that ends with figure `f`, in its paragraph, says what kind of loss it
/// counts.
fn said_after(ctx: &Ctx, f: &FigureHit) -> Vec<Role> {
    let s = ctx.doc.sentence_of(f.first);
    let ends_it = own_end(ctx, f) + 1 >= ctx.sentence(s).end;
    let next = ctx.sentence(s + 1);
    if !ends_it || !ctx.same_paragraph(s + 1, s) || next.is_empty() || next.len() > AFTERWORD {
        return Vec::new();
    }
    ctx.within(next, |r| matches!(r, Role::Killed | Role::Wounded))
        .map(|x| x.role)
        .collect()
}

/// Personnel said to be only killed ("убитыми", "killed") or only wounded is counted as such;
/// "убитыми и ранеными", or no such word, leaves it personnel; people counted with the wounded
/// (`counts_wounded_too`) are personnel.
pub fn refine_personnel(ctx: &Ctx, f: &FigureHit, trigger: Option<&PhraseMatch<Role>>) -> Metric {
    let people = matches!(
        f.metric,
        Metric::Personnel | Metric::Killed | Metric::Wounded
    );
    // "потери России (с учетом раненых) в 1500 человек", "убитыми …, а с учетом раненых — до
    // 500 тысяч": killed and wounded together.
    if people && counts_wounded_too(ctx, f) {
        return Metric::Personnel;
    }
    if f.metric != Metric::Personnel {
        return f.metric;
    }
    let clause = ctx.clause(f.num.first);
    // From the loss word when it comes first, with the word before it, which says what kind
    // of loss ("потеряла убитыми и ранеными около 700 тысяч", "безвозвратные потери …").
    let near = f.first.saturating_sub(3);
    let from = match trigger {
        Some(x) if x.last < f.first => x.first.saturating_sub(1).min(near),
        _ => near,
    }
    // A figure whose noun stands before an aside ("втрати росіян загиблими, за словами
    // президента, становлять …") reaches back past its clause.
    .max(clause.start.min(f.first));
    let to = own_end(ctx, f).min(clause.end).max(from);
    let hurt = |r: Role| matches!(r, Role::Killed | Role::Wounded);
    let mut words: Vec<&PhraseMatch<Role>> = ctx.within(from..to, hurt).collect();
    words.extend(trigger.filter(|x| hurt(x.role)));
    let mut roles: Vec<Role> = words.iter().map(|x| x.role).collect();
    // "killed or wounded", "убиты или ранены": the word joined to one of them.
    for x in words {
        let pair = x.last + 1..(x.last + 3).min(clause.end).max(x.last + 1);
        roles.extend(ctx.within(pair, hurt).map(|y| y.role));
    }
    roles.extend(said_after(ctx, f));
    Metric::of_hurt(
        roles.contains(&Role::Killed),
        roles.contains(&Role::Wounded),
    )
}
