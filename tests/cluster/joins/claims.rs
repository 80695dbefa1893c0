//! Joins by claims: the same daily totals told differently, one refusal incident or one loss
//! event retold across wording and language join; another day, count or town does not; repeated
//! claims merge into one with every figure.

use super::{It, it, run};
use claimwatch::cluster::Settings;
use claimwatch::cluster::{Clusterer, JoinReason, claims_to_add, merge_claims};
use claimwatch::model::{Category, Claim, Figure, Metric, Side};

fn totals(personnel: i64, tanks: i64) -> Claim {
    Claim {
        category: Category::Losses,
        claimant: Some("General Staff of the Armed Forces of Ukraine".into()),
        side: Some(Side::Russia),
        unit: None,
        location: None,
        figures: vec![
            Figure {
                metric: Metric::Personnel,
                value: personnel,
                delta: Some(1150),
                cumulative: Some(true),
                period: None,
                qualifier: None,
                low: None,
                high: None,
            },
            Figure {
                metric: Metric::Tanks,
                value: tanks,
                delta: Some(4),
                cumulative: Some(true),
                period: None,
                qualifier: None,
                low: None,
                high: None,
            },
            Figure {
                metric: Metric::Ships,
                value: 28,
                delta: None,
                cumulative: Some(true),
                period: None,
                qualifier: None,
                low: None,
                high: None,
            },
        ],
        evidence: vec![format!("personnel {personnel}")],
        claimant_id: None,
        other_conflict: false,
    }
}

#[test]
fn the_same_daily_totals_told_differently_are_one_story_and_the_next_day_is_not() {
    let table = "Загальні бойові втрати противника з 24.02.22 по 21.11.26 орієнтовно склали:\nособового складу ‒ близько 712340 (+1150) осіб\nтанків ‒ 9300 (+4) од.\nкораблів / катерів ‒ 28 (+0) од.";
    let mut a = it(1, 0, table);
    a.claims = vec![totals(712_340, 9300)];
    let mut b = it(
        2,
        40,
        "Russia's war losses keep mounting, Kyiv says: the enemy has now lost 712,340 personnel and 9,300 tanks since the invasion began.",
    );
    b.claims = vec![totals(712_340, 9300)];
    let mut c = it(
        3,
        24 * 60,
        &table
            .replace("712340 (+1150)", "713490 (+1150)")
            .replace("9300 (+4)", "9302 (+2)"),
    );
    c.claims = vec![totals(713_490, 9302)];
    let r = run(&mut Clusterer::new(&Settings::default()), &[a, b, c]);
    assert_eq!(r[1], (r[0].0, Some(JoinReason::SameClaim)));
    assert_ne!(r[2].0, r[0].0);
}

fn refusal(claimant: &str, unit: &str, place: &str, count: i64) -> Claim {
    Claim {
        category: Category::Refusal,
        claimant: Some(claimant.into()),
        side: Some(Side::Ukraine),
        unit: Some(unit.into()),
        location: Some(place.into()),
        figures: vec![Figure {
            metric: Metric::Refusers,
            value: count,
            delta: None,
            cumulative: None,
            period: None,
            qualifier: None,
            low: None,
            high: None,
        }],
        evidence: Vec::new(),
        claimant_id: None,
        other_conflict: false,
    }
}

#[test]
fn one_refusal_incident_in_english_and_ukrainian_joins_and_another_count_does_not() {
    let mut en = it(
        1,
        0,
        "Russian state media claimed that about 120 soldiers of Ukraine's 72nd Mechanized Brigade refused to take up positions near Kharkiv.",
    );
    en.claims = vec![refusal(
        "Russian state media",
        "72nd Mechanized Brigade",
        "Kharkiv",
        120,
    )];
    let mut uk = it(
        2,
        180,
        "Російська пропаганда поширює вигадку, нібито близько 120 бійців 72-ї окремої механізованої бригади відмовилися виходити на позиції на Харківщині.",
    );
    uk.claims = vec![refusal(
        "Російська пропаганда",
        "72-га окрема механізована бригада",
        "Харківщина",
        120,
    )];
    let mut other = it(
        3,
        240,
        "Another claim: 300 soldiers of the 72nd brigade near Kharkiv refused orders.",
    );
    other.claims = vec![refusal(
        "Russian state media",
        "72nd brigade",
        "Kharkiv",
        300,
    )];
    let r = run(&mut Clusterer::new(&Settings::default()), &[en, uk, other]);
    assert_eq!(r[1], (r[0].0, Some(JoinReason::SameIncident)));
    assert_ne!(r[2].0, r[0].0);
}

#[test]
fn repeated_claims_merge_into_one_with_every_figure() {
    let a = totals(712_340, 9300);
    let mut b = totals(712_340, 9300);
    b.figures.push(Figure {
        metric: Metric::Artillery,
        value: 21_000,
        delta: Some(19),
        cumulative: Some(true),
        period: None,
        qualifier: None,
        low: None,
        high: None,
    });
    b.evidence = vec!["artillery 21000".into()];
    let next_day = totals(713_490, 9302);
    let merged = merge_claims(&[a.clone(), b.clone(), next_day.clone()]);
    assert_eq!(merged.len(), 2);
    assert_eq!(merged[0].figures.len(), 4);
    assert_eq!(
        merged[0].evidence,
        vec!["personnel 712340".to_owned(), "artillery 21000".to_owned()]
    );
    assert!(claims_to_add(std::slice::from_ref(&a), std::slice::from_ref(&b)).is_empty());
    assert_eq!(claims_to_add(&[a], &[b, next_day.clone()]), vec![next_day]);
}

fn event(claimant: Option<&str>, place: &str, killed: i64) -> Claim {
    Claim {
        category: Category::Losses,
        claimant: claimant.map(str::to_owned),
        claimant_id: None,
        side: Some(Side::Russia),
        unit: None,
        location: Some(place.to_owned()),
        figures: vec![Figure::new(Metric::Killed, killed)],
        evidence: Vec::new(),
        other_conflict: false,
    }
}

#[test]
fn one_loss_event_retold_days_later_joins_and_another_town_or_count_does_not() {
    let with = |source: i64, minutes: i64, text: &str, claim: Claim| It {
        claims: vec![claim],
        ..it(source, minutes, text)
    };
    let day = 24 * 60;
    let r = run(
        &mut Clusterer::new(&Settings::default()),
        &[
            with(
                1,
                0,
                "Военный погиб при взрыве автомобиля в Севастополе, сообщил губернатор.",
                event(Some("Михаил Развожаев"), "Севастополе", 1),
            ),
            // The same channel's follow-up, and another outlet five days later: one event.
            with(
                1,
                90,
                "Погибшим при взрыве внедорожника оказался командир бригады.",
                event(None, "Севастополе", 1),
            ),
            with(
                2,
                5 * day,
                "ФСБ задержала двоих, подорвавших машину в Севастополе; погиб капитан.",
                event(Some("ФСБ"), "Севастополь", 1),
            ),
            // Another town, or another count in the same town: other events.
            with(
                3,
                5 * day + 10,
                "В Белгороде погиб военный при атаке дрона.",
                event(None, "Белгороде", 1),
            ),
            with(
                4,
                5 * day + 20,
                "В Севастополе при взрыве погибли двое военных.",
                event(None, "Севастополе", 2),
            ),
            // Past the event window after its last telling: a new story.
            with(
                5,
                13 * day,
                "В Севастополе погиб военный, сообщили власти.",
                event(None, "Севастополе", 1),
            ),
        ],
    );
    assert_eq!(r[1], (r[0].0, Some(JoinReason::SameIncident)));
    assert_eq!(r[2], (r[0].0, Some(JoinReason::SameIncident)));
    assert_ne!(r[3].0, r[0].0);
    assert_ne!(r[4].0, r[0].0, "{r:?}");
    assert_ne!(r[5].0, r[0].0);
}

#[test]
fn a_region_or_an_axis_is_no_event_place() {
    let with = |source: i64, minutes: i64, claim: Claim| It {
        claims: vec![claim],
        ..it(source, minutes, "Погиб военный.")
    };
    let r = run(
        &mut Clusterer::new(&Settings::default()),
        &[
            with(1, 0, event(None, "Донецкой области", 1)),
            with(2, 60, event(None, "Донецкой области", 1)),
            with(3, 120, event(None, "курском направлении", 1)),
            with(4, 180, event(None, "курском направлении", 1)),
        ],
    );
    assert_ne!(r[1].0, r[0].0);
    assert_ne!(r[3].0, r[2].0);
}
