//! Tallies as news copy writes them: deaths put at a number, the killed and the wounded side by
//! side, sentences handed down for going AWOL and who calculated them, counts of such cases,
//! nouns in quotes and makes before a noun.

use super::{claims_of, figures_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period};

#[test]
fn deaths_put_at_a_number_are_killed_unless_civilian() {
    let c = run("Meduza puts Russian military deaths at 235,000.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Killed, 235_000)]
    );
    assert!(
        run("UN confirms 2,345 civilian deaths in Ukraine.")
            .claims
            .is_empty()
    );
}

#[test]
fn the_killed_and_the_wounded_side_by_side_are_both_counted() {
    let c = run("Russia has lost around 215,000 killed and 640,000 wounded, he said.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Killed, 215_000), (Metric::Wounded, 640_000)]
    );
}

#[test]
fn sentences_for_going_awol_count_deserters_and_their_calculator_tells_them() {
    let c = run(
        "Russian courts handed down 7,215 sentences for going AWOL in the first nine months of \
         2025, Mediazona calculated from court records.",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims[0].claimant_id.as_deref(), Some("mediazona"));
    let f = &claims[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Deserters, 7215));
    assert_eq!(f.period, Some(Period::Year));
}

#[test]
fn a_total_since_the_start_of_the_full_scale_invasion_is_a_total() {
    let c = run(
        "Russian forces lost 1,140 soldiers killed and wounded over the past 24 hours, Ukraine's \
         General Staff said, bringing Russia's losses since the start of the full-scale invasion \
         to 871,300 personnel.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let f = &claims[0].figures[0];
    assert_eq!(
        (f.value, f.delta, f.period),
        (871_300, Some(1_140), Some(Period::Total))
    );
}

fn refusals(text: &str) -> Vec<(Option<String>, Metric, i64, Option<Period>)> {
    claims_of(&run(text), Category::Refusal)
        .iter()
        .flat_map(|c| {
            c.figures
                .iter()
                .map(|f| (c.claimant_id.clone(), f.metric, f.value, f.period))
        })
        .collect()
}

#[test]
fn counts_of_such_cases_or_under_this_article_are_tallies_of_their_own() {
    let found = refusals(
        "Мобилизованного из Саратова приговорили к пяти годам за СОЧ\n\nСаратовский гарнизонный \
         военный суд приговорил рядового к пяти годам колонии по ч. 5 ст. 337 УК РФ. По \
         подсчетам «Медиазоны», с начала года по этой статье вынесено более 6 тысяч приговоров.",
    );
    let one = (Metric::Deserters, 1, Some(Period::Event));
    assert!(found.iter().any(|f| (f.1, f.2, f.3) == one), "{found:?}");
    let tally = (
        Some("mediazona".into()),
        Metric::Deserters,
        6000,
        Some(Period::Year),
    );
    assert!(found.contains(&tally), "{found:?}");
    // A law firm's page on the article counts nothing.
    let advert = "Статья 337 УК РФ: самовольное оставление части. Реальные сроки лишения свободы \
                  по данной статье дают достаточно редко.";
    assert!(refusals(advert).is_empty());
}

#[test]
fn another_countrys_article_and_a_code_named_before_count() {
    let found = refusals(
        "Военнослужащим сообщено о подозрении по ч. 4 ст. 402 Уголовного кодекса Украины. Ранее \
         в ГБР сообщали, что с начала года по статье 402 открыто более 400 производств.",
    );
    assert!(
        found.iter().any(|f| f.1 == Metric::Refusers && f.2 == 400),
        "{found:?}"
    );
}

#[test]
fn a_later_phrase_counts_what_the_first_left_uncounted() {
    let found = refusals(
        "Since a law allowing soldiers who went AWOL for the first time to return without \
         punishment took effect, 18,600 servicemen have come back to their units, Ukraine's \
         Ministry of Defence said.",
    );
    assert_eq!(
        found,
        vec![(Some("ua_mod".into()), Metric::Deserters, 18_600, None)]
    );
    let found = refusals(
        "Russian courts handed down 7,215 sentences for going AWOL in the first nine months of \
         2025, Mediazona calculated. In September alone there were 912 such verdicts.",
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[1].2, found[1].3), (912, Some(Period::Month)));
}

#[test]
fn nouns_in_quotes_and_makes_before_the_noun() {
    let found = refusals("В Луганской области в подвале удерживают около 60 «отказников».");
    assert_eq!(found, vec![(None, Metric::Refusers, 60, None)]);
    let c = run(
        "Ukraine lost up to 145 servicemen and two Leopard tanks over the past day, Russia's \
         Defence Ministry said.",
    );
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Personnel, 145), (Metric::Tanks, 2)]
    );
    // Two counts stay two.
    let c = run("Russian forces lost 5 tanks and 3 armoured vehicles, ISW said.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Tanks, 5), (Metric::Apc, 3)]
    );
    let c = run("За сутки потери российских войск составили 6 танков и одну систему ПВО.");
    let figures = figures_of(&c, Category::Losses);
    assert!(figures.contains(&(Metric::AirDefense, 1)), "{figures:?}");
    let c = run("За даними проєкту UALosses, підтверджено загибель 78 400 українських захисників.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Killed, 78_400)]
    );
}

#[test]
fn whoever_puts_the_toll_at_a_number_tells_it() {
    let c = run(
        "A separate estimate by Meduza, based on probate registry data, puts the real number of \
         Russian military deaths at between 190,000 and 235,000.",
    );
    assert_eq!(
        claims_of(&c, Category::Losses)[0].claimant_id.as_deref(),
        Some("meduza")
    );
    let c = run("The Pentagon puts Russian casualties at 600,000.");
    assert_eq!(
        claims_of(&c, Category::Losses)[0].claimant_id.as_deref(),
        Some("pentagon")
    );
}

#[test]
fn such_cases_told_with_was_count_the_year_named() {
    let c = run(
        "У ДБР повідомили, що з початку року зареєстровано понад 40 тисяч проваджень щодо \
         самовільного залишення частини. За даними Офісу генпрокурора, за весь 2024 рік таких \
         проваджень було близько 70 тисяч.",
    );
    let claims = claims_of(&c, Category::Refusal);
    let prior = claims
        .iter()
        .find(|x| x.figures.iter().any(|f| f.value == 70_000))
        .expect("the year's cases");
    assert_eq!(prior.claimant_id.as_deref(), Some("ua_prosecutor"));
    assert_eq!(prior.figures[0].period, Some(Period::Year));
}

#[test]
fn new_cases_counted_are_counted() {
    let c = run(
        "The State Bureau of Investigation said it had registered nearly 3,000 new criminal \
         cases of unauthorised abandonment of a unit in January alone.",
    );
    let f = &claims_of(&c, Category::Refusal)[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Deserters, 3000));
}

#[test]
fn the_same_day_or_week_as_before_is_that_period() {
    for (text, period) in [
        (
            "Генштаб ВСУ заявил о 1200 убитых. В Минобороны России сообщают, что потери ВСУ за те же сутки превысили тысячу триста военнослужащих.",
            Period::Day,
        ),
        (
            "За даними розвідки, за попередній тиждень полк втратив понад сотню військових убитими й пораненими.",
            Period::Week,
        ),
        (
            "Over the same day Russia lost 600 troops, the General Staff said.",
            Period::Day,
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        let last = claims.last().expect(text);
        assert_eq!(last.figures[0].period, Some(period), "{text}: {claims:?}");
    }
}

#[test]
fn a_participle_of_loss_between_a_number_and_its_noun_governs_it() {
    for (text, want) in [
        (
            "Минобороны показало 5 уничтоженных танков ВСУ.",
            (Metric::Tanks, 5),
        ),
        (
            "Міноборони РФ заявило про 1 400 втрачених українських військових.",
            (Metric::Personnel, 1_400),
        ),
    ] {
        assert_eq!(
            figures_of(&run(text), Category::Losses),
            vec![want],
            "{text}"
        );
    }
}

#[test]
fn one_named_days_tally_is_the_days() {
    for text in [
        "Russian troops lost roughly four hundred men killed and wounded in the Pokrovsk sector on Tuesday alone, a spokesman said.",
        "Только за вторник противник потерял 400 военных.",
        "Лише за вівторок ворог втратив 400 військових.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].figures[0].period, Some(Period::Day), "{text}");
    }
}

#[test]
fn a_month_after_a_days_rate_counts_the_month() {
    for text in [
        "Россия теряла 1270 военных в день — 39 370 за месяц.",
        "Russia lost 1,270 troops a day in May — 39,370 over the month.",
    ] {
        let c = run(text);
        let periods = periods(&c, Category::Losses);
        assert_eq!(
            periods,
            vec![(1_270, Some(Period::Day)), (39_370, Some(Period::Month))],
            "{text}"
        );
    }
}

#[test]
fn a_figure_told_again_as_a_rate_is_a_claim_of_its_own() {
    for (text, category) in [
        (
            "In September alone there were 912 verdicts for going AWOL, or roughly 30 a day.",
            Category::Refusal,
        ),
        (
            "ВСУ потеряли за месяц 36 000 военных, или около 1200 в день.",
            Category::Losses,
        ),
    ] {
        let c = run(text);
        let got = periods(&c, category);
        assert_eq!(got.len(), 2, "{text}: {got:?}");
        assert_eq!(got[1].1, Some(Period::Day), "{text}");
    }
}

#[test]
fn a_part_of_the_figure_before_covers_its_period() {
    let c = run(
        "Сирський заявив, що протягом жовтня втрати окупантів убитими та пораненими перевищили 36 тисяч осіб. Майже половина з них — близько 17 тисяч — припадає на Покровський напрямок.",
    );
    let got = periods(&c, Category::Losses);
    assert_eq!(
        got,
        vec![(36_000, Some(Period::Month)), (17_000, Some(Period::Month))]
    );
}

#[test]
fn a_refusals_count_stays_when_told_again_as_a_rate() {
    let c = run(
        "В марте военные суды вынесли 1 090 приговоров по делам о самовольном оставлении части — в среднем 35 в день, подсчитала «Медиазона».",
    );
    assert_eq!(
        figures_of(&c, Category::Refusal),
        vec![(Metric::Deserters, 1_090), (Metric::Deserters, 35)]
    );
}

#[test]
fn a_count_of_whom_shares_the_period_of_its_whole() {
    let c = run(
        "In the Kursk operation alone, the enemy has lost more than 38,000 personnel, of whom about 16,000 were killed, Syrskyi said, referring to the period since Ukrainian forces crossed into the Kursk region in August.",
    );
    let got = periods(&c, Category::Losses);
    assert_eq!(
        got,
        vec![(38_000, Some(Period::Total)), (16_000, Some(Period::Total))]
    );
}

/// Every figure of `category` as (value, period).
fn periods(c: &crate::classify::Classification, category: Category) -> Vec<(i64, Option<Period>)> {
    claims_of(c, category)
        .iter()
        .flat_map(|x| x.figures.iter().map(|f| (f.value, f.period)))
        .collect()
}
