//! Refusal rules, one language at a time, on the project's own sentences.

use super::{claims_of, figures_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Side};

fn refusal(text: &str) -> bool {
    run(text).categories.contains(&Category::Refusal)
}

#[test]
fn russian_refusals_in_inflected_forms() {
    for text in [
        "Командование сообщило, что 40 военнослужащих 155-й бригады отказались выполнять приказ о наступлении.",
        "Бойцы отказываются идти в штурм без поддержки артиллерии, рассказали их жёны.",
        "Мобилизованный отказался воевать и был отправлен в подвал.",
        "Отказников держат в подвале на оккупированной территории.",
        "Двое контрактников дезертировали из части и объявлены в розыск.",
        "Солдат самовольно оставил часть в Ростовской области.",
        "Суд приговорил мобилизованного к пяти годам колонии по статье 337 УК РФ.",
        "Против военнослужащего возбуждено уголовное дело о неисполнении приказа.",
        "Сразу сорок российских солдат ушли в СОЧ за одну неделю.",
    ] {
        assert!(refusal(text), "{text}");
    }
}

#[test]
fn ukrainian_refusals_in_inflected_forms() {
    for text in [
        "Понад 60 військовослужбовців 3-го батальйону відмовилися виконувати наказ командира.",
        "Російські мобілізовані відмовляються їхати воювати на передову.",
        "Прокуратура відкрила провадження щодо 120 військових, які самовільно залишили частину.",
        "Кількість справ за СЗЧ у ЗСУ зросла вдвічі.",
        "Окупанти масово дезертирують з передових позицій.",
        "Відмовників утримують у підвалі під охороною.",
        "Військового засудили за статтею 408 КК України.",
    ] {
        assert!(refusal(text), "{text}");
    }
}

#[test]
fn english_refusals() {
    for text in [
        "About sixty paratroopers from the 76th Guards Air Assault Division refused to deploy to the front, a regional newspaper reported.",
        "Several soldiers refused orders to advance and were detained by military police.",
        "Ukrainian prosecutors opened 1,200 cases against deserters last month.",
        "Russian refuseniks are held in basements near the front line.",
        "Dozens of mobilized men went AWOL after the first week of training.",
        "Court records show hundreds of soldiers leaving their units without permission this autumn.",
        "A contract soldier was sentenced under Article 337 of the Russian criminal code.",
    ] {
        assert!(refusal(text), "{text}");
    }
}

#[test]
fn a_refusal_claim_counts_people_and_names_the_side_and_unit() {
    let c = run(
        "Около 300 российских военных 18-й мотострелковой дивизии отказались выполнять приказ о наступлении.",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert_eq!(
        claims[0].unit.as_deref(),
        Some("18-й мотострелковой дивизии")
    );
    assert_eq!(
        figures_of(&c, Category::Refusal),
        vec![(Metric::Refusers, 300)]
    );

    let d = run("Понад 25 тисяч російських солдатів самовільно залишили свої частини.");
    assert_eq!(
        figures_of(&d, Category::Refusal),
        vec![(Metric::Deserters, 25000)]
    );
    assert_eq!(claims_of(&d, Category::Refusal)[0].side, Some(Side::Russia));

    let e = run("About sixty paratroopers refused to deploy to the front.");
    assert_eq!(
        figures_of(&e, Category::Refusal),
        vec![(Metric::Refusers, 60)]
    );
}

#[test]
fn desertion_words_alone_need_a_subject_or_a_case() {
    // The act named in the abstract (an advert, an explainer) is not a report.
    assert!(!refusal(
        "Наказание за самовольное оставление части зависит от срока."
    ));
    assert!(!refusal("Что грозит за самоволку: разбираем закон."));
    // Named soldiers, a number of cases, a court: a report.
    assert!(refusal(
        "Самовольное оставление части: в ВСУ открыто 20 тысяч дел."
    ));
    assert!(refusal("Суд отправил дезертира в СИЗО."));
}

#[test]
fn a_combat_action_refused_by_soldiers_needs_no_other_word() {
    for text in [
        "Soldiers of the 12th Regiment refused to attack the village.",
        "The marines declined to storm the bridge again.",
        "Two platoons balked at the order and refused to advance.",
        "Orders to counterattack were ignored by the battalion commander.",
        "Conscripts of the brigade refused to carry out the assault order.",
        "An entire company mutinied after a week without water.",
    ] {
        assert!(refusal(text), "{text}");
    }
    // Without a soldier, the same verbs are civilian.
    for text in [
        "The bank declined to advance the loan.",
        "The striker refused to play after the row with the coach.",
        "The council refused to deploy new parking meters.",
    ] {
        assert!(!refusal(text), "{text}");
    }
}

#[test]
fn the_side_of_a_refusal_is_its_subjects() {
    // The object's side ("українські позиції") is not whose soldiers refused.
    let c = run("Росіяни з 3-ї армії відмовляються штурмувати українські позиції.");
    assert_eq!(claims_of(&c, Category::Refusal)[0].side, Some(Side::Russia));
    let d = run("Russian paratroopers refused to attack Ukrainian trenches near Kreminna.");
    assert_eq!(claims_of(&d, Category::Refusal)[0].side, Some(Side::Russia));
    // A participle after a comma still describes the soldiers before it.
    let e = run("Украинские штурмовики, отказавшиеся идти в атаку, отправлены под арест.");
    assert_eq!(
        claims_of(&e, Category::Refusal)[0].side,
        Some(Side::Ukraine)
    );
    // "в ВСУ", "у ЗСУ": the army named after "in" is whose soldiers they are.
    let f = run("Число случаев СЗЧ в ВСУ выросло втрое за год.");
    assert_eq!(
        claims_of(&f, Category::Refusal)[0].side,
        Some(Side::Ukraine)
    );
    let g = run("У ЗСУ зросла кількість справ про СЗЧ.");
    assert_eq!(
        claims_of(&g, Category::Refusal)[0].side,
        Some(Side::Ukraine)
    );
}

#[test]
fn a_title_without_details_takes_them_from_the_body() {
    let c = crate::classify::classify(&crate::classify::ClassifyInput {
        title: "Russian company refused to advance",
        text: "Ukrainian intelligence said soldiers of the 15th Motor Rifle Regiment refused to advance near Tokmak.",
        lang: None,
    });
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert_eq!(claims[0].unit.as_deref(), Some("15th Motor Rifle Regiment"));
    assert_eq!(claims[0].location.as_deref(), Some("Tokmak"));
    assert_eq!(
        claims[0].claimant.as_deref(),
        Some("Defence Intelligence of Ukraine")
    );
}

#[test]
fn a_count_of_refusers_is_not_a_loss() {
    let c = run("About 30 Russian soldiers refused to advance after their officer was killed.");
    assert_eq!(
        figures_of(&c, Category::Refusal),
        vec![(Metric::Refusers, 30)]
    );
    // The officer killed is a loss of one; the thirty who refused are not.
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 1)]);
    // A loss word nearer to the figure than the refusal keeps it a loss.
    let d = run(
        "ВСУ потеряли за сутки 200 военнослужащих, после чего бойцы роты отказались идти в атаку.",
    );
    assert!(d.categories.contains(&Category::Losses), "{:?}", d.claims);
    assert_eq!(
        figures_of(&d, Category::Losses),
        vec![(Metric::Personnel, 200)]
    );
}

#[test]
fn deserters_from_a_unit_deep_in_russia_are_russias() {
    // A region far behind Russia's lines names the side when the text names none.
    let c = run("Из части в Омской области сбежали 10 военнослужащих, сообщил губернатор.");
    assert_eq!(claims_of(&c, Category::Refusal)[0].side, Some(Side::Russia));
    let d = run("Five soldiers went AWOL from a military unit in Novosibirsk, the governor said.");
    assert_eq!(claims_of(&d, Category::Refusal)[0].side, Some(Side::Russia));
}

#[test]
fn a_group_that_fled_together_is_one_incident_even_last_week_and_a_tally_is_not() {
    let period = |text: &str| {
        let c = run(text);
        claims_of(&c, Category::Refusal)[0].figures[0].period
    };
    for (text, one_incident) in [
        (
            "Из части в Омской области сбежали 10 военнослужащих, сообщил губернатор.",
            true,
        ),
        (
            "About 40 soldiers refused to take part in an assault near Pokrovsk last week.",
            true,
        ),
        (
            "В бригаде ВСУ открыто 40 уголовных дел о самовольном оставлении части.",
            false,
        ),
        (
            "С начала года самовольно оставили часть 200 военнослужащих, сообщила прокуратура.",
            false,
        ),
    ] {
        assert_eq!(period(text) == Some(Period::Event), one_incident, "{text}");
    }
}

#[test]
fn one_persons_desertion_counts_one_and_a_rule_about_anyone_does_not() {
    use crate::model::Period;
    let figures = |text: &str| {
        let c = run(text);
        let claims = claims_of(&c, Category::Refusal);
        assert!(!claims.is_empty(), "no refusal in {text:?}");
        claims[0]
            .figures
            .iter()
            .map(|f| (f.metric, f.value, f.period))
            .collect::<Vec<_>>()
    };
    let one = vec![(Metric::Deserters, 1, Some(Period::Event))];
    assert_eq!(
        figures("В Ростове задержан дезертир ВСУ, который скрывался у родственников."),
        one
    );
    assert_eq!(
        figures("Военнослужащий ВСУ самовольно оставил часть под Харьковом и уехал домой."),
        one
    );
    assert_eq!(
        figures("Військовий ЗСУ самовільно залишив частину і втік до Молдови."),
        one
    );
    assert_eq!(
        figures("Военнослужащие ВСУ самовольно оставили часть под Харьковом."),
        vec![]
    );
    assert_eq!(
        figures("Каждый дезертир ВСУ, вернувшийся в часть, будет освобожден от ответственности."),
        vec![]
    );
}

#[test]
fn szch_is_ukraines_term_and_the_wars_start_dates_no_month() {
    let c = run(
        "З початку повномасштабного вторгнення РФ в Україну, яке розпочалося у лютому 2022 року, прокуратура зареєструвала понад 200 тисяч справ за самовільне залишення частини (СЗЧ).",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    let f = &claims[0].figures[0];
    assert_eq!((f.value, f.period), (200_000, Some(Period::Total)));
    // A subject named in the phrase's own clause still decides.
    let c = run("Російські військові масово йдуть у СЗЧ, повідомляє розвідка.");
    assert_eq!(claims_of(&c, Category::Refusal)[0].side, Some(Side::Russia));
    // A month with its year that no war's start dates is that month's count.
    let c = run("В феврале 2024 года ВСУ потеряли 50 тысяч военных.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!(f.period, Some(Period::Month));
}

#[test]
fn a_count_whose_noun_names_refusers_counts_them_anywhere_in_its_sentence() {
    // The noun says what is counted, even in an editor's brackets, far from the trigger.
    let c = run(
        "“There were 78 [objectors] at first,” said the co-founder of a foundation that supports conscientious objectors among Russian soldiers.",
    );
    assert_eq!(
        figures_of(&c, Category::Refusal),
        vec![(Metric::Refusers, 78)]
    );
}

#[test]
fn a_refusal_without_a_subject_is_by_the_soldiers_its_paragraph_speaks_of() {
    let c = run(
        "ВС РФ атаковали группировку в Курской области.\n\nЗа последние два дня число \
         200-х и 300-х в рядах ВСУ резко возросло. Отрезанные от тыла боевики жалуются на \
         усталость. Многие самовольно оставляют позиции и сдаются в плен малыми группами.",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Ukraine));
}

#[test]
fn refusing_to_be_sent_and_leaving_positions_without_orders() {
    for text in [
        "A group of Russian conscripts refused to be sent to the Belgorod region, their wives said.",
        "Around 40 soldiers of the brigade left their positions without orders, a commander said.",
    ] {
        let c = run(text);
        assert_eq!(c.categories, vec![Category::Refusal], "{text}");
    }
    // Leaving positions on orders is a retreat.
    let c = run("The soldiers left their positions on orders from the command.");
    assert!(c.categories.is_empty());
}

#[test]
fn a_soldier_who_fled_his_unit_told_by_a_participle() {
    let c = run("Контрактник, сбежавший из части с автоматом, задержан в Подмосковье.");
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Russia));
}

#[test]
fn one_soldier_sentenced_for_desertion_is_one_deserter() {
    let c = run(
        "Военный суд приговорил контрактника к шести годам колонии за самовольное оставление части.",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let f = &claims[0].figures;
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].metric, f[0].value), (Metric::Deserters, 1));
    // A rule about anyone is no act.
    let c = run("Если военнослужащий самовольно оставит часть, ему грозит до десяти лет.");
    assert!(
        claims_of(&c, Category::Refusal)
            .iter()
            .all(|x| x.figures.is_empty())
    );
}

#[test]
fn cases_count_what_the_rule_counts() {
    for (text, want) in [
        (
            "Розвідка зафіксувала понад 30 випадків розстрілів російських солдатів за невиконання наказів.",
            (Metric::Refusers, 30),
        ),
        (
            "Возбуждено 200 уголовных дел за отказ выполнять приказ.",
            (Metric::Refusers, 200),
        ),
        (
            "В России возбуждено 200 уголовных дел о дезертирстве.",
            (Metric::Deserters, 200),
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Refusal);
        let got: Vec<_> = claims
            .iter()
            .flat_map(|x| x.figures.iter().map(|f| (f.metric, f.value)))
            .collect();
        assert_eq!(got, vec![want], "{text}");
    }
}

#[test]
fn leaving_the_place_of_service_is_desertion() {
    for text in [
        "Военный, который покинул место службы в Курской области, задержан.",
        "Військовий, який залишив місце служби на Донеччині, затриманий.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Refusal);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
    }
}

#[test]
fn another_tellers_count_is_a_refusal_claim_of_its_own() {
    let c = run(
        "Из части сбежали 10 военнослужащих, сообщил глава района Евгений Антипов. По данным местного издания NGS, в часть ранее направили около 30 человек, которые уже самовольно оставляли часть.",
    );
    let got: Vec<_> = claims_of(&c, Category::Refusal)
        .iter()
        .map(|x| (x.claimant.clone(), x.figures.first().map(|f| f.value)))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Евгений Антипов".to_owned()), Some(10)),
            (Some("NGS".to_owned()), Some(30)),
        ]
    );
}
