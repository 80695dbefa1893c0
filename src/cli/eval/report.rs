//! The claim-label report as printed by `claimwatch eval`, and its floors.

use super::binary::write_other_labels;
use super::claims::{ClaimReport, FieldCounts};
use crate::model::Category;
use std::fmt::Write as _;

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{:.1}%", 100.0 * v))
}

fn field_line(s: &mut String, name: &str, f: &FieldCounts) {
    let _ = writeln!(
        s,
        "{:<9} {:>5} {:>5} {:>6} {:>8} {:>9} {:>7} {:>8} {:>7} {:>9} {:>7}",
        name,
        f.units,
        f.pairs,
        f.missed,
        f.spurious,
        pct(f.share(f.claimant)),
        pct(f.share(f.side)),
        pct(f.share(f.figures)),
        pct(f.share(f.period)),
        pct(f.share(f.qualifier)),
        pct(f.share(f.fully)),
    );
}

/// The report as printed; with `errors`, every miss of a dev post.
pub fn render(r: &ClaimReport, split: &str, errors: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} posts (split: {split})", r.posts);
    let _ = writeln!(
        s,
        "\ncategory  lang    posts  pos   tp   fp   fn  precision  recall     f1"
    );
    for ((category, lang), c) in &r.scores {
        c.write_row(&mut s, *category, lang);
    }
    for category in Category::ALL {
        r.category(category).write_row(&mut s, category, "all");
    }
    write_other_labels(&mut s, "posts", &r.other_labels);
    if !r.other_labels.is_empty() {
        let _ = writeln!(
            s,
            "other_conflict posts whose claims are marked as another war's: {}",
            r.other_conflict_marked
        );
    }
    let _ = writeln!(
        s,
        "\nclaims in posts flagged right (missed and spurious claims count as wrong in every field)"
    );
    let _ = writeln!(
        s,
        "category  units pairs missed spurious  claimant    side  figures  period qualifier   fully"
    );
    for (category, f) in &r.fields {
        field_line(&mut s, category.as_str(), f);
    }
    field_line(&mut s, "all", &r.all_fields());
    if errors {
        let _ = writeln!(s, "\nmisses (dev posts only)");
        for m in &r.misses {
            let _ = writeln!(s, "{} {}\n     {}", m.id, m.what, m.snippet);
        }
    }
    s
}

/// Floors for a claim-label file: post-level precision and recall per category (every
/// language together) and claim-level shares.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClaimFloors {
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub claimant: Option<f64>,
    pub side: Option<f64>,
    pub fully: Option<f64>,
}

/// The floors not met, as messages.
pub fn below(r: &ClaimReport, floors: &ClaimFloors) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: String, value: Option<f64>, floor: Option<f64>| {
        if let (Some(v), Some(min)) = (value, floor)
            && v < min
        {
            out.push(format!("{what} {v:.3} < {min}"));
        }
    };
    for category in Category::ALL {
        let c = r.category(category);
        check(
            format!("{category} precision"),
            c.precision(),
            floors.precision,
        );
        check(format!("{category} recall"), c.recall(), floors.recall);
    }
    let f = r.all_fields();
    check(
        "claimant right".into(),
        f.share(f.claimant),
        floors.claimant,
    );
    check("side right".into(), f.share(f.side), floors.side);
    check("claims fully right".into(), f.share(f.fully), floors.fully);
    out
}
