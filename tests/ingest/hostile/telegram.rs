//! Hostile channel previews: nesting deep enough to make an HTML parser quadratic, and a page
//! of garbage, are refused quickly with a recorded error.

use crate::support::db::TestDb;
use crate::support::feed_server::{FeedServer, Route, context};
use crate::support::t0;
use claimwatch::model::{NewSource, SourceKind, SourceOrigin};
use claimwatch::sources::{PollOutcome, poll_source};
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_deeply_nested_preview_is_refused_quickly() {
    let server = FeedServer::start().await;
    let deep = format!(
        "<html><head><meta property=\"og:title\" content=\"x\"></head><body>{}</body></html>",
        "<div>".repeat(500_000)
    );
    server.set("s/deep_chan", Route::ok("text/html", deep));
    server.set("s/junk_chan", Route::ok("text/html", vec![0xFFu8; 100_000]));
    let db = TestDb::new().await;
    let ctx = context(db.store.clone()).with_telegram_base(server.base_url());
    for (name, expected) in [
        ("deep_chan", "not a channel preview: elements nested"),
        ("junk_chan", "shows no public posts"),
    ] {
        let source = db
            .store
            .upsert_source(
                &NewSource {
                    url: format!("https://t.me/s/{name}"),
                    kind: SourceKind::Telegram,
                    title: None,
                    lang: None,
                    interval_secs: None,
                    origin: SourceOrigin::Runtime,
                },
                t0(),
            )
            .await
            .unwrap();
        let started = Instant::now();
        let report = poll_source(&ctx, &source, t0()).await;
        match &report.outcome {
            PollOutcome::Error(e) => assert!(e.contains(expected), "{name}: {e}"),
            other => panic!("{name}: {other:?}"),
        }
        assert!(started.elapsed() < Duration::from_secs(3), "{name}");
        let stored = db.store.source(source.id).await.unwrap().unwrap();
        assert_eq!(stored.error_count, 1);
    }
}
