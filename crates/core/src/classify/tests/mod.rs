//! Tests of `classify` as a whole, on the project's own example sentences: one file per rule
//! family (refusals, losses, traps that must not fire, what a claim says).

mod blows;
mod claims;
mod counted_people;
mod described;
mod discourse;
mod equipment;
mod extraction;
mod figures;
mod issue_forms;
mod losses;
mod matcher;
mod news_forms;
mod parts;
mod places;
mod recalled;
mod refusal;
mod reports;
mod sides;
mod tallies;
mod told;
mod told_before;
mod traps;
mod uncounted;

use super::*;
use crate::model::{Figure, Metric, Period, Qualifier, Side};

pub(super) fn run(text: &str) -> Classification {
    classify(&ClassifyInput {
        title: "",
        text,
        lang: None,
    })
}

/// The claims of one category.
pub(super) fn claims_of(c: &Classification, category: Category) -> Vec<&Claim> {
    c.claims.iter().filter(|x| x.category == category).collect()
}

/// A running total since the war began as a claim states it: the day's change and the hedge.
pub(super) fn total(
    metric: Metric,
    value: i64,
    delta: Option<i64>,
    qualifier: Option<Qualifier>,
) -> Figure {
    Figure {
        delta,
        cumulative: Some(true),
        period: Some(Period::Total),
        qualifier,
        ..Figure::new(metric, value)
    }
}

/// One day's count as a claim states it, with its hedge.
pub(super) fn daily(metric: Metric, value: i64, qualifier: Option<Qualifier>) -> Figure {
    Figure {
        cumulative: Some(false),
        period: Some(Period::Day),
        qualifier,
        ..Figure::new(metric, value)
    }
}

/// The claimant, as filed, of the first claim of `category` in `text`.
pub(super) fn first_claimant(text: &str, category: Category) -> Option<String> {
    claims_of(&run(text), category)
        .first()
        .and_then(|x| x.claimant.clone())
}

/// Every figure of a category as (metric, value).
pub(super) fn figures_of(c: &Classification, category: Category) -> Vec<(Metric, i64)> {
    claims_of(c, category)
        .iter()
        .flat_map(|x| x.figures.iter().map(|f| (f.metric, f.value)))
        .collect()
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
            claimant_id: Some("ua_general_staff".into()),
            side: Some(Side::Russia),
            unit: None,
            location: None,
            figures: vec![
                total(Metric::Personnel, 28300, Some(150), Some(Qualifier::About)),
                total(Metric::Tanks, 1251, Some(3), None),
            ],
            evidence: vec![
                "Russia has lost about 28 300 troops since 24 February".into(),
                "1,251 tanks (+3)".into()
            ],
            other_conflict: false,
        }]
    );
}

#[test]
fn empty_odd_and_huge_inputs_are_safe() {
    for text in [
        "",
        " ",
        "\n\n\n",
        "🙂🙂",
        "\u{0}\u{202e}",
        "(+",
        "—:",
        "1 2 3 4 5 6 7 8 9",
    ] {
        let c = run(text);
        assert!(c.categories.is_empty(), "{text:?}");
    }
    let huge = "ВСУ потеряли до 1515 военнослужащих. ".repeat(50_000);
    let start = std::time::Instant::now();
    let c = run(&huge);
    assert_eq!(c.categories, vec![Category::Losses]);
    assert!(start.elapsed().as_secs() < 20, "a huge text must not stall");
    let long_word = "а".repeat(200_000);
    assert!(run(&long_word).claims.is_empty());
    let digits = "9".repeat(100_000);
    assert!(run(&digits).claims.is_empty());
}

#[test]
fn random_text_never_panics() {
    // Pieces real texts are made of, shuffled: words, digits, separators, brackets, odd marks.
    let pieces = [
        "ВСУ",
        "потеряли",
        "до",
        "1",
        "515",
        "28,3",
        "тыс.",
        "(+",
        ")",
        "—",
        ":",
        "\n",
        "\n\n",
        "танков",
        "танків",
        "особового",
        "складу",
        "tanks",
        "lost",
        "since",
        "24",
        "February",
        "отказались",
        "СЗЧ",
        "72-й",
        "бригады",
        "в/ч",
        "https://t.me/x",
        "«",
        "»",
        "%",
        "’",
        "·",
        "🙂",
        "\u{0}",
        "\u{301}",
        "İ",
        "ǅ",
        "9999999999999999",
        "тис.",
        "400",
        "під",
        "Харковом",
        "Генштаб",
        "ЗСУ",
        "противник",
        "ворог",
        "enemy",
        "the",
        ",",
        ".",
        " ",
        "  ",
        "-",
        "–",
    ];
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..2_000 {
        let n = rng.usize(0..60);
        let text: String = (0..n)
            .map(|_| {
                let p = pieces[rng.usize(0..pieces.len())];
                if rng.bool() {
                    format!("{p} ")
                } else {
                    p.to_owned()
                }
            })
            .collect();
        let c = run(&text);
        for claim in &c.claims {
            assert!(!claim.evidence.is_empty(), "{text:?}");
        }
    }
}

#[test]
fn the_title_is_read_with_the_text() {
    let c = classify(&ClassifyInput {
        title: "Десантники отказались ехать на фронт",
        text: "Подробности выясняются.",
        lang: Some(Lang::Ru),
    });
    assert_eq!(c.lang, Lang::Ru);
    assert_eq!(c.categories, vec![Category::Refusal]);
    let only_title = classify(&ClassifyInput {
        title: "Десантники отказались ехать на фронт",
        text: "",
        lang: None,
    });
    assert_eq!(only_title.categories, vec![Category::Refusal]);
}
