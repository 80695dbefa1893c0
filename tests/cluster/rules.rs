//! Rules that keep reports apart although they share a claim or their wording, on texts
//! written for these tests: a source repeating its claim the next day, a round-up of the day,
//! daily reports that share a regional figure but not the total, one outlet's daily
//! assessment on consecutive days, and resembling wording a day or more later.

use chrono::Duration;
use claimwatch::cluster::Settings;
use claimwatch::cluster::{Assignment, ClusterDoc, Clusterer, JoinReason};
use claimwatch::model::{Category, Claim, Figure, Lang, Metric, Side};

struct Item {
    source: i64,
    minutes: i64,
    text: String,
    claims: Vec<Claim>,
}

fn item(source: i64, minutes: i64, text: &str, claims: Vec<Claim>) -> Item {
    Item {
        source,
        minutes,
        text: text.to_owned(),
        claims,
    }
}

/// Each item's story and why it joined (None: a new story).
fn run(items: &[Item]) -> Vec<(i64, Option<JoinReason>)> {
    let mut clusterer = Clusterer::new(&Settings::default());
    items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let doc = ClusterDoc {
                key: i as i64,
                source_id: it.source,
                source_names: &[],
                title: "",
                text: &it.text,
                url: None,
                published: crate::support::t0() + Duration::minutes(it.minutes),
                lang: Lang::Other,
                forwarded_from: None,
                claims: &it.claims,
            };
            match clusterer.assign(&doc) {
                Assignment::Join { story, reason, .. } => (story, Some(reason)),
                Assignment::New => {
                    clusterer.record(&doc, 100 + i as i64);
                    (100 + i as i64, None)
                }
            }
        })
        .collect()
}

fn mod_claim(values: &[(Metric, i64)]) -> Vec<Claim> {
    vec![Claim {
        category: Category::Losses,
        claimant: Some("Russian Ministry of Defence".into()),
        side: Some(Side::Ukraine),
        unit: None,
        location: None,
        figures: values
            .iter()
            .map(|(metric, value)| Figure {
                metric: *metric,
                value: *value,
                delta: None,
                cumulative: Some(false),
                period: None,
                qualifier: None,
                low: None,
                high: None,
            })
            .collect(),
        evidence: Vec::new(),
        claimant_id: None,
        other_conflict: false,
    }]
}

#[test]
fn a_source_repeating_its_claim_and_a_round_up_join_no_story_by_that_claim() {
    let kursk = || mod_claim(&[(Metric::Personnel, 250)]);
    let items = [
        item(
            1,
            0,
            "Потери ВСУ на западном направлении за сутки составили более 250 военнослужащих, сообщили в военном ведомстве.",
            kursk(),
        ),
        item(
            1,
            3 * 60,
            "Уточнение: за сутки на западном направлении ВСУ лишились более 250 военнослужащих.",
            kursk(),
        ),
        item(
            2,
            4 * 60,
            "Военное ведомство: противник на западном участке фронта лишился за минувшие сутки свыше 250 солдат.",
            kursk(),
        ),
        item(
            1,
            23 * 60,
            "ВСУ за сутки потеряли на западном направлении более 250 человек, уничтожены две машины пехоты.",
            kursk(),
        ),
        item(
            3,
            5 * 60,
            "Главное за день.\n▪️ В столице открыли новую станцию метро на северной линии.\n▪️ Потери противника на западном направлении составили более 250 военнослужащих.\n▪️ Курс рубля почти не изменился за торговую сессию.\n▪️ В горах выпал первый снег, перевалы закрыты для грузовиков.",
            kursk(),
        ),
    ];
    let r = run(&items);
    assert_eq!(
        r[1].1, None,
        "a source's own second item is not joined by its claim"
    );
    assert_eq!(
        r[2],
        (r[0].0, Some(JoinReason::SameClaim)),
        "another source's retelling"
    );
    assert_eq!(
        r[3].1, None,
        "the next day's report with the same daily figure (19 h after the retelling)"
    );
    assert_eq!(r[4].1, None, "a round-up of the day carries many claims");
}

#[test]
fn daily_reports_sharing_a_regional_figure_but_not_the_total_stay_apart() {
    let day = |total| mod_claim(&[(Metric::Personnel, total), (Metric::Personnel, 140)]);
    let items = [
        item(
            1,
            0,
            "Противник за сутки потерял до 1240 военнослужащих, в полосе группировки «Север» — до 140.",
            day(1240),
        ),
        item(
            2,
            20 * 60,
            "Украинская армия потеряла за сутки до 2005 военнослужащих; на участке группировки «Север» — до 140 человек.",
            day(2005),
        ),
        item(
            3,
            60,
            "Минобороны: потери противника за сутки — до 1240 военных.",
            mod_claim(&[(Metric::Personnel, 1240)]),
        ),
    ];
    let r = run(&items);
    assert_ne!(
        r[1].0, r[0].0,
        "another day's total, one regional figure alike"
    );
    assert_eq!(
        r[2],
        (r[0].0, Some(JoinReason::SameClaim)),
        "the total without the regional figure is the same report"
    );
}

#[test]
fn one_daily_assessment_on_consecutive_days_is_two_stories() {
    // The same wording and the same other figures: only the days in the headlines differ
    // (days below ten are not compared as numbers).
    let body = "Russian forces continued limited offensive operations along 120 kilometres of the northern and eastern front lines, and the institute assessed that the spring campaign has not yet begun in earnest.";
    let items = [
        item(
            1,
            0,
            &format!("Daily Campaign Assessment, March 4\n{body}"),
            Vec::new(),
        ),
        item(
            2,
            60,
            &format!("Daily Campaign Assessment, March 5\n{body}"),
            Vec::new(),
        ),
        item(
            3,
            120,
            &format!("Daily Campaign Assessment, 4 March\n{body}"),
            Vec::new(),
        ),
        item(
            4,
            180,
            &format!("Оцінка кампанії на 5 березня\n{body}"),
            Vec::new(),
        ),
        item(
            5,
            240,
            &format!("Daily Campaign Assessment\n{body}"),
            Vec::new(),
        ),
    ];
    let r = run(&items);
    assert_ne!(r[1].0, r[0].0, "the next day's edition");
    assert_eq!(r[2].0, r[0].0, "the same day, written the other way round");
    assert_eq!(r[3].0, r[1].0, "the same day named in Ukrainian");
    assert!(
        r[4].1.is_some(),
        "a headline without a day conflicts with none"
    );
}

#[test]
fn a_day_later_resembling_wording_is_not_enough() {
    // Two forecasts alike in wording (tf-idf cosine ≈ 0.45): one story five hours apart, two
    // stories thirty hours apart, where the next day's forecast says much the same.
    let a = "Синоптики обещают в пятницу сильный ветер, мокрый снег и гололедицу на дорогах столицы, коммунальщики готовят технику.";
    let b = "Мокрый снег, ветер и гололедица ожидаются в столице в пятницу, водителям советуют сменить резину.";
    for (minutes, joins) in [(5 * 60, true), (30 * 60, false)] {
        let r = run(&[item(1, 0, a, Vec::new()), item(2, minutes, b, Vec::new())]);
        assert_eq!(r[1].0 == r[0].0, joins, "{minutes} minutes apart");
    }
}
