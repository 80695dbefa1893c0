//! The project's own news sentences with full gold claims (`tests/fixtures/labels/
//! paraphrases*.jsonl`, texts inline, never taken from the shared data; docs/labelling.md):
//! scored claim by claim through `claimwatch eval`'s code, needing no shared data. The first
//! file's dev part was open to the work on rules and its held-out part was not; the second
//! file was written before the rules that followed it and is held out whole.

use claimwatch::cli::eval::claims::ClaimReport;
use claimwatch::cli::eval::evaluate_claims;
use claimwatch::cli::eval::report::{ClaimFloors, below, render};
use claimwatch::model::Category;
use std::path::Path;

fn score(name: &str, split: Option<&str>) -> ClaimReport {
    let path = format!(
        "{}/tests/fixtures/labels/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let labels = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let r = evaluate_claims(&labels, Path::new("/nonexistent"), split).unwrap();
    println!(
        "== {name} ({})\n{}",
        split.unwrap_or("all"),
        render(&r, split.unwrap_or("all"), false)
    );
    r
}

/// Regression floors at the level measured when the rules were last changed.
const FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(1.0),
    recall: Some(0.85),
    claimant: Some(0.85),
    side: Some(0.80),
    fully: Some(0.65),
};

#[test]
fn the_projects_own_sentences_meet_the_measured_floors() {
    let all = score("paraphrases.jsonl", None);
    score("paraphrases.jsonl", Some("dev"));
    score("paraphrases.jsonl", Some("held_out"));
    assert!(all.posts >= 50, "the labels look truncated");
    for category in Category::ALL {
        assert_eq!(all.category(category).fp, 0, "{category}: a false flag");
    }
    let measured = below(&all, &FLOORS);
    assert!(measured.is_empty(), "{}", measured.join("\n"));
}
