//! Story clustering on texts written for these tests: reworded copies, copies with another
//! sidebar, URL twins and forwards join; different stories that share boilerplate or a
//! template stay apart; claims and refusal incidents join across wording and language
//! (those in `joins/claims.rs`).

mod claims;

use chrono::Duration;
use claimwatch::cluster::Settings;
use claimwatch::cluster::{Assignment, ClusterDoc, Clusterer, JoinReason};
use claimwatch::model::{Claim, Lang};

/// One test item.
#[derive(Clone, Default)]
struct It {
    source: i64,
    names: Vec<&'static str>,
    text: String,
    url: Option<&'static str>,
    minutes: i64,
    forwarded: Option<&'static str>,
    claims: Vec<Claim>,
}

fn it(source: i64, minutes: i64, text: &str) -> It {
    It {
        source,
        minutes,
        text: text.to_owned(),
        ..It::default()
    }
}

/// Feeds items in order; returns each item's story and how it was assigned.
fn run(clusterer: &mut Clusterer, items: &[It]) -> Vec<(i64, Option<JoinReason>)> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let doc = ClusterDoc {
                key: i as i64,
                source_id: item.source,
                source_names: &item.names,
                title: "",
                text: &item.text,
                url: item.url,
                published: crate::support::t0() + Duration::minutes(item.minutes),
                lang: Lang::Other,
                forwarded_from: item.forwarded,
                claims: &item.claims,
            };
            match clusterer.assign(&doc) {
                Assignment::Join { story, reason, .. } => (story, Some(reason)),
                Assignment::New => {
                    clusterer.record(&doc, 1000 + i as i64);
                    (1000 + i as i64, None)
                }
            }
        })
        .collect()
}

fn stories(items: &[It]) -> Vec<i64> {
    run(&mut Clusterer::new(&Settings::default()), items)
        .into_iter()
        .map(|s| s.0)
        .collect()
}

const EN_LOSSES: &str = "Russia has lost about 1,150 troops over the past day, Ukraine's General Staff said on Friday. Ukrainian forces also destroyed four tanks, eleven armoured vehicles and nineteen artillery systems, the General Staff said in its morning update.";
const EN_LOSSES_REWORDED: &str = "Ukraine's General Staff reported on Friday morning that Russian forces lost roughly 1,150 soldiers in the past 24 hours. According to the update, Ukrainian troops also destroyed four Russian tanks, nineteen artillery systems and eleven armoured vehicles.";
const RU_REFUSAL: &str = "Около 60 десантников из Пскова отказались ехать на новую ротацию в зону боевых действий, сообщает «Псковская губерния». По данным издания, командование пригрозило военным уголовными делами за отказ выполнять приказ.";
const RU_REFUSAL_REWORDED: &str = "«Псковская губерния»: примерно 60 псковских десантников отказались от новой ротации в зону боевых действий. Командование, как пишет издание, пригрозило отказникам уголовными делами за невыполнение приказа.";
const UK_DESERTERS: &str = "Понад 25 тисяч російських військових самовільно залишили свої частини у Центральному військовому окрузі з листопада по липень, повідомило Головне управління розвідки Міноборони України.";
const UK_DESERTERS_REWORDED: &str = "ГУР: з листопада до липня з частин Центрального військового округу РФ самовільно втекли понад 25 тис. солдатів і офіцерів, повідомляє розвідка Міноборони.";
const RU_WEATHER: &str = "В Москве ожидается сильный снегопад: синоптики обещают до 15 сантиметров снега за ночь, коммунальные службы переведены на усиленный режим работы.";

#[test]
fn reworded_copies_join_in_each_language() {
    for (a, b) in [
        (EN_LOSSES, EN_LOSSES_REWORDED),
        (RU_REFUSAL, RU_REFUSAL_REWORDED),
        (UK_DESERTERS, UK_DESERTERS_REWORDED),
    ] {
        let s = stories(&[it(1, 0, a), it(2, 30, RU_WEATHER), it(3, 90, b)]);
        assert_eq!(s[0], s[2], "{b}");
        assert_ne!(s[0], s[1]);
    }
}

#[test]
fn copies_with_another_sidebar_or_boilerplate_join() {
    let a = format!(
        "{RU_REFUSAL}\n\nЧитайте также: Курс доллара превысил сто рублей впервые с осени\nЧитайте также: В Подмосковье закрыли трассу из-за аварии\n👉 Подписывайтесь на наш канал"
    );
    let b = format!(
        "⚡️ Срочно\n{RU_REFUSAL}\nЕщё по теме: Минфин предложил поднять налог на прибыль банков\nПрислать новость: @example_bot\nhttps://t.me/example"
    );
    let s = stories(&[it(1, 0, &a), it(2, 45, &b)]);
    assert_eq!(s[0], s[1]);
}

#[test]
fn http_https_and_tracking_twins_join_whatever_their_text() {
    let mut a = it(1, 0, EN_LOSSES);
    a.url =
        Some("https://news.example.org/2026/11/21/losses?utm_source=telegram&utm_medium=social");
    let mut b = it(2, 10, "Russian losses: General Staff update");
    b.url = Some("http://www.news.example.org/2026/11/21/losses/");
    let mut c = it(3, 20, "Втрати ворога за добу");
    c.url = Some("https://news.example.org/2026/11/21/losses?fbclid=IwAR0abc#comments");
    let mut d = it(4, 30, "Other article");
    d.url = Some("https://news.example.org/2026/11/21/other");
    let r = run(&mut Clusterer::new(&Settings::default()), &[a, b, c, d]);
    assert_eq!(r[1], (r[0].0, Some(JoinReason::SameUrl)));
    assert_eq!(r[2], (r[0].0, Some(JoinReason::SameUrl)));
    assert_ne!(r[3].0, r[0].0);
}

#[test]
fn a_sites_translations_of_one_article_join() {
    let mut uk = it(1, 0, "П'ять офіційних причин, щоб прийти до ТЦК");
    uk.url = Some("https://news.example.ua/ukr/news/five-reasons-1755684933.html");
    let mut ru = it(2, 5, "Пять официальных причин прийти в ТЦК");
    ru.url = Some("https://news.example.ua/rus/news/five-reasons-1755684933.html/amp");
    let mut en = it(3, 9, "Five official reasons to visit a recruitment office");
    en.url = Some("https://en.news.example.ua/news/five-reasons-1755684933.html");
    let mut other = it(4, 12, "Інша новина того ж сайту");
    other.url = Some("https://news.example.ua/ukr/news/other-1755684999.html");
    let r = run(
        &mut Clusterer::new(&Settings::default()),
        &[uk, ru, en, other],
    );
    assert_eq!(r[1], (r[0].0, Some(JoinReason::SameUrl)));
    assert_eq!(r[2], (r[0].0, Some(JoinReason::SameUrl)));
    assert_ne!(r[3].0, r[0].0);
}

const FOOTER: &str = "Редакция «Северного вестника» работает независимо от властей и живёт на пожертвования читателей.\nПоддержите нас: каждый перевод помогает нам продолжать работу и платить авторам.\nНаши материалы можно читать через зеркало сайта и в приложении для телефонов.\nНапишите нам, если вы были свидетелем событий, о которых мы рассказываем.\nПерепечатка материалов разрешена только со ссылкой на издание.";

#[test]
fn different_stories_sharing_boilerplate_stay_apart() {
    let story_a =
        "В Петрозаводске суд оштрафовал местного активиста за пикет у здания администрации.";
    let story_b = "На трассе под Кондопогой столкнулись грузовик и рейсовый автобус, пострадали трое пассажиров.";
    let story_c =
        "В Сегеже закрывают единственную в районе детскую поликлинику, родители собирают подписи.";
    let with_footer = |s: &str| format!("{s}\n\n{FOOTER}");
    // One source, no history yet: its items are never joined by the shared footer.
    let s = stories(&[
        it(1, 0, &with_footer(story_a)),
        it(1, 60, &with_footer(story_b)),
    ]);
    assert_ne!(s[0], s[1]);
    // After the footer has repeated, it is dropped even for another source's copy of it.
    let s = stories(&[
        it(1, 0, &with_footer(story_a)),
        it(1, 60, &with_footer(story_b)),
        it(1, 120, &with_footer(story_c)),
        it(1, 180, &with_footer(RU_WEATHER)),
        it(2, 200, &with_footer(RU_REFUSAL)),
        it(3, 220, &with_footer(UK_DESERTERS)),
    ]);
    let mut distinct = s.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), s.len(), "{s:?}");
}

#[test]
fn one_template_with_another_days_figures_is_another_story() {
    let day1 = "ВСУ за сутки потеряли на курском направлении более 250 военнослужащих и два танка, сообщили в Минобороны России.";
    let day2 = "ВСУ за сутки потеряли на курском направлении более 300 военнослужащих и два танка, сообщили в Минобороны России.";
    let repost = "Минобороны России: за сутки на курском направлении ВСУ потеряли более 250 военнослужащих и два танка.";
    let s = stories(&[it(1, 0, day1), it(2, 24 * 60, day2), it(3, 30, repost)]);
    assert_ne!(s[0], s[1]);
    assert_eq!(s[0], s[2]);
}

#[test]
fn a_forwarded_post_joins_its_origin() {
    let mut origin = it(1, 0, RU_REFUSAL);
    origin.names = vec!["pskovgub", "Псковская губерния"];
    let mut forward = it(
        2,
        15,
        &format!("Важно. Коротко: {}", &RU_REFUSAL[..RU_REFUSAL.len() / 2]),
    );
    forward.forwarded = Some("Псковская губерния");
    let mut forward_by_handle = it(3, 20, RU_REFUSAL_REWORDED);
    forward_by_handle.forwarded = Some("@pskovgub");
    let mut orphan = it(4, 25, UK_DESERTERS);
    orphan.forwarded = Some("@somewhere_else");
    let r = run(
        &mut Clusterer::new(&Settings::default()),
        &[origin, forward, forward_by_handle, orphan],
    );
    assert_eq!(r[1], (r[0].0, Some(JoinReason::Forwarded)));
    assert_eq!(r[2], (r[0].0, Some(JoinReason::Forwarded)));
    assert_eq!(r[3].1, None);
}

#[test]
fn the_window_forgets_old_items() {
    let cfg = Settings::default();
    let mut c = Clusterer::new(&cfg);
    let r = run(
        &mut c,
        &[
            it(1, 0, RU_REFUSAL),
            it(2, 71 * 60, RU_REFUSAL),
            it(3, 150 * 60, RU_REFUSAL),
        ],
    );
    assert_eq!(r[0].0, r[1].0, "71 h apart: inside the window");
    assert_eq!(r[2].1, None, "79 h after the second copy: a new story");
    assert_eq!(c.len(), 1);
    assert!(c.memory_bytes() > 0);
    assert_eq!(c.evict(crate::support::t0() + Duration::hours(300)), 1);
    assert!(c.is_empty());
}

#[test]
fn results_are_the_same_on_every_run() {
    let items: Vec<It> = [
        EN_LOSSES,
        RU_REFUSAL,
        UK_DESERTERS,
        RU_WEATHER,
        EN_LOSSES_REWORDED,
        RU_REFUSAL_REWORDED,
        UK_DESERTERS_REWORDED,
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| it(i as i64 % 3, i as i64 * 7, t))
    .collect();
    assert_eq!(stories(&items), stories(&items));
}

#[test]
fn hostile_texts_do_not_panic_and_empty_texts_join_nothing() {
    let huge = "Армия ".repeat(1_000_000);
    let odd = "\u{0}\u{202e}\u{fffd}\u{1F600}\u{200d}\u{1F466}e\u{301}".repeat(1000);
    let items = vec![
        it(1, 0, ""),
        it(2, 1, ""),
        it(3, 2, "   \n\n  "),
        it(4, 3, &huge),
        it(5, 4, &huge),
        it(6, 5, &odd),
        it(7, 6, "1 2 3 4 5 6 7 8 9 10 11 12"),
    ];
    let s = stories(&items);
    assert_ne!(s[0], s[1]);
    assert_ne!(s[1], s[2]);
    assert_eq!(s[3], s[4], "two identical huge texts are one story");
}

#[test]
fn memory_stays_bounded_under_a_flood() {
    let tuning = claimwatch::cluster::Tuning {
        max_items: 50,
        ..Default::default()
    };
    let mut c = Clusterer::with_tuning(&Settings::default(), tuning);
    let items: Vec<It> = (0..500)
        .map(|i| {
            it(
                i % 7,
                i,
                &format!(
                    "Сообщение номер {i}: {} {}",
                    "слово".repeat(i as usize % 13 + 1),
                    i * 7919
                ),
            )
        })
        .collect();
    run(&mut c, &items);
    assert!(c.len() <= 50, "{}", c.len());
}
