//! Machines and ranks by their names: a model's number counts nothing ("Ка-52", "F-16"), a
//! compound's second half names another thing ("коптер-бомбардировщик", "anti-ship"), combat
//! aircraft shot down and warships sunk are losses, ranks count in the plural, and a running
//! total since an operation or an offensive began is a total.

use super::{claims_of, figures_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Side};

/// The (metric, value) pairs of the first loss claim of `text`.
fn figures(text: &str) -> Vec<(Metric, i64)> {
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert!(!claims.is_empty(), "no loss claim: {text}");
    claims[0]
        .figures
        .iter()
        .map(|f| (f.metric, f.value))
        .collect()
}

#[test]
fn a_models_number_is_no_count() {
    for (text, want) in [
        (
            "A Russian Ka-52 helicopter was shot down near Huliaipole.",
            (Metric::Helicopters, 1),
        ),
        (
            "Российский вертолет Ми-28 был уничтожен под Угледаром.",
            (Metric::Helicopters, 1),
        ),
        ("Уничтожены два танка Т-90 и БМП-3.", (Metric::Tanks, 2)),
        (
            "A Russian Tu-22M3 strategic bomber was destroyed at an air base in Murmansk.",
            (Metric::Aircraft, 1),
        ),
        (
            "Ukraine's air force said it had downed a Russian Su-34 fighter-bomber.",
            (Metric::Aircraft, 1),
        ),
    ] {
        let got = figures(text);
        assert_eq!(got[0], want, "{text}: {got:?}");
        assert!(got.iter().all(|(_, v)| *v < 10), "{text}: {got:?}");
    }
}

#[test]
fn combat_aircraft_shot_down_are_losses_and_drones_are_not() {
    for (text, side) in [
        (
            "Над Запорожской областью сбит украинский истребитель МиГ-29.",
            Side::Ukraine,
        ),
        (
            "Над Херсонщиною збито російський винищувач Су-35.",
            Side::Russia,
        ),
        (
            "Ukrainian air defence shot down a Russian Su-25 ground attack jet.",
            Side::Russia,
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].side, Some(side), "{text}");
        let f = &claims[0].figures;
        assert_eq!((f[0].metric, f[0].value), (Metric::Aircraft, 1), "{text}");
    }
    for text in [
        "Над Курской областью сбиты 12 украинских беспилотников.",
        "Разведдрон сбил украинский коптер-бомбардировщик над позициями.",
    ] {
        assert!(run(text).categories.is_empty(), "{text}");
    }
}

#[test]
fn warships_sunk_are_losses_and_a_sinking_ship_names_no_doer() {
    let got = figures("Ukrainian sea drones sank a Russian corvette off Sevastopol.");
    assert_eq!(got, vec![(Metric::Ships, 1)]);
    let got = figures("У Чорному морі уражено російський фрегат, повідомили у ВМС.");
    assert_eq!(got, vec![(Metric::Ships, 1)]);
    // "anti-ship" names a missile; "the ship sank" alone names nobody's doing.
    let text = "Kyiv says it hit the cruiser with two anti-ship missiles before it sank.";
    let c = run(text);
    assert!(
        claims_of(&c, Category::Losses)
            .iter()
            .all(|x| x.side != Some(Side::Ukraine)),
        "{text}: {c:?}"
    );
}

#[test]
fn ranks_count_in_the_plural() {
    for (text, metric) in [
        (
            "Three Russian colonels were killed in a strike on a headquarters.",
            Metric::Killed,
        ),
        (
            "Троє російських полковників загинули внаслідок удару по штабу.",
            Metric::Killed,
        ),
        (
            "При ударе по командному пункту погибли три генерала ВСУ.",
            Metric::Killed,
        ),
    ] {
        assert_eq!(figures(text), vec![(metric, 3)], "{text}");
    }
}

#[test]
fn since_an_operation_began_is_a_running_total() {
    for text in [
        "С начала операции в Брянской области противник потерял более 9 тысяч военнослужащих.",
        "З початку наступу ворог втратив понад 9 тисяч військових.",
        "Since the start of the offensive, Russia has lost more than 9,000 troops.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}");
        let f = &claims[0].figures[0];
        assert_eq!((f.value, f.period), (9000, Some(Period::Total)), "{text}");
    }
}

#[test]
fn main_battle_tanks_are_tanks() {
    assert_eq!(
        figures("Ukraine says Russia has lost 120 main battle tanks near Pokrovsk since October."),
        vec![(Metric::Tanks, 120)]
    );
}

#[test]
fn pilots_count_only_at_war() {
    assert_eq!(
        figures("ВСУ потеряли двух летчиков."),
        vec![(Metric::Personnel, 2)]
    );
    assert_eq!(
        figures("Two Russian pilots were killed when their Su-34 was shot down."),
        vec![(Metric::Killed, 2)]
    );
    assert!(
        run("Двое пилотов и бортинженер погибли при крушении грузового самолета.")
            .categories
            .is_empty()
    );
}

#[test]
fn systems_by_name_and_abbreviation_are_counted_but_not_named_alone() {
    assert_eq!(
        figures("Officials said a Russian Iskander strike destroyed two Patriot launchers."),
        vec![(Metric::AirDefense, 2)]
    );
    assert_eq!(
        figures("Знищено 3 РСЗВ і 2 ЗРК ворога."),
        vec![(Metric::Mlrs, 3), (Metric::AirDefense, 2)]
    );
    // The weapon a strike was made with is not lost.
    let got = figures("Ударами РСЗО уничтожены две гаубицы ВСУ.");
    assert_eq!(got, vec![(Metric::Artillery, 2)]);
}

#[test]
fn a_numbered_unit_places_an_officers_death_in_the_war() {
    let got = figures("Загинув командир батальйону 93-ї бригади, повідомили побратими.");
    assert_eq!(got, vec![(Metric::Killed, 1)]);
    assert!(
        run("Загинув командир експедиції, повідомили колеги.")
            .categories
            .is_empty()
    );
}

#[test]
fn a_model_between_a_number_and_its_noun_and_fighters_by_model() {
    assert_eq!(
        figures("Border guards destroyed two Russian BMP-2 infantry fighting vehicles near Sumy."),
        vec![(Metric::Apc, 2)]
    );
    assert_eq!(
        figures(
            "A Ukrainian MiG-29 fighter was destroyed at an airfield, Russia's defence ministry said."
        ),
        vec![(Metric::Aircraft, 1)]
    );
    assert_eq!(
        figures("Four Russian sailors were killed when a sea drone hit their boat."),
        vec![(Metric::Killed, 4)]
    );
}

#[test]
fn a_machine_that_struck_was_not_lost() {
    // The singular subject of an active verb of destroying struck; an air defence system
    // destroyed by name is one machine lost.
    for text in [
        "ЗРК «Бук» сбил ракету над Белгородом.",
        "Танк Т-90 уничтожил два опорных пункта ВСУ.",
        "А вдруг россияне уничтожат эту систему, как было не раз c ЗРК Patriot?",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert!(
            claims.iter().all(|x| x.figures.is_empty()),
            "{text}: {claims:?}"
        );
    }
    assert_eq!(
        figures("Оператори дронів знищили російський ЗРК «Тор» та дві вантажівки."),
        vec![(Metric::AirDefense, 1), (Metric::Vehicles, 2)]
    );
    // A plural verb takes an object put first; "and" starts another clause.
    assert_eq!(
        figures("Танк ВСУ уничтожили артиллеристы."),
        vec![(Metric::Tanks, 1)]
    );
    assert_eq!(
        figures("ВСУ подбили российский танк и уничтожили часть десанта."),
        vec![(Metric::Tanks, 1)]
    );
}

#[test]
fn attack_aircraft_and_helicopters_are_counted_as_one_noun() {
    assert_eq!(
        figures("The Russian military lost two Su-25 attack aircraft near Pokrovsk."),
        vec![(Metric::Aircraft, 2)]
    );
    assert_eq!(
        figures("Ukrainian forces destroyed three Russian attack helicopters."),
        vec![(Metric::Helicopters, 3)]
    );
}

#[test]
fn a_combat_aircraft_by_its_model_alone() {
    assert_eq!(
        figures("Украинские военные сбили российский Су-25 в районе Покровска."),
        vec![(Metric::Aircraft, 1)]
    );
    assert_eq!(
        figures("ВСУ потеряли два Су-25 и Ка-52."),
        vec![(Metric::Aircraft, 2), (Metric::Helicopters, 1)]
    );
    // The aircraft that struck was not lost.
    assert_eq!(
        figures("Су-34 нанес удар по опорному пункту ВСУ, уничтожено до 20 военных."),
        vec![(Metric::Personnel, 20)]
    );
}

#[test]
fn a_feminine_short_participle_tells_a_machine_hit() {
    assert_eq!(
        figures("Под Покровском одна российская бронемашина была подбита."),
        vec![(Metric::Apc, 1)]
    );
    assert_eq!(
        figures("Біля Покровська підбита російська бронемашина."),
        vec![(Metric::Apc, 1)]
    );
    // An attributive participle tells what was hit before, not a loss now.
    assert!(
        run("На заводе ремонтировали подбитые американские БМП Bradley.")
            .categories
            .is_empty()
    );
}

#[test]
fn one_armoured_vehicle_named_in_the_singular_is_one() {
    let c = run(
        "The ministry also claimed to have destroyed a U.S.-made M113 armoured personnel \
         carrier near Kupiansk.",
    );
    assert_eq!(figures_of(&c, Category::Losses), vec![(Metric::Apc, 1)]);
}

#[test]
fn western_machines_count_by_their_models_name() {
    for text in [
        "Russian forces destroyed two Leopard 2A6s and three Bradleys near Robotyne.",
        "ВС РФ уничтожили два Leopard и три Bradley под Работино.",
    ] {
        assert_eq!(
            figures(text),
            vec![(Metric::Tanks, 2), (Metric::Apc, 3)],
            "{text}"
        );
    }
    // A launcher named as the weapon that struck is no loss.
    let f = figures("Ударами РСЗО уничтожено две гаубицы Д-30.");
    assert_eq!(f, vec![(Metric::Artillery, 2)]);
}

#[test]
fn a_rocket_launchers_combat_vehicle_is_a_launcher() {
    for text in [
        "Противник потерял два пикапа и боевую машину РСЗО «Град».",
        "Знищено бойову машину РСЗВ «Град».",
    ] {
        let f = figures(text);
        assert!(f.contains(&(Metric::Mlrs, 1)), "{text}: {f:?}");
        assert!(!f.iter().any(|(m, _)| *m == Metric::Apc), "{text}: {f:?}");
    }
}
