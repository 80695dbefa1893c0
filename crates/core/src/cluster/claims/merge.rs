//! Merging repeated claims: claims that are one claim fold into the first of them.

use super::claimant_key::normalise_name;
use crate::model::Claim;

/// Evidence kept per merged claim at most.
const MAX_EVIDENCE: usize = 8;

fn same_opt_name(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(normalise_name) == b.map(normalise_name)
}

/// Whether two claims are one claim: same category and claimant, and either figures that
/// share a (metric, value) with no metric valued differently, or — without figures — the
/// same side, unit and place.
pub fn same_claim(a: &Claim, b: &Claim) -> bool {
    if a.category != b.category || !same_opt_name(a.claimant.as_deref(), b.claimant.as_deref()) {
        return false;
    }
    if a.figures.is_empty() || b.figures.is_empty() {
        return a.figures.is_empty() == b.figures.is_empty()
            && a.side == b.side
            && same_opt_name(a.unit.as_deref(), b.unit.as_deref())
            && same_opt_name(a.location.as_deref(), b.location.as_deref());
    }
    let mut shared = false;
    for x in &a.figures {
        for y in &b.figures {
            if x.metric == y.metric {
                if x.value != y.value {
                    return false;
                }
                shared = true;
            }
        }
    }
    shared
}

/// Folds `b` into `a`: figures of metrics `a` lacks, fields `a` left empty, new evidence.
fn absorb(a: &mut Claim, b: &Claim) {
    for f in &b.figures {
        match a.figures.iter_mut().find(|g| g.metric == f.metric) {
            Some(g) => {
                g.delta = g.delta.or(f.delta);
                g.cumulative = g.cumulative.or(f.cumulative);
            }
            None => a.figures.push(f.clone()),
        }
    }
    a.side = a.side.or(b.side);
    if a.unit.is_none() {
        a.unit.clone_from(&b.unit);
    }
    if a.location.is_none() {
        a.location.clone_from(&b.location);
    }
    for e in &b.evidence {
        if a.evidence.len() < MAX_EVIDENCE && !a.evidence.contains(e) {
            a.evidence.push(e.clone());
        }
    }
}

/// Merges claims that are one claim (see [`same_claim`]) into one, keeping the first of each
/// and the order of first appearance.
pub fn merge_claims(claims: &[Claim]) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for c in claims {
        match out.iter_mut().find(|m| same_claim(m, c)) {
            Some(m) => absorb(m, c),
            None => out.push(c.clone()),
        }
    }
    out
}

/// The claims of a joining item that its story does not have yet, merged among themselves:
/// what the pipeline should store for the item.
pub fn claims_to_add(story_claims: &[Claim], incoming: &[Claim]) -> Vec<Claim> {
    merge_claims(incoming)
        .into_iter()
        .filter(|c| !story_claims.iter().any(|s| same_claim(s, c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::claim;
    use super::*;
    use crate::model::{Category, Metric};

    #[test]
    fn claims_without_figures_are_one_claim_when_everything_named_agrees() {
        let mut a = claim(Some("ASTRA"), &[]);
        a.category = Category::Refusal;
        a.unit = Some("76-я дивизия".into());
        let b = a.clone();
        assert!(same_claim(&a, &b));
        let mut c = a.clone();
        c.unit = Some("104-й полк".into());
        assert!(!same_claim(&a, &c));
        assert!(!same_claim(
            &a,
            &claim(Some("ASTRA"), &[(Metric::Refusers, 60)])
        ));
    }
}
