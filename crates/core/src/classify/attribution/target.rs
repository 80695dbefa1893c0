//! The target of a strike is not who tells of it.

use super::super::context::Ctx;
use super::super::lexicon::Role;

/// "ракетный удар по штабу подразделения ГУР": a name a few words after a strike's target
/// word is what was struck, not who tells it.
pub(super) fn targeted(ctx: &Ctx, first: usize) -> bool {
    let clause = ctx.clause(first);
    let from = first.saturating_sub(TARGET_REACH).max(clause.start);
    ctx.within(from..first, |r| r == Role::Target)
        .any(|x| x.last < first && first - x.last <= TARGET_REACH)
}

/// How far before a name a strike's target word reaches.
const TARGET_REACH: usize = 6;
