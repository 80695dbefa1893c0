//! Whose loss: the weapon's user, the side that did not attack, the force that suffered.

use super::{claims_of, run};
use crate::classify::Category;
use crate::model::Side;

#[test]
fn a_weapon_one_side_fires_is_that_sides_loss_when_it_is_what_was_hit() {
    // The weapon is what the figure counts: its user lost it.
    let c =
        run("Минобороны сообщило, что поражены 4 пусковые установки HIMARS в Харьковской области.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(
        claims.first().and_then(|x| x.side),
        Some(Side::Ukraine),
        "{claims:?}"
    );
    // The weapon is what struck: the other side lost.
    let c = run("При ударе ракетами ATACMS по позициям уничтожены 2 танка.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(
        claims.first().and_then(|x| x.side),
        Some(Side::Russia),
        "{claims:?}"
    );
}

#[test]
fn the_side_that_attacked_is_not_the_side_that_lost() {
    // The only side the post names is the attacker ("со стороны", "з боку"): the wounded
    // soldiers are the other side's.
    for text in [
        "«Ранены двое бойцов охраны», — написал губернатор. Позже при обстреле со стороны ВСУ пострадал дом.",
        "«Поранені двоє бійців охорони», — написав голова ОВА. Пізніше під час обстрілу з боку росіян пошкоджено будинок.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        let want = if text.contains("ВСУ") {
            Side::Russia
        } else {
            Side::Ukraine
        };
        assert_eq!(claims.first().and_then(|x| x.side), Some(want), "{text}");
    }
    // The same in a paragraph's one side: the tank lost under fire "со стороны ВСУ" is
    // Russia's, the tank of a Ukrainian column under fire is Ukraine's.
    for (text, want) in [
        (
            "Колонна попала под огонь со стороны ВСУ под Курском. Уничтожен танк.",
            Side::Russia,
        ),
        (
            "Колонна ВСУ попала под огонь под Курском. Уничтожен танк.",
            Side::Ukraine,
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.first().and_then(|x| x.side), Some(want), "{text}");
    }
    // Named as the side hurt, it stays.
    let c = run("«Ранены двое бойцов ВСУ», — написал губернатор.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.first().and_then(|x| x.side), Some(Side::Ukraine));
}

#[test]
fn a_force_that_suffered_losses_is_a_loss_claim_without_a_count() {
    for (text, side) in [
        (
            "Командир роты сообщил, что штурмовая бригада ВСУ понесла тяжелые потери под Курском.",
            Some(Side::Ukraine),
        ),
        (
            "Russian troops suffered heavy losses near Pokrovsk, the General Staff said.",
            Some(Side::Russia),
        ),
        (
            "Батальйон окупантів зазнав значних втрат під Торецьком.",
            None,
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert!(claims[0].figures.is_empty(), "{text}");
        if side.is_some() {
            assert_eq!(claims[0].side, side, "{text}");
        }
    }
    // Denied, hypothetical, a country rather than a force, or colour beside a count.
    for text in [
        "Штаб заявил, что бригада не понесла потерь при отходе.",
        "Аналитики считают, что войска могут понести потери при штурме.",
        "Опрос: страна уже понесла большие потери, считают 60% граждан.",
        "Бригада ВСУ понесла большие потери: уничтожено до 40 военнослужащих и два танка.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert!(
            claims.iter().all(|x| !x.figures.is_empty()),
            "{text}: {claims:?}"
        );
    }
}

#[test]
fn a_loss_from_falling_debris_is_the_reporters_own() {
    // The debris of what its air defence brought down falls on the reporter's own side.
    let c = run(
        "Минобороны России сообщило: в результате падения осколков ракет двое военнослужащих получили легкие ранения.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Russia));
    // Without debris, what a command reports destroyed is the enemy's.
    let c = run("Минобороны России сообщило: уничтожены двое военнослужащих.");
    assert_eq!(claims_of(&c, Category::Losses)[0].side, Some(Side::Ukraine));
}

/// The side of the first claim of `category` in `text`.
fn side_of_first(text: &str, category: Category) -> Option<Side> {
    let c = run(text);
    let claims = claims_of(&c, category);
    assert!(!claims.is_empty(), "no claim: {text}");
    claims[0].side
}

#[test]
fn a_loss_told_in_the_victims_voice_is_the_tellers_own() {
    // "Died", "were wounded", not "destroyed": a command or a speaker tells its own dead so.
    for (text, want) in [
        (
            "Внаслідок ракетного удару по полігону загинули щонайменше 12 військовослужбовців, повідомили Сухопутні війська.",
            Side::Ukraine,
        ),
        (
            "Минобороны России сообщило: двое военнослужащих получили легкие ранения.",
            Side::Russia,
        ),
        (
            "Под Курском погибли пятеро военнослужащих, сообщил военкор.",
            Side::Russia,
        ),
        (
            "Командир взвода с позывным Таксист получил более 40 осколков в бою за Клещеевку.",
            Side::Russia,
        ),
    ] {
        assert_eq!(side_of_first(text, Category::Losses), Some(want), "{text}");
    }
    // Told as destroyed, the unnamed soldiers are the enemy's of a Ukrainian text; in English
    // nothing marks whose soldiers died.
    assert_eq!(
        side_of_first(
            "Ліквідовано 12 військовослужбовців під Покровськом, повідомили Сухопутні війська.",
            Category::Losses
        ),
        Some(Side::Russia)
    );
    assert_eq!(
        side_of_first(
            "Twelve soldiers died in a missile strike on a training ground, officials said.",
            Category::Losses
        ),
        None
    );
}

#[test]
fn a_refusal_whose_soldiers_go_unnamed_is_the_tellers_own() {
    for (text, want) in [
        (
            "Понад 30 тисяч військових самовільно залишили частини з початку року, заявив нардеп Олексій Гончаренко.",
            Side::Ukraine,
        ),
        (
            "В Новосибирской области из части сбежали 10 военнослужащих, сообщил губернатор.",
            Side::Russia,
        ),
    ] {
        assert_eq!(side_of_first(text, Category::Refusal), Some(want), "{text}");
    }
}

#[test]
fn the_enemy_of_russian_copy_is_ukraine_unless_the_teller_says_otherwise() {
    assert_eq!(
        side_of_first(
            "Противник потерял до 35 военнослужащих, сообщили в группировке «Запад».",
            Category::Losses
        ),
        Some(Side::Ukraine)
    );
    // Ukraine's General Staff quoted in Russian: its enemy is Russia.
    assert_eq!(
        side_of_first(
            "Генштаб ВСУ сообщил, что противник потерял за сутки 1 300 военнослужащих.",
            Category::Losses
        ),
        Some(Side::Russia)
    );
}

#[test]
fn a_partisan_war_project_tells_what_the_other_side_lost() {
    // DeepState maps the war for Ukraine: a machine it says was hit is Russia's, though the
    // retelling is in Russian, whose news would leave Ukraine's soldiers unnamed.
    let side = |text: &str| claims_of(&run(text), Category::Losses)[0].side;
    assert_eq!(
        side("По данным DeepState, одна бронемашина была подбита еще в лесу."),
        Some(Side::Russia)
    );
    assert_eq!(
        side("По данным Рыбаря, одна бронемашина была подбита под Курском."),
        Some(Side::Ukraine)
    );
    // An outlet of no side leaves the language's convention.
    assert_eq!(
        side("По данным NGS, одна бронемашина была подбита еще в лесу."),
        Some(Side::Ukraine)
    );
}

#[test]
fn a_weapon_counted_among_the_losses_did_not_strike() {
    let text = "Потери ВСУ за неделю — данные Минобороны:\n\
                ▫️ более 9 тыс. военнослужащих;\n\
                ▫️ 41 танк;\n\
                ▫️ 18 РСЗО, в том числе три HIMARS;\n\
                ▫️ 612 беспилотников.";
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    // A weapon named as what struck still names the striker.
    let c = run("Удар ATACMS по аэродрому: уничтожены 2 вертолета.");
    assert_eq!(claims_of(&c, Category::Losses)[0].side, Some(Side::Russia));
}

#[test]
fn the_side_holding_the_positions_refusers_would_not_attack_is_their_enemy() {
    for text in [
        "About 40 soldiers of the 1009th Motor Rifle Regiment refused an order to attack \
         Ukrainian positions near Vovchansk, Ukraine's military intelligence said.",
        "Бойцы 1009-го полка отказались штурмовать позиции ВСУ под Волчанском.",
    ] {
        let c = run(text);
        assert_eq!(
            claims_of(&c, Category::Refusal)[0].side,
            Some(Side::Russia),
            "{text}"
        );
    }
    // The refusers' own side, named before the phrase, is theirs.
    let c = run("Окупанти з 58-ї армії відмовляються штурмувати українські позиції.");
    assert_eq!(claims_of(&c, Category::Refusal)[0].side, Some(Side::Russia));
}

#[test]
fn ukraines_word_for_awol_told_of_russia_is_russias() {
    let c = run("«Вьорстка»: за 2024 рік у Росії засудили понад 9 тисяч військових за СЗЧ");
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert_eq!(claims[0].claimant_id.as_deref(), Some("verstka"));
    let c = run("За рік відкрито понад 9 тисяч справ за СЗЧ.");
    assert_eq!(
        claims_of(&c, Category::Refusal)[0].side,
        Some(Side::Ukraine)
    );
}

#[test]
fn soldiers_hurt_in_the_city_of_dnipro_are_ukraines() {
    let c = run(
        "Унаслідок ракетного удару по Дніпру загинули четверо цивільних, ще 17 людей поранено. \
         Серед поранених — троє військовослужбовців, повідомив голова Дніпропетровської ОВА.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Ukraine));
}

#[test]
fn a_commands_wounded_far_behind_the_enemys_lines_are_the_enemys() {
    let c = run(
        "Дроны поразили аэродром Моздок: уничтожены два самолета, ранены не менее пяти \
         военнослужащих, сообщило Главное управление разведки Украины.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert!(!claims.is_empty());
    assert!(claims.iter().all(|c| c.side == Some(Side::Russia)));
}

#[test]
fn our_soldiers_are_the_side_of_the_copys_language() {
    for (text, side) in [
        (
            "Наши бойцы потеряли два танка под Часовым Яром.",
            Side::Russia,
        ),
        ("На деле потеряны две БМП-3 нашей колонны.", Side::Russia),
        (
            "Наші бійці втратили два танки під Покровськом.",
            Side::Ukraine,
        ),
        // The enemy named on the figure decides.
        ("Наши бойцы уничтожили два танка ВСУ.", Side::Ukraine),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].side, Some(side), "{text}");
    }
}
