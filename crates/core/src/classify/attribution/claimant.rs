//! A claimant as filed: its name as written or formal, the known claimant it is, and how it
//! ranks against others named in one sentence.

use super::super::claimants::Known;
use super::super::context::Ctx;
use super::super::places::balanced;
use crate::model::Side;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimant {
    pub name: String,
    /// The known claimant, when it is one.
    pub id: Option<&'static str>,
    /// The side the claimant belongs to, for known claimants.
    pub side: Option<Side>,
    pub token: usize,
    /// 0 institution, 1 person, 2 outlet: lower wins within a sentence.
    pub rank: u8,
}

impl Claimant {
    /// A known institution, by its formal name.
    pub(super) fn known(k: &'static Known, token: usize, rank: u8) -> Claimant {
        Claimant {
            name: k.name.clone(),
            id: Some(k.id.as_str()),
            side: k.side,
            token,
            rank,
        }
    }
}

/// A speaker described, not named, as written (with the quote a group's name closes with:
/// "в группировке «Север»"), with the known official it names, if any.
pub(super) fn described(
    ctx: &Ctx,
    first: usize,
    last: usize,
    known: Option<&'static Known>,
) -> Claimant {
    Claimant {
        name: balanced(ctx.doc.span(first, last)),
        id: known.map(|k| k.id.as_str()),
        side: known.and_then(|k| k.side),
        token: first,
        rank: 1,
    }
}

/// A person or an outlet named by tokens `first..=last`, as written, with the id and side of
/// the known one it is; `rank` as in [`Claimant::rank`].
pub(super) fn as_written(
    ctx: &Ctx,
    (first, last): (usize, usize),
    known: Option<&'static Known>,
    rank: u8,
) -> Claimant {
    Claimant {
        name: ctx.doc.span(first, last).to_owned(),
        id: known.map(|k| k.id.as_str()),
        side: known.and_then(|k| k.side),
        token: first,
        rank,
    }
}

/// The outlet named by tokens `first..=last`, as written.
pub(super) fn outlet(
    ctx: &Ctx,
    first: usize,
    last: usize,
    known: Option<&'static Known>,
) -> Claimant {
    as_written(ctx, (first, last), known, 2)
}
