//! What a claim says: claimant (canonical or as written), side, unit, place, numbers in every
//! real form, evidence.

use super::{claims_of, figures_of, first_claimant, run, total};
use crate::classify::Category;
use crate::model::{Metric, Period, Side};

#[test]
fn numbers_in_every_real_form_become_figures() {
    let cases = [
        ("ВСУ потеряли около 28,3 тыс. военнослужащих.", 28_300),
        ("Втрати ворога сягнули 1,5 тисячі окупантів.", 1_500),
        (
            "Загальні втрати противника становлять 646 тис. 400 осіб.",
            646_400,
        ),
        (
            "Загальні втрати противника становлять 260 270 осіб.",
            260_270,
        ),
        ("Russia has lost 28.300 troops.", 28_300),
        ("ВСУ потеряли до 1515 военнослужащих.", 1_515),
        ("Окупанти втратили близько шістдесят солдатів.", 60),
        ("ВСУ потеряли сотню бойцов.", 100),
    ];
    for (text, value) in cases {
        let figures = figures_of(&run(text), Category::Losses);
        assert_eq!(
            figures.first().map(|f| f.1),
            Some(value),
            "{text}: {figures:?}"
        );
    }
}

#[test]
fn claimants_are_canonical_for_institutions_and_as_written_otherwise() {
    let cases = [
        (
            "Генштаб ЗСУ повідомив, що окупанти втратили 900 осіб особового складу.",
            "General Staff of the Armed Forces of Ukraine",
        ),
        (
            "Главное управление разведки Украины сообщило, что армия РФ потеряла 30 танков.",
            "Defence Intelligence of Ukraine",
        ),
        (
            "ВСУ потеряли до 500 военнослужащих, сообщили в Минобороны России.",
            "Russian Ministry of Defence",
        ),
        (
            "По данным Mash, ВСУ потеряли около 60 человек личного состава.",
            "Mash",
        ),
        (
            "Президент Владимир Зеленский заявил, что Россия потеряла 40 тысяч солдат под Авдеевкой.",
            "Владимир Зеленский",
        ),
    ];
    for (text, claimant) in cases {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(
            claims.first().and_then(|x| x.claimant.as_deref()),
            Some(claimant),
            "{text}"
        );
    }
    let none = run("Окупанти втратили 12 танків.");
    assert_eq!(claims_of(&none, Category::Losses)[0].claimant, None);
}

#[test]
fn the_claimant_may_come_in_the_next_sentence() {
    let c = run(
        "Около 300 россиян отказались выполнять приказ и покинули район. Об этом сообщил Генеральный штаб ВСУ.",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(
        claims[0].claimant.as_deref(),
        Some("General Staff of the Armed Forces of Ukraine")
    );
}

#[test]
fn the_enemy_is_resolved_from_the_claimant() {
    let c = run("Генштаб ЗСУ: за добу противник втратив 1 020 осіб.");
    assert_eq!(claims_of(&c, Category::Losses)[0].side, Some(Side::Russia));
    let d = run("Минобороны России: противник потерял до 300 военнослужащих.");
    assert_eq!(claims_of(&d, Category::Losses)[0].side, Some(Side::Ukraine));
    // In English without a known claimant, "the enemy" stays unresolved.
    let e = run("The enemy lost 40 tanks in the battle, the commander wrote.");
    assert_eq!(claims_of(&e, Category::Losses)[0].side, None);
}

#[test]
fn units_as_written() {
    let cases = [
        (
            "Военнослужащие 72-й отдельной механизированной бригады отказались выходить на позиции.",
            "72-й отдельной механизированной бригады",
        ),
        (
            "Бійці 72-га ОМБр відмовилися виконувати наказ.",
            "72-га ОМБр",
        ),
        (
            "Soldiers of the 70th Guards Motorized Rifle Regiment refused to take part in the offensive.",
            "70th Guards Motorized Rifle Regiment",
        ),
        (
            "Бойцы 34-го батальона 57-й бригады заявили, что не будут выполнять приказ.",
            "34-го батальона 57-й бригады",
        ),
        (
            "Военнослужащие в/ч 12345 отказались ехать на фронт.",
            "в/ч 12345",
        ),
        (
            "Около 60 военнослужащих 76-й десантно-штурмовой дивизии отказались возвращаться на фронт.",
            "76-й десантно-штурмовой дивизии",
        ),
        (
            "Бійці 80-ї десантно-штурмової бригади відмовилися виконувати наказ.",
            "80-ї десантно-штурмової бригади",
        ),
    ];
    for (text, unit) in cases {
        let c = run(text);
        let claims = claims_of(&c, Category::Refusal);
        assert_eq!(
            claims.first().and_then(|x| x.unit.as_deref()),
            Some(unit),
            "{text}"
        );
    }
    let none = run("Три бригады отказались выходить на позиции под Харьковом.");
    assert_eq!(claims_of(&none, Category::Refusal)[0].unit, None);
}

#[test]
fn running_totals_and_period_counts() {
    let c = run(
        "З початку повномасштабного вторгнення Росія втратила 1 100 000 військових, зокрема за останню добу — 1 040 осіб.",
    );
    // The day's part of the total is the total's delta (one figure per metric).
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(
        claims[0].figures,
        vec![total(Metric::Personnel, 1_100_000, Some(1_040), None)]
    );
    let unknown = run("Россия потеряла 500 танков.");
    assert_eq!(
        claims_of(&unknown, Category::Losses)[0].figures[0].cumulative,
        None
    );
    let monthly = run("У жовтні армія РФ втратила понад 31 000 осіб особового складу.");
    assert_eq!(
        claims_of(&monthly, Category::Losses)[0].figures[0].cumulative,
        Some(false)
    );
    assert_eq!(
        figures_of(&monthly, Category::Losses),
        vec![(Metric::Personnel, 31_000)]
    );
}

#[test]
fn a_count_with_the_wounded_is_personnel() {
    let cases = [
        "Источник в НАТО оценил потери России в октябре (с учетом раненых) в 1200 человек в день.",
        "Втрати росіян разом з пораненими сягнули 1300 осіб за добу, оцінив речник.",
        "Russia lost 1,100 soldiers a day in October, including the wounded, a NATO official estimated.",
    ];
    for text in cases {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let f = &claims[0].figures[0];
        assert_eq!(f.metric, Metric::Personnel, "{text}");
        assert_eq!(f.period, Some(Period::Day), "{text}");
    }
    let nato = run(cases[0]);
    assert_eq!(
        claims_of(&nato, Category::Losses)[0].claimant_id.as_deref(),
        Some("nato")
    );
}

#[test]
fn a_number_after_a_comma_counts_whom_its_predicate_kills_or_wounds() {
    let cases = [
        (
            "Не менее 20 тысяч российских солдат погибли в боях, еще около 50 тысяч были тяжело ранены, пишет газета.",
            vec![(Metric::Killed, 20_000), (Metric::Wounded, 50_000)],
        ),
        (
            "Щонайменше 3 тисячі російських військових загинули, ще 7 тисяч поранені, повідомляє видання.",
            vec![(Metric::Killed, 3_000), (Metric::Wounded, 7_000)],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(figures_of(&run(text), Category::Losses), want, "{text}");
    }
    // Equipment before: a wounded count is not more of it.
    let c = run("ВСУ потеряли 5 танков, еще 3 были ранены при обстреле.");
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Tanks, 5)]);
}

#[test]
fn a_spokesman_speaks_for_the_institution_he_was_introduced_with() {
    let text = "Атаки отбиты, заявил спикер Генштаба ВСУ Андрей Ковалев журналистам.\n\nПо его словам, российские войска потеряли 12 танков за день, сообщил Ковалев.";
    assert_eq!(
        first_claimant(text, Category::Losses).as_deref(),
        Some("General Staff of the Armed Forces of Ukraine")
    );
    // Not introduced as anyone's spokesman: the name as written.
    let text = "Российские войска потеряли 12 танков за день, сообщил Ковалев.";
    assert_eq!(
        first_claimant(text, Category::Losses).as_deref(),
        Some("Ковалев")
    );
}

#[test]
fn a_quoted_name_after_a_cue_is_an_outlet_and_tells_the_sentence_before() {
    let claimant = |text: &str| first_claimant(text, Category::Losses);
    assert_eq!(
        claimant(
            "Под Суджей уничтожено около 40 военнослужащих ВСУ, пишет издание «Северный фронт»."
        ),
        Some("Северный фронт".to_owned())
    );
    assert_eq!(
        claimant(
            "В Курской области уничтожено около 40 военнослужащих ВСУ. Как пишет \"Полевая почта\", бои продолжаются."
        ),
        Some("Полевая почта".to_owned())
    );
    // Quoted, but not after a cue: a name of something else.
    assert_eq!(
        claimant("В районе завода «Красный октябрь» уничтожено около 40 военнослужащих ВСУ."),
        None
    );
}

#[test]
fn a_source_after_a_direct_quotation_tells_the_quotation_not_the_post() {
    let text = "Наступление продолжается.\n\n— Противник отходит, позиции заняты, — пишет «Полевая почта».\n\n— В районе Суджи уничтожено около 40 военнослужащих ВСУ.";
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant, None);
}

#[test]
fn a_role_reaches_its_name_across_a_region_and_district() {
    let text = "Восемь военнослужащих самовольно оставили часть, сообщил глава Тайгинского района Кемеровской области Иван Петров.";
    assert_eq!(
        first_claimant(text, Category::Refusal).as_deref(),
        Some("Иван Петров")
    );
}

#[test]
fn of_two_joint_sources_the_first_leads() {
    let text = "**45 тысяч погибших**\n\nBBC совместно с «Медиазоной» установили имена 45 312 российских военных, погибших в Украине.";
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant_id.as_deref(), Some("bbc_russian"));
    assert_eq!(claims[0].figures.first().map(|f| f.value), Some(45_312));
    let text = "Би-би-си совместно с изданием «Медиазона» установили имена 45 312 российских военных, погибших в Украине.";
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(
        claims.first().and_then(|x| x.claimant_id.as_deref()),
        Some("bbc_russian")
    );
}

#[test]
fn a_span_of_no_known_length_is_no_one_strike() {
    let c = run("За последние несколько недель уничтожено до 30 танков ВСУ.");
    let claims = claims_of(&c, Category::Losses);
    let f = claims.first().and_then(|x| x.figures.first());
    assert_eq!(
        f.map(|f| (f.value, f.period, f.cumulative)),
        Some((30, None, Some(false)))
    );
    let c = run("В результате удара уничтожено 3 танка ВСУ.");
    let claims = claims_of(&c, Category::Losses);
    let f = claims.first().and_then(|x| x.figures.first());
    assert_eq!(f.and_then(|f| f.period), Some(Period::Event));
}

#[test]
fn a_daily_rate_is_no_running_totals_change_of_a_day() {
    let values_and_deltas = |text: &str| -> Vec<(i64, Option<i64>)> {
        let c = run(text);
        claims_of(&c, Category::Losses)
            .iter()
            .flat_map(|x| x.figures.iter().map(|f| (f.value, f.delta)))
            .collect()
    };
    let figures = values_and_deltas(
        "По данным Медиазоны, установлены имена 65 210 российских военных, погибших в Украине. В октябре каждый день в среднем Медиазона фиксировала гибель 120 российских военных.",
    );
    assert!(figures.contains(&(65_210, None)), "{figures:?}");
    assert!(figures.contains(&(120, None)), "{figures:?}");
    // One day's count told after the total is its change.
    let figures = values_and_deltas(
        "По данным Генштаба, с начала вторжения Россия потеряла 65 210 военных. За сутки Россия потеряла 1 120 военных.",
    );
    assert!(figures.contains(&(65_210, Some(1_120))), "{figures:?}");
}

#[test]
fn a_number_standing_for_the_figure_before_it_takes_that_figures_loss_word() {
    let text = "Под Авдеевкой противник потерял больше 12 тысяч человек. А под Угледаром — больше 9 тысяч.";
    let c = run(text);
    let values: Vec<i64> = figures_of(&c, Category::Losses)
        .iter()
        .map(|f| f.1)
        .collect();
    assert_eq!(values, vec![12_000, 9_000]);
}

#[test]
fn a_sentence_adding_a_count_goes_on_with_the_loss_before_it() {
    // "Плюс …" adds to the sentence before; "And they pulled out 40,000 troops" does not.
    let c = run(
        "В результате наскока Украина потеряла не меньше шести единиц бронетехники и один миномёт. Плюс около 20 человек личного состава.",
    );
    let figures: Vec<(Metric, i64)> = claims_of(&c, Category::Losses)
        .iter()
        .flat_map(|x| x.figures.iter().map(|f| (f.metric, f.value)))
        .collect();
    assert!(figures.contains(&(Metric::Personnel, 20)), "{figures:?}");
    assert!(figures.contains(&(Metric::Artillery, 1)), "{figures:?}");
    let c = run(
        "Moscow officially lost 1,351 servicemen in a month. And they have been forced to pull out around 40,000 troops from around Kyiv.",
    );
    let values: Vec<i64> = claims_of(&c, Category::Losses)
        .iter()
        .flat_map(|x| x.figures.iter().map(|f| f.value))
        .collect();
    assert_eq!(values, vec![1351]);
}

#[test]
fn soldiers_covered_by_strikes_are_hit() {
    let c = run("Около 30-40 человек личного состава ВСУ были накрыты ударами ТОС-1А «Солнцепёк».");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Personnel, 40)]
    );
    // A table is laid, not struck.
    assert!(
        run("Для 40 человек накрыт праздничный стол.")
            .claims
            .is_empty()
    );
}
