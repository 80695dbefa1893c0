//! Who and how many a post counts when it names them the way war reporting does: a
//! commander and "two of his officers", "together with him two more", collective numerals
//! ("убиты трое"), fighters "on Kyiv's side", losses "far fewer than" a number, launchers named by
//! what they launch, a week "of the operation", and losses told without a count (personnel
//! destroyed, "есть погибшие и раненые", "сообщил о гибели").

use super::{claims_of, figures_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Qualifier, Side};

#[test]
fn a_commander_counted_apart_is_taken_into_the_count_of_his_officers() {
    let c = run(
        "Drone operators of a Ukrainian brigade killed a Russian battalion commander, Major Ivan \
         Petrov, and three of his staff officers near Vasylivka.",
    );
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 4)]);
    // Another metric: the commander is not among the wounded.
    let c = run("Погиб командир, и еще трое бойцов получили ранения в том же бою.");
    assert!(!figures_of(&c, Category::Losses).contains(&(Metric::Wounded, 4)));
}

#[test]
fn others_joined_to_one_named_a_sentence_before_are_counted_with_him() {
    let c = run(
        "Капітан Олег Сидоренко загинув 5 березня поблизу Куп'янська, повідомила міська рада. \
         Разом із ним загинули ще троє військових роти.",
    );
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 4)]);
    let c = run(
        "A sergeant died in the shelling of the trench. Together with him, two more soldiers were killed.",
    );
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 3)]);
}

#[test]
fn a_collective_numeral_after_a_word_of_dying_counts_soldiers_in_combat() {
    let c = run("По его словам, из воевавших на стороне Киева поляков в боях погибли пятеро.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 5)]);
    // Without a word of combat or soldiers, the dead may be civilians.
    assert!(run("При пожаре в доме погибли двое.").claims.is_empty());
}

#[test]
fn losses_told_as_far_fewer_than_a_number_are_hedged_up_to_it() {
    let c = run("Потери ВСУ намного меньше 60 тысяч, о которых писала западная пресса.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Personnel, 60_000));
    assert_eq!(f.qualifier, Some(Qualifier::UpTo));
    let c = run("Втрати ворога значно менше 50 тисяч.");
    assert_eq!(
        claims_of(&c, Category::Losses)[0].figures[0].qualifier,
        Some(Qualifier::UpTo)
    );
}

#[test]
fn launchers_named_by_what_they_launch_are_equipment_counted_over_the_week() {
    let c = run(
        "За неделю в ходе СВО уничтожены 3 установки с крылатыми ракетами и установку \
         берегового комплекса ВСУ, сообщили в Минобороны России.",
    );
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Equipment, 4));
    assert_eq!(f.period, Some(Period::Week));
}

#[test]
fn personnel_destroyed_without_a_count_is_a_loss_of_the_side_named() {
    for text in [
        "Штурмовики уничтожили блиндаж и личный состав ВСУ в районе села, сообщили в Минобороны.",
        "Удар пришелся по пункту управления ВСУ. Число ликвидированного личного состава уточняется.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}");
        assert_eq!(claims[0].side, Some(Side::Ukraine), "{text}");
        assert!(claims[0].figures.is_empty(), "{text}");
    }
}

#[test]
fn dead_and_wounded_among_a_force_are_a_loss_without_a_count() {
    let c = run("Среди наемников уже есть погибшие и раненые.");
    assert_eq!(claims_of(&c, Category::Losses).len(), 1);
    assert!(run("Среди мирных жителей есть погибшие.").claims.is_empty());
}

#[test]
fn a_governor_telling_of_a_death_tells_of_his_own_side() {
    let c = run("Губернатор Курской области сообщил о гибели в зоне СВО майора Ивана Орлова.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].side, Some(Side::Russia));
}

#[test]
fn a_past_loss_told_as_likely_is_a_claim_and_its_speaker_is_not_lost() {
    let c = run(
        "A Ukrainian company commander said Russian forces may have lost as many as 200 men \
         killed and wounded in a failed mechanised assault on Tuesday.",
    );
    let f = &claims_of(&c, Category::Losses)[0].figures;
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].metric, f[0].value), (Metric::Personnel, 200));
    assert_eq!(f[0].period, Some(Period::Event));
    assert!(
        run("Russian forces may lose 200 men if they attack.")
            .claims
            .is_empty()
    );
    let c = run("ВСУ могли потерять до 300 военнослужащих в ходе атаки.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Personnel, 300)]
    );
    assert!(run("Россия рискует потерять 300 танков.").claims.is_empty());
}

#[test]
fn a_count_after_a_dash_takes_the_word_of_hurt_after_it() {
    for text in [
        "27 орків стали двохсотими, ще 19 — трьохсотими.",
        "27 орков стали двухсотыми, еще 19 — трехсотыми.",
    ] {
        let c = run(text);
        assert_eq!(
            figures_of(&c, Category::Losses),
            vec![(Metric::Killed, 27), (Metric::Wounded, 19)],
            "{text}"
        );
        assert_eq!(claims_of(&c, Category::Losses)[0].side, Some(Side::Russia));
    }
}

#[test]
fn the_dead_counted_as_a_forces_are_soldiers_of_its_side() {
    for (text, side, want) in [
        (
            "После удара у противника до 20 погибших и около 30 раненых.",
            Side::Ukraine,
            vec![(Metric::Killed, 20), (Metric::Wounded, 30)],
        ),
        (
            "У ворога 15 загиблих.",
            Side::Russia,
            vec![(Metric::Killed, 15)],
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].side, Some(side), "{text}");
        let got: Vec<_> = claims[0]
            .figures
            .iter()
            .map(|f| (f.metric, f.value))
            .collect();
        assert_eq!(got, want, "{text}");
    }
    // Villagers are no force.
    assert!(run("У жителей села 20 погибших.").categories.is_empty());
}

#[test]
fn hundreds_in_the_genitive_are_counts() {
    for (text, want) in [
        ("Противник потерял до пятисот военнослужащих.", 500),
        ("Ворог втратив до п'ятисот військових.", 500),
        ("Противник потерял до восьмисот военнослужащих.", 800),
    ] {
        assert_eq!(
            figures_of(&run(text), Category::Losses),
            vec![(Metric::Personnel, want)],
            "{text}"
        );
    }
}

#[test]
fn the_one_killed_with_others_two_sentences_on_is_counted_with_them() {
    let c = run(
        "В Курской области погиб командир полка подполковник Андрей Сошников. По данным источников, офицер попал под удар HIMARS. Вместе с ним погибли ещё четверо военнослужащих.",
    );
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Killed, 5)]);
}

#[test]
fn others_killed_with_him_died_in_his_incident() {
    let c = run("Окупант загинув на місці. Разом із ним загинули ще двоє російських військових.");
    let claims = claims_of(&c, Category::Losses);
    let f = &claims[0].figures;
    assert_eq!((f[0].metric, f[0].value), (Metric::Killed, 3));
    assert_eq!(f[0].period, Some(Period::Event));
}
