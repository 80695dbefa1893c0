//! Whose figure a part is and what it belongs to: a count "including" a smaller one of its own
//! kind, specialists and instructors killed as soldiers, the side that owns what a strike hit,
//! a title's figure far from the body's, which is a claim of its own, and one soldier joined to a
//! count of others, who is counted with them.

use super::{claims_of, figures_of, run};
use crate::classify::{Category, ClassifyInput, classify};
use crate::model::{Metric, Qualifier, Side};

fn personnel(text: &str) -> Vec<i64> {
    figures_of(&run(text), Category::Losses)
        .into_iter()
        .filter(|(m, _)| *m == Metric::Personnel)
        .map(|(_, v)| v)
        .collect()
}

#[test]
fn a_part_told_with_including_is_not_added_to_its_whole() {
    assert_eq!(
        personnel("Ударом в Одессе уничтожены 72 военных, в том числе 9 инструкторов."),
        vec![72]
    );
    let c = run("A Russian strike killed 40 Ukrainian soldiers, including 6 instructors.");
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 40)]);
    // An enumeration still adds up, and a part of another metric is kept as its own figure.
    assert_eq!(
        personnel("Уничтожены 12 военных ВСУ и еще 8 военных ВСУ под Курском."),
        vec![20]
    );
    let c = run("ВСУ потеряли 1000 военных, в том числе 300 убитыми.");
    let figures = figures_of(&c, Category::Losses);
    assert!(figures.contains(&(Metric::Killed, 300)), "{figures:?}");
    assert!(figures.contains(&(Metric::Personnel, 1000)), "{figures:?}");
}

#[test]
fn specialists_and_instructors_killed_are_soldiers() {
    let c = run(
        "Ударом по штабу в Харькове уничтожено до 40 иностранных специалистов, преимущественно из США.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let f = &claims[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Personnel, 40));
    assert_eq!(f.qualifier, Some(Qualifier::UpTo));
    assert_eq!(personnel("Внаслідок удару знищено 15 фахівців."), vec![15]);
    // Specialists at work are not a loss report.
    assert!(personnel("На завод приехали 30 специалистов из Москвы.").is_empty());
}

#[test]
fn the_owner_of_what_a_strike_hit_is_the_loser_not_the_agent() {
    let side = |text: &str| claims_of(&run(text), Category::Losses)[0].side;
    assert_eq!(
        side("Ударом по штабу подразделения ГУР Украины в Харькове уничтожено до 40 военных."),
        Some(Side::Ukraine)
    );
    // A side right before the participle, with no strike between, is still its agent.
    assert_eq!(side("Силами ВСУ уничтожено 5 танков."), Some(Side::Russia));
}

#[test]
fn a_title_far_from_the_body_is_a_claim_of_its_own() {
    let c = classify(&ClassifyInput {
        title: "На войне погибло меньше 80 тысяч украинских военных, заявил Зеленский",
        text: "В феврале этого года Зеленский сказал, что потери Сил обороны Украины убитыми составили на тот момент 31 тысячу человек.",
        lang: None,
    });
    let mut values: Vec<i64> = figures_of(&c, Category::Losses)
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    values.sort();
    assert_eq!(values, vec![31_000, 80_000]);
    // Near values are one figure, the body's kept (see claims.rs).
    let c = classify(&ClassifyInput {
        title: "Russia lost 950,000 troops, Kyiv says",
        text: "Ukraine's General Staff said Russia has lost 948,210 troops since the invasion began.",
        lang: None,
    });
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].figures[0].value, 948_210);
}

#[test]
fn one_soldier_joined_to_a_count_of_others_is_counted_with_them() {
    let c = run(
        "Soldiers of a Russian company refused to continue an attack after their commander, \
         Captain Ruslan Tagirov, and six other servicemen were killed by Ukrainian drones.",
    );
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 7)]);
    let c = run(
        "ДБР повідомило про підозру командиру взводу та чотирьом його підлеглим, які самовільно \
         залишили місце служби.",
    );
    assert_eq!(
        figures_of(&c, Category::Refusal),
        vec![(Metric::Deserters, 5)]
    );
    assert_eq!(
        figures_of(
            &run("Погиб командир роты ВСУ и ещё семеро военнослужащих."),
            Category::Losses
        ),
        vec![(Metric::Killed, 8)]
    );
    // A thing, or one already counted, is not added; nor is a count that is not of others.
    assert_eq!(
        figures_of(
            &run("Russian forces lost a tank and 20 soldiers near Avdiivka."),
            Category::Losses
        ),
        vec![(Metric::Tanks, 1), (Metric::Personnel, 20)]
    );
    let figures = figures_of(
        &run("Уничтожены командир и 15 военнослужащих ВСУ."),
        Category::Losses,
    );
    assert!(figures.contains(&(Metric::Personnel, 15)), "{figures:?}");
}

#[test]
fn a_leader_and_his_men_leaving_together_is_one_incident() {
    let c = run(
        "ДБР повідомило про підозру командиру роти, який разом із чотирма підлеглими самовільно \
         залишив позиції на Часовоярському напрямку.",
    );
    let claims = claims_of(&c, Category::Refusal);
    let f = &claims[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Deserters, 5));
    assert_eq!(f.period, Some(crate::model::Period::Event));
}
