//! /recent: the last day's claims by topic, newest first; a claim told by two channels listed
//! once with both sources (in /search too).

use crate::seed;
use crate::support::bot_harness::BotHarness;
use crate::support::t0;
use chrono::Duration;

#[tokio::test]
async fn recent_lists_the_last_day_by_topic() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let src = seed::source(store, "https://a.example/rss", "A").await;
    seed::claim_at(
        store,
        src,
        "Свежий отказ",
        seed::refusal("Fresh refusal", None, 3),
        t0() - Duration::hours(2),
    )
    .await;
    seed::claim_at(
        store,
        src,
        "Свежие потери",
        seed::losses("Fresh losses"),
        t0() - Duration::hours(1),
    )
    .await;
    seed::claim_at(
        store,
        src,
        "Старый отказ",
        seed::refusal("Old refusal", None, 3),
        t0() - Duration::hours(30),
    )
    .await;
    let all = h.ask(607, "en", "/recent").await;
    assert!(
        all.starts_with("🕐 <b>Claims of the last 24 h</b>"),
        "{all}"
    );
    assert!(
        all.contains("Fresh refusal")
            && all.contains("Fresh losses")
            && !all.contains("Old refusal")
    );
    assert!(
        all.find("Fresh losses").unwrap() < all.find("Fresh refusal").unwrap(),
        "newest first"
    );
    let refusals = h.ask(607, "en", "/recent refusals").await;
    assert!(refusals.contains("Fresh refusal") && !refusals.contains("Fresh losses"));
    let losses = h.ask(607, "en", "/recent losses").await;
    assert!(losses.contains("Fresh losses") && !losses.contains("Fresh refusal"));
    let usage = h.ask(607, "en", "/recent bananas").await;
    assert!(usage.starts_with("/recent — "), "{usage}");
    h.clock.advance(Duration::days(3));
    assert_eq!(
        h.ask(607, "en", "/recent").await,
        "🕐 No claims in the last 24 hours."
    );
    h.stop().await;
}

#[tokio::test]
async fn a_claim_told_by_two_channels_is_listed_once_with_both_sources() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let a = seed::source(store, "https://a.example/rss", "Channel A").await;
    let b = seed::source(store, "https://b.example/rss", "Channel B").await;
    // The same ministry figure in a standalone post and, hours later, in another channel's
    // round-up; and the next day's figure, which is another claim.
    let told = |at: i64| {
        let mut c = seed::losses("Russian Ministry of Defence");
        c.claimant_id = Some("ru_mod".into());
        c.figures.truncate(1);
        c.figures[0].value = 300 + at;
        c
    };
    seed::claim_at(
        store,
        a,
        "Потери ВСУ за сутки 300",
        told(0),
        t0() - Duration::hours(6),
    )
    .await;
    seed::claim_at(
        store,
        b,
        "Главное за день: потери ВСУ 300",
        told(0),
        t0() - Duration::hours(2),
    )
    .await;
    seed::claim_at(
        store,
        a,
        "Потери ВСУ за сутки 301",
        told(1),
        t0() - Duration::hours(30),
    )
    .await;
    let recent = h.ask(608, "en", "/recent").await;
    assert_eq!(
        recent.matches("losses of 300 troops").count(),
        1,
        "{recent}"
    );
    assert!(
        recent.contains("Channel A") && recent.contains("Channel B"),
        "{recent}"
    );
    let found = h.ask(608, "en", "/search 3d потери").await;
    assert!(found.contains("<b>2</b> claims"), "{found}");
    assert_eq!(found.matches("losses of 300 troops").count(), 1, "{found}");
    assert_eq!(found.matches("losses of 301 troops").count(), 1, "{found}");
    h.stop().await;
}

#[tokio::test]
async fn a_story_with_several_claims_is_one_entry_with_each_claim() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let a = seed::source(store, "https://a.example/rss", "Channel A").await;
    let claim = |claimant: &str, value: i64| {
        let mut c = seed::losses(claimant);
        c.figures.truncate(1);
        c.figures[0].value = value;
        c
    };
    // One post, two claimants' figures; then another story.
    let both = [claim("SHOT", 50), claim("Soldiers on the ground", 20)];
    seed::claims_at(store, a, "Штурм: 50 и 20", &both, t0() - Duration::hours(3)).await;
    seed::claim_at(
        store,
        a,
        "Другое: 7",
        claim("Mash", 7),
        t0() - Duration::hours(1),
    )
    .await;
    let recent = h.ask(609, "en", "/recent").await;
    for shown in [
        "losses of 50 troops",
        "losses of 20 troops",
        "losses of 7 troops",
    ] {
        assert_eq!(recent.matches(shown).count(), 1, "{shown}:\n{recent}");
    }
    assert!(
        recent.contains("<b>2.</b>") && !recent.contains("<b>3.</b>"),
        "{recent}"
    );
    let first = recent.find("<b>2.</b>").unwrap();
    let (fifty, twenty) = (
        recent.find("of 50 troops").unwrap(),
        recent.find("of 20 troops").unwrap(),
    );
    assert!(
        fifty > first && twenty > first,
        "the two-claim story is the older one:\n{recent}"
    );
    h.stop().await;
}
