//! Bad input still makes a true sentence: claims with no figures, no place, no claimant,
//! blank or "null" fields, negative counts or a backwards range render a claim line with a
//! claimant and a verb, valid Telegram HTML, and never an empty slot, a placeholder or "null".

use crate::golden::{claim, figure, render, source};
use claimwatch::model::{Category, Claim, Figure, Lang, Metric, Period, Qualifier, Side};

fn figure_sets() -> Vec<Vec<Figure>> {
    let mut backwards = figure(Metric::Personnel, 50, Some(Qualifier::About), None);
    backwards.low = Some(90);
    backwards.high = Some(50);
    vec![
        Vec::new(),
        vec![figure(Metric::Refusers, 0, None, None)],
        vec![figure(Metric::Personnel, -5, None, None)],
        vec![figure(
            Metric::Tanks,
            1,
            Some(Qualifier::UpTo),
            Some(Period::Day),
        )],
        vec![backwards],
    ]
}

fn claims() -> Vec<Claim> {
    let mut out = Vec::new();
    for category in [Category::Refusal, Category::Losses] {
        for who in [
            None,
            Some(""),
            Some("null"),
            Some("ASTRA"),
            Some("Генштаб ВСУ"),
        ] {
            for side in [None, Some(Side::Russia)] {
                for unit in [None, Some(" "), Some("1-й полк")] {
                    for place in [
                        None,
                        Some(""),
                        Some("курском направлении"),
                        Some("Нигдевиль"),
                    ] {
                        for figures in figure_sets() {
                            let mut c = claim(category, who, side);
                            c.unit = unit.map(str::to_owned);
                            c.location = place.map(str::to_owned);
                            c.figures = figures;
                            out.push(c);
                        }
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_claim_renders_a_whole_sentence_in_every_language() {
    let sources = [source(9, "Front Notes")];
    let mut rendered = 0;
    for c in claims() {
        for lang in [Lang::En, Lang::Uk, Lang::Ru] {
            for with_source in [true, false] {
                let srcs = if with_source { &sources[..] } else { &[] };
                let html = render(&c, "", srcs, lang);
                crate::assert_valid_parts(std::slice::from_ref(&html));
                let first = html.lines().next().unwrap_or("");
                for bad in [
                    "{", "}", "null", "None", "  ", " ,", " :", "()", "«»", "( ", " )", "<b></b>",
                    " .", "-5",
                ] {
                    assert!(!first.contains(bad), "{bad:?} in {lang}: {first}\n{c:?}");
                }
                assert!(
                    first.starts_with("• <b>") && first.contains("</b> "),
                    "{first}"
                );
                let last = first.chars().last().unwrap_or(' ');
                assert!(
                    last.is_alphanumeric() || matches!(last, '»' | ')'),
                    "{first}"
                );
                assert!(
                    !html.contains("\n\n") && html.lines().count() <= 4,
                    "{html}"
                );
                rendered += 1;
            }
        }
    }
    assert_eq!(rendered, 2 * 5 * 2 * 3 * 4 * 5 * 3 * 2);
}
