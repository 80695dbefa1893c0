//! Loss rules: daily claims, running totals, lists, equipment without a number.

use super::{claims_of, daily, figures_of, run, total};
use crate::classify::Category;
use crate::model::{Figure, Metric, Period, Qualifier, Side};

#[test]
fn russian_defence_ministry_daily_claim() {
    let c = run(
        "Минобороны России заявило, что за сутки ВСУ потеряли до 1 200 военнослужащих, три танка и 12 автомобилей.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1);
    let claim = claims[0];
    assert_eq!(
        claim.claimant.as_deref(),
        Some("Russian Ministry of Defence")
    );
    assert_eq!(claim.side, Some(Side::Ukraine));
    assert_eq!(
        claim.figures,
        vec![
            daily(Metric::Personnel, 1200, Some(Qualifier::UpTo)),
            daily(Metric::Tanks, 3, None),
            daily(Metric::Vehicles, 12, None),
        ]
    );
    assert_eq!(claim.evidence[0], "ВСУ потеряли до 1 200 военнослужащих");
}

#[test]
fn general_staff_list_in_ukrainian() {
    let c = run(
        "Генштаб ЗСУ: загальні бойові втрати противника з 24.02.22 по 03.03.25 орієнтовно склали:\nособового складу – близько 880 460 (+1 150) осіб\nтанків – 10 190 (+6) од\nартилерійських систем – 23 250 (+44) од\nкрилаті ракети – 3 100 (0) од",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(
        claims[0].claimant.as_deref(),
        Some("General Staff of the Armed Forces of Ukraine")
    );
    assert_eq!(claims[0].side, Some(Side::Russia));
    let f = &claims[0].figures;
    assert_eq!(
        f[..3],
        [
            total(
                Metric::Personnel,
                880_460,
                Some(1150),
                Some(Qualifier::About)
            ),
            total(Metric::Tanks, 10_190, Some(6), None),
            total(Metric::Artillery, 23_250, Some(44), None),
        ]
    );
    assert!(
        f.iter()
            .any(|x| x.metric == Metric::CruiseMissiles && x.value == 3100)
    );
}

#[test]
fn general_staff_list_in_russian_with_a_period_line() {
    let c = run(
        "Генштаб ВСУ сообщил: общие боевые потери противника ориентировочно составили:\nличного состава — около 962 120 (+1 240) человек\nтанков — 10 740 (+3)\nбоевых бронированных машин — 22 370 (+9)\n\nЗа минувшие сутки уничтожено 15 единиц автомобильной техники.",
    );
    let claims = claims_of(&c, Category::Losses);
    let gs: Vec<_> = claims
        .iter()
        .filter(|x| x.claimant.as_deref() == Some("General Staff of the Armed Forces of Ukraine"))
        .collect();
    // The running totals and the day's count after the list are two claims of the General
    // Staff (another period).
    assert_eq!(gs.len(), 2);
    assert!(gs[1].figures.iter().all(|f| f.period == Some(Period::Day)));
    assert_eq!(gs[0].side, Some(Side::Russia));
    let figures = &gs[0].figures;
    assert!(figures.contains(&total(
        Metric::Personnel,
        962_120,
        Some(1240),
        Some(Qualifier::About)
    )));
    assert!(figures.contains(&total(Metric::Apc, 22_370, Some(9), None)));
    // The paragraph after the list counts one day: a claim of its own.
    let all: Vec<&Figure> = claims.iter().flat_map(|x| x.figures.iter()).collect();
    assert!(all.contains(&&daily(Metric::Vehicles, 15, None)));
}

#[test]
fn daily_losses_in_ukrainian_with_spelled_numbers() {
    let c = run("Протягом минулої доби Сили оборони знищили шістдесят окупантів і два танки.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Personnel, 60), (Metric::Tanks, 2)]
    );
    assert!(
        claims[0]
            .figures
            .iter()
            .all(|f| f.cumulative == Some(false))
    );
}

#[test]
fn english_daily_claim_with_killed_troops() {
    let c = run(
        "Russia's defence ministry said its forces killed up to 1,515 Ukrainian troops over the past day.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(
        claims[0].claimant.as_deref(),
        Some("Russian Ministry of Defence")
    );
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    assert_eq!(
        claims[0].figures,
        vec![daily(Metric::Killed, 1515, Some(Qualifier::UpTo))]
    );
}

#[test]
fn estimates_by_officials_and_intelligence() {
    let c = run(
        "British intelligence estimates that Russia has lost more than 700,000 troops killed and wounded since the invasion began.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(
        claims[0].claimant.as_deref(),
        Some("UK Defence Intelligence")
    );
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert_eq!(
        claims[0].figures,
        vec![total(
            Metric::Personnel,
            700_000,
            None,
            Some(Qualifier::MoreThan)
        )]
    );

    let d = run(
        "Головнокомандувач ЗСУ Олександр Сирський заявив, що від початку війни Росія втратила понад мільйон військових.",
    );
    let claims = claims_of(&d, Category::Losses);
    assert_eq!(claims[0].claimant.as_deref(), Some("Олександр Сирський"));
    assert_eq!(claims[0].figures[0].value, 1_000_000);
    assert_eq!(claims[0].figures[0].cumulative, Some(true));
}

#[test]
fn the_attacker_is_not_the_loser() {
    let c = run("Украинские дроны уничтожили 14 танков противника.");
    assert_eq!(claims_of(&c, Category::Losses)[0].side, Some(Side::Russia));
    let d = run("Ukrainian forces destroyed 12 tanks near Pokrovsk.");
    let claim = claims_of(&d, Category::Losses)[0];
    assert_eq!(claim.side, Some(Side::Russia));
    assert_eq!(claim.location.as_deref(), Some("Pokrovsk"));
}

#[test]
fn a_share_of_a_force_lost_counts_only_when_someone_claims_it() {
    let c = run("Russia has lost about 30% of its combat power, according to Pentagon estimates.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].claimant.as_deref(), Some("Pentagon"));
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert!(claims[0].figures.is_empty());
    let unattributed =
        run("Russia keeps attacking after losing about 30% of the combat power it sent.");
    assert!(unattributed.categories.is_empty());
}

#[test]
fn whose_losses_by_the_word_beside_the_loss() {
    let cases = [
        (
            "В боях с группировкой ВС РФ «Запад» потери украинской армии составили 550 человек.",
            Side::Ukraine,
        ),
        (
            "Вооруженные силы Украины (ВСУ) потеряли около 906,5 тыс. человек убитыми и ранеными.",
            Side::Ukraine,
        ),
        (
            "Other equipment lost by Russia includes 1,402 rocket launchers.",
            Side::Russia,
        ),
        (
            "Russian losses exceed 21,000 troops, Ukraine's military says.",
            Side::Russia,
        ),
        ("Втрати ворога за добу склали 1 200 осіб.", Side::Russia),
    ];
    for (text, side) in cases {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.first().and_then(|x| x.side), Some(side), "{text}");
    }
}

#[test]
fn prisoners_are_not_counted_as_losses() {
    let c = run("За неделю в плен сдались 34 украинских военнослужащих.");
    assert!(!c.categories.contains(&Category::Losses));
    let d = run("ВСУ потеряли до 400 военнослужащих, 5 украинских солдат сдались в плен.");
    assert_eq!(
        figures_of(&d, Category::Losses),
        vec![(Metric::Personnel, 400)]
    );
}

#[test]
fn a_list_word_continues_an_enumeration_past_the_loss_words_reach() {
    let c = run(
        "Ukraine's General Staff said Russia has lost 650,000 troops since February 2022, including 1,100 over the past day, as well as 8,000 tanks (+4), 15,000 armoured vehicles (+10) and 16,000 artillery systems (+20).",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let got: Vec<(Metric, i64, Option<i64>, Option<bool>)> = claims[0]
        .figures
        .iter()
        .map(|f| (f.metric, f.value, f.delta, f.cumulative))
        .collect();
    assert_eq!(
        got,
        vec![
            (Metric::Personnel, 650_000, Some(1_100), Some(true)),
            (Metric::Tanks, 8_000, Some(4), Some(true)),
            (Metric::Apc, 15_000, Some(10), Some(true)),
            (Metric::Artillery, 16_000, Some(20), Some(true)),
        ]
    );
}

#[test]
fn the_days_part_of_a_running_total_is_its_delta() {
    for (text, value, delta) in [
        (
            "Потери российской армии с начала вторжения составили 900 000 человек, в том числе 1 300 за минувшие сутки.",
            900_000,
            1_300,
        ),
        (
            "Росія з 24 лютого 2022 року втратила 900 000 військових, з них 1 300 — за минулу добу.",
            900_000,
            1_300,
        ),
        (
            "Russia has lost 900,000 soldiers since the invasion, including 1,300 troops in the last 24 hours.",
            900_000,
            1_300,
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}\n{claims:?}");
        assert_eq!(
            claims[0].figures,
            vec![total(Metric::Personnel, value, Some(delta), None)],
            "{text}"
        );
    }
    // A month's part is not a delta: the total stays as it is.
    let m =
        run("Russia has lost 900,000 soldiers since the invasion, including 40,000 in October.");
    let f = &claims_of(&m, Category::Losses)[0].figures[0];
    assert_eq!((f.value, f.delta), (900_000, None));
}

#[test]
fn figures_of_one_loss_word_share_its_side() {
    let c = run("Уничтожены 7 танков и 20 единиц бронетехники противника, сообщил Генштаб ВСУ.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Tanks, 7), (Metric::Apc, 20)]
    );
}

#[test]
fn casualties_and_killed_and_wounded_count_personnel() {
    let c = run("Officials estimate Russia has suffered more than 600,000 casualties since 2022.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Personnel, 600_000)]
    );
    let d = run("Russian losses have passed 700,000 killed and wounded, Kyiv says.");
    assert_eq!(
        figures_of(&d, Category::Losses),
        vec![(Metric::Personnel, 700_000)]
    );
    let e = run("По данным разведки, Россия потеряла убитыми и ранеными более 600 тысяч военных.");
    assert_eq!(
        figures_of(&e, Category::Losses),
        vec![(Metric::Personnel, 600_000)]
    );
    // Civilian casualties stay out.
    let f = run("The strike caused 40 civilian casualties in Odesa.");
    assert!(f.claims.is_empty(), "{:?}", f.claims);
}

#[test]
fn a_named_group_of_forces_is_where_a_figure_was_counted() {
    let c = run(
        "Минобороны России: ВСУ потеряли в зоне ответственности группировки войск «Юг» до 275 военнослужащих.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    assert_eq!(claims[0].figures[0].metric, Metric::Personnel);
    assert_eq!(claims[0].figures[0].value, 275);
}

/// The values of a text's loss figures, in order.
fn loss_values(text: &str) -> Vec<i64> {
    claims_of(&run(text), Category::Losses)
        .iter()
        .flat_map(|c| c.figures.iter().map(|f| f.value))
        .collect()
}

#[test]
fn items_that_repeat_the_loss_word_are_each_a_figure() {
    let text = "Russia's defence ministry said Ukrainian losses were heavy in the “South” (275 killed), “North” (245 killed) and “West” (205 killed) sectors.";
    assert_eq!(loss_values(text), vec![275, 245, 205]);
    let c = run(text);
    assert_eq!(claims_of(&c, Category::Losses)[1].evidence[0], "245 killed");
    // A breakdown of a count ("of 502 soldiers, 397 died in …") is not a second figure of it.
    let values = loss_values(
        "Россия передала останки 502 украинских военных. Из 502 украинских солдат 397 погибли в Донецкой области, 24 — в Луганской.",
    );
    assert!(
        !values.contains(&899) && values.contains(&502),
        "{values:?}"
    );
}

#[test]
fn drones_and_missiles_beside_air_defence_systems_lost_are_losses() {
    // "засоби ППО" names systems lost, not an interception: the drones listed with them count.
    let c = run(
        "Генштаб ЗСУ: за добу росіяни втратили 15 танків, 2 засоби ППО, 1 крилату ракету та 6 безпілотників оперативно-тактичного рівня.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let metrics: Vec<Metric> = claims[0].figures.iter().map(|f| f.metric).collect();
    assert_eq!(
        metrics,
        vec![
            Metric::Tanks,
            Metric::AirDefense,
            Metric::CruiseMissiles,
            Metric::Uav
        ]
    );
    // Shot down by air defence: an interception tally, not a loss.
    let c = run("Генштаб ЗСУ: за добу росіяни втратили 15 танків. Сили ППО збили 6 безпілотників.");
    let claims = claims_of(&c, Category::Losses);
    assert!(claims[0].figures.iter().all(|f| f.metric != Metric::Uav));
}

#[test]
fn a_soldier_fallen_where_told_first() {
    for text in [
        "Сегодня в зоне СВО погиб наш земляк, младший сержант Андрей Петров, сообщил глава района.",
        "На фронті загинув наш земляк Андрій Петренко, повідомив міський голова.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].figures[0].metric, Metric::Killed, "{text}");
        assert!(claims[0].claimant.is_some(), "{text}");
    }
    assert!(run("В зоне СВО погиб мирный житель.").categories.is_empty());
}

#[test]
fn unaslidok_frames_one_incident_as_vnaslidok_does() {
    let c = run("Унаслідок обстрілу загинули двоє військових ТЦК, ще троє поранені.");
    let claims = claims_of(&c, Category::Losses);
    assert!(
        claims[0]
            .figures
            .iter()
            .all(|f| f.period == Some(Period::Event)),
        "{claims:?}"
    );
}
