//! The quality floors on the real labelled texts (`../shared/data/texts/dev_labeled.jsonl`):
//! precision ≥ 0.90 and recall ≥ 0.85 for each category in English, Ukrainian and Russian.
//! Skips with a notice when the shared data is absent; `.ci/run` also runs `eval` with floors.

mod support;

use claimwatch::cli::eval::{below_floors, evaluate, render};

#[test]
fn dev_set_meets_the_floors() {
    let Some(data) = support::shared_data() else {
        return;
    };
    let text = std::fs::read_to_string(data.join("texts/dev_labeled.jsonl")).unwrap();
    let report = evaluate(&text).unwrap();
    println!("{}", render(&report, true));
    assert!(report.texts >= 400, "the labelled file looks truncated");
    let failures = below_floors(&report, Some(0.90), Some(0.85));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
