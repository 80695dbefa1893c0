//! The phrase matcher on its own: word patterns, gaps, sets, case, numbers, bad phrases, the
//! guard that turns texts away before a search.

use crate::classify::doc::Doc;
use crate::classify::matcher::{Matcher, MatcherBuilder, Sets};

fn builder(phrases: &[(&str, u8)], sets: &Sets) -> MatcherBuilder<u8> {
    let mut b = MatcherBuilder::default();
    for (p, r) in phrases {
        b.add(p, *r, sets).unwrap();
    }
    b
}

fn matcher(phrases: &[(&str, u8)], sets: &Sets) -> Matcher<u8> {
    builder(phrases, sets).build().unwrap()
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

/// Builds `phrases` with a guard over roles below 10.
fn guarded(phrases: &[(&str, u8)], sets: &Sets) -> Matcher<u8> {
    builder(phrases, sets).build_guarded(|r| r < 10).unwrap()
}

#[test]
fn the_guard_lets_through_every_text_a_guarded_phrase_matches() {
    let mut sets = Sets::new();
    sets.insert("soldier".into(), vec!["военн*".into(), "солдат*".into()]);
    let m = guarded(
        &[
            ("отказ* ~2 выполн* приказ*", 1),
            ("@soldier ~3 сбежал*", 2),
            ("=СОЧ", 3),
            ("статья|ст ~2 337", 4),
            ("погибл*", 11),
        ],
        &sets,
    );
    // (text, whether a guarded phrase matches it): in capitals, with "ё", in a link.
    let texts = [
        ("ВОЕННЫЕ ОТКАЗАЛИСЬ ВЫПОЛНЯТЬ ПРИКАЗ.", true),
        ("Солдаты сбежали из части, а военные — нет.", true),
        ("Число СОЧ растёт.", true),
        ("Дело по ст. 337 УК.", true),
        ("Погибли двое, сообщили власти.", false),
        ("Ёлки и сосны: отказ от приказа без выполнения.", false),
        (
            "Подробнее: https://t.me/otkaz_vypolnit_prikaz/12 и www.soch.example",
            false,
        ),
    ];
    for (text, matches) in texts {
        let d = Doc::new(text);
        let hit = m.find(&d).all().iter().any(|x| x.role < 10);
        assert_eq!(hit, matches, "{text}");
        let may = m.may_match(&crate::classify::doc::visible_norm(text));
        assert!(may || !hit, "the guard turned away a match: {text}");
    }
    // Words only in a link or only of unguarded phrases do not pass.
    let norm = |t: &str| crate::classify::doc::visible_norm(t);
    assert!(!m.may_match(&norm("Погибли двое.")));
    assert!(!m.may_match(&norm("См. https://example.com/soldaty-sbezhali-otkaz")));
    assert!(m.may_match(&norm("Статья 337.")));
}

#[test]
fn a_guarded_phrase_of_numbers_alone_turns_the_guard_off() {
    let m = guarded(&[("# ~0 #", 1), ("танк", 2)], &Sets::new());
    assert!(m.may_match("ничего"));
}

/// The real lexicon's guard turns away everyday posts: a short word of loss would sit inside
/// common words ("тел" inside "жители", "телеграм") and let nearly every post into the full
/// search, as it did for an hour of the ninth session (a sixth of the speed).
#[test]
fn the_lexicons_guard_turns_away_everyday_posts() {
    let lex = crate::classify::lexicon::get().unwrap();
    for text in [
        "Жители Москвы обсуждают в телеграм-каналах новые правила парковки.",
        "Мешканці міста хотіли б бачити більше зелених зон, кажуть у мерії.",
        "The city council wants residents to share their views on the new tram line.",
    ] {
        let norm = crate::classify::doc::visible_norm(text);
        assert!(!lex.matcher.may_match(&norm), "{text}");
    }
}
