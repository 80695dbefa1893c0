//! Forms of wire and news copy: the perfect tense is active ("Ukrainian forces have destroyed
//! 30 tanks": the tanks are the other side's), a noun of loss before its linking verb is its own
//! loss word ("Russian casualties have reached 750,000"), a month named as what a count covers
//! ("за вересень"), "упродовж доби", nationalities ending in -ean, and rocket launchers by
//! their system's name; the dead or the wounded heading a clause, counted by a comparison
//! alone ("Погибших … больше 200 тысяч").

use super::{claims_of, figures_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Side};

/// A figure as (metric, value, period).
type Told = (Metric, i64, Option<Period>);

/// The side and the figures of the first loss claim of `text`.
fn first_loss(text: &str) -> (Option<Side>, Vec<Told>) {
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert!(!claims.is_empty(), "no loss claim: {text}");
    let figures = claims[0].figures.iter();
    (
        claims[0].side,
        figures.map(|f| (f.metric, f.value, f.period)).collect(),
    )
}

#[test]
fn the_perfect_tense_is_active() {
    for text in [
        "Ukrainian forces have destroyed 30 tanks near Kurakhove.",
        "Ukrainian troops have killed 300 soldiers in the Kursk region.",
    ] {
        assert_eq!(first_loss(text).0, Some(Side::Russia), "{text}");
    }
    let (side, _) = first_loss("Twelve Ukrainian soldiers have been killed in a strike.");
    assert_eq!(side, Some(Side::Ukraine));
}

#[test]
fn a_noun_of_loss_before_its_linking_verb_counts() {
    let (side, figures) = first_loss("Russian casualties have reached more than 750,000.");
    assert_eq!(side, Some(Side::Russia));
    assert_eq!(
        figures,
        vec![(Metric::Personnel, 750_000, Some(Period::Total))]
    );
    assert!(
        run("Civilian casualties have reached 12,000.")
            .categories
            .is_empty()
    );
}

#[test]
fn named_spans_of_time() {
    for (text, period) in [
        (
            "Втрати ворога за вересень склали 38 тисяч осіб.",
            Period::Month,
        ),
        ("За октябрь ВСУ потеряли 20 тысяч человек.", Period::Month),
        (
            "Упродовж доби ворог втратив 45 осіб і 2 танки.",
            Period::Day,
        ),
    ] {
        let (_, figures) = first_loss(text);
        assert!(
            figures.iter().all(|f| f.2 == Some(period)),
            "{text}: {figures:?}"
        );
    }
}

#[test]
fn nationalities_and_launchers_by_name() {
    let (_, figures) =
        first_loss("Ukrainian forces have killed about 3,000 North Korean soldiers, Kyiv said.");
    assert_eq!(figures[0].1, 3000);
    let (side, figures) =
        first_loss("Moscow said its forces had destroyed three HIMARS launchers near Sumy.");
    assert_eq!(side, Some(Side::Ukraine));
    assert_eq!((figures[0].0, figures[0].1), (Metric::Mlrs, 3));
}

#[test]
fn soldiers_taken_prisoner_are_not_lost_and_the_opening_subject_is_the_attacker() {
    for text in [
        "Українські десантники взяли в полон 12 російських військових і знищили три БМП.",
        "Ukrainian paratroopers captured 12 Russian soldiers and destroyed three tanks.",
    ] {
        let (side, figures) = first_loss(text);
        assert_eq!(side, Some(Side::Russia), "{text}");
        assert_eq!(figures.len(), 1, "{text}: {figures:?}");
        assert_eq!(figures[0].1, 3, "{text}");
    }
}

#[test]
fn one_loss_words_tally_is_one_claim_not_a_strike() {
    let c = run("Втрати ворога на 9 грудня: ліквідовано ще 1390 окупантів та 14 танків.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert!(
        claims[0]
            .figures
            .iter()
            .all(|f| f.period != Some(Period::Event))
    );
    // A strike's own counts stay one incident's.
    let (_, figures) = first_loss("Ударом по колонне уничтожены 3 танка и 40 военнослужащих ВСУ.");
    assert!(
        figures.iter().all(|f| f.2 == Some(Period::Event)),
        "{figures:?}"
    );
}

#[test]
fn a_loss_report_heads_the_bulleted_lines_after_it_and_keeps_its_own_figure() {
    let text = "Минобороны: за неделю ВСУ потеряли более 11 тысяч военных.\n\n\
                ▪️ на Курском направлении — свыше 2 100 военнослужащих;\n\
                ▪️ в зоне группировки «Юг» — до 1 400 военнослужащих;";
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    let values: Vec<i64> = claims.iter().map(|x| x.figures[0].value).collect();
    assert_eq!(values, vec![11_000, 2_100, 1_400], "{claims:?}");
    for x in &claims {
        assert_eq!(x.claimant_id.as_deref(), Some("ru_mod"));
        assert_eq!(x.figures[0].period, Some(Period::Week));
    }
}

#[test]
fn the_wounded_after_the_killed_are_the_same_sides_and_24_hours_is_a_day() {
    let c = run(
        "At least 40 Ukrainian soldiers were killed and more than 150 wounded in a Russian missile strike on a training ground, officials said.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    let (_, figures) = first_loss(
        "Ukraine's military said it destroyed 11 Russian tanks, 20 armoured vehicles and killed about 300 soldiers in the past 24 hours.",
    );
    assert!(
        figures.iter().all(|f| f.2 == Some(Period::Day)),
        "{figures:?}"
    );
}

#[test]
fn a_digest_of_bulleted_stories_has_no_loss_heading() {
    // Each line is its own story: the deaths of one line's second sentence head no other line.
    let text = "Главное за день\n\n🔻В Испании снова наводнение. В провинции Валенсия погибли более 200 человек.\n\n🔻В Ростове осудили двух российских контрактников, обвинявшихся в убийстве семьи.";
    assert!(run(text).categories.is_empty(), "{:?}", run(text).claims);
}

#[test]
fn rates_per_month_and_week_are_those_periods() {
    for (text, period) in [
        (
            "Росія щомісяця втрачає близько 25 тисяч військових.",
            Period::Month,
        ),
        (
            "Russia loses about 25,000 troops every month.",
            Period::Month,
        ),
        (
            "Противник еженедельно теряет до 8 тысяч военных.",
            Period::Week,
        ),
    ] {
        let (_, figures) = first_loss(text);
        assert_eq!(figures[0].2, Some(period), "{text}");
    }
}

#[test]
fn a_count_of_casualties_is_its_own_word_of_loss() {
    let (side, figures) = first_loss(
        "Ukraine's General Staff reported 1,480 Russian casualties over the past day, along with 7 tanks.",
    );
    assert_eq!(side, Some(Side::Russia));
    assert_eq!(figures[0], (Metric::Personnel, 1480, Some(Period::Day)));
    assert!(
        run("Civilian casualties reached 1,480 in the city.")
            .categories
            .is_empty()
    );
}

#[test]
fn an_operations_losses_and_sentences_for_desertion() {
    let (_, figures) =
        first_loss("Russia's losses in the Kursk incursion have topped 30,000 troops, Kyiv said.");
    assert_eq!(figures[0], (Metric::Personnel, 30_000, Some(Period::Total)));
    let c = run(
        "По данным «Медиазоны», за неделю вынесено 110 приговоров за самовольное оставление части.",
    );
    let f = &claims_of(&c, Category::Refusal)[0].figures;
    assert_eq!((f[0].metric, f[0].value), (Metric::Deserters, 110));
}

#[test]
fn one_machine_struck_is_one_incident() {
    // A singular machine destroyed is one incident, even over a span left open ("overnight").
    for text in [
        "Ukraine's navy said it sank a Russian patrol ship off the coast of Crimea overnight.",
        "Повітряні сили збили російський винищувач Су-34 над Донеччиною.",
    ] {
        let (_, figures) = first_loss(text);
        assert_eq!(figures.len(), 1, "{text}: {figures:?}");
        assert_eq!(figures[0].2, Some(Period::Event), "{text}");
    }
    // A running total stays one; a count in digits is not a single machine.
    let (_, figures) = first_loss("Russia has lost a submarine since the war began.");
    assert_eq!(figures[0].2, Some(Period::Total));
    let (_, figures) = first_loss("Since February 2022 Russia has lost 1 submarine.");
    assert_ne!(figures[0].2, Some(Period::Event));
}

#[test]
fn a_tally_said_to_reach_its_level_is_a_running_total() {
    let (_, figures) = first_loss(
        "Число украинских потерь в Курской области приближается к 23 000 человек, пишут украинские издания.",
    );
    assert_eq!(
        figures,
        vec![(Metric::Personnel, 23_000, Some(Period::Total))]
    );
    let c = run("Число украинских потерь в Курской области приближается к 23 000 человек.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(
        claims[0].figures[0].qualifier,
        Some(crate::model::Qualifier::About)
    );
    let (_, figures) = first_loss(
        "On the battlefield, Russian forces have reportedly lost more than 20,000 troops.",
    );
    assert_eq!(figures[0].2, Some(Period::Total));
    // A battle's count stays the battle's.
    let (_, figures) = first_loss(
        "Наши подразделения разбили ПВД, число ликвидированных ВСУшников превысило 50 человек.",
    );
    assert_ne!(figures[0].2, Some(Period::Total));
}

#[test]
fn an_attempt_frames_a_nights_count_as_one_incident() {
    let (_, figures) = first_loss(
        "Только за эту ночь ВСУ потеряли 41 человека убитыми — в попытке атаковать позиции наших.",
    );
    assert_eq!(figures, vec![(Metric::Killed, 41, Some(Period::Event))]);
}

#[test]
fn an_exchange_of_bodies_counts_each_sides_dead() {
    for text in [
        "Россия передала останки 502 украинских военных, Украина — 48 российских.",
        "Росія передала тіла 502 українських військових, Україна — 48 російських.",
    ] {
        let c = run(text);
        let got: Vec<_> = claims_of(&c, Category::Losses)
            .iter()
            .map(|x| {
                (
                    x.side,
                    x.figures[0].metric,
                    x.figures[0].value,
                    x.figures[0].period,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Some(Side::Ukraine),
                    Metric::Killed,
                    502,
                    Some(Period::Event)
                ),
                (Some(Side::Russia), Metric::Killed, 48, Some(Period::Event)),
            ],
            "{text}"
        );
    }
}

#[test]
fn a_bare_rate_may_carry_its_month_and_an_average_is_about() {
    for text in [
        "Russian losses stood at 1,200 a day in November, Kyiv says.",
        "Russian losses averaged 1,200 a day, Kyiv says.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let f = &claims[0].figures[0];
        assert_eq!((f.value, f.period), (1_200, Some(Period::Day)), "{text}");
    }
    let c = run("Russian losses averaged 1,200 a day, Kyiv says.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!(f.qualifier, Some(crate::model::Qualifier::About));
}

#[test]
fn a_failed_assault_is_one_incident() {
    let (_, figures) = first_loss(
        "Russian forces lost at least 40 armoured vehicles in a failed assault on Velyka Novosilka.",
    );
    assert_eq!(figures, vec![(Metric::Apc, 40, Some(Period::Event))]);
}

#[test]
fn a_capital_that_estimates_speaks_for_its_state() {
    let c = run("Kyiv estimates Russian losses at 1,200 a day in November.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant_id.as_deref(), Some("ua_state"));
    assert_eq!(claims[0].side, Some(Side::Russia));
}

#[test]
fn some_before_a_number_is_about_and_a_scoped_noun_of_loss_reaches_its_number() {
    let c = run(
        "Some 120,000 Russian soldiers have been killed since the invasion began, Mediazona says.",
    );
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!(
        (f.value, f.qualifier),
        (120_000, Some(crate::model::Qualifier::About))
    );
    let (side, figures) =
        first_loss("Moscow estimated Ukraine's losses in the Kursk region at 40,000.");
    assert_eq!(side, Some(Side::Ukraine));
    assert_eq!(figures[0].1, 40_000);
}

#[test]
fn one_soldier_killed_and_a_ukrainian_ship_are_one_incident_and_a_week_is_a_week() {
    let (_, figures) =
        first_loss("Під Вугледаром загинув командир роти 72-ї бригади Олег Петренко.");
    assert_eq!(figures, vec![(Metric::Killed, 1, Some(Period::Event))]);
    let (side, figures) = first_loss("ЗСУ знищили російський корабель біля Керченської протоки.");
    assert_eq!(side, Some(Side::Russia));
    assert_eq!(figures, vec![(Metric::Ships, 1, Some(Period::Event))]);
    let (_, figures) = first_loss("Упродовж тижня Сили оборони знищили понад 8 тисяч окупантів.");
    assert_eq!(figures[0].2, Some(Period::Week));
}

#[test]
fn the_dead_or_wounded_heading_a_clause_are_counted_by_a_comparison_alone() {
    let figures = |text: &str| figures_of(&run(text), Category::Losses);
    assert_eq!(
        figures("Погибших среди российских военных больше 200 тысяч."),
        vec![(Metric::Killed, 200_000)]
    );
    assert_eq!(
        figures("Раненых российских военных примерно 500 тысяч."),
        vec![(Metric::Wounded, 500_000)]
    );
    // Without a word of killing or wounding a comparison counts no loss (a force's strength).
    assert!(figures("В группировке российских военных более 200 тысяч.").is_empty());
}

#[test]
fn an_outlet_that_has_named_or_counted_the_dead_is_their_source() {
    let claimant = |text: &str| {
        claims_of(&run(text), Category::Losses)
            .first()
            .and_then(|c| c.claimant_id.clone())
    };
    assert_eq!(
        claimant("The BBC has identified 78,329 Russian soldiers killed in Ukraine.").as_deref(),
        Some("bbc_russian")
    );
    let joint = claimant("BBC and Mediazona have named 80,973 dead Russian soldiers.");
    assert!(
        matches!(joint.as_deref(), Some("bbc_russian" | "mediazona")),
        "{joint:?}"
    );
    // A participle naming a soldier names no source.
    assert_eq!(
        claimant("A soldier named Ivan was killed near Bakhmut."),
        None
    );
}
