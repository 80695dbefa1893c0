//! One exported claim: its columns for CSV (a fixed header, figures also one column per
//! metric) and its object for JSON lines.

use super::csv::inert;
use crate::model::{Figure, Metric};
use crate::store::ClaimView;
use chrono::SecondsFormat;
use serde_json::{Value, json};

/// The columns before the per-metric ones.
const COLUMNS: &[&str] = &[
    "claim_id",
    "story_id",
    "claimed_at",
    "category",
    "claimant",
    "claimant_id",
    "side",
    "unit",
    "place",
    "figures",
    "evidence",
    "first_source",
    "first_source_url",
    "source_count",
    "source_links",
];

/// Evidence phrases are joined with this in CSV.
pub const EVIDENCE_SEPARATOR: &str = " | ";

/// The CSV header: the fixed columns, then `<metric>` and `<metric>_delta` for every metric.
pub fn header() -> Vec<String> {
    let mut h: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    for m in Metric::ALL {
        h.push(m.as_str().to_owned());
        h.push(format!("{}_delta", m.as_str()));
    }
    h
}

/// A figure as text: `personnel about 1152340 (+1230) total`, `killed 100-150 day`.
pub fn figure_text(f: &Figure) -> String {
    let mut s = f.metric.as_str().to_owned();
    if let Some(q) = f.qualifier {
        s.push(' ');
        s.push_str(&q.as_str().replace('_', " "));
    }
    match (f.low, f.high) {
        (Some(low), Some(high)) => s.push_str(&format!(" {low}-{high}")),
        _ => s.push_str(&format!(" {}", f.value)),
    }
    if let Some(d) = f.delta {
        s.push_str(&format!(" ({d:+})"));
    }
    match (f.period, f.cumulative) {
        (Some(p), _) => s.push_str(&format!(" {p}")),
        (None, Some(true)) => s.push_str(" total"),
        _ => {}
    }
    s
}

/// One claim's CSV fields, in [`header`] order.
pub fn csv_fields(v: &ClaimView) -> Vec<String> {
    let c = &v.claim.claim;
    let text = |o: &Option<String>| {
        o.as_deref()
            .map(|s| inert(s).into_owned())
            .unwrap_or_default()
    };
    let first = v.sources.first();
    let figures: Vec<String> = c.figures.iter().map(figure_text).collect();
    let evidence: Vec<String> = c.evidence.iter().map(|e| inert(e).into_owned()).collect();
    let mut row = vec![
        v.claim.id.to_string(),
        v.claim.story_id.to_string(),
        v.claim
            .claimed_at
            .to_rfc3339_opts(SecondsFormat::Secs, true),
        c.category.to_string(),
        text(&c.claimant),
        c.claimant_id.clone().unwrap_or_default(),
        c.side.map(|s| s.to_string()).unwrap_or_default(),
        text(&c.unit),
        text(&c.location),
        figures.join("; "),
        evidence.join(EVIDENCE_SEPARATOR),
        first
            .map(|s| inert(&s.source_name).into_owned())
            .unwrap_or_default(),
        first.and_then(|s| s.url.clone()).unwrap_or_default(),
        v.sources.len().to_string(),
        links(v).join(" "),
    ];
    for m in Metric::ALL {
        let f = c.figures.iter().find(|f| f.metric == m);
        row.push(f.map(|f| f.value.to_string()).unwrap_or_default());
        row.push(
            f.and_then(|f| f.delta)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
    }
    row
}

/// Every source link of the claim's story, first source first, without repeats.
fn links(v: &ClaimView) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for url in v.sources.iter().filter_map(|s| s.url.as_ref()) {
        if !out.contains(url) {
            out.push(url.clone());
        }
    }
    out
}

/// One claim as a JSON object (the figures with every field, the evidence as a list).
pub fn json_object(v: &ClaimView) -> Value {
    let c = &v.claim.claim;
    let source = |s: &crate::model::SourceRef| {
        json!({
            "name": s.source_name,
            "url": s.url,
            "published_at": s.published_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        })
    };
    json!({
        "claim_id": v.claim.id,
        "story_id": v.claim.story_id,
        "claimed_at": v.claim.claimed_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        "category": c.category,
        "claimant": c.claimant,
        "claimant_id": c.claimant_id,
        "side": c.side,
        "unit": c.unit,
        "place": c.location,
        "figures": c.figures,
        "evidence": c.evidence,
        "first_source": v.sources.first().map(source),
        "sources": v.sources.iter().map(source).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Period, Qualifier};

    #[test]
    fn figures_read_as_text() {
        let mut f = Figure::new(Metric::Personnel, 1_152_340);
        f.delta = Some(1_230);
        f.cumulative = Some(true);
        f.qualifier = Some(Qualifier::About);
        assert_eq!(figure_text(&f), "personnel about 1152340 (+1230) total");
        let mut r = Figure::new(Metric::Killed, 150).with_period(Some(Period::Day));
        (r.low, r.high) = (Some(100), Some(150));
        assert_eq!(figure_text(&r), "killed 100-150 day");
    }

    #[test]
    fn the_header_has_two_columns_per_metric() {
        let h = header();
        assert_eq!(h.len(), COLUMNS.len() + 2 * Metric::ALL.len());
        assert!(h.contains(&"tanks_delta".to_owned()));
    }
}
