//! Refusal reports: soldiers refusing orders or to fight, deserting, going AWOL, and the
//! prosecution of it. A rule's phrase must be found in a sentence that also holds one of the
//! rule's `needs` phrases (when it has any) and none of its `unless` phrases. The number of
//! people, when the sentence gives one beside the phrase, becomes the claim's figure.

use super::context::Ctx;
use super::figures::FigureHit;
use super::lexicon::Role;
use super::losses::Mention;
use crate::model::{Category, Figure, Metric};

/// How far (in words) a number of people may stand from the refusal phrase.
const FIGURE_REACH: usize = 10;
/// How far (in words, within the clause) the side of the soldiers may stand.
const SIDE_REACH: usize = 7;

/// Refusal mentions, at most one per sentence, in text order.
pub fn find(ctx: &Ctx, figs: &[FigureHit]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut last_sentence = None;
    for x in ctx.m.all() {
        let Role::RefusalTrigger(rule_id) = x.role else {
            continue;
        };
        let s = ctx.doc.sentence_of(x.first);
        if last_sentence == Some(s) {
            continue;
        }
        let Some(rule) = ctx.lex.refusal_rules.get(rule_id as usize) else {
            continue;
        };
        let range = ctx.sentence(s);
        if rule.has_needs && !ctx.any_within(range.clone(), Role::RefusalNeeds(rule_id)) {
            continue;
        }
        if ctx.any_within(range.clone(), Role::RefusalUnless(rule_id)) {
            continue;
        }
        last_sentence = Some(s);
        let figure = figs
            .iter()
            .filter(|f| {
                ctx.doc.sentence_of(f.first) == s
                    && matches!(
                        f.metric,
                        Metric::Personnel | Metric::Refusers | Metric::Deserters
                    )
            })
            .map(|f| {
                let d = if f.last < x.first {
                    x.first - f.last
                } else {
                    f.first.saturating_sub(x.last)
                };
                (d, f)
            })
            .filter(|(d, _)| *d <= FIGURE_REACH)
            .min_by_key(|(d, _)| *d)
            .map(|(_, f)| f);
        let mut start = x.first;
        let mut end = x.last;
        if let Some(f) = figure {
            start = start.min(f.first);
            end = end.max(f.last);
            if let Some(q) = ctx.covering(f.first.saturating_sub(1), 3, |r| r == Role::Qualifier)
                && q.last + 1 == f.first
                && q.first < start
            {
                start = q.first;
            }
        }
        // Whose soldiers: a side named in the same clause, close to the phrase.
        let clause = ctx.clause(x.first);
        let from = clause.start.max(x.first.saturating_sub(SIDE_REACH));
        let to = clause.end.min(x.last + SIDE_REACH + 1).max(from);
        let marker = ctx.markers(from..to).into_iter().min_by_key(|m| {
            if m.last < x.first {
                x.first - m.last
            } else {
                m.first.saturating_sub(x.last)
            }
        });
        out.push(Mention {
            category: Category::Refusal,
            sentence: s,
            anchor: x.first,
            evidence: (ctx.start_of(start), ctx.end_of(end)),
            figure: figure.map(|f| Figure {
                metric: match f.metric {
                    Metric::Personnel => rule.metric,
                    m => m,
                },
                value: f.value,
                delta: None,
                cumulative: f.cumulative,
            }),
            side: marker.map(|m| (m, false)),
            needs_claimant: false,
        });
    }
    out
}
