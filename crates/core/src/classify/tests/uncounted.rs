//! Losses told without a count: equipment or a unit destroyed ("об уничтожении вертолета",
//! "десант был уничтожен", "о ликвидации 113-й бригады"), one soldier killed in combat ("погиб в
//! бою") or murdered away from the front ("убийство полковника ВС РФ").

use super::{claims_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Side};

#[test]
fn one_soldier_killed_in_combat_is_one_killed_in_one_event() {
    let c = run(
        "Сержант Иванов погиб в бою под Угледаром, сообщили сослуживцы.\n\nОн служил в российской армии с 2015 года.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Russia));
    let f = &claims[0].figures;
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].metric, f[0].value), (Metric::Killed, 1));
    assert_eq!(f[0].period, Some(Period::Event));
    for text in [
        "Его дед погиб на войне в 1943 году.",
        "Волонтер погиб на фронте, доставляя гуманитарную помощь.",
        "Он мог погибнуть в бою, но выжил.",
    ] {
        assert!(run(text).categories.is_empty(), "{text}");
    }
}

#[test]
fn the_murder_of_an_officer_is_one_killed() {
    for text in [
        "После убийства полковника ВС РФ полицейские начали разыскивать пешехода.",
        "Задержаны исполнители убийства начальника штаба бригады Черноморского флота.",
        "Вбивця російського офіцера чекав на нього біля в'їзду в село.",
        // Blown up or "liquidated".
        "Около 100 грамм тротила применили для подрыва начальника штаба бригады в Севастополе.",
        "Спецслужбы сообщили о ликвидации полковника ВС РФ в Мелитополе.",
        "Підрив офіцера ЗС РФ у Бердянську підтвердили в розвідці.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let f = &claims[0].figures;
        assert_eq!((f[0].metric, f[0].value), (Metric::Killed, 1), "{text}");
    }
    // A civilian's murder, or several soldiers', is none of it; nor is one planned.
    for text in [
        "Задержан подозреваемый в убийстве начальника отдела кадров завода.",
        "Суд рассмотрит дело об убийстве пленных.",
        "Планировали ликвидацию командира, но покушение сорвалось.",
        "СБУ задержала агентов, готовивших подрыв офицера ВСУ.",
        "Подрыв моста под Курском.",
    ] {
        assert!(run(text).categories.is_empty(), "{text}");
    }
}

#[test]
fn equipment_destroyed_without_a_number() {
    let c = run("ГУР заявляет об уничтожении российского вертолета Ми-8 на аэродроме в Крыму.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1);
    assert_eq!(
        claims[0].claimant.as_deref(),
        Some("Defence Intelligence of Ukraine")
    );
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert!(claims[0].figures.is_empty());
    // The unit named before its verb: "этот десант был уничтожен".
    let c = run("Генштаб ВСУ заявляет, что позже российский десант был уничтожен.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant_id.as_deref(), Some("ua_general_staff"));
    // Three words may describe the unit; its side is the one named among them, whoever else
    // the sentence names.
    let c = run(
        "Взвод элитной бригады ВСУ уничтожен на Купянском направлении — подразделение \
         было переброшено, чтобы остановить наступление ВС РФ.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Ukraine));
}

#[test]
fn a_unit_told_destroyed_is_a_loss_and_one_whose_destruction_began_is_not() {
    let c = run("Украинские СМИ сообщают о практически полной ликвидации 113-й бригады ТО ВСУ.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    assert!(claims[0].figures.is_empty());
    let c =
        run("Российская армия приступила к ликвидации украинской группировки в Курской области.");
    assert!(c.categories.is_empty(), "{:?}", c.claims);
}

#[test]
fn a_unit_as_the_measure_of_what_was_lost() {
    for (text, side) in [
        (
            "Росіяни втратили близько роти піхоти під час штурму.",
            Side::Russia,
        ),
        (
            "ВСУ потеряли около взвода при попытке контратаки.",
            Side::Ukraine,
        ),
        (
            "The Russian army lost an entire battalion near Toretsk, officials said.",
            Side::Russia,
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert!(claims[0].figures.is_empty(), "{text}");
        assert_eq!(claims[0].side, Some(side), "{text}");
    }
    assert!(
        run("Мы потеряли связь с ротой на час.")
            .categories
            .is_empty()
    );
}

#[test]
fn a_crew_destroyed_or_footage_of_a_destruction_is_a_loss_without_a_count() {
    for (text, side) in [
        (
            "Минобороны России опубликовало кадры уничтожения замаскированного в лесу минометного расчета ВСУ.",
            Side::Ukraine,
        ),
        (
            "Российские военные уничтожили минометный расчет ВСУ под Курском.",
            Side::Ukraine,
        ),
        (
            "Генштаб оприлюднив відео знищення російського танка на Донеччині.",
            Side::Russia,
        ),
        (
            "Сили оборони знищили розрахунок російського міномета.",
            Side::Russia,
        ),
        (
            "The ministry released footage of the destruction of a Ukrainian tank.",
            Side::Ukraine,
        ),
        (
            "Russian forces destroyed a Ukrainian mortar crew.",
            Side::Ukraine,
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].side, Some(side), "{text}");
    }
    for text in [
        // A crew as the one who struck, a weapon's purpose, a calculation.
        "Расчеты ПВО уничтожили беспилотник над Белгородом.",
        "Новые дроны предназначены для уничтожения танков и их экипажей.",
        "По расчетам экономистов, бюджет будет уничтожен инфляцией.",
        "Видео уничтожения старых документов опубликовал архив.",
    ] {
        assert!(run(text).categories.is_empty(), "{text}");
    }
}

#[test]
fn the_dead_of_a_military_thing_struck_are_its_sides() {
    let c = run(
        "Колонна ВСУ поражена беспилотниками в Запорожской области, вероятно, сорвана ротация, есть погибшие, заявили РИА Новости в пророссийском подполье.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    assert_eq!(
        claims[0].claimant.as_deref(),
        Some("пророссийском подполье")
    );
    for text in [
        // Who struck is no victim; civilians are no loss.
        "ВСУ поразили жилой дом в Белгороде, есть погибшие.",
        "Поражен автобус, есть погибшие.",
    ] {
        assert!(run(text).categories.is_empty(), "{text}");
    }
}
