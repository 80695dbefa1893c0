//! Claims as evidence that two items tell one story, and merging of repeated claims.
//!
//! * A figure key is (claimant, metric, value): the General Staff's daily totals reposted by
//!   twenty channels carry the same keys. Two items agree when they share two keys, or one
//!   key with a value of at least 100, and no metric of one claimant conflicts — each item
//!   having a value of it the other lacks (yesterday's table shares many unchanged totals with
//!   today's, but not personnel). Claimants are keyed so that one institution or person meets
//!   across outlets and scripts (`claimant_key`); a key remembers whether its figure is for a
//!   period, since the next report may state the same daily figure again (`figure_keys`).
//! * An incident key is (unit, place) of a refusal claim, normalised across languages
//!   (see `incident`); counts of refusers or deserters, when both give one, must agree
//!   (`incident_keys`).
//! * Claims that are one claim merge into one (`merge`).

mod claimant_key;
mod figure_keys;
#[cfg(test)]
mod fixtures;
mod incident_keys;
mod merge;

pub use claimant_key::normalise_name;
pub use figure_keys::{FigureKey, agreement, figure_keys, figures_conflict};
pub use incident_keys::{IncidentKey, incident_keys, incidents_agree, unit_keys, units_conflict};
pub use merge::{claims_to_add, merge_claims, same_claim};
