//! Two instances on one PostgreSQL database (the deployment for several instances): the one
//! sending a fan-out is killed (SIGKILL) while a message is in flight; the other takes the sender role once its lease runs out and finishes
//! the fan-out. Every subscriber gets exactly one digest; every source keeps being polled on
//! schedule and never by both instances at once.

use crate::process::{Instance, eventually, write_config};
use crate::support::bot_api::FakeBotApi;
use crate::support::db::TestDb;
use crate::support::feed_server::FeedServer;
use crate::war_feed;
use claimwatch::model::{ChatKind, Lang, NewSubscriber, Topics};
use claimwatch::store::SubscriberUpdate;
use std::time::{Duration, Instant};

const SUBSCRIBERS: i64 = 40;
const LEASE: Duration = Duration::from_secs(3);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_sender_is_replaced_and_no_digest_is_lost_or_doubled() {
    if crate::support::db::backend() != "postgres" {
        // Several instances share a PostgreSQL database; one SQLite file serves one instance.
        eprintln!(
            "NOTICE: two instances need PostgreSQL (CLAIMWATCH_TEST_BACKEND=postgres); not run on SQLite"
        );
        return;
    }
    let db = TestDb::new().await;
    let store = db.store.clone();
    let feeds = FeedServer::start().await;
    let paths = ["a.xml", "b.xml", "c.xml"];
    for (i, p) in paths.iter().enumerate() {
        war_feed(&feeds, p, &format!("outlet{i}"));
    }
    let urls: Vec<String> = paths.iter().map(|p| feeds.url(p)).collect();
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &db.url, &urls, "3s");

    // Subscribers due for a digest at once.
    let now = chrono::Utc::now();
    for chat in 1..=SUBSCRIBERS {
        let new = NewSubscriber {
            chat_id: 10_000 + chat,
            kind: ChatKind::Private,
            title: None,
            topics: Topics::ALL,
            digest_time: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            timezone: "Europe/Kyiv".into(),
            ui_lang: Lang::En,
        };
        store.upsert_subscriber(&new, now).await.unwrap();
    }
    // The claims must be filed before the digests are composed: start one instance, wait.
    let mut a = Instance::start(&config, &api, dir.path().join("a.log"));
    let filed = eventually(Duration::from_secs(30), || async {
        store
            .stats(now - chrono::Duration::days(1))
            .await
            .is_ok_and(|s| s.claims >= 2)
    })
    .await;
    assert!(filed, "{}", a.output());
    let mut b = Instance::start(&config, &api, dir.path().join("b.log"));

    // Hold the 15th digest in flight, then make every digest due.
    api.hold_send(15);
    let due = SubscriberUpdate {
        next_digest_at: Some(Some(chrono::Utc::now())),
        ..Default::default()
    };
    for chat in 1..=SUBSCRIBERS {
        store
            .update_subscriber(10_000 + chat, &due, chrono::Utc::now())
            .await
            .unwrap();
    }
    assert!(
        api.wait_held(Duration::from_secs(60)).await,
        "fan-out started:\n{}\n{}",
        a.output(),
        b.output()
    );
    let sender = store
        .lease_holder("sender", chrono::Utc::now())
        .await
        .unwrap()
        .expect("a sender");
    let killed_at = Instant::now();
    let (dead, alive) = if sender.contains(&format!(":{}:", a.pid())) {
        (&mut a, &mut b)
    } else {
        (&mut b, &mut a)
    };
    assert!(sender.contains(&format!(":{}:", dead.pid())), "{sender}");
    dead.kill();
    api.release_held();

    // The survivor takes the sender role within a minute (once the 3 s lease runs out).
    let alive_id = format!(":{}:", alive.pid());
    let took_over = eventually(Duration::from_secs(60), || async {
        store
            .lease_holder("sender", chrono::Utc::now())
            .await
            .ok()
            .flatten()
            .is_some_and(|h| h.contains(&alive_id))
    })
    .await;
    assert!(took_over, "no sender after the kill:\n{}", alive.output());
    let took_over_after = killed_at.elapsed();
    assert!(
        took_over_after < Duration::from_secs(60),
        "took over after {took_over_after:?}"
    );

    let digests = |api: &FakeBotApi| {
        api.sent()
            .into_iter()
            .filter(|m| m.text.contains("Claimwatch digest"))
            .count() as i64
    };
    // Generous: a loaded CI machine runs other suites beside this one.
    if !api
        .wait_until(Duration::from_secs(120), |_| digests(&api) >= SUBSCRIBERS)
        .await
    {
        let mut missing = String::new();
        for chat in 1..=SUBSCRIBERS {
            if api.sent_to(10_000 + chat).is_empty() {
                let sub = store.subscriber(10_000 + chat).await.ok().flatten();
                let rows = match &sub {
                    Some(s) => store.outbox_of(s.id).await.unwrap_or_default(),
                    None => Vec::new(),
                };
                missing.push_str(&format!(
                    "chat {}: next digest {:?}; outbox {:?}\n",
                    10_000 + chat,
                    sub.and_then(|s| s.next_digest_at),
                    rows.iter()
                        .map(|r| (r.state, r.attempts, r.next_attempt_at, r.last_error.clone()))
                        .collect::<Vec<_>>()
                ));
            }
        }
        panic!(
            "the survivor did not finish the fan-out ({} of {SUBSCRIBERS}):\n{missing}\nthe survivor:\n{}\nthe killed instance:\n{}",
            digests(&api),
            alive.output(),
            dead.output()
        );
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    for chat in 1..=SUBSCRIBERS {
        let got = api
            .sent_to(10_000 + chat)
            .iter()
            .filter(|m| m.text.contains("Claimwatch digest"))
            .count();
        assert_eq!(got, 1, "chat {} got {got} digests", 10_000 + chat);
    }
    let holder = store
        .lease_holder("sender", chrono::Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert!(holder.contains(&alive_id), "{holder}");

    // Polling went on: every source polled after the kill, never twice at once, on schedule.
    let after_kill = Instant::now();
    assert!(
        eventually(Duration::from_secs(15), || async {
            paths
                .iter()
                .all(|p| feeds.requests(p).iter().any(|r| r.received > killed_at))
        })
        .await,
        "sources polled after the kill:\n{}",
        alive.output()
    );
    for p in paths {
        let times: Vec<Instant> = feeds.requests(p).iter().map(|r| r.received).collect();
        assert!(times.len() >= 3, "{p} polled {} times", times.len());
        for pair in times.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(
                gap >= Duration::from_millis(800),
                "{p} polled twice within {gap:?}:\n{}\n{}",
                alive.output(),
                std::fs::read_to_string(dir.path().join(if alive.log.ends_with("a.log") {
                    "b.log"
                } else {
                    "a.log"
                }))
                .unwrap_or_default()
            );
            assert!(gap <= LEASE * 5, "{p} waited {gap:?} between polls");
        }
    }
    assert!(after_kill.elapsed() < Duration::from_secs(20));
    let status = alive
        .terminate(Duration::from_secs(30))
        .expect("exits after SIGTERM");
    assert!(status.success(), "{}", alive.output());
}
