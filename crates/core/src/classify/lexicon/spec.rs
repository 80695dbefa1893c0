//! The format of a lexicon data file, as read from TOML.

use super::super::matcher::Sets;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One data file: its sets, refusal rules, phrase lists, claimants and number words.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    #[serde(default)]
    pub(super) sets: Sets,
    #[serde(default)]
    pub(super) refusal: Vec<RefusalRuleSpec>,
    #[serde(default)]
    pub(super) losses: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) metrics: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) figures: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) cumulative: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) sides: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) claimants: Vec<ClaimantSpec>,
    #[serde(default)]
    pub(super) attribution: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) numbers: NumbersSpec,
    #[serde(default)]
    pub(super) places: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) units: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) acts: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RefusalRuleSpec {
    pub(super) name: String,
    pub(super) metric: String,
    pub(super) phrases: Vec<String>,
    #[serde(default)]
    pub(super) needs: Vec<String>,
    #[serde(default)]
    pub(super) unless: Vec<String>,
    /// The `needs` may stand in any sentence up to the rule's own, not only in it.
    #[serde(default)]
    pub(super) needs_earlier: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClaimantSpec {
    /// A key of `claimants.toml`.
    pub(super) id: String,
    pub(super) phrases: Vec<String>,
    #[serde(default)]
    pub(super) langs: Vec<String>,
    #[serde(default)]
    pub(super) attributed_only: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NumbersSpec {
    #[serde(default)]
    pub(super) words: BTreeMap<String, i64>,
    #[serde(default)]
    pub(super) multipliers: BTreeMap<String, i64>,
}
