//! The phrase matcher on its own: word patterns, gaps, sets, case, numbers, bad phrases.

use crate::classify::doc::Doc;
use crate::classify::matcher::{Matcher, MatcherBuilder, Sets};

fn matcher(phrases: &[(&str, u8)], sets: &Sets) -> Matcher<u8> {
    let mut b = MatcherBuilder::default();
    for (p, r) in phrases {
        b.add(p, *r, sets).unwrap();
    }
    b.build().unwrap()
}

fn found(m: &Matcher<u8>, text: &str) -> Vec<(u8, String)> {
    let d = Doc::new(text);
    m.find(&d)
        .all()
        .iter()
        .map(|x| (x.role, d.span(x.first, x.last).to_owned()))
        .collect()
}

#[test]
fn stems_exact_words_gaps_and_sets() {
    let mut sets = Sets::new();
    sets.insert("soldier".into(), vec!["военн*".into(), "солдат*".into()]);
    let m = matcher(
        &[
            ("отказ* ~2 выполн* приказ*", 1),
            ("@soldier ~3 отказ*", 2),
            ("танк", 3),
        ],
        &sets,
    );
    assert_eq!(
        found(
            &m,
            "Военные отказались массово выполнять приказ. Танки, танк."
        ),
        vec![
            (2, "Военные отказались".into()),
            (1, "отказались массово выполнять приказ".into()),
            (3, "танк".into())
        ]
    );
    // A match never crosses a sentence.
    assert!(found(&m, "Они отказались. Выполнять приказ").is_empty());
}

#[test]
fn case_sensitive_words_and_numbers() {
    let m = matcher(&[("=СОЧ", 1), ("ст #", 2)], &Sets::new());
    assert_eq!(found(&m, "СОЧ, но не соч"), vec![(1, "СОЧ".into())]);
    assert_eq!(found(&m, "по ст. 337 УК"), vec![(2, "ст. 337".into())]);
}

#[test]
fn bad_phrases_are_errors() {
    let sets = Sets::new();
    let mut b: MatcherBuilder<u8> = MatcherBuilder::default();
    assert!(b.add("", 0, &sets).is_err());
    assert!(b.add("~2 танк", 0, &sets).is_err());
    assert!(b.add("танк ~99 бой", 0, &sets).is_err());
    assert!(b.add("@nope", 0, &sets).is_err());
    assert!(b.add("т-72", 0, &sets).is_err());
    assert!(b.add("танк ~2", 0, &sets).is_err());
}
