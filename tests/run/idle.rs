//! An idle bot answers at once: the fake Bot API holds every long poll for its full timeout
//! (25 s, as Telegram does when nothing is new); after a minute of empty polls a `/start` is
//! answered within 2 s, and the log shows no client timeout and no polling error (the HTTP
//! client waits longer than the poll).

use crate::process::{Instance, write_config};
use crate::support::bot_api::{FakeBotApi, updates};
use crate::support::db::TestDb;
use std::time::{Duration, Instant};

const CHAT: i64 = 4_242;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_minute_of_empty_long_polls_a_command_is_answered_at_once() {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    api.set_long_poll_cap(Duration::from_secs(60));
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &db.url, &[], "3s");
    let mut run = Instance::start(&config, &api, dir.path().join("run.log"));
    let polling = api.wait_for("getMe", 1, Duration::from_secs(30)).await;
    let methods: Vec<String> = api.calls().iter().map(|c| c.method.clone()).collect();
    assert!(
        polling,
        "the update loop started: {methods:?}\n{}",
        run.output()
    );

    tokio::time::sleep(Duration::from_secs(60)).await;
    let polls = api.calls_of("getUpdates");
    assert!(
        (2..=3).contains(&polls.len()),
        "each empty poll held for its 25 s: {} polls\n{}",
        polls.len(),
        run.output()
    );
    let asked = Instant::now();
    api.push_update(updates::message(CHAT, CHAT, "en", "/start"));
    let answered = api
        .wait_until(Duration::from_secs(30), |_| !api.sent_to(CHAT).is_empty())
        .await;
    let took = asked.elapsed();
    println!("idle: after 60 s of empty long polls, /start answered in {took:?}");
    assert!(
        answered && took < Duration::from_secs(2),
        "{took:?}:\n{}",
        run.output()
    );

    let status = run.terminate(Duration::from_secs(30)).expect("stops");
    assert!(status.success());
    let log = run.output();
    for sign in ["timed out", "getting updates failed", "operation timed out"] {
        assert_eq!(log.matches(sign).count(), 0, "{sign}:\n{log}");
    }
}
