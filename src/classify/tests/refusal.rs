//! Refusal rules, one language at a time, on the project's own sentences.

use super::{claims_of, figures_of, run};
use crate::classify::Category;
use crate::model::{Metric, Side};

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
