//! A fair share per chat, with Telegram's limits enforced by the fake Bot API: one user floods
//! the bot with 200 `/search` while 50 others send one command each. The 50 are answered
//! within 5 s; the flooder gets its burst answered, one "slow down", and nothing else; no
//! request is answered 429 and none goes into a frozen scope.

use crate::support::bot_api::updates;
use crate::support::bot_harness::BotHarness;
use claimwatch::config::{BotConfig, DeliveryConfig};
use std::time::{Duration, Instant};

const FLOODER: i64 = 9_001;
const OTHERS: std::ops::Range<i64> = 9_100..9_150;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_users_flood_does_not_delay_the_others() {
    let h = BotHarness::with_config(|c| {
        // Telegram's pace and the default fair share, as deployed.
        c.delivery = DeliveryConfig::default();
        c.bot = BotConfig::default();
    })
    .await;
    h.api.enforce_telegram_limits();
    for _ in 0..200 {
        h.api
            .push_update(updates::message(FLOODER, FLOODER, "en", "/search tank"));
    }
    let start = Instant::now();
    for chat in OTHERS {
        h.api
            .push_update(updates::message(chat, chat, "en", "/help"));
    }
    let answered = h
        .api
        .wait_until(Duration::from_secs(30), |_| {
            OTHERS.clone().all(|c| !h.api.sent_to(c).is_empty())
        })
        .await;
    assert!(answered, "not every other user was answered");
    let calls = h.api.calls();
    let last = OTHERS
        .clone()
        .filter_map(|chat| {
            calls
                .iter()
                .find(|c| c.method == "sendMessage" && c.ok && c.params["chat_id"] == chat)
                .map(|c| c.at.duration_since(start))
        })
        .max()
        .unwrap();
    println!("flood: the 50 other users were all answered within {last:?}");
    assert!(last < Duration::from_secs(5), "{last:?}");

    // The flooder: its burst answered, told once to slow down, the rest dropped.
    tokio::time::sleep(Duration::from_secs(12)).await;
    let to_flooder = h.api.sent_to(FLOODER);
    let slow_downs = to_flooder
        .iter()
        .filter(|m| m.text.contains("faster than I can answer"))
        .count();
    assert_eq!(slow_downs, 1, "{to_flooder:?}");
    // The burst, plus at most the tokens refilled while the 200 arrived.
    let burst = BotConfig::default().flood_burst as usize;
    let answered = to_flooder.len() - slow_downs;
    assert!((burst..=burst + 2).contains(&answered), "{to_flooder:?}");
    assert_eq!(h.api.too_many_requests(), 0, "429s");
    assert_eq!(h.api.frozen_sends(), 0, "sends into a frozen scope");
    h.stop().await;
}
