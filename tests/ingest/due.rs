//! Polling cycles: two pollers (separate connections to one SQLite file, as two instances
//! would be) share the due sources without polling any twice, items reported by several
//! sources are stored once, and the polling loop stops on shutdown.

use crate::support::db::TestDb;
use crate::support::feed_server::{FeedServer, Route, context, rss};
use crate::support::t0;
use claimwatch::clock::ManualClock;
use claimwatch::model::{NewSource, SourceKind, SourceOrigin};
use claimwatch::shutdown::Shutdown;
use claimwatch::sources::{PollOutcome, poll_due, poll_source, run_pollers_with};
use std::collections::HashSet;
use std::time::Duration;

fn feed(url: String) -> NewSource {
    NewSource {
        url,
        kind: SourceKind::Feed,
        title: None,
        lang: None,
        interval_secs: None,
        origin: SourceOrigin::Runtime,
    }
}

/// Three outlets carrying the same three reports (same links, their own guids), and three
/// with reports of their own.
fn serve_outlets(server: &FeedServer) {
    for i in 1..=3 {
        let guids: Vec<String> = (1..=3).map(|n| format!("outlet{i}-{n}")).collect();
        let mut body = rss(
            "Shared",
            "https://shared.example",
            &[
                (
                    &guids[0],
                    "Report one",
                    "Ninety soldiers refused to advance",
                ),
                (&guids[1], "Report two", "Losses of 12 tanks were claimed"),
                (&guids[2], "Report three", "Deserters were detained"),
            ],
        );
        for (n, g) in guids.iter().enumerate() {
            body = body.replace(
                &format!("https://shared.example/{g}"),
                &format!("https://shared.example/story{}", n + 1),
            );
        }
        server.set(&format!("f{i}"), Route::rss(body));
    }
    for i in 4..=6 {
        let items: Vec<(String, String, String)> = (1..=2)
            .map(|n| {
                (
                    format!("own{i}-{n}"),
                    format!("Own report {i}.{n}"),
                    format!("Outlet {i} reports item {n}"),
                )
            })
            .collect();
        let refs: Vec<(&str, &str, &str)> = items
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        server.set(
            &format!("f{i}"),
            Route::rss(rss("Own", &format!("https://own{i}.example"), &refs)),
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_pollers_share_the_work_and_store_each_item_once() {
    let server = FeedServer::start().await;
    serve_outlets(&server);
    let db = TestDb::new().await;
    for i in 1..=6 {
        db.store
            .upsert_source(&feed(server.url(&format!("f{i}"))), t0())
            .await
            .unwrap();
    }
    let other_instance = claimwatch::store::open(&db.url).await.unwrap();
    let (a, b) = (context(db.store.clone()), context(other_instance));
    let (ra, rb) = tokio::join!(poll_due(&a, t0()), poll_due(&b, t0()));
    let reports: Vec<_> = ra.iter().chain(rb.iter()).collect();
    assert_eq!(reports.len(), 6, "every source polled once: {reports:?}");
    let ids: HashSet<i64> = reports.iter().map(|r| r.source_id).collect();
    assert_eq!(ids.len(), 6);
    for i in 1..=6 {
        assert_eq!(server.hits(&format!("f{i}")), 1, "f{i} fetched once");
    }
    assert!(reports.iter().all(|r| r.outcome == PollOutcome::Ok));
    let new: Vec<i64> = reports
        .iter()
        .flat_map(|r| r.new_item_ids.clone())
        .collect();
    assert_eq!(new.len(), 3 + 3 * 2, "shared stories stored once");
    let dupes: usize = reports.iter().map(|r| r.duplicates).sum();
    assert_eq!(dupes, 6, "the other two outlets' copies");
    let items = db
        .store
        .items_since(t0() - chrono::Duration::days(1), 100)
        .await
        .unwrap();
    let urls: HashSet<_> = items.iter().filter_map(|i| i.item.url.clone()).collect();
    assert_eq!((items.len(), urls.len()), (9, 9));
    // Nothing is due any more: both pollers find nothing.
    assert!(poll_due(&a, t0()).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_source_polled_twice_at_once_stores_each_item_once() {
    let server = FeedServer::start().await;
    serve_outlets(&server);
    let db = TestDb::new().await;
    let s = db
        .store
        .upsert_source(&feed(server.url("f1")), t0())
        .await
        .unwrap();
    let other_instance = claimwatch::store::open(&db.url).await.unwrap();
    let (a, b) = (context(db.store.clone()), context(other_instance));
    let (ra, rb) = tokio::join!(poll_source(&a, &s, t0()), poll_source(&b, &s, t0()));
    assert_eq!(ra.new_item_ids.len() + rb.new_item_ids.len(), 3);
    assert_eq!(ra.duplicates + rb.duplicates, 3);
    assert_eq!(db.store.items_of_source(s.id, 10).await.unwrap().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_polling_loop_reports_new_items_and_stops_on_shutdown() {
    let server = FeedServer::start().await;
    serve_outlets(&server);
    let db = TestDb::new().await;
    for i in [1, 4] {
        db.store
            .upsert_source(&feed(server.url(&format!("f{i}"))), t0())
            .await
            .unwrap();
    }
    let ctx = context(db.store.clone());
    let clock = ManualClock::new(t0());
    let shutdown = Shutdown::new();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn({
        let (ctx, clock, shutdown) = (ctx.clone(), clock.clone(), shutdown.clone());
        async move {
            run_pollers_with(&ctx, &clock, &shutdown, move |reports| {
                let _ = tx.send(reports);
            })
            .await
        }
    });
    let reports = tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("a cycle within 10 s")
        .unwrap();
    let new: usize = reports.iter().map(|r| r.new_item_ids.len()).sum();
    assert_eq!((reports.len(), new), (2, 5));
    // The loop now sleeps until the next source is due; shutdown wakes it.
    shutdown.trigger();
    tokio::time::timeout(Duration::from_secs(3), task)
        .await
        .expect("stops promptly")
        .unwrap();
    assert_eq!(server.hits("f1"), 1, "not polled again before it was due");
}

/// A server that answers after a pause, recording how many requests it held at once.
struct Counted {
    server: crate::support::http::Server,
    peak: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

async fn counted(
    in_flight_all: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    peak_all: std::sync::Arc<std::sync::atomic::AtomicUsize>,
) -> Counted {
    use std::sync::atomic::Ordering::SeqCst;
    let here = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (h, p) = (here.clone(), peak.clone());
    let server = crate::support::http::serve(crate::support::http::handler(move |req| {
        let (h, p, all, peak_all) = (
            h.clone(),
            p.clone(),
            in_flight_all.clone(),
            peak_all.clone(),
        );
        async move {
            p.fetch_max(h.fetch_add(1, SeqCst) + 1, SeqCst);
            peak_all.fetch_max(all.fetch_add(1, SeqCst) + 1, SeqCst);
            tokio::time::sleep(Duration::from_millis(150)).await;
            h.fetch_sub(1, SeqCst);
            all.fetch_sub(1, SeqCst);
            let guid = req.path().trim_start_matches('/').to_owned();
            crate::support::http::Response::new(
                200,
                "application/rss+xml",
                rss(
                    "C",
                    "https://c.example",
                    &[(&guid, &format!("Item {guid}"), "text")],
                ),
            )
        }
    }))
    .await;
    Counted { server, peak }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_respect_the_global_and_per_host_limits() {
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    let (all, peak_all) = (
        std::sync::Arc::new(AtomicUsize::new(0)),
        std::sync::Arc::new(AtomicUsize::new(0)),
    );
    let busy = counted(all.clone(), peak_all.clone()).await;
    let mut quiet = Vec::new();
    for _ in 0..4 {
        quiet.push(counted(all.clone(), peak_all.clone()).await);
    }
    let db = TestDb::new().await;
    for i in 0..6 {
        let url = format!("{}/busy{i}", busy.server.base_url());
        db.store.upsert_source(&feed(url), t0()).await.unwrap();
    }
    for (i, q) in quiet.iter().enumerate() {
        let url = format!("{}/quiet{i}", q.server.base_url());
        db.store.upsert_source(&feed(url), t0()).await.unwrap();
    }
    let mut config = crate::support::feed_server::test_config();
    config.poll.concurrency = 3;
    config.poll.per_host_concurrency = 2;
    let ctx = crate::support::feed_server::context_with(db.store.clone(), &config);
    let reports = poll_due(&ctx, t0()).await;
    assert_eq!(reports.len(), 10);
    assert!(
        reports.iter().all(|r| r.new_item_ids.len() == 1),
        "{reports:?}"
    );
    assert_eq!(
        busy.peak.load(SeqCst),
        2,
        "per-host limit reached, not passed"
    );
    assert_eq!(peak_all.load(SeqCst), 3, "global limit reached, not passed");
}
