use crate::seed::{self, DIU, GS, MOD_RU};
use crate::support::{db::TestDb, t0};
use crate::{assert_valid_parts, config};
use chrono::Duration;
use claimwatch::config::QuietDay;
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
    let r1 = seed::story(
        s,
        &[ukrinform, kyiv, pravda, meduza],
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
    let mod_ru = seed::story(
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
    .await;
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

fn pos(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in:\n{text}"))
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
        pos(text, "<b>Ukraine's General Staff</b>: Russian losses"),
        pos(text, "Russian MoD claims"),
        pos(text, "/search WORDS — older claims"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{text}");
    assert!(text.contains(
        "• <b>Ukraine's Defence Intelligence</b> claims: Units of the 70th regiment refused to advance, intelligence says\n\
         <i>Russian forces · 70th Guards Motorized Rifle Regiment · Zaporizhzhia · refusers 60</i>\n\
         4 sources: <a href=\"https://news"
    ), "{text}");
    let r1_entry = &text[pos(text, "Units of the 70th")..pos(text, "About 60 paratroopers")];
    assert_eq!(r1_entry.matches("<a href=").count(), 3, "{r1_entry}");
    assert!(
        r1_entry.contains(">Ukrinform</a> · ") && r1_entry.contains("Ukrainska Pravda</a> · +1\n"),
        "{r1_entry}"
    );
    // No claimant in the text: the outlet is who reports it.
    assert!(
        text.contains("• <b>ASTRA</b> reports: About 60 paratroopers"),
        "{text}"
    );
    assert!(text.contains("1 source: <a href="), "{text}");
    // The totals: the figure's own delta, else the change from the previous report.
    assert!(text.contains(
        "Russian losses since 24 Feb 2022 — personnel 28,300 (+150), tanks 1,251 (+3) · <a href=\"https://news"
    ), "{text}");
    assert!(text.contains("full report ›</a>"), "{text}");
    assert!(
        !text.contains("as of 20 November") && !text.contains("as of 21 November"),
        "totals are not listed as entries"
    );
    assert!(text.contains("• <b>Russia's defence ministry</b> claims: Russian MoD claims Ukrainian losses\n<i>Ukrainian forces · personnel 1,515</i>"), "{text}");
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
        "<b>ГУР Міноборони</b> стверджує:",
        "4 джерела:",
        "<b>Генштаб ЗСУ</b>: втрати Росії з 24.02.2022 — особовий склад 28\u{a0}300 (+150)",
        "<b>ASTRA</b> повідомляє:",
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
async fn hostile_titles_names_and_links_are_escaped() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let evil = seed::source(s, "<b>Evil</b> & Co \"news\"").await;
    let other = seed::source(s, "Other</a>").await;
    let title = "<script>alert(1)</script> Tom & Jerry \"refused\" </b> <a href=\"javascript:alert(1)\">x</a> &amp;";
    let story = seed::story(
        s,
        &[evil],
        title,
        &[seed::refusal(
            Some("</b><i>Fake claimant"),
            Some("<u>unit</u>"),
            Some("&amp; place"),
            Some(3),
        )],
        t0() - Duration::hours(2),
    )
    .await;
    seed::add_item(
        s,
        story,
        other,
        "javascript:alert(1)",
        t0() - Duration::hours(1),
    )
    .await;
    let third = seed::source(s, "Third").await;
    seed::add_item(
        s,
        story,
        third,
        "https://x.example/?a=1&b=\"2\"<",
        t0() - Duration::minutes(30),
    )
    .await;
    let sub = seed::subscriber(
        s,
        7,
        "Europe/Kyiv",
        (9, 0),
        Lang::En,
        t0() - Duration::days(1),
    )
    .await;
    let d = compose(s, &config(), &sub, t0()).await.unwrap();
    assert_valid_parts(&d.parts);
    let text = d.parts.join("\n");
    assert!(
        !text.contains("<script>") && !text.contains("<u>") && !text.contains("</b><i>"),
        "{text}"
    );
    assert!(
        text.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; Jerry &quot;refused&quot; &lt;/b&gt;"
        ),
        "{text}"
    );
    assert!(
        text.contains("&amp;amp;"),
        "entities in outside text are shown, not interpreted"
    );
    assert!(
        text.contains("<b>&lt;/b&gt;&lt;i&gt;Fake claimant</b> claims:"),
        "{text}"
    );
    assert!(
        text.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co &quot;news&quot;</a>"),
        "{text}"
    );
    assert!(
        !text.contains("javascript:alert(1)\""),
        "no javascript: link: {text}"
    );
    assert!(
        text.contains("Other&lt;/a&gt; · "),
        "the unsafe link is shown as a plain name: {text}"
    );
    assert!(
        text.contains("<a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;&lt;\">Third</a>"),
        "{text}"
    );
}

#[tokio::test]
async fn many_long_entries_split_into_valid_messages_at_entry_boundaries() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let sources = [
        seed::source(s, "Ukrinform").await,
        seed::source(s, "Kyiv Independent").await,
        seed::source(s, "Meduza").await,
    ];
    let filler =
        "refused to advance and demanded rotation; relatives say the unit was sent back ".repeat(4);
    for i in 0..45 {
        seed::story(
            s,
            &sources,
            &format!("Story #{i:02}: {filler}"),
            &[seed::refusal(
                Some(DIU),
                Some("a regiment with a long name"),
                Some("Donetsk region"),
                Some(i),
            )],
            t0() - Duration::minutes(300 - i),
        )
        .await;
    }
    let sub = seed::subscriber(
        s,
        5,
        "Europe/Kyiv",
        (9, 0),
        Lang::En,
        t0() - Duration::days(1),
    )
    .await;
    let mut cfg = config();
    cfg.digest.max_entries = 60;
    let d = compose(s, &cfg, &sub, t0()).await.unwrap();
    assert_valid_parts(&d.parts);
    assert!(d.parts.len() >= 3, "{} parts", d.parts.len());
    for p in &d.parts[1..] {
        assert!(
            p.starts_with("• ") || p.starts_with("/search"),
            "a part starts mid-entry: {}",
            &p[..60.min(p.len())]
        );
    }
    let all = d.parts.join("\n");
    let mut last = 0;
    // Same number of sources: the most recent first, each exactly once, none cut.
    for i in (0..45).rev() {
        let marker = format!("Story #{i:02}: ");
        assert_eq!(all.matches(&marker).count(), 1, "{marker}");
        let at = pos(&all, &marker);
        assert!(at >= last, "{marker} out of order");
        last = at;
    }
    assert_eq!(all.matches("<b>REFUSALS</b>").count(), 1);
    assert_eq!(d.story_ids.len(), 45);
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

#[tokio::test]
async fn a_quiet_day_is_one_line_or_nothing() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let sub = seed::subscriber(
        s,
        3,
        "Europe/Kyiv",
        (9, 0),
        Lang::En,
        t0() - Duration::days(1),
    )
    .await;
    let d = compose(s, &config(), &sub, t0()).await.unwrap();
    assert!(d.is_quiet);
    assert_eq!(
        d.parts,
        vec!["<b>Claimwatch digest</b> · Sat 21 Nov, 09:00 Kyiv\nNothing new on your topics since Fri 09:00.".to_string()]
    );
    assert_valid_parts(&d.parts);
    let mut cfg = config();
    cfg.digest.quiet_day = QuietDay::Skip;
    let d = compose(s, &cfg, &sub, t0()).await.unwrap();
    assert!(d.is_quiet && d.parts.is_empty());
}

#[tokio::test]
async fn keywords_match_inflected_forms_in_titles_and_texts() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let src = seed::source(s, "Outlet").await;
    let at = t0() - Duration::hours(3);
    let refusal = || seed::refusal(None, None, None, None);
    seed::story(
        s,
        &[src],
        "Военные отказались идти в бой под Бахмутом",
        &[refusal()],
        at,
    )
    .await;
    seed::story(
        s,
        &[src],
        "Бійці відмовилися виконувати наказ",
        &[refusal()],
        at,
    )
    .await;
    seed::story(s, &[src], "Two deserters were detained", &[refusal()], at).await;
    seed::story(s, &[src], "Soldiers demanded rotation", &[refusal()], at).await;
    seed::story_with_text(
        s,
        &[src],
        "Paratroopers face criminal cases",
        "Relatives in Pskov say sixty men were charged",
        &[refusal()],
        at,
    )
    .await;
    seed::subscriber(
        s,
        11,
        "Europe/Kyiv",
        (9, 0),
        Lang::En,
        t0() - Duration::days(1),
    )
    .await;
    let cases: [(&[&str], &[&str]); 5] = [
        (&["отказ"], &["отказались"]),
        (&["відмова", "deserter"], &["відмовилися", "deserters"]),
        (&["pskov"], &["Paratroopers face"]),
        (&["отказ Бахмут"], &["отказались"]),
        (&["отказ одесса"], &[]),
    ];
    let all = [
        "отказались",
        "відмовилися",
        "deserters",
        "rotation",
        "Paratroopers face",
    ];
    for (keywords, expected) in cases {
        let u = SubscriberUpdate {
            keywords: Some(keywords.iter().map(|k| k.to_string()).collect()),
            ..Default::default()
        };
        let sub = seed::update(s, 11, u, t0()).await;
        let d = compose(s, &config(), &sub, t0()).await.unwrap();
        let text = d.parts.join("\n");
        for word in all {
            assert_eq!(
                text.contains(word),
                expected.contains(&word),
                "{keywords:?} / {word}:\n{text}"
            );
        }
        assert_eq!(d.story_ids.len(), expected.len(), "{keywords:?}");
        if !expected.is_empty() {
            assert!(
                text.contains(&format!(
                    "<i>Only reports mentioning: {}</i>",
                    keywords.join(", ")
                )),
                "{text}"
            );
        } else {
            assert!(d.is_quiet, "{text}");
        }
    }
}

#[tokio::test]
async fn a_subscriber_with_a_broken_time_zone_still_gets_a_digest() {
    let db = TestDb::new().await;
    let s: &dyn Store = db.store.as_ref();
    let mut sub = seed::subscriber(s, 12, "Europe/Kyiv", (9, 0), Lang::En, t0()).await;
    sub.timezone = "Mars/Olympus".into();
    let d = compose(s, &config(), &sub, t0()).await.unwrap();
    assert!(
        d.parts[0].contains("09:00 Kyiv"),
        "falls back to the configured zone: {}",
        d.parts[0]
    );
}
