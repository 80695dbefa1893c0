//! /chart through the fake Bot API: a PNG photo with a caption under 1,024 characters in the
//! reader's language, and a clear text answer for a metric with no data, an unknown metric,
//! an unknown claimant or a bad period.

use crate::seed;
use crate::support::bot_harness::BotHarness;
use crate::support::t0;
use chrono::Duration;
use std::time::Duration as StdDuration;

async fn seed_month(h: &BotHarness) {
    let store = h.db.store.as_ref();
    let src = seed::source(store, "https://t.me/s/GeneralStaffZSU", "Генштаб ЗСУ").await;
    for i in 0..40 {
        let mut claim = seed::losses("General Staff of the Armed Forces of Ukraine");
        claim.claimant_id = Some("ua_general_staff".into());
        claim.figures[0].value = 1_000_000 + i * 1_000 + (i % 3) * 50;
        claim.figures[1].value = 11_000 + i * 3;
        let at = t0() - Duration::days(40 - i);
        seed::claim_at(store, src, &format!("Втрати ворога, день {i}"), claim, at).await;
    }
}

fn size_of(png: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .expect("a PNG");
    let info = reader.info();
    (info.width, info.height)
}

#[tokio::test]
async fn chart_sends_a_photo_with_a_caption_in_the_readers_language() {
    let h = BotHarness::start().await;
    seed_month(&h).await;
    h.api.push_update(crate::support::bot_api::updates::message(
        801, 801, "en", "/chart",
    ));
    assert!(
        h.api
            .wait_for("sendPhoto", 1, StdDuration::from_secs(20))
            .await
    );
    let photo = h.api.photos().remove(0);
    assert_eq!(photo.chat_id, 801);
    assert_eq!(size_of(&photo.png), (1280, 720));
    assert!(photo.png.len() < 10 * 1024 * 1024);
    assert!(photo.caption.chars().count() <= 1024);
    assert!(
        photo.caption.contains("Ukraine's General Staff"),
        "{}",
        photo.caption
    );
    assert!(
        photo.caption.contains("1,039,000"),
        "the latest total: {}",
        photo.caption
    );
    assert_eq!(photo.parse_mode.as_deref(), Some("HTML"));

    h.api.push_update(crate::support::bot_api::updates::message(
        802,
        802,
        "uk",
        "/chart tanks 30d",
    ));
    assert!(
        h.api
            .wait_for("sendPhoto", 2, StdDuration::from_secs(20))
            .await
    );
    let uk = h.api.photos().remove(1);
    assert!(
        uk.caption.contains("Генштаб ЗСУ") && uk.caption.contains("танки"),
        "{}",
        uk.caption
    );
    h.assert_all_replies_valid();
    h.stop().await;
}

#[tokio::test]
async fn chart_answers_in_text_what_it_cannot_draw() {
    let h = BotHarness::start().await;
    seed_month(&h).await;
    let none = h.ask(803, "en", "/chart submarines").await;
    assert!(
        none.contains("No figures") && none.contains("submarines"),
        "{none}"
    );
    let unknown = h.ask(803, "en", "/chart bananas").await;
    assert!(
        unknown.contains("«bananas»") && unknown.contains("artillery"),
        "{unknown}"
    );
    let period = h.ask(803, "en", "/chart tanks 7d").await;
    assert!(
        period.contains("«7d»") && period.contains("30d, 90d or 1y"),
        "{period}"
    );
    let who = h.ask(803, "ru", "/chart tanks nobody_here").await;
    assert!(
        who.contains("nobody_here") && who.contains("ru_mod"),
        "{who}"
    );
    let hostile = h.ask(803, "en", "/chart <b>x</b>").await;
    assert!(hostile.contains("&lt;b&gt;"), "{hostile}");
    assert!(h.api.photos().is_empty());
    h.assert_all_replies_valid();
    h.stop().await;
}
