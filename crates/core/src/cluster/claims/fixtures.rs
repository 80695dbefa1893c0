//! Claims for the tests of claim keys and merging.

use crate::model::{Category, Claim, Figure, Metric, Side};

pub const GS: Option<&str> = Some("General Staff of the AFU");

/// A loss claim on Russia's side by `claimant`, with plain figures.
pub fn claim(claimant: Option<&str>, figures: &[(Metric, i64)]) -> Claim {
    Claim {
        category: Category::Losses,
        claimant: claimant.map(str::to_owned),
        side: Some(Side::Russia),
        unit: None,
        location: None,
        figures: figures
            .iter()
            .map(|(metric, value)| Figure::new(*metric, *value))
            .collect(),
        evidence: Vec::new(),
        claimant_id: None,
        other_conflict: false,
    }
}
