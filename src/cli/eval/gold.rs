//! The project's claim labels (`tests/fixtures/labels/*.jsonl`, written by the rules of
//! `docs/labelling.md`): one line per post, keyed by its id, with the categories it reports
//! and the claims a reader should see, field by field.

use crate::model::{Category, Metric, Period, Qualifier, Side};
use serde::Deserialize;
use serde_json::Value;

/// A post's label for one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Yes,
    No,
    /// "ambiguous", "other_conflict": reported apart, not scored.
    Other(String),
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Number(n) if n.as_i64() == Some(1) => Label::Yes,
            Value::Number(n) if n.as_i64() == Some(0) => Label::No,
            Value::String(s) if s == "1" => Label::Yes,
            Value::String(s) if s == "0" => Label::No,
            Value::String(s) => Label::Other(s),
            other => Label::Other(other.to_string()),
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldFigure {
    pub metric: Metric,
    pub value: i64,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    #[serde(default)]
    pub low: Option<i64>,
    #[serde(default)]
    pub high: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldClaim {
    pub category: Category,
    #[serde(default)]
    pub claimant: Option<String>,
    #[serde(default)]
    pub claimant_id: Option<String>,
    /// The other claimants of a joint claim ("Би-би-си и Медиазона").
    #[serde(default)]
    pub claimant_ids_also: Vec<String>,
    #[serde(default)]
    pub side: Option<Side>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub figures: Vec<GoldFigure>,
}

/// One labelled post.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPost {
    pub id: String,
    /// "dev" (open to the work on rules) or "held_out".
    #[serde(default)]
    pub split: Option<String>,
    /// How the post was drawn ("flagged", "scan", "other").
    #[serde(default)]
    pub stratum: Option<String>,
    pub refusal: Label,
    pub losses: Label,
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
    #[serde(default)]
    pub stories: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// The post's own text, for labels of texts written for the project (paraphrase sets);
    /// absent for posts read from the shared data by id.
    #[serde(default)]
    pub text: Option<String>,
}

impl GoldPost {
    pub fn label(&self, c: Category) -> &Label {
        match c {
            Category::Refusal => &self.refusal,
            Category::Losses => &self.losses,
        }
    }
}

/// True when a labels file is in this format (keyed by id, claims per post) rather than texts
/// with binary labels (`label_loss_claim`).
pub fn is_claim_labels(first_line: &str) -> bool {
    serde_json::from_str::<Value>(first_line)
        .map(|v| v.get("losses").is_some() && v.get("label_loss_claim").is_none())
        .unwrap_or(false)
}

/// Parses the labels, one per line; blank lines are skipped.
pub fn parse(text: &str) -> Result<Vec<GoldPost>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1)))
        .collect()
}
