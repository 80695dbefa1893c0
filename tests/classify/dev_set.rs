//! The quality floors on the real labelled texts (`../shared/data/texts/dev_labeled.jsonl`):
//! precision ≥ 0.90 and recall ≥ 0.85 for each category in English, Ukrainian and Russian.
//! Skips with a notice when the shared data is absent; `.ci/run` also runs `eval` with floors.
//! Also: no claim on any shared text carries one metric twice.

use claimwatch::cli::eval::{below_floors, evaluate, render};

#[test]
fn dev_set_meets_the_floors() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let text = std::fs::read_to_string(data.join("texts/dev_labeled.jsonl")).unwrap();
    let report = evaluate(&text).unwrap();
    println!("{}", render(&report, true));
    assert!(report.texts >= 400, "the labelled file looks truncated");
    let failures = below_floors(&report, Some(0.90), Some(0.85));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every text of the shared data (the labelled set and the unlabelled Russian posts): no claim
/// carries one metric twice.
#[test]
fn no_claim_carries_a_metric_twice_on_real_texts() {
    use claimwatch::classify::{ClassifyInput, classify};
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let mut texts: Vec<(String, String)> = Vec::new();
    let labelled = std::fs::read_to_string(data.join("texts/dev_labeled.jsonl")).unwrap();
    for line in labelled.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let field = |k: &str| v[k].as_str().unwrap_or("").to_owned();
        texts.push((field("title"), field("text")));
    }
    let raw = data.join("texts/ru_telegram_raw");
    for entry in std::fs::read_dir(&raw).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let posts: Vec<serde_json::Value> = serde_json::from_slice(&bytes).unwrap();
        for p in posts {
            if let Some(t) = p["text"].as_str() {
                texts.push((String::new(), t.to_owned()));
            }
        }
    }
    assert!(texts.len() > 20_000, "the shared texts look truncated");
    let mut figures = 0;
    for (title, text) in &texts {
        let c = classify(&ClassifyInput {
            title,
            text,
            lang: None,
        });
        for claim in &c.claims {
            let mut metrics: Vec<_> = claim.figures.iter().map(|f| f.metric).collect();
            figures += metrics.len();
            metrics.sort();
            let n = metrics.len();
            metrics.dedup();
            assert_eq!(metrics.len(), n, "{title}\n{text}\n{claim:?}");
        }
    }
    assert!(
        figures > 100,
        "only {figures} figures: the classifier found almost nothing"
    );
}
