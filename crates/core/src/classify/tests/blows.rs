//! Who struck and what a count measures: a side beside a blow struck is the striker, a span of
//! time is no count, "killed or wounded" is personnel, words for lives taken and saboteurs,
//! a daily average hedged, and a post that calls what it told a drill.

use super::{claims_of, figures_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Qualifier, Side};

fn loss_side(text: &str) -> Option<Side> {
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{text}: {claims:?}");
    claims[0].side
}

#[test]
fn a_side_beside_a_blow_struck_is_the_striker() {
    for (text, side) in [
        (
            "A Ukrainian soldier was killed in a Russian missile strike on Tuesday.",
            Side::Ukraine,
        ),
        (
            "Two soldiers were killed in a Russian missile strike on Tuesday.",
            Side::Ukraine,
        ),
        (
            "Трое военных погибли в результате российского удара.",
            Side::Ukraine,
        ),
        (
            "Троє військових загинули внаслідок російського ракетного удару.",
            Side::Ukraine,
        ),
        (
            "Російський полковник загинув унаслідок удару українського дрона.",
            Side::Russia,
        ),
        (
            "В результате удара ВС РФ уничтожены два танка.",
            Side::Ukraine,
        ),
    ] {
        assert_eq!(loss_side(text), Some(side), "{text}");
    }
}

#[test]
fn an_attack_repelled_is_still_the_attackers_loss() {
    // "атака" is no blow struck: the side whose attack failed lost.
    assert_eq!(
        loss_side("Отражены три атаки ВСУ, уничтожены 40 военнослужащих и 2 танка."),
        Some(Side::Ukraine)
    );
    // The victim's own side, named on the count, beats the striker's.
    assert_eq!(
        loss_side("Two Ukrainian soldiers were killed in a Russian drone attack."),
        Some(Side::Ukraine)
    );
}

#[test]
fn a_span_of_time_is_no_count() {
    // The years are no count; the one soldier sentenced is one deserter.
    let c = run(
        "A military court has sentenced a contract soldier to six years in a penal colony for \
         leaving his unit without permission.",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims[0].figures.len(), 1, "{claims:?}");
    let f = &claims[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Deserters, 1));
    assert_eq!(f.period, Some(Period::Event));
    // A rule for anyone is no act.
    let c = run("Every soldier who leaves his unit without permission faces up to ten years.");
    assert!(
        claims_of(&c, Category::Refusal)
            .iter()
            .all(|x| x.figures.is_empty())
    );
    let c =
        run("Суд приговорил 4 военнослужащих к 5 годам колонии за самовольное оставление части.");
    assert_eq!(
        figures_of(&c, Category::Refusal),
        vec![(Metric::Deserters, 4)]
    );
}

#[test]
fn killed_or_wounded_counts_personnel() {
    let c = run(
        "Between 60,000 and 100,000 Russian soldiers have been killed or wounded since the \
         summer, a NATO official said.",
    );
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Personnel, 100_000)]
    );
    let c = run("Two soldiers were killed and 12 wounded.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Killed, 2), (Metric::Wounded, 12)]
    );
}

#[test]
fn lives_taken_and_saboteurs_destroyed_are_losses() {
    let c = run("Удар «Искандера» по ПВД ВСУ унёс жизни не менее 16 военнослужащих.");
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 16)]);
    let c = run("The strike claimed the lives of at least 16 Ukrainian servicemen.");
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 16)]);
    let c = run("В Брянской области уничтожены 12 диверсантов ВСУ.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Personnel, 12)]
    );
    let c = run("За тиждень бригада знищила 9 танків і 31 одиницю автотехніки.");
    let figures = figures_of(&c, Category::Losses);
    assert!(figures.contains(&(Metric::Vehicles, 31)), "{figures:?}");
}

#[test]
fn a_daily_average_is_a_day_hedged() {
    let c =
        run("Британська розвідка оцінює середні добові втрати РФ у жовтні приблизно в 1 300 осіб.");
    let claims = claims_of(&c, Category::Losses);
    let f = &claims[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Personnel, 1300));
    assert_eq!(f.period, Some(Period::Day));
    assert_eq!(f.qualifier, Some(Qualifier::About));
}

#[test]
fn a_post_that_calls_its_story_a_drill_files_nothing() {
    let text = "Двух диверсантов ликвидировали на месте. Четверо остальных убежали.";
    assert!(!claims_of(&run(text), Category::Losses).is_empty());
    let retracted = format!("{text}\n\nUPD. Это были запланированные учения.");
    assert!(run(&retracted).claims.is_empty());
}

#[test]
fn digits_glued_to_a_capital_name_a_model() {
    let c = run("Ukraine lost a US-made M777 howitzer over the past day.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Artillery, 1)]
    );
    let c = run("Ukraine lost two M777 howitzers.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Artillery, 2)]
    );
}

#[test]
fn deserters_who_came_back_are_counted_in_a_post_about_desertion() {
    let c = run(
        "Військовослужбовці, які вперше самовільно залишили частину, можуть повернутися до \
         служби. За даними Міноборони, до підрозділів уже повернулися понад 31 тис. військових.",
    );
    let claims = claims_of(&c, Category::Refusal);
    let f = &claims[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Deserters, 31_000));
    assert_eq!(f.qualifier, Some(Qualifier::MoreThan));
    // Soldiers back from hospital are no deserters.
    let c = run("После лечения в строй вернулись 500 раненых бойцов.");
    assert!(claims_of(&c, Category::Refusal).is_empty());
}

#[test]
fn an_officer_destroyed_is_one_killed_and_not_who_tells_it() {
    let c = run(
        "На Запорізькому напрямку ліквідовано командира російського 291-го мотострілецького \
         полку полковника Ігоря Мерзлікіна, пишуть російські воєнкори.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant.as_deref(), Some("російські воєнкори"));
    assert_eq!(claims[0].side, Some(Side::Russia));
    let f = &claims[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Killed, 1));
    let c = run("На Запорожском направлении ликвидирован командир 47-й бригады ВСУ.");
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 1)]);
    // A ranked spokesman who tells of what was destroyed is still the teller.
    let c = run(
        "Официальный представитель Минобороны России генерал-майор Игорь Конашенков заявил, \
         что за сутки уничтожено 3 танка ВСУ.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].claimant_id.as_deref(), Some("ru_mod"));
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Tanks, 3)]);
}

#[test]
fn the_dead_of_an_army_are_soldiers_and_the_dead_of_its_attack_are_not() {
    let c = run("С начала вторжения в армии России погибли около 190 тыс. человек.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Killed, 190_000)]
    );
    let c =
        run("В результате атаки российских военных в Днепровском районе погибли четыре человека.");
    assert!(claims_of(&c, Category::Losses).is_empty());
    let c = run("В зоне специальной военной операции погиб младший сержант Евгений Лапшин.");
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 1)]);
}

#[test]
fn one_officer_killed_when_a_missile_hit_is_the_other_sides() {
    let c = run(
        "A Russian colonel who commanded an artillery brigade was killed when a Ukrainian \
         missile hit his headquarters.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 1)]);
    // One officer named by his post and his rank is one person.
    let c = run(
        "Погибшим при взрыве в Севастополе оказался командир 41-й бригады Черноморского флота \
         капитан 1-го ранга Валерий Т.",
    );
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 1)]);
}
