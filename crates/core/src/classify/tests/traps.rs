//! Texts that look like reports and are not: civilian casualties, interception tallies, draft
//! evasion, civilian refusals, money, markets and sport; a wound that is no soldier's.

use super::{claims_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period};

fn nothing(text: &str) {
    let c = run(text);
    assert!(c.categories.is_empty(), "{text}\n{:?}", c.claims);
}

#[test]
fn civilian_casualties_are_not_military_losses() {
    nothing("В результате обстрела погибли трое мирных жителей, ещё пятеро ранены.");
    nothing("Унаслідок удару по Харкову загинули двоє цивільних, ще 14 людей поранені.");
    nothing("Two civilians were killed and five injured when a drone hit a bus in Kherson.");
    nothing("Число погибших при обрушении дома выросло до 12 человек.");
    nothing("Over 10,000 people have lost their lives since the start of the war, the UN says.");
    nothing("В ДТП с участием шести автомобилей погиб один человек.");
}

#[test]
fn interception_tallies_are_not_losses() {
    nothing("Средства ПВО за ночь перехватили и уничтожили 41 беспилотник над пятью областями.");
    nothing("Протягом ночі сили ППО збили 35 ударних дронів.");
    nothing("Air defence forces shot down 40 of the 52 drones launched overnight.");
    nothing("Ещё два беспилотника самолетного типа уничтожены над Брянской областью.");
}

#[test]
fn civilian_refusals_and_draft_evasion_are_not_refusals() {
    nothing("Министр отказался от комментариев по поводу потерь.");
    nothing("The minister refused to comment on the reports.");
    nothing("Угорщина відмовляється підтримати рішення щодо санкцій.");
    nothing("Зеленский отказался от переговоров на этих условиях.");
    nothing("Тысячи мужчин отказываются являться в военкомат по повестке.");
    nothing("Thousands of men refused to report to enlistment offices to avoid the draft.");
    nothing("Он отказался от мобилизации и уехал из страны.");
}

#[test]
fn other_losses_are_not_military_losses() {
    nothing("Он потерял 12к рублей на ставках.");
    nothing("Компания потеряла 3 млн долларов за квартал.");
    nothing("Українці не втрачають пильності під час тривог.");
    nothing("The team lost 2-1 and the stock lost 3% on Monday.");
    nothing("Индекс Мосбиржи потерял 40 пунктов.");
    nothing("Left 4 Dead 2 is free to play this weekend.");
    nothing("Подростки подожгли вертолёт на частном аэродроме по заказу из мессенджера.");
    nothing("Двое подростков сожгли вертолет на частном аэродроме.");
}

#[test]
fn other_wars_are_out_of_scope() {
    nothing("За сутки в Сирии уничтожено не менее 200 боевиков, сообщили в центре по примирению.");
    nothing("Пять боевиков нейтрализованы в Дагестане в ходе контртеррористической операции.");
    nothing("The Israeli army said it killed 30 Hamas fighters in Gaza.");
    // A colon inside an address does not make a sentence a list heading.
    nothing(
        "Известно о пяти погибших, говорится в [сообщении](https://t.me/x/1).\n\nК психологам обратились 22 человека.",
    );
}

#[test]
fn hypothetical_losses_are_not_claims() {
    nothing("Украина может потерять до 100 тысяч военных, если наступление продолжится.");
    nothing("Russia could lose 10,000 troops in such an offensive, analysts warn.");
}

#[test]
fn military_targets_struck_are_not_soldiers() {
    // "военных" before a noun of a place or a thing is an adjective, not a count of soldiers.
    nothing("Президент заявил, что в ходе удара поражено 17 военных объектов.");
    nothing("Уражено 12 військових об'єктів на сході країни, заявили в штабі.");
    nothing("The strike hit 17 military targets across the country, the ministry said.");
    nothing("Поражены 4 военных аэродрома и 3 военные базы противника.");
}

#[test]
fn a_forces_strength_is_not_a_loss() {
    let texts = [
        "ВСУ перебросили под Курск группировку численностью 10 тысяч военнослужащих, чтобы восполнить потери.",
        "Группировка войск «Север» численностью 10 тысяч военнослужащих несет потери.",
        "Russia has amassed 10,000 troops near Kurakhove despite heavy losses.",
    ];
    for text in texts {
        let c = run(text);
        let figures: Vec<_> = c.claims.iter().flat_map(|c| &c.figures).collect();
        assert!(
            figures.iter().all(|f| f.value != 10_000),
            "{text}\n{figures:?}"
        );
    }
}

#[test]
fn a_soldier_wounded_counts_one_and_a_passer_by_does_not() {
    let c = run(
        "Засевшие в подвале ВСУшники обстреливали наших военных. Командир взвода получил более 40 осколков в ногу.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let f = &claims[0].figures[0];
    assert_eq!(
        (f.metric, f.value, f.period),
        (Metric::Wounded, 1, Some(Period::Event))
    );
    // After a strike on a town, with no soldier in the paragraph: a civilian.
    let c = run(
        "В результате российского авиаудара по городу погибли два человека, еще один получил ранения.",
    );
    assert!(
        claims_of(&c, Category::Losses)
            .iter()
            .all(|x| x.figures.iter().all(|f| f.metric != Metric::Wounded))
    );
}

#[test]
fn a_sentences_length_in_halves_counts_no_one() {
    for text in [
        "A military court has sentenced a contract soldier to six and a half years in a penal colony for deserting his unit.",
        "Суд приговорил контрактника к шести с половиной годам колонии за дезертирство.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Refusal);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let f = &claims[0].figures;
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        assert_eq!((f[0].metric, f[0].value), (Metric::Deserters, 1), "{text}");
    }
}

#[test]
fn what_those_who_left_can_do_is_a_rule_not_an_act() {
    let c = run(
        "Понад сто двадцять військових, які перебували в СЗЧ, за жовтень повернулися до служби. Про це повідомили в пресслужбі бригади, нагадавши, що ті, хто самовільно залишив частину вперше, можуть повернутися без кримінальної відповідальності.",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].figures[0].value, 120);
    // The speaker's description ends where a gerund of saying goes on.
    assert_eq!(claims[0].claimant.as_deref(), Some("пресслужбі бригади"));
}
