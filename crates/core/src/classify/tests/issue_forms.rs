//! The forms issue 13 lists, in the project's own English, Ukrainian and Russian: a source
//! heading the sentence before a colon ("UK intelligence: …"), a daily rate ("daily losses in
//! November reached 1,500"), a bare number after a noun of loss and its linking verb, a range
//! keeping its killed ("60–100 thousand … killed"), a share in words ("half of its tanks"),
//! troop losses, and the people of a struck place lost without a count ("with casualties among
//! the personnel", "с живой силой").

use super::{claims_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Side};

#[test]
fn a_source_heading_the_sentence_before_a_colon() {
    for (text, want) in [
        (
            "UK intelligence: Russia has lost 650,000 killed and wounded.",
            "UK Defence Intelligence",
        ),
        (
            "A NATO source: Russian losses in October reached 1,300 a day.",
            "NATO",
        ),
        (
            "The Economist: 50,000 Ukrainian soldiers have been killed.",
            "The Economist",
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].claimant.as_deref(), Some(want), "{text}");
    }
}

#[test]
fn a_daily_rate_in_a_month_counts_a_day() {
    for text in [
        "Russian daily losses in October reached 1,300.",
        "Ежедневные потери России в октябре достигли 1300.",
        "Щоденні втрати Росії в жовтні сягнули 1300 осіб.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}");
        let f = &claims[0].figures[0];
        assert_eq!((f.value, f.period), (1300, Some(Period::Day)), "{text}");
        assert_eq!(claims[0].side, Some(Side::Russia), "{text}");
    }
}

#[test]
fn a_range_keeps_its_word_of_killing_and_troop_losses_count() {
    let c = run("The Economist: 50–90 thousand Ukrainian soldiers killed.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!(
        (f.metric, f.value, f.low),
        (Metric::Killed, 90_000, Some(50_000))
    );
    let c = run("Russia has suffered over 900,000 troop losses since the invasion began.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Personnel, 900_000));
}

#[test]
fn a_share_in_words_is_a_loss_without_a_count() {
    for text in [
        "Oryx: Russia has lost about a third of its tanks.",
        "По данным Oryx, Россия потеряла половину своих танков.",
        "За даними Oryx, Росія втратила 40% танків.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}");
        assert!(claims[0].figures.is_empty(), "{text}");
    }
    // Nobody named: a share without a source is no claim.
    assert!(
        run("Russia has lost half of its tanks.")
            .categories
            .is_empty()
    );
}

#[test]
fn the_people_of_a_struck_place_lost_without_a_count() {
    for text in [
        "Минобороны показало кадры уничтожения опорного пункта с живой силой ВСУ.",
        "Поражена РЛС противника, есть потери среди личного состава.",
        "A Ukrainian radar was hit, with casualties among the personnel.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}");
        assert!(claims[0].figures.is_empty(), "{text}");
    }
    assert!(
        run("В торговом центре пожар, есть потери среди персонала.")
            .categories
            .is_empty()
    );
}
