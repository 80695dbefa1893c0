//! What a figure counts: deaths per day within a month, a range told in words, one of many.

use super::{claims_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Side};

#[test]
fn deaths_counted_per_day_in_a_month_are_a_daily_rate() {
    // "смертей" counts the killed, only where the sentence is military; a rate per day after
    // the figure tells what it counts, the month around it only when; an imperfective verb
    // of losing is a loss word.
    let c =
        run("Подсчет показал, что в октябре было около 150 смертей российских военных в сутки.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let f = &claims[0].figures[0];
    assert_eq!(
        (f.metric, f.value, f.period),
        (Metric::Killed, 150, Some(Period::Day))
    );
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert!(
        claims_of(
            &run("В больнице зафиксировано 12 смертей от гриппа."),
            Category::Losses
        )
        .is_empty()
    );
    let c = run("В ноябре ВСУ теряли до 1500 военнослужащих в день.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.value, f.period), (1500, Some(Period::Day)));
}

#[test]
fn a_range_told_in_words_after_its_noun_stays_a_range() {
    // "от … до" / "від … до" / "between … and" frame a range; the side may stand between the
    // noun and its verb ("колеблется", "ranged").
    for text in [
        "Число ликвидированного личного состава ВСУ колеблется от 30 до 50.",
        "Втрати ворога коливаються від 30 до 50 осіб.",
        "Russian losses ranged between 30 and 50 troops.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        let f = &claims[0].figures[0];
        assert_eq!(
            (f.value, f.low, f.qualifier),
            (50, Some(30), None),
            "{text}"
        );
    }
    let c = run("Потери личного состава ВСУ составили 50.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    assert_eq!(claims[0].figures[0].metric, Metric::Personnel);
}

#[test]
fn a_noun_after_a_plural_quantity_is_one_of_many() {
    // "БМП" is singular only when nothing says more: "несколько" before it in its sentence.
    let c = run("С начала месяца бойцы уничтожили несколько танков, БМП и пикапов ВСУ.");
    let claims = claims_of(&c, Category::Losses);
    assert!(claims.iter().all(|x| x.figures.is_empty()), "{claims:?}");
    let c = run("Бойцы уничтожили БМП ВСУ под Покровском.");
    let f = &claims_of(&c, Category::Losses)[0].figures;
    assert_eq!((f[0].metric, f[0].value), (Metric::Apc, 1));
}
