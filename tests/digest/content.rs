//! Composition against hostile input, long digests, quiet days and keyword filters.

use crate::seed::{self, DIU};
use crate::support::{db::TestDb, t0};
use crate::{assert_valid_parts, config, pos};
use chrono::Duration;
use claimwatch::config::QuietDay;
use claimwatch::digest::compose;
use claimwatch::model::Lang;
use claimwatch::store::{Store, SubscriberUpdate};

/// A digest of one story whose source names, title, claim and links are all hostile: its
/// parts are valid Telegram HTML; returns them joined.
async fn hostile_digest_text(s: &dyn Store) -> String {
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
    d.parts.join("\n")
}

#[tokio::test]
async fn hostile_titles_names_and_links_are_escaped() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let text = hostile_digest_text(s).await;
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
        text.contains("<b>&lt;/b&gt;&lt;i&gt;Fake claimant</b> says 3 Russian soldiers of «&lt;u&gt;unit&lt;/u&gt;»"),
        "{text}"
    );
    assert!(
        text.contains("(&lt;b&gt;Evil&lt;/b&gt; &amp; Co &quot;news&quot;)"),
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

/// Words of the five stories [`keyword_stories`] seeds, one story each.
const KEYWORD_STORY_WORDS: [&str; 5] = [
    "отказались",
    "відмовилися",
    "deserters",
    "rotation",
    "Paratroopers face",
];

/// Five refusal stories told in Russian, Ukrainian and English (one matched only by its text),
/// and subscriber 11.
async fn keyword_stories(s: &dyn Store) {
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
}

/// With `keywords`, subscriber 11's digest holds exactly the stories whose words are
/// `expected`, under a line naming the keywords, or is quiet.
async fn digest_with_keywords(s: &dyn Store, keywords: &[&str], expected: &[&str]) {
    let u = SubscriberUpdate {
        keywords: Some(keywords.iter().map(|k| k.to_string()).collect()),
        ..Default::default()
    };
    let sub = seed::update(s, 11, u, t0()).await;
    let d = compose(s, &config(), &sub, t0()).await.unwrap();
    let text = d.parts.join("\n");
    for word in KEYWORD_STORY_WORDS {
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

#[tokio::test]
async fn keywords_match_inflected_forms_in_titles_and_texts() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    keyword_stories(s).await;
    let cases: [(&[&str], &[&str]); 5] = [
        (&["отказ"], &["отказались"]),
        (&["відмова", "deserter"], &["відмовилися", "deserters"]),
        (&["pskov"], &["Paratroopers face"]),
        (&["отказ Бахмут"], &["отказались"]),
        (&["отказ одесса"], &[]),
    ];
    for (keywords, expected) in cases {
        digest_with_keywords(s, keywords, expected).await;
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

#[tokio::test]
async fn a_claim_with_hundreds_of_figures_stays_one_readable_entry() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let src = seed::source(s, "Outlet").await;
    let mut claim = seed::refusal(Some(DIU), Some("<unit>"), Some("a & b"), None);
    claim.figures = (0..600)
        .map(|i| claimwatch::model::Figure {
            metric: claimwatch::model::Metric::Deserters,
            value: 1_000_000 + i,
            delta: Some(i),
            cumulative: None,
            period: None,
            qualifier: None,
            low: None,
            high: None,
        })
        .collect();
    seed::story(
        s,
        &[src],
        "A claim with six hundred figures",
        &[claim],
        t0() - Duration::hours(1),
    )
    .await;
    let sub = seed::subscriber(
        s,
        13,
        "Europe/Kyiv",
        (9, 0),
        Lang::En,
        t0() - Duration::days(1),
    )
    .await;
    let d = compose(s, &config(), &sub, t0()).await.unwrap();
    assert_valid_parts(&d.parts);
    assert_eq!(d.parts.len(), 1);
    let text = &d.parts[0];
    // Twelve figures at most: one on the claim line, eleven under it, then "…".
    assert!(
        text.contains("says 1,000,000 Russian soldiers of «&lt;unit&gt;» deserted"),
        "{text}"
    );
    assert_eq!(text.matches(" deserters (+").count(), 11, "{text}");
    assert!(
        text.contains("1,000,011 deserters (+11), …</i>\n1 source: <a href="),
        "{text}"
    );
}
