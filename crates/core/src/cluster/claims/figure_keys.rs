//! Figure keys: (claimant, metric, value) of an item's claims, and whether two items' keys
//! agree (the same claim) or conflict (one claimant's metric valued differently).

use super::super::fasthash::combine;
use super::claimant_key::claimant_key;
use crate::model::{Claim, Metric, Qualifier};
use crate::text::hash::hash64;

/// One figure of one claimant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigureKey {
    pub claimant: u64,
    pub metric: Metric,
    pub value: i64,
    /// A figure for a period ("за сутки", "over the past day"): such figures come again in
    /// the next report ("more than 250" every day), unlike running totals. Not part of
    /// [`FigureKey::hash`].
    pub period: bool,
    /// "до 250" and "более 250" are two claims; a figure told without its hedge agrees with
    /// either. Not part of [`FigureKey::hash`].
    pub qualifier: Option<Qualifier>,
}

impl FigureKey {
    pub fn hash(&self) -> u64 {
        combine(
            combine(self.claimant, hash64(self.metric.as_str().as_bytes())),
            self.value as u64,
        )
    }
}

/// The figure keys of claims that name their claimant, sorted and distinct.
pub fn figure_keys(claims: &[Claim]) -> Vec<FigureKey> {
    let mut keys: Vec<FigureKey> = claims
        .iter()
        .filter_map(|c| Some((claimant_key(c.claimant.as_deref())?, c)))
        .flat_map(|(claimant, c)| {
            c.figures.iter().map(move |f| FigureKey {
                claimant,
                metric: f.metric,
                value: f.value,
                period: f.cumulative == Some(false),
                qualifier: f.qualifier,
            })
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Walks the (claimant, metric) groups both key lists have: returns (values shared, each with
/// whether it is a period figure on either side; whether some group conflicts — each side has
/// a value the other lacks, as today's total and yesterday's do; a side whose values are all
/// in the other's, a total told without the day's figure, does not). Both lists are sorted.
fn compare_groups(a: &[FigureKey], b: &[FigureKey]) -> (Vec<(i64, bool)>, bool) {
    let group = |k: &FigureKey| (k.claimant, k.metric);
    let mut shared = Vec::new();
    let mut conflict = false;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (ga, gb) = (group(&a[i]), group(&b[j]));
        if ga < gb {
            i += 1;
        } else if gb < ga {
            j += 1;
        } else {
            let ea = i + a[i..].iter().take_while(|k| group(k) == ga).count();
            let eb = j + b[j..].iter().take_while(|k| group(k) == gb).count();
            let before = shared.len();
            for x in &a[i..ea] {
                let hedges_agree = |y: &&FigureKey| {
                    x.qualifier.is_none() || y.qualifier.is_none() || x.qualifier == y.qualifier
                };
                let mut same = b[j..eb]
                    .iter()
                    .filter(|y| y.value == x.value)
                    .filter(hedges_agree)
                    .peekable();
                if same.peek().is_some() {
                    let period = x.period || same.any(|y| y.period);
                    shared.push((x.value, period));
                }
            }
            let common = shared.len() - before;
            conflict |= common < ea - i && common < eb - j;
            i = ea;
            j = eb;
        }
    }
    (shared, conflict)
}

/// Whether two items' figure keys say they carry the same claim (see the module doc): `None`
/// when they do not, else whether every value they share is a period figure (evidence only
/// for a while: the next report may state it again).
pub fn agreement(a: &[FigureKey], b: &[FigureKey]) -> Option<bool> {
    let (shared, conflict) = compare_groups(a, b);
    let enough = shared.len() >= 2 || shared.iter().any(|(v, _)| *v >= 100);
    (!conflict && enough).then(|| shared.iter().all(|(_, period)| *period))
}

/// True when the items' claims contradict: one claimant's metric has values in both and each
/// has one the other lacks (today's totals and yesterday's). Such items are never joined by
/// wording.
pub fn figures_conflict(a: &[FigureKey], b: &[FigureKey]) -> bool {
    compare_groups(a, b).1
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{GS, claim};
    use super::*;

    #[test]
    fn shared_totals_agree_and_changed_totals_conflict() {
        let today = figure_keys(&[claim(
            GS,
            &[(Metric::Personnel, 712_340), (Metric::Ships, 28)],
        )]);
        let repost = figure_keys(&[claim(
            Some("general staff of the  AFU!"),
            &[(Metric::Personnel, 712_340)],
        )]);
        let tomorrow = figure_keys(&[claim(
            GS,
            &[(Metric::Personnel, 713_490), (Metric::Ships, 28)],
        )]);
        assert!(
            figures_agree(&today, &repost),
            "a large shared value is enough"
        );
        assert!(!figures_agree(&today, &tomorrow), "personnel differs");
        assert!(figures_conflict(&today, &tomorrow));
        assert!(!figures_conflict(&today, &repost));
        let ships_only = figure_keys(&[claim(GS, &[(Metric::Ships, 28)])]);
        assert!(
            !figures_agree(&today, &ships_only),
            "one small shared value is not enough"
        );
        let other = figure_keys(&[claim(Some("Russian MoD"), &[(Metric::Personnel, 712_340)])]);
        assert!(!figures_agree(&today, &other), "another claimant");
        assert!(figure_keys(&[claim(None, &[(Metric::Personnel, 712_340)])]).is_empty());
    }

    #[test]
    fn a_value_hedged_two_ways_is_no_shared_figure() {
        use crate::model::Qualifier;
        let hedged = |q: Option<Qualifier>| {
            let mut c = claim(GS, &[(Metric::Personnel, 250)]);
            c.figures[0].qualifier = q;
            figure_keys(&[c])
        };
        let up_to = hedged(Some(Qualifier::UpTo));
        let more = hedged(Some(Qualifier::MoreThan));
        assert_eq!(agreement(&up_to, &more), None);
        assert!(agreement(&up_to, &hedged(None)).is_some());
        assert!(agreement(&more, &more).is_some());
    }

    fn figures_agree(a: &[FigureKey], b: &[FigureKey]) -> bool {
        agreement(a, b).is_some()
    }

    #[test]
    fn a_shared_period_figure_is_evidence_only_for_a_while() {
        let mut daily = claim(GS, &[(Metric::Personnel, 1_150)]);
        daily.figures[0].cumulative = Some(false);
        let with_total = claim(
            GS,
            &[(Metric::Personnel, 712_340), (Metric::Personnel, 1_150)],
        );
        let d = figure_keys(std::slice::from_ref(&daily));
        assert_eq!(
            agreement(&d, &d),
            Some(true),
            "only the day's figure shared"
        );
        let mut both = with_total.clone();
        both.figures[1].cumulative = Some(false);
        let t = figure_keys(&[both]);
        assert_eq!(agreement(&t, &t), Some(false), "a running total shared too");
        assert_eq!(
            agreement(&d, &t),
            Some(true),
            "the day's figure of a fuller report"
        );
    }

    #[test]
    fn a_metric_with_a_period_and_a_total_agrees_with_the_total_alone() {
        let both = figure_keys(&[claim(
            GS,
            &[(Metric::Personnel, 712_340), (Metric::Personnel, 1_150)],
        )]);
        let total = figure_keys(&[claim(GS, &[(Metric::Personnel, 712_340)])]);
        assert!(figures_agree(&both, &total));
        assert!(!figures_conflict(&both, &total));
    }
}
