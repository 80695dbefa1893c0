//! Reports as ministries, staffs and exchanges tell them: bodies handed between the sides, a
//! group's bullet that lists a depot beside its count, a running total after the day's
//! figures, a day's count "since the day began", a source line closing the text, motorcycles,
//! and a described speaker "also" claiming.

use super::{claims_of, figures_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Side};

#[test]
fn bodies_handed_between_the_sides_are_each_sides_dead() {
    let c = run(
        "В ходе репатриации Украина получила тела 800 погибших военнослужащих, российской \
         стороне переданы 41 тело.",
    );
    let claims = claims_of(&c, Category::Losses);
    let by_side = |side| {
        claims
            .iter()
            .filter(|x| x.side == Some(side))
            .flat_map(|x| x.figures.iter().map(|f| (f.metric, f.value)))
            .collect::<Vec<_>>()
    };
    assert_eq!(by_side(Side::Ukraine), vec![(Metric::Killed, 800)]);
    assert_eq!(by_side(Side::Russia), vec![(Metric::Killed, 41)]);
    // Without an exchange, bodies may be civilians'.
    assert!(run("На месте пожара нашли 3 тела.").claims.is_empty());
}

#[test]
fn a_groups_count_stands_beside_a_depot_listed_after_a_comma() {
    let c = run(
        "Минобороны России: потери ВСУ за сутки составили до 900 военнослужащих.\n\
         ▪️группировка «Юг» — до 140 военнослужащих, склад боеприпасов;",
    );
    assert!(
        figures_of(&c, Category::Losses).contains(&(Metric::Personnel, 140)),
        "{:?}",
        c.claims
    );
}

#[test]
fn a_total_after_the_days_figures_is_the_running_total() {
    let c = run("Генштаб ВСУ: за сутки уничтожены 5 танков. Всего Россия потеряла 9 870 танков.");
    let claims = claims_of(&c, Category::Losses);
    let total = claims
        .iter()
        .flat_map(|x| x.figures.iter())
        .find(|f| f.value == 9_870)
        .expect("the total");
    assert_eq!(total.period, Some(Period::Total));
}

#[test]
fn a_count_since_the_day_began_is_the_days() {
    let c = run("Від початку доби на Покровському напрямку знешкоджено 180 окупантів.");
    assert_eq!(
        claims_of(&c, Category::Losses)[0].figures[0].period,
        Some(Period::Day)
    );
}

#[test]
fn a_source_line_closing_the_text_tells_its_paragraph() {
    let c = run(
        "За попередніми даними, сьогодні на цьому напрямку знешкоджено 96 окупантів. Також \
         знищено 2 танки.\n\nПро це йдеться у зведенні Генштабу ЗСУ.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert!(!claims.is_empty());
    assert!(
        claims
            .iter()
            .all(|x| x.claimant_id.as_deref() == Some("ua_general_staff")),
        "{claims:?}"
    );
}

#[test]
fn motorcycles_are_vehicles_and_also_is_no_part_of_the_speaker() {
    let c = run("Також знищено танк та 7 мотоциклів.");
    assert!(figures_of(&c, Category::Losses).contains(&(Metric::Vehicles, 7)));
    let c = run("The ministry also claimed to have destroyed three pickup trucks near Kupiansk.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].claimant.as_deref(), Some("The ministry"));
}

#[test]
fn a_lists_signature_line_names_its_source() {
    let c = run(
        "⚡️Загальні бойові втрати противника\n\n▪️особового складу — близько 990 120 (+1 050) \
         осіб\n▪️танків — 10 800 (+4) од.\n\nДані уточнюються.\nГенштаб ЗСУ",
    );
    let claims = claims_of(&c, Category::Losses);
    assert!(!claims.is_empty());
    assert!(
        claims
            .iter()
            .all(|x| x.claimant_id.as_deref() == Some("ua_general_staff"))
    );
}

#[test]
fn a_southern_command_reporting_is_ukraines_forces() {
    let c = run("За даними Сил оборони півдня, за добу знищено 95 окупантів та 3 танки.");
    assert_eq!(
        claims_of(&c, Category::Losses)[0].claimant_id.as_deref(),
        Some("ua_armed_forces")
    );
}

#[test]
fn a_count_ending_in_one_takes_the_singular_noun() {
    let c = run("Оператори дронів за тиждень знищили 31 окупанта.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Personnel, 31)]
    );
}

#[test]
fn slang_machines_burned_out_after_a_strike_are_that_strikes() {
    let c = run("После прилёта «Искандера» у противника выгорели две «мотолыги».");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Apc, 2));
    assert_eq!(f.period, Some(Period::Event));
}

#[test]
fn a_lists_items_share_its_period_and_a_total_of_one_kind_counts_that_kind() {
    let c = run(
        "Ukraine's General Staff said Russia had lost 1,020,000 troops since the start of the \
         full-scale invasion, including 1,100 over the past day. Ukrainian forces also destroyed \
         three tanks, 9 armoured vehicles and 14 artillery systems in the past 24 hours, \
         bringing Russia's total tank losses to 10,990.",
    );
    let claims = claims_of(&c, Category::Losses);
    let all: Vec<_> = claims.iter().flat_map(|x| x.figures.iter()).collect();
    let of = |v: i64| {
        all.iter()
            .find(|f| f.value == v)
            .map(|f| (f.metric, f.period))
    };
    assert_eq!(of(9), Some((Metric::Apc, Some(Period::Day))));
    assert_eq!(of(10_990), Some((Metric::Tanks, Some(Period::Total))));
    // The tanks' total is told with the troops' total, not as the day's three tanks' total.
    let totals = claims
        .iter()
        .find(|x| x.figures.iter().any(|f| f.value == 10_990))
        .unwrap();
    assert!(totals.figures.iter().any(|f| f.value == 1_020_000));
}

#[test]
fn a_recalled_report_after_a_lead_does_not_tell_the_lead() {
    let c = run(
        "Оператори дронів 47-ї бригади за тиждень знищили 7 танків, повідомили у бригаді.\n\n\
         Нагадаємо, раніше Генштаб ЗСУ повідомляв, що за травень ворог втратив 30 000 осіб.",
    );
    let claims = claims_of(&c, Category::Losses);
    let week = claims
        .iter()
        .find(|x| x.figures.iter().any(|f| f.value == 7))
        .unwrap();
    assert_ne!(week.claimant_id.as_deref(), Some("ua_general_staff"));
}

#[test]
fn a_count_since_a_measure_took_effect_is_a_running_total() {
    for text in [
        "More than 6,000 soldiers who left their units without permission have returned since \
         parliament simplified the procedure in November, the Defence Ministry said.",
        "С момента введения упрощённого порядка в строй вернулись свыше 20 тысяч военных ВСУ, \
         находившихся в СЗЧ.",
    ] {
        let c = run(text);
        let f = &claims_of(&c, Category::Refusal)[0].figures[0];
        assert_eq!(f.period, Some(Period::Total), "{text}");
    }
}

#[test]
fn a_bullet_naming_its_own_source_is_not_framed_by_the_line_before() {
    let c = run(
        "Главное за день:\n▪️Под Часовым Яром ВСУ за неделю потеряли около 500 военнослужащих, \
         заявил Лысенко.\n▪️ФСБ: в Брянской области ликвидирована диверсионная группа ВСУ из \
         четырех человек.",
    );
    let claims = claims_of(&c, Category::Losses);
    let group = claims
        .iter()
        .flat_map(|x| x.figures.iter())
        .find(|f| f.value == 4)
        .unwrap();
    assert_ne!(group.period, Some(Period::Week));
}

#[test]
fn a_whole_beside_a_span_sums_that_span() {
    let c = run(
        "С начала октября на службу вернулись в общей сложности более четырех тысяч бойцов, \
         самовольно оставивших части, сообщили в Генштабе ВСУ.",
    );
    let f = &claims_of(&c, Category::Refusal)[0].figures[0];
    assert_eq!(f.period, Some(Period::Month));
}

#[test]
fn a_lone_word_for_a_unit_as_the_speaker_is_the_unit_named_before() {
    let c = run(
        "Оператори дронів 68-ї окремої єгерської бригади за тиждень знищили 9 танків. Загалом \
         за тиждень уражено понад 20 одиниць техніки, повідомили в бригаді.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert!(
        claims
            .iter()
            .any(|x| x.claimant.as_deref() == Some("68-ї окремої єгерської бригади")),
        "{claims:?}"
    );
}

#[test]
fn one_assault_told_by_what_it_won_or_beat_back_is_one_event() {
    for text in [
        "Штурмовики выбили ВСУ из опорника под Тёткино — у противника не менее 40 двухсотых и около 20 трёхсотых.",
        "Бійці бригади відбили атаку під Часовим Яром, ворог втратив 25 військових.",
        "Ukrainian troops repelled an assault near Vovchansk, killing 30 Russian soldiers.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert!(!claims.is_empty(), "{text}");
        for f in &claims[0].figures {
            assert_eq!(f.period, Some(Period::Event), "{text}: {f:?}");
        }
    }
    // A day's tally keeps its day, however many attacks were beaten back.
    let c = run("За сутки бойцы отразили 20 атак, противник потерял 300 военных.");
    assert_eq!(
        claims_of(&c, Category::Losses)[0].figures[0].period,
        Some(Period::Day)
    );
}
