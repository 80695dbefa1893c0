//! Counts that lean on what was told before them: a number a word for a figure introduces
//! ("Він назвав цифру у 31 000 осіб"), a sentence led only by a span of time ("Всего с начала
//! вторжения — 730 450"); the dead of a strike on soldiers, who are soldiers; and a figure told
//! before without a source, whose source tells it again; a list whose closing line names its
//! source.

use super::{claims_of, run};
use crate::classify::Category;
use crate::model::{Metric, Side};

#[test]
fn a_figure_named_after_a_loss_counts_that_loss() {
    let c = run(
        "Під час форуму президент Володимир Зеленський вперше оголосив про втрати серед українських військових. Він назвав цифру у 31 000 осіб.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    assert_eq!(claims[0].claimant_id.as_deref(), Some("zelensky"));
    assert_eq!(claims[0].figures[0].value, 31_000);
    // A figure word with no loss before it counts nothing.
    let c = run("Він назвав цифру у 31 000 осіб, які відвідали форум.");
    assert!(claims_of(&c, Category::Losses).is_empty());
}

#[test]
fn a_sentence_led_only_by_a_span_continues_the_figure_before() {
    let c = run(
        "Генштаб ВСУ: потери армии России за сутки — 1 820 человек. Всего с начала вторжения — 730 450.",
    );
    let claims = claims_of(&c, Category::Losses);
    let values: Vec<i64> = claims
        .iter()
        .flat_map(|x| x.figures.iter().map(|f| f.value))
        .collect();
    assert!(values.contains(&730_450), "{claims:?}");
    // A longer lead is another sentence's own figure, not a continuation.
    let c = run(
        "Потери армии России за сутки — 1 820 человек. Всего с начала вторжения в регион въехали 730 450 автомобилей.",
    );
    let values: Vec<i64> = claims_of(&c, Category::Losses)
        .iter()
        .flat_map(|x| x.figures.iter().map(|f| f.value))
        .collect();
    assert!(!values.contains(&730_450), "{values:?}");
}

#[test]
fn the_dead_of_a_strike_on_soldiers_are_soldiers() {
    let c = run("В результате удара по месту сбора военнослужащих погибли 12 человек.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].figures[0].metric, Metric::Killed);
    assert!(
        run("В результате удара по Сумам погибли 12 человек.")
            .categories
            .is_empty()
    );
}

#[test]
fn an_unattributed_figure_told_again_with_its_source_is_that_sources() {
    let c = run(
        "Россия передала останки 502 украинских военных. Украинский Координационный штаб по вопросам обращения с военнопленными уточнил, что из 502 украинских солдат 397 погибли в Донецкой области.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant_id.as_deref(), Some("ua_pow_hq"));
    // Another figure by the named source leaves the first unattributed.
    let c = run(
        "В пятницу прошел обмен. Россия передала останки 502 украинских военных. Украинский Координационный штаб уточнил, что всего с начала года получены тела 4 510 погибших украинских солдат.",
    );
    assert!(
        claims_of(&c, Category::Losses)
            .iter()
            .any(|c| c.claimant.is_none()),
        "{c:?}"
    );
}

#[test]
fn the_line_closing_a_list_names_the_source_of_the_list() {
    let text = "Загальні бойові втрати противника з 24.02.22 по 14.03.26 склали:\n\
                ▪️ особового складу — близько 1 012 450 (+1 090) осіб\n\
                ▪️ танків — 11 214 (+7)\n\
                ▪️ РСЗО — 1 498 (+2)\n\
                Дані уточнюються, повідомляє Генштаб ЗСУ.";
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert!(!claims.is_empty());
    for claim in claims {
        assert_eq!(
            claim.claimant_id.as_deref(),
            Some("ua_general_staff"),
            "{claim:?}"
        );
    }
}

#[test]
fn a_known_teller_named_two_ways_tells_one_claim() {
    let text = "Zelensky says 52,400 Ukrainian soldiers killed since full-scale invasion\n\
                President Volodymyr Zelensky said in an interview that 52,400 Ukrainian \
                servicemen had been killed since February 2022 and about 410,000 wounded.";
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].figures.len(), 2);
}
