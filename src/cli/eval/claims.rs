//! Scoring against claim labels: per category and language, whether a post was flagged
//! (precision, recall); per claim, whether what a reader sees is right field by field —
//! claimant, side, figures (metric and value), their period and qualifier — and fully right.
//!
//! Gold and filed claims of a correctly flagged post are paired greedily by what they share
//! (figures, then claimant and side). A gold claim left without a partner is *missed*, a filed
//! one *spurious*; both count as claims wrong in every field, so "fully right" is the share of
//! all claims a reader would see or should have seen in those posts that are right.

pub use super::fields::FieldCounts;

use super::binary::Counts;
use super::fields::score_claims;
use super::gold::{GoldClaim, GoldPost, Label};
use super::texts::PostText;
use crate::classify::{Classification, ClassifyInput, classify};
use crate::model::{Category, Claim, Figure, Period};
use std::collections::{BTreeMap, HashMap};

/// One post or claim the classifier got wrong (dev split only).
#[derive(Debug, Clone)]
pub struct ClaimMiss {
    pub id: String,
    pub what: String,
    pub snippet: String,
}

#[derive(Debug, Default)]
pub struct ClaimReport {
    pub posts: usize,
    pub scores: BTreeMap<(Category, String), Counts>,
    /// (category, label) → (how many, how many flagged).
    pub other_labels: BTreeMap<(Category, String), (usize, usize)>,
    pub fields: BTreeMap<Category, FieldCounts>,
    /// Flagged claims marked as another war's, on posts labelled "other_conflict".
    pub other_conflict_marked: usize,
    pub misses: Vec<ClaimMiss>,
}

impl ClaimReport {
    /// Every category's claim tallies together.
    pub fn all_fields(&self) -> FieldCounts {
        let mut t = FieldCounts::default();
        for f in self.fields.values() {
            t.add(f);
        }
        t
    }

    /// Post-level counts of a category over every language.
    pub fn category(&self, c: Category) -> Counts {
        let mut t = Counts::default();
        for ((cat, _), n) in &self.scores {
            if *cat == c {
                t.tp += n.tp;
                t.fp += n.fp;
                t.fn_ += n.fn_;
                t.tn += n.tn;
            }
        }
        t
    }
}

fn classify_post(t: &PostText) -> Classification {
    classify(&ClassifyInput {
        title: &t.title,
        text: &t.text,
        lang: None,
    })
}

/// Scores the classifier on `gold` (restricted to `split` when given), reading texts from
/// `texts`. Misses are listed for dev posts only.
pub fn score(
    gold: &[GoldPost],
    texts: &HashMap<String, PostText>,
    split: Option<&str>,
) -> ClaimReport {
    let mut r = ClaimReport::default();
    for post in gold {
        if split.is_some_and(|s| post.split.as_deref() != Some(s)) {
            continue;
        }
        let Some(t) = texts.get(&post.id) else {
            continue;
        };
        r.posts += 1;
        let c = classify_post(t);
        for category in Category::ALL {
            r.score_category(post, t, &c, category);
        }
    }
    r
}

/// A post's claims as the labels write them, each read by [`as_labelled`]; a day's count told
/// as a running total's change joins the post's claim of that day by the same claimant about
/// the same side and place, when it has one ("… 1,140 over the past day, bringing its losses to
/// 871,300. Over the same day … nine tanks"): the labels write one claim per claimant, place
/// and period.
fn read_post(kept: &[&Claim]) -> Vec<Claim> {
    let mut read: Vec<Claim> = Vec::new();
    let mut own_index: Vec<usize> = Vec::new();
    let mut joins: Vec<(usize, Vec<Figure>)> = Vec::new();
    for (i, c) in kept.iter().enumerate() {
        own_index.push(read.len());
        let mut parts = as_labelled(c, kept);
        if parts.len() == 2
            && let Some(host) = day_host(kept, i, &parts[1])
        {
            let day = parts.pop().map(|p| p.figures).unwrap_or_default();
            joins.push((host, day));
        }
        read.extend(parts);
    }
    for (host, figures) in joins {
        if let Some(claim) = own_index.get(host).and_then(|&r| read.get_mut(r)) {
            claim.figures.extend(figures);
        }
    }
    read
}

/// The index in `kept` of another claim than `kept[i]` that tells only one day's figures, none
/// of the metrics of `day`, by the same claimant about the same side and place.
fn day_host(kept: &[&Claim], i: usize, day: &Claim) -> Option<usize> {
    kept.iter().enumerate().position(|(j, o)| {
        j != i
            && o.claimant == day.claimant
            && o.claimant_id == day.claimant_id
            && o.side == day.side
            && o.location == day.location
            && !o.figures.is_empty()
            && o.figures
                .iter()
                .all(|f| f.period == Some(Period::Day) && f.delta.is_none())
            && !o
                .figures
                .iter()
                .any(|f| day.figures.iter().any(|d| d.metric == f.metric))
    })
}

/// A claim as the labels write it: a running total told with its day's change ("loss of
/// about 990,800 … 1,100 over the past day", "1 092 танки (+5)") is two claims, the total and
/// the day's count, unless another of the post's claims (`post`) by the same claimant about
/// the same side already states that count.
fn as_labelled(c: &Claim, post: &[&Claim]) -> Vec<Claim> {
    let day: Vec<Figure> = c
        .figures
        .iter()
        .filter_map(|f| {
            f.delta.map(|d| Figure {
                metric: f.metric,
                value: d,
                delta: None,
                cumulative: Some(false),
                period: Some(Period::Day),
                qualifier: None,
                low: None,
                high: None,
            })
        })
        .collect();
    if day.is_empty() {
        return vec![c.clone()];
    }
    let stated = |f: &Figure| {
        post.iter().any(|o| {
            !std::ptr::eq(*o, c)
                && o.claimant == c.claimant
                && o.side == c.side
                && o.figures
                    .iter()
                    .any(|g| g.metric == f.metric && g.value == f.value && g.period == f.period)
        })
    };
    let total = Claim {
        figures: c
            .figures
            .iter()
            .map(|f| Figure {
                delta: None,
                ..f.clone()
            })
            .collect(),
        ..c.clone()
    };
    if day.iter().all(stated) {
        return vec![total];
    }
    vec![
        total,
        Claim {
            figures: day,
            ..c.clone()
        },
    ]
}

impl ClaimReport {
    /// Counts one post's result in one category: under its other label, or as flagged right
    /// or wrong with its claims judged.
    fn score_category(
        &mut self,
        post: &GoldPost,
        t: &PostText,
        c: &Classification,
        category: Category,
    ) {
        let kept: Vec<&Claim> = c
            .claims
            .iter()
            .filter(|x| x.category == category && !x.other_conflict)
            .collect();
        let read = read_post(&kept);
        let ours: Vec<&Claim> = read.iter().collect();
        let flagged = !ours.is_empty();
        match post.label(category) {
            Label::Other(l) => {
                let e = self.other_labels.entry((category, l.clone())).or_default();
                e.0 += 1;
                e.1 += usize::from(flagged);
                if l == "other_conflict" {
                    self.other_conflict_marked += usize::from(
                        c.claims
                            .iter()
                            .any(|x| x.category == category && x.other_conflict),
                    );
                }
            }
            Label::Yes | Label::No => {
                let truth = *post.label(category) == Label::Yes;
                let lang = c.lang.as_str().to_owned();
                let n = self.scores.entry((category, lang)).or_default();
                match (truth, flagged) {
                    (true, true) => n.tp += 1,
                    (false, true) => n.fp += 1,
                    (true, false) => n.fn_ += 1,
                    (false, false) => n.tn += 1,
                }
                let notes = self.judge(post, t, category, truth, &ours);
                self.note_misses(post, t, category, notes);
            }
        }
    }

    /// For a post flagged rightly, its claims judged field by field (what was wrong returned
    /// as notes); for a post flagged wrongly, the note saying so.
    fn judge(
        &mut self,
        post: &GoldPost,
        t: &PostText,
        category: Category,
        truth: bool,
        ours: &[&Claim],
    ) -> Vec<String> {
        let flagged = !ours.is_empty();
        let mut notes = Vec::new();
        if truth && flagged {
            let golds: Vec<&GoldClaim> = post
                .claims
                .iter()
                .filter(|g| g.category == category)
                .collect();
            let f = score_claims(&golds, ours, &t.channel, &mut notes);
            self.fields.entry(category).or_default().add(&f);
        } else if truth != flagged {
            notes.push(if flagged {
                "false positive".into()
            } else {
                "missed".into()
            });
        }
        notes
    }

    /// Lists `notes` as misses of the post, unless it is held out.
    fn note_misses(
        &mut self,
        post: &GoldPost,
        t: &PostText,
        category: Category,
        notes: Vec<String>,
    ) {
        let open = post.split.as_deref() != Some("held_out");
        if !open {
            return;
        }
        let snippet = || {
            crate::text::truncate_chars(
                &t.text.split_whitespace().collect::<Vec<_>>().join(" "),
                160,
            )
        };
        for what in notes {
            self.misses.push(ClaimMiss {
                id: post.id.clone(),
                what: format!("{category}: {what}"),
                snippet: snippet(),
            });
        }
    }
}

#[cfg(test)]
mod tests;
