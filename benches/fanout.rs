//! Fan-out benchmark: one digest to 10,000 subscribers through the real delivery loop and the
//! real teloxide client, against the fake Bot API with its global limit raised to 1,000
//! messages a second (and `delivery.global_per_second = 1000`). Reports the achieved rate,
//! the 429s, wall time and peak memory, and exits non-zero when the rate is under 95 % of the
//! limit or any 429 came back.
//!
//! A one-shot measurement of about ten seconds, so a plain `main` (harness = false) rather
//! than criterion's repeated sampling. Run: `cargo bench --bench fanout`
//! (`FANOUT_SUBSCRIBERS=N` for another size, `FANOUT_LIMIT=M` for another limit).

#[path = "../tests/support/mod.rs"]
mod support;

use chrono::{Duration, NaiveTime, Utc};
use claimwatch::clock::SystemClock;
use claimwatch::config::{Config, DeliveryConfig};
use claimwatch::delivery::{DeliveryCtx, drain_outbox};
use claimwatch::digest::schedule::{ScheduleCtx, schedule_due};
use claimwatch::model::*;
use claimwatch::shutdown::Shutdown;
use claimwatch::store::SubscriberUpdate;
use claimwatch::text::hash::content_hash;
use std::sync::Arc;
use std::time::Instant;
use support::bot_api::FakeBotApi;
use support::db::TestDb;

/// The fake's limit and ours; `FANOUT_LIMIT` changes both (to find the raw speed).
fn limit() -> u32 {
    std::env::var("FANOUT_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000)
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Resets the peak-RSS mark (Linux), so the delivery phase is measured on its own.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The most answers within any one second (times sorted).
fn busiest_second(times: &[Instant]) -> usize {
    let mut best = 0;
    let mut start = 0;
    for (end, t) in times.iter().enumerate() {
        while t.duration_since(times[start]) >= std::time::Duration::from_secs(1) {
            start += 1;
        }
        best = best.max(end + 1 - start);
    }
    best
}

async fn seed(db: &TestDb, subscribers: i64) {
    let s = db.store.as_ref();
    let now = Utc::now();
    let src = s
        .upsert_source(
            &NewSource {
                url: "https://outlet.example/rss".into(),
                kind: SourceKind::Feed,
                title: Some("Outlet".into()),
                lang: None,
                interval_secs: None,
                origin: SourceOrigin::Runtime,
            },
            now,
        )
        .await
        .expect("source");
    let title = "Soldiers of a motorized rifle regiment refused to advance, relatives say";
    let item = NewItem {
        source_id: src.id,
        external_id: "1".into(),
        url: Some("https://outlet.example/1".into()),
        title: title.into(),
        text: title.into(),
        lang: Lang::En,
        published_at: now - Duration::hours(1),
        fetched_at: now - Duration::hours(1),
        content_hash: content_hash(title, title),
        author: None,
        forwarded_from: None,
        views: None,
        media: vec![],
        edited: false,
    };
    let InsertOutcome::Inserted(item_id) = s.insert_item(&item).await.expect("item") else {
        panic!("duplicate item");
    };
    let story = s
        .create_story(item_id, title, now - Duration::hours(1))
        .await
        .expect("story");
    let claim = Claim {
        category: Category::Refusal,
        claimant: Some("Defence Intelligence of Ukraine".into()),
        side: Some(Side::Russia),
        unit: Some("a motorized rifle regiment".into()),
        location: Some("Zaporizhzhia".into()),
        figures: vec![],
        evidence: vec![],
        claimant_id: None,
        other_conflict: false,
    };
    s.add_claims(story, item_id, now - Duration::hours(1), &[claim], "refus")
        .await
        .expect("claims");
    for chat in 1..=subscribers {
        let new = NewSubscriber {
            chat_id: chat,
            kind: ChatKind::Private,
            title: None,
            topics: Topics::ALL,
            digest_time: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
            timezone: "Europe/Kyiv".into(),
            ui_lang: Lang::En,
        };
        s.upsert_subscriber(&new, now).await.expect("subscriber");
        let due = SubscriberUpdate {
            next_digest_at: Some(Some(now)),
            ..SubscriberUpdate::default()
        };
        s.update_subscriber(chat, &due, now).await.expect("due");
    }
}

async fn bench(subscribers: i64) -> bool {
    let limit = limit();
    let api = FakeBotApi::start().await;
    api.set_global_limit(Some(limit));
    let db = TestDb::new().await;
    let started = Instant::now();
    seed(&db, subscribers).await;
    let seeded = started.elapsed();

    let schedule = ScheduleCtx {
        store: db.store.clone(),
        config: Arc::new(Config::default()),
        enqueued: Arc::new(tokio::sync::Notify::new()),
    };
    let t = Instant::now();
    let report = schedule_due(&schedule, Utc::now()).await.expect("schedule");
    let scheduled = t.elapsed();
    assert_eq!(report.messages as i64, subscribers, "one message each");

    let config = DeliveryConfig {
        global_per_second: limit,
        ..DeliveryConfig::default()
    };
    let ctx = DeliveryCtx::new(db.store.clone(), api.bot(), config, Arc::new(SystemClock));
    reset_peak();
    let t = Instant::now();
    let delivered = drain_outbox(&ctx, &Shutdown::new())
        .await
        .expect("delivery");
    let wall = t.elapsed();
    let peak = peak_rss_kib();

    let calls = api.calls_of("sendMessage");
    let mut answered: Vec<Instant> = calls.iter().filter(|c| c.ok).map(|c| c.at).collect();
    answered.sort_unstable();
    let busiest_second = busiest_second(&answered);
    let rate = delivered.sent as f64 / wall.as_secs_f64();
    let too_many = api.too_many_requests();
    println!("fan-out of one digest to {subscribers} subscribers (fake Bot API limit {limit}/s)");
    println!(
        "  setup (store API, {subscribers} subscribers): {:.1} s",
        seeded.as_secs_f64()
    );
    println!(
        "  schedule_due (compose + enqueue {subscribers} digests): {:.2} s",
        scheduled.as_secs_f64()
    );
    println!(
        "  delivered {} of {subscribers} in {:.2} s wall",
        delivered.sent,
        wall.as_secs_f64()
    );
    println!(
        "  achieved rate (sent / wall time): {rate:.0} msg/s ({:.1} % of the limit)",
        rate * 100.0 / f64::from(limit)
    );
    println!("  busiest rolling second at the fake: {busiest_second} messages");
    if let Some(first) = answered.first() {
        let mut per_second = vec![0usize; 1];
        for t in &answered {
            let i = t.duration_since(*first).as_secs() as usize;
            if per_second.len() <= i {
                per_second.resize(i + 1, 0);
            }
            per_second[i] += 1;
        }
        println!("  answers per second: {per_second:?}");
    }
    println!("  429 answers: {too_many}");
    println!(
        "  peak RSS during delivery (VmHWM, whole process incl. the fake server): {:.1} MiB",
        peak as f64 / 1024.0
    );
    let pass =
        delivered.sent as i64 == subscribers && too_many == 0 && rate >= 0.95 * f64::from(limit);
    println!("  {}", if pass { "PASS" } else { "FAIL" });
    pass
}

fn main() -> std::process::ExitCode {
    let subscribers = std::env::var("FANOUT_SUBSCRIBERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    if runtime.block_on(bench(subscribers)) {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
