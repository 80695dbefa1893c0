//! Whose soldiers a loss or refusal mention is about, when its sentence does not say: the
//! one side the whole post names, the enemy of a belligerent's command, the side every side
//! marker names, or the side that holds the place.

use super::super::attribution::{self, Claimant};
use super::super::context::{Ctx, opposite};
use super::super::lexicon::Role;
use super::super::mention::Mention;
use super::segments::{self, ROUNDUP_BULLETS};
use crate::model::{Category, Lang, Side};

pub(super) fn side_of(ctx: &Ctx, m: &Mention, claimant: Option<&Claimant>) -> Option<Side> {
    let (marker, inverted) = m.side?;
    let side = ctx.resolve(marker, claimant.and_then(|c| c.side))?;
    Some(if inverted { opposite(side) } else { side })
}

/// The one side that every mention of the category naming a side names: a post that tells
/// one side's losses (or refusals) says so once and leaves it out of the next sentence
/// ("…ВСУ попытались контратаковать … ликвидировано до 20 человек"). Not in a round-up,
/// whose bulletins each tell their own.
pub(super) fn post_side(ctx: &Ctx, sides: &[Side]) -> Option<Side> {
    if segments::bullets(ctx) >= ROUNDUP_BULLETS {
        return None;
    }
    let first = *sides.first()?;
    sides.iter().all(|s| *s == first).then_some(first)
}

/// The sides the mentions of one category name themselves, in text order (another war's left
/// out): what [`post_side`] and [`unmarked_side`] read.
pub(super) fn named_sides(ctx: &Ctx, mentions: &[&Mention]) -> Vec<Side> {
    mentions
        .iter()
        .filter(|m| !m.other_conflict)
        .filter_map(|m| {
            let claimant = attribution::resolve(ctx, m.sentence, m.anchor);
            side_of(ctx, m, claimant.as_ref())
        })
        .collect()
}

/// A loss a belligerent's military command reports without naming whose it is ("десант был
/// уничтожен", says Ukraine's General Staff) is the enemy's: a command reports what it
/// destroyed, and names its own side when it admits a loss. One caused by the debris of what
/// its air defence brought down ("в результате падения осколков ракет двое военнослужащих
/// получили ранения") is its own side's, unless it happened far behind the enemy's lines
/// ("дроны поразили аэродром Моздок: … ранены не менее семи военнослужащих", says Ukraine's
/// intelligence).
pub(super) fn combatant_enemy(ctx: &Ctx, claimant: Option<&Claimant>, m: &Mention) -> Option<Side> {
    let c = claimant?;
    let known = c.id.and_then(super::super::claimants::by_id)?;
    let sentence = ctx.sentence(m.sentence);
    let behind_enemy_lines = held_side(ctx, m).is_some_and(|h| Some(h) != known.side);
    let own = !behind_enemy_lines
        && (ctx.any_within(sentence.clone(), Role::FallingDebris)
            || ctx.any_within(sentence, Role::VictimVoice));
    (m.category == Category::Losses && known.combatant)
        .then_some(if own {
            known.side
        } else {
            known.side.map(opposite)
        })
        .flatten()
}

/// A refusal or desertion an investigator or prosecutor of one side reports without naming
/// whose soldiers ("ДБР повідомило про підозру трьом військовим, які самовільно залишили
/// позиції") is its own side's: it has no power over the other side's soldiers.
pub(super) fn policed_side(claimant: Option<&Claimant>, m: &Mention) -> Option<Side> {
    let known = claimant?.id.and_then(super::super::claimants::by_id)?;
    (m.category == Category::Refusal && known.polices_own)
        .then_some(known.side)
        .flatten()
}

/// The one side the mention's paragraph names before it ("число 200-х и 300-х в рядах ВСУ
/// резко возросло … Многие самовольно оставляют позиции"), for a refusal nothing nearer gives
/// a side: the paragraph's soldiers are the ones who refuse. (Not for losses' fallback: "военные
/// КНДР … несут потери" in a paragraph about fighting "против украинских военных" are not
/// Ukraine's.)
pub(super) fn paragraph_side(ctx: &Ctx, m: &Mention) -> Option<Side> {
    let (first, _) = ctx.paragraph_side_before(m.sentence)?;
    ctx.side_hurt(&first)
}

/// The one side every side marker of the post names ("…капитан 1-го ранга Черноморского
/// флота России" three paragraphs after "погиб находившийся в салоне военнослужащий"), for a
/// mention nothing else gives a side; not in a round-up, whose bulletins each tell their own.
/// A marker that names who acted ("при обстреле со стороны ВСУ") names the other side.
pub(super) fn marked_side(ctx: &Ctx) -> Option<Side> {
    if segments::bullets(ctx) >= ROUNDUP_BULLETS {
        return None;
    }
    let (first, _) = ctx.one_side_hurt(0..ctx.doc.tokens.len())?;
    ctx.side_hurt(&first)
}

/// "подрыв машины в Севастополе, в результате чего погиб капитан 1 ранга": a place far behind
/// one side's lines, in the mention's sentence or the headline, is that side's.
pub(super) fn held_side(ctx: &Ctx, m: &Mention) -> Option<Side> {
    [m.sentence, 0].into_iter().find_map(|s| {
        ctx.within(ctx.sentence(s), |r| matches!(r, Role::HeldBy(_)))
            .find_map(|x| match x.role {
                Role::HeldBy(side) => Some(side),
                _ => None,
            })
    })
}

/// Whose soldiers a post leaves unnamed, from how it tells the loss. A loss told in the voice
/// of the side that suffered it ("загинули щонайменше 12 військовослужбовців", "погибли двое
/// военных", "получил более 40 осколков") or a refusal is the teller's own; one told as
/// destroyed ("ліквідовано", "уничтожено") is the teller's enemy's. The teller's side is a
/// known claimant's, else, in Ukrainian and Russian, the side whose soldiers the language
/// leaves unmarked (news in either names the other side's: "окупанти", "ВСУ").
/// `mixed`: the post's mentions name both sides (see [`named_sides`]), which leaves the
/// language's convention open.
pub(super) fn unmarked_side(
    ctx: &Ctx,
    claimant: Option<&Claimant>,
    m: &Mention,
    mixed: bool,
) -> Option<Side> {
    let sentence = ctx.sentence(m.sentence);
    let victim = |r: Role| {
        matches!(
            r,
            Role::VictimVoice | Role::FellInCombat | Role::WoundedInCombat
        )
    };
    let agent = |r: Role| matches!(r, Role::DestroyedWord | Role::AgentVerb);
    let own =
        m.category == Category::Refusal || ctx.within(sentence.clone(), victim).next().is_some();
    if !own && ctx.within(sentence, agent).next().is_none() {
        return None;
    }
    let language = || match ctx.lang {
        _ if mixed => None,
        Lang::Uk => Some(Side::Ukraine),
        Lang::Ru => Some(Side::Russia),
        _ => None,
    };
    let teller = claimant.and_then(|c| c.side).or_else(language)?;
    Some(if own { teller } else { opposite(teller) })
}
