//! The compiled lexicon: the phrase matcher, the refusal rules and the known claimants.

use super::super::claimants::Known;
use super::super::matcher::Matcher;
use super::role::Role;
use crate::model::{Lang, Metric};

/// A refusal rule as compiled: its name and what a number of people beside it counts.
#[derive(Debug, Clone)]
pub struct RefusalRule {
    pub name: String,
    pub metric: Metric,
    pub has_needs: bool,
    /// The needs may stand in an earlier sentence of the post.
    pub needs_earlier: bool,
}

/// A set of phrases naming a known claimant: the claimant, and the languages in which the
/// phrases apply (empty: all).
#[derive(Debug, Clone)]
pub struct ClaimantDef {
    pub known: &'static Known,
    pub langs: Vec<Lang>,
    /// Only a claimant in a sentence that attributes ("says", "сообщил", "за даними").
    pub attributed_only: bool,
}

/// Everything compiled from the data files.
pub struct Lexicon {
    pub matcher: Matcher<Role>,
    pub refusal_rules: Vec<RefusalRule>,
    pub claimants: Vec<ClaimantDef>,
    /// Word endings that mark an adjective ("-ских", "-ian"): such words may stand between a
    /// number and what it counts.
    pub adjective_endings: Vec<String>,
}

/// Why the lexicon could not be built.
#[derive(Debug, Clone, thiserror::Error)]
#[error("lexicon {file}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub message: String,
}
