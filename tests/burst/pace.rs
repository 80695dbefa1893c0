//! One pace for every message, against the real binary and Telegram's limits (the fake Bot
//! API answers 429 over 30 messages/s, 1/s per chat or 20/min per group, and counts sends into
//! a frozen scope). `digest --send-now`, run beside `run`, hands its fan-out to the instance
//! holding the sender role; then 1,000 users send `/start` within one second. Every user is
//! answered — first answers before follow-ups, replies before digest parts — every subscriber
//! gets its digest once, and no request is answered 429 or sent into a frozen scope.

use crate::process::{Instance, cli, write_config};
use crate::support::bot_api::{FakeBotApi, updates};
use crate::support::db::TestDb;
use claimwatch::model::{ChatKind, Lang, NewSubscriber, Topics};
use claimwatch::store::Store;
use std::collections::HashMap;
use std::time::{Duration, Instant};

const USERS: std::ops::Range<i64> = 20_000..21_000;
const SUBSCRIBERS: std::ops::Range<i64> = 30_000..30_030;

async fn subscribe(store: &dyn Store) {
    let now = chrono::Utc::now();
    for chat in SUBSCRIBERS {
        let new = NewSubscriber {
            chat_id: chat,
            kind: ChatKind::Private,
            title: None,
            topics: Topics::ALL,
            digest_time: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            timezone: "Europe/Kyiv".into(),
            ui_lang: Lang::En,
        };
        store.upsert_subscriber(&new, now).await.unwrap();
    }
}

/// A child process killed if the test ends early.
struct KillOnDrop(Option<std::process::Child>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// When each chat got its first message, counted from `start`.
fn first_answers(api: &FakeBotApi, start: Instant) -> HashMap<i64, Duration> {
    let mut first = HashMap::new();
    for c in api.calls() {
        let chat = c.params["chat_id"].as_i64().unwrap_or(0);
        if c.method == "sendMessage" && c.ok && USERS.contains(&chat) {
            first
                .entry(chat)
                .or_insert_with(|| c.at.saturating_duration_since(start));
        }
    }
    first
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_1000_starts_beside_a_fan_out_keeps_telegrams_limits() {
    let db = TestDb::new().await;
    subscribe(db.store.as_ref()).await;
    let api = FakeBotApi::start().await;
    api.enforce_telegram_limits();
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &db.url, &[], "3s");
    let run = Instance::start(&config, &api, dir.path().join("run.log"));
    let polling = api.wait_for("getMe", 1, Duration::from_secs(30)).await;
    assert!(polling, "{}", run.output());

    // The CLI beside `run`: it enqueues, sees the sender role held, and hands the work over.
    let out = std::fs::File::create(dir.path().join("cli.log")).unwrap();
    let send_now = cli(&config, &api, &["digest", "--send-now"])
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .unwrap();
    let mut send_now = KillOnDrop(Some(send_now));
    let enqueued = crate::process::eventually(Duration::from_secs(30), || async {
        db.store.stats(chrono::Utc::now()).await.unwrap().pending > 0
    })
    .await;
    assert!(enqueued, "the digests were enqueued");

    let start = Instant::now();
    for chat in USERS {
        api.push_update(updates::message(chat, chat, "en", "/start"));
    }
    let all = api
        .wait_until(Duration::from_secs(120), |_| {
            first_answers(&api, start).len() == USERS.count()
        })
        .await;
    let mut times: Vec<Duration> = first_answers(&api, start).into_values().collect();
    assert!(all, "{} of 1000 answered:\n{}", times.len(), run.output());
    times.sort();
    let (p95, last) = (times[times.len() * 95 / 100], times[times.len() - 1]);
    println!("burst: 1000 users answered; p95 {p95:?}, last {last:?} (floor 33.3 s)");
    // The floor is 999 / 30 = 33.3 s after the first (first answers go before follow-ups):
    // measured 33.2 s on a quiet machine; the bound leaves room for a loaded one.
    assert!(last < Duration::from_secs(90), "last answer after {last:?}");

    // The digests, each once, after the replies; the CLI only waited for them.
    let mut child = send_now.0.take().unwrap();
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    let cli_log = std::fs::read_to_string(dir.path().join("cli.log")).unwrap();
    assert!(status.success(), "{cli_log}");
    assert!(cli_log.contains("holds the sender role"), "{cli_log}");
    for chat in SUBSCRIBERS {
        let digests = api
            .sent_to(chat)
            .iter()
            .filter(|m| m.text.contains("Claimwatch digest"))
            .count();
        assert_eq!(digests, 1, "chat {chat}");
    }
    assert_eq!(api.too_many_requests(), 0, "429s");
    assert_eq!(api.frozen_sends(), 0, "sends into a frozen scope");
}
