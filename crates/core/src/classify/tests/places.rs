//! Where a claim happened: places as written, a group's quoted name whole, and not where a road
//! goes.

use super::{claims_of, run};
use crate::classify::Category;

#[test]
fn places_as_written() {
    let c = run("В Ахтырском районе Сумской области около 300 военных отказались воевать.");
    assert_eq!(
        claims_of(&c, Category::Refusal)[0].location.as_deref(),
        Some("Ахтырском районе Сумской области")
    );
    let d = run("ВСУ потеряли на курском направлении более 250 военнослужащих.");
    assert_eq!(
        claims_of(&d, Category::Losses)[0].location.as_deref(),
        Some("курском направлении")
    );
    let e = run("Пехота под Харьковом саботировала приказ командования.");
    assert_eq!(
        claims_of(&e, Category::Refusal)[0].location.as_deref(),
        Some("Харьковом")
    );
    let g = run("Сорок мобилизованных из Белгорода отказались возвращаться на фронт.");
    assert_eq!(
        claims_of(&g, Category::Refusal)[0].location.as_deref(),
        Some("Белгорода")
    );
    let h = run("Двадцять бійців із Полтави відмовилися виконувати наказ.");
    assert_eq!(
        claims_of(&h, Category::Refusal)[0].location.as_deref(),
        Some("Полтави")
    );
    // A capitalised word after "в" that is not a known place is not taken for one.
    let f = run("В Минобороны заявили, что ВСУ потеряли 200 военнослужащих.");
    assert_eq!(claims_of(&f, Category::Losses)[0].location, None);
    // A group's quoted name keeps both its quotes, whichever the match left out.
    for (text, place) in [
        (
            "Потери ВСУ в зоне \"Южной\" группировки войск за сутки составили до 370 военнослужащих.",
            "\"Южной\" группировки войск",
        ),
        (
            "Потери ВСУ в зоне группировки войск \"Запад\" за сутки составили до 490 военнослужащих.",
            "группировки войск \"Запад\"",
        ),
    ] {
        let c = run(text);
        assert_eq!(
            claims_of(&c, Category::Losses)[0].location.as_deref(),
            Some(place)
        );
    }
}

#[test]
fn where_a_road_goes_is_not_where_it_happened() {
    let location = |text: &str| claims_of(&run(text), Category::Losses)[0].location.clone();
    assert_eq!(
        location("Танк въехал в город до трассы на Сватово и был подбит в Купянске."),
        Some("Купянске".to_owned())
    );
    assert_eq!(
        location("Колонна ВСУ уничтожена на дороге на Покровск."),
        None
    );
    assert_eq!(
        location("Танк въехал в город до трассы на Сватово и был подбит."),
        None
    );
}
