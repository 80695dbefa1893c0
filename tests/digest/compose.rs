//! Composition: sections, claimants, figures, linked sources, the losses block, language, topics.

use crate::seed::{self, DIU, GS, MOD_RU};
use crate::support::{db::TestDb, t0};
use crate::{assert_valid_parts, config, pos};
use chrono::Duration;
use claimwatch::digest::compose;
use claimwatch::model::{Category, Lang, Metric, Side, Topics};
use claimwatch::store::{Store, SubscriberUpdate};

struct World {
    db: TestDb,
    r1: i64,
    r2: i64,
    gs_old: i64,
    gs_new: i64,
    mod_ru: i64,
}

/// The two refusal reports: one told by four outlets, one by ASTRA.
async fn refusal_stories(s: &dyn Store, four: &[i64], astra: i64) -> (i64, i64) {
    let r1 = seed::story(
        s,
        four,
        "Units of the 70th regiment refused to advance, intelligence says",
        &[seed::refusal(
            Some(DIU),
            Some("70th Guards Motorized Rifle Regiment"),
            Some("Zaporizhzhia"),
            Some(60),
        )],
        t0() - Duration::hours(5),
    )
    .await;
    let r2 = seed::story(
        s,
        &[astra],
        "About 60 paratroopers refused a new deployment",
        &[seed::refusal(
            None,
            Some("76th Guards Air Assault Division"),
            Some("Pskov"),
            None,
        )],
        t0() - Duration::hours(3),
    )
    .await;
    (r1, r2)
}

/// The General Staff's loss totals of yesterday and today.
async fn general_staff_stories(s: &dyn Store, gs_src: i64) -> (i64, i64) {
    let total = |p: i64, t: i64, td: Option<i64>| {
        seed::losses(
            GS,
            Side::Russia,
            &[
                (Metric::Personnel, p, None, Some(true)),
                (Metric::Tanks, t, td, Some(true)),
            ],
        )
    };
    let gs_old = seed::story(
        s,
        &[gs_src],
        "Russian losses as of 20 November",
        &[total(28_150, 1_248, None)],
        t0() - Duration::hours(23),
    )
    .await;
    let gs_new = seed::story(
        s,
        &[gs_src],
        "Russian losses as of 21 November",
        &[total(28_300, 1_251, Some(3))],
        t0() - Duration::hours(1),
    )
    .await;
    (gs_old, gs_new)
}

/// The Russian defence ministry's claim of Ukrainian losses.
async fn russian_mod_story(s: &dyn Store, mod_src: i64) -> i64 {
    seed::story(
        s,
        &[mod_src],
        "Russian MoD claims Ukrainian losses",
        &[seed::losses(
            MOD_RU,
            Side::Ukraine,
            &[(Metric::Personnel, 1_515, None, Some(false))],
        )],
        t0() - Duration::hours(2),
    )
    .await
}

/// Two refusal reports (one told by four outlets), the General Staff's reports of yesterday
/// and today, and a Russian defence ministry claim — all within the last 24 hours of t0.
async fn world() -> World {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let ukrinform = seed::source(s, "Ukrinform").await;
    let kyiv = seed::source(s, "Kyiv Independent").await;
    let pravda = seed::source(s, "Ukrainska Pravda").await;
    let meduza = seed::source(s, "Meduza").await;
    let astra = seed::source(s, "ASTRA").await;
    let gs_src = seed::source(s, "General Staff of the AFU").await;
    let mod_src = seed::source(s, "Russian MoD channel").await;
    let (r1, r2) = refusal_stories(s, &[ukrinform, kyiv, pravda, meduza], astra).await;
    let (gs_old, gs_new) = general_staff_stories(s, gs_src).await;
    let mod_ru = russian_mod_story(s, mod_src).await;
    seed::subscriber(
        s,
        42,
        "Europe/Kyiv",
        (9, 0),
        Lang::En,
        t0() - Duration::days(2),
    )
    .await;
    World {
        db,
        r1,
        r2,
        gs_old,
        gs_new,
        mod_ru,
    }
}

#[tokio::test]
async fn a_digest_names_claimants_units_places_figures_and_linked_sources() {
    let w = world().await;
    let s = w.db.store.as_ref();
    let sub = s.subscriber(42).await.unwrap().unwrap();
    let d = compose(s, &config(), &sub, t0()).await.unwrap();
    assert_valid_parts(&d.parts);
    assert_eq!(d.parts.len(), 1);
    assert!(!d.is_quiet);
    let text = &d.parts[0];
    assert!(
        text.starts_with(
            "<b>Claimwatch digest</b> · Sat 21 Nov, 09:00 Kyiv\n2 refusal reports · 2 loss claims · since Fri 09:00"
        ),
        "{text}"
    );
    // Sections in order; within one, more independent sources first.
    let order = [
        pos(text, "<b>REFUSALS</b>"),
        pos(text, "Units of the 70th regiment"),
        pos(text, "About 60 paratroopers"),
        pos(text, "<b>LOSSES</b>"),
        pos(text, "<b>Ukraine's General Staff</b> claims Russian losses"),
        pos(text, "Russian MoD claims"),
        pos(text, "/search WORDS — older claims"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{text}");
    // The claim line composed from the claim; the headline is the first source's link text.
    assert!(text.contains(
        "• <b>Ukraine's Defence Intelligence</b> says 60 Russian soldiers of «70th Guards Motorized Rifle Regiment» refused orders in the Zaporizhzhia area\n\
         4 sources: <a href=\"https://news"
    ), "{text}");
    assert!(text.contains(
        "\">Units of the 70th regiment refused to advance, intelligence says</a> (Ukrinform) · <a href="
    ), "{text}");
    let r1_entry = &text[pos(text, "Units of the 70th")..pos(text, "About 60 paratroopers")];
    assert_eq!(r1_entry.matches("<a href=").count(), 3, "{r1_entry}");
    assert!(
        r1_entry.contains(">Kyiv Independent</a> · ")
            && r1_entry.contains("Ukrainska Pravda</a> · +1\n"),
        "{r1_entry}"
    );
    // No claimant in the text: the outlet is who reports it.
    assert!(
        text.contains("• <b>ASTRA</b> reports a refusal by Russian soldiers of «76th Guards Air Assault Division» in the Pskov area\n1 source: <a href=\"https://news"),
        "{text}"
    );
    assert!(text.contains("1 source: <a href="), "{text}");
    // The totals: the figure's own delta, else the change from the previous report.
    assert!(text.contains(
        "Russian losses since 24 Feb 2022: 28,300 troops (+150), 1,251 tanks (+3) · <a href=\"https://news"
    ), "{text}");
    assert!(text.contains("full report ›</a>"), "{text}");
    assert!(
        !text.contains("as of 20 November") && !text.contains("as of 21 November"),
        "totals are not listed as entries"
    );
    assert!(text.contains("• <b>Russia's defence ministry</b> claims Ukrainian losses of 1,515 troops\n1 source: <a href=\"https://news"), "{text}");
    let mut expected = vec![w.r1, w.r2, w.gs_old, w.gs_new, w.mod_ru];
    expected.sort_unstable();
    assert_eq!(d.story_ids, expected);
    assert_eq!(d.period_start, t0() - Duration::hours(24));
    assert_eq!(d.period_end, t0());
    // Composing marks nothing: the same digest again.
    assert_eq!(compose(s, &config(), &sub, t0()).await.unwrap(), d);
}

#[tokio::test]
async fn the_digest_speaks_the_readers_language() {
    let w = world().await;
    let s = w.db.store.as_ref();
    let u = SubscriberUpdate {
        ui_lang: Some(Lang::Uk),
        ..Default::default()
    };
    let sub = seed::update(s, 42, u, t0()).await;
    let d = compose(s, &config(), &sub, t0()).await.unwrap();
    assert_valid_parts(&d.parts);
    let text = &d.parts[0];
    for needle in [
        "<b>Дайджест Claimwatch</b> · сб, 21 лист., 09:00 Kyiv",
        "2 повідомлення про відмову · 2 заяви про втрати · з пт 09:00",
        "<b>ВІДМОВИ</b>",
        "<b>ГУР Міноборони</b> повідомляє: 60 військових ЗС РФ («70th Guards Motorized Rifle Regiment») відмовилися виконувати наказ (Запоріжжя)",
        "4 джерела:",
        "<b>Генштаб ЗСУ</b> заявляє про втрати російських військ з 24.02.2022: 28\u{a0}300 осіб (+150), 1\u{a0}251 танк (+3)",
        "<b>ASTRA</b> повідомляє про відмову військових ЗС РФ («76th Guards Air Assault Division») виконувати наказ (Псков)",
        "1 джерело:",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
}

#[tokio::test]
async fn topics_choose_the_sections() {
    let w = world().await;
    let s = w.db.store.as_ref();
    let u = SubscriberUpdate {
        topics: Some(Topics::ALL.with(Category::Losses, false)),
        ..Default::default()
    };
    let sub = seed::update(s, 42, u, t0()).await;
    let d = compose(s, &config(), &sub, t0()).await.unwrap();
    let text = &d.parts[0];
    assert!(
        text.contains("<b>REFUSALS</b>") && !text.contains("LOSSES"),
        "{text}"
    );
    assert!(
        text.contains("\n2 refusal reports · since Fri 09:00"),
        "{text}"
    );
    let mut expected = vec![w.r1, w.r2];
    expected.sort_unstable();
    assert_eq!(
        d.story_ids, expected,
        "stories outside the topics stay undelivered"
    );
}

#[tokio::test]
async fn a_full_section_lists_the_best_and_counts_the_rest() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let a = seed::source(s, "A").await;
    let b = seed::source(s, "B").await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let srcs: &[i64] = if i == 0 { &[a, b] } else { &[a] };
        ids.push(
            seed::story(
                s,
                srcs,
                &format!("Refusal {i}"),
                &[seed::refusal(None, None, None, None)],
                t0() - Duration::hours(6 - i),
            )
            .await,
        );
    }
    let sub = seed::subscriber(
        s,
        9,
        "Europe/Kyiv",
        (9, 0),
        Lang::En,
        t0() - Duration::days(1),
    )
    .await;
    let mut cfg = config();
    cfg.digest.max_entries = 2;
    let d = compose(s, &cfg, &sub, t0()).await.unwrap();
    let text = &d.parts[0];
    assert!(text.contains("5 refusal reports"), "{text}");
    assert!(
        pos(text, "Refusal 0") < pos(text, "Refusal 4"),
        "two sources beat recency"
    );
    assert!(
        !text.contains("Refusal 3") && text.contains("+3 more: /recent"),
        "{text}"
    );
    let mut shown = vec![ids[0], ids[4]];
    shown.sort_unstable();
    assert_eq!(d.story_ids, shown, "only what was shown is delivered");
}
