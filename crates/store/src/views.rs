//! Assembling stories and claims for display from flat query results. Pure functions shared by
//! both backends: each backend runs its own queries, then hands the rows here.

use super::stories::ClaimView;
use claimwatch_core::model::{Figure, SourceRef, StoredClaim, Story, StoryView};
use std::collections::HashMap;

/// Attaches figures (`(claim id, figure)` in position order) to their claims.
pub(crate) fn attach_figures(claims: &mut [StoredClaim], figures: Vec<(i64, Figure)>) {
    let mut by_claim: HashMap<i64, Vec<Figure>> = HashMap::new();
    for (id, f) in figures {
        by_claim.entry(id).or_default().push(f);
    }
    for c in claims.iter_mut() {
        c.claim.figures = by_claim.remove(&c.id).unwrap_or_default();
    }
}

/// Orders `items` as their keys appear in `order`, dropping those not listed.
pub(crate) fn in_order<T>(order: &[i64], items: Vec<T>, key: impl Fn(&T) -> i64) -> Vec<T> {
    let mut by_key: HashMap<i64, T> = items.into_iter().map(|t| (key(&t), t)).collect();
    order.iter().filter_map(|k| by_key.remove(k)).collect()
}

/// Builds story views in the order of `ids` from the stories, their claims (with figures) and
/// their sources (`(story id, source)`, first source first).
pub(crate) fn story_views(
    ids: &[i64],
    stories: Vec<Story>,
    claims: Vec<StoredClaim>,
    sources: Vec<(i64, SourceRef)>,
) -> Vec<StoryView> {
    let mut claims_by_story: HashMap<i64, Vec<StoredClaim>> = HashMap::new();
    for c in claims {
        claims_by_story.entry(c.story_id).or_default().push(c);
    }
    let mut sources_by_story: HashMap<i64, Vec<SourceRef>> = HashMap::new();
    for (story, s) in sources {
        sources_by_story.entry(story).or_default().push(s);
    }
    let views = stories
        .into_iter()
        .map(|story| StoryView {
            claims: claims_by_story.remove(&story.id).unwrap_or_default(),
            sources: sources_by_story.remove(&story.id).unwrap_or_default(),
            folded: Vec::new(),
            story,
        })
        .collect();
    in_order(ids, views, |v| v.story.id)
}

/// Pairs each claim with its story and the story's sources.
pub(crate) fn claim_views(claims: Vec<StoredClaim>, stories: &[StoryView]) -> Vec<ClaimView> {
    let by_id: HashMap<i64, &StoryView> = stories.iter().map(|v| (v.story.id, v)).collect();
    claims
        .into_iter()
        .filter_map(|c| {
            let v = by_id.get(&c.story_id)?;
            Some(ClaimView {
                story: v.story.clone(),
                sources: v.sources.clone(),
                claim: c,
            })
        })
        .collect()
}

/// Story ids of `claims`, sorted and without repeats.
pub(crate) fn story_ids_of(claims: &[StoredClaim]) -> Vec<i64> {
    let mut ids: Vec<i64> = claims.iter().map(|c| c.story_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The text indexed for a claim: the item's stemmed words and the claim's own fields.
pub(crate) fn claim_search_terms(
    item_terms: &str,
    claim: &claimwatch_core::model::Claim,
) -> String {
    let fields = [&claim.claimant, &claim.unit, &claim.location]
        .into_iter()
        .flatten()
        .map(|s| claimwatch_core::text::stem::stem_text(s))
        .collect::<Vec<_>>()
        .join(" ");
    format!("{item_terms} {fields}")
}

/// A claim's evidence as stored: a JSON array of the deciding phrases.
pub(crate) fn evidence_json(
    claim: &claimwatch_core::model::Claim,
) -> Result<String, super::StoreError> {
    serde_json::to_string(&claim.evidence).map_err(|e| super::StoreError::Database(e.to_string()))
}
