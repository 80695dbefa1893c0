//! Tests of `classify` as a whole, on the project's own example sentences.

use super::*;
use crate::model::{Figure, Metric, Side};

fn run(text: &str) -> Classification {
    classify(&ClassifyInput {
        title: "",
        text,
        lang: None,
    })
}

#[test]
fn the_design_example() {
    let c = run(
        "The General Staff of the Armed Forces of Ukraine said on Friday that Russia has lost about 28 300 troops since 24 February (+150 over the past day), as well as 1,251 tanks (+3).",
    );
    assert_eq!(c.lang, Lang::En);
    assert_eq!(c.categories, vec![Category::Losses]);
    assert_eq!(
        c.claims,
        vec![Claim {
            category: Category::Losses,
            claimant: Some("General Staff of the Armed Forces of Ukraine".into()),
            side: Some(Side::Russia),
            unit: None,
            location: None,
            figures: vec![
                Figure {
                    metric: Metric::Personnel,
                    value: 28300,
                    delta: Some(150),
                    cumulative: Some(true)
                },
                Figure {
                    metric: Metric::Tanks,
                    value: 1251,
                    delta: Some(3),
                    cumulative: Some(true)
                },
            ],
            evidence: vec![
                "Russia has lost about 28 300 troops since 24 February".into(),
                "1,251 tanks (+3)".into()
            ],
        }]
    );
}
