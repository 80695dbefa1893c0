//! Hostile servers, one test each, on loopback with a real store: a drip-fed body, headers
//! that never come, an endless body, a gzip bomb, a redirect loop, 500s, wrong content types,
//! invalid UTF-8 and a feed of 10,000 items. Every one ends in a recorded error or a bounded
//! result, nothing already stored is lost, memory stays bounded, and the other sources keep
//! being polled.

mod raw;
mod size;
mod telegram;

use crate::support::db::TestDb;
use crate::support::feed_server::{FeedServer, Route, context_with, rss, test_config};
use crate::support::t0;
use chrono::Duration;
use claimwatch::config::Config;
use claimwatch::model::Source;
use claimwatch::sources::{PollContext, PollOutcome, PollReport, poll_due, poll_source};
use raw::{Conn, serve};
use std::time::Instant;

const CAP: u64 = 1024 * 1024;

fn config() -> Config {
    let mut c = test_config();
    c.http.max_body_bytes = CAP;
    c
}

async fn setup() -> (TestDb, PollContext) {
    let db = TestDb::new().await;
    let ctx = context_with(db.store.clone(), &config());
    (db, ctx)
}

async fn add_feed(db: &TestDb, url: &str) -> Source {
    crate::support::seed::untitled_feed(db.store.as_ref(), url, t0()).await
}

fn error_of(r: &PollReport) -> &str {
    match &r.outcome {
        PollOutcome::Error(e) | PollOutcome::Paused(e) => e,
        other => panic!("expected an error, got {other:?}: {r}"),
    }
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn good_feed(prefix: &str) -> String {
    rss(
        "Healthy",
        &format!("https://{prefix}.example"),
        &[
            (
                &format!("{prefix}1"),
                "Losses report",
                &format!("{prefix}: Russia lost 3 tanks"),
            ),
            (
                &format!("{prefix}2"),
                "Refusal report",
                &format!("{prefix}: A unit refused orders"),
            ),
        ],
    )
}

async fn drip(mut c: Conn) {
    if !c.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n<rss version=\"2.0\">").await {
        return;
    }
    while c.send(b" ").await {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_drip_fed_body_times_out() {
    let server = serve(drip).await;
    let (db, ctx) = setup().await;
    let s = add_feed(&db, &server.url("drip")).await;
    let started = Instant::now();
    let report = poll_source(&ctx, &s, t0()).await;
    let took = started.elapsed();
    assert!(error_of(&report).contains("timed out after 2s"), "{report}");
    assert!(
        took >= std::time::Duration::from_millis(1900) && took < std::time::Duration::from_secs(5),
        "{took:?}"
    );
    let stored = db.store.source(s.id).await.unwrap().unwrap();
    assert_eq!(stored.error_count, 1);
    assert_eq!(stored.next_check_at, t0() + Duration::seconds(45));
}

#[tokio::test]
async fn headers_that_never_come_time_out() {
    let server = serve(|c: Conn| async move {
        tokio::time::sleep(std::time::Duration::from_secs(30)).await;
        drop(c);
    })
    .await;
    let (db, ctx) = setup().await;
    let s = add_feed(&db, &server.url("silent")).await;
    let started = Instant::now();
    let report = poll_source(&ctx, &s, t0()).await;
    assert!(error_of(&report).contains("timed out"), "{report}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[tokio::test]
async fn a_redirect_loop_is_cut() {
    let server = FeedServer::start().await;
    server.set("a", Route::status(302).header("Location", "/b"));
    server.set("b", Route::status(302).header("Location", "/a"));
    let (db, ctx) = setup().await;
    let s = add_feed(&db, &server.url("a")).await;
    let report = poll_source(&ctx, &s, t0()).await;
    assert_eq!(error_of(&report), "redirect refused: more than 5 redirects");
    assert_eq!(
        server.hits("a") + server.hits("b"),
        6,
        "the first request and 5 redirects"
    );
}

#[tokio::test]
async fn server_errors_are_recorded_with_backoff() {
    let server = serve(|mut c: Conn| async move {
        c.send(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\noops!").await;
    })
    .await;
    let (db, ctx) = setup().await;
    let s = add_feed(&db, &server.url("broken")).await;
    let mut next = Vec::new();
    for minute in [0, 1, 3] {
        let fresh = db.store.source(s.id).await.unwrap().unwrap();
        let now = t0() + Duration::minutes(minute);
        let r = poll_source(&ctx, &fresh, now).await;
        assert!(error_of(&r).starts_with("HTTP 500"));
        next.push((r.next_check_at - now).num_seconds());
    }
    assert_eq!(next, vec![45, 90, 180]);
    let stored = db.store.source(s.id).await.unwrap().unwrap();
    assert!(stored.paused, "paused after pause_after_errors = 3");
    assert_eq!(stored.last_error.as_deref(), Some("HTTP 500"));
}

#[tokio::test]
async fn wrong_content_types_are_judged_by_the_body() {
    let server = FeedServer::start().await;
    server.set("feed", Route::rss(good_feed("w")));
    let (db, ctx) = setup().await;
    let s = add_feed(&db, &server.url("feed")).await;
    assert_eq!(poll_source(&ctx, &s, t0()).await.new_item_ids.len(), 2);

    // A web page where the feed was: an error naming the type; stored items untouched.
    server.set(
        "feed",
        Route::ok(
            "text/html; charset=utf-8",
            "<!doctype html><html><body><h1>Moved</h1></body></html>",
        ),
    );
    let fresh = db.store.source(s.id).await.unwrap().unwrap();
    let r = poll_source(&ctx, &fresh, t0() + Duration::hours(1)).await;
    assert!(
        error_of(&r).contains("not a feed") && error_of(&r).contains("text/html"),
        "{r}"
    );
    // An image is refused without parsing.
    server.set(
        "feed",
        Route::ok("image/png", vec![0x89, b'P', b'N', b'G', 0, 0, 0]),
    );
    let fresh = db.store.source(s.id).await.unwrap().unwrap();
    let r = poll_source(&ctx, &fresh, t0() + Duration::hours(2)).await;
    assert_eq!(error_of(&r), "not a feed: the server sent image/png");
    assert_eq!(db.store.items_of_source(s.id, 10).await.unwrap().len(), 2);

    // A real feed under a wrong type is still read.
    server.set(
        "octet",
        Route::ok("application/octet-stream", good_feed("o")),
    );
    server.set("plain", Route::ok("text/html", good_feed("h")));
    for path in ["octet", "plain"] {
        let s = add_feed(&db, &server.url(path)).await;
        let r = poll_source(&ctx, &s, t0()).await;
        assert_eq!(
            (r.outcome.clone(), r.new_item_ids.len()),
            (PollOutcome::Ok, 2),
            "{r}"
        );
    }
}

#[tokio::test]
async fn invalid_utf8_is_replaced_not_fatal() {
    let server = FeedServer::start().await;
    let mut body = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T</title><item><guid>u1</guid><title>Broken \xFF\xFE bytes \xC3</title><description>ok \xE2\x82</description></item></channel></rss>".to_vec();
    server.set(
        "bad",
        Route::ok("application/rss+xml; charset=utf-8", body.clone()),
    );
    body = b"{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[{\"id\":\"j1\",\"content_text\":\"caf\xC3 \xFF text\"}]}".to_vec();
    server.set("json", Route::ok("application/feed+json", body));
    let (db, ctx) = setup().await;
    let s = add_feed(&db, &server.url("bad")).await;
    let r = poll_source(&ctx, &s, t0()).await;
    assert_eq!(r.outcome, PollOutcome::Ok, "{r}");
    let items = db.store.items_of_source(s.id, 10).await.unwrap();
    assert!(
        items[0].item.title.starts_with("Broken \u{FFFD}"),
        "{:?}",
        items[0].item.title
    );
    let s = add_feed(&db, &server.url("json")).await;
    let r = poll_source(&ctx, &s, t0()).await;
    assert_eq!(r.new_item_ids.len(), 1, "{r}");
    let item = db.store.item(r.new_item_ids[0]).await.unwrap().unwrap();
    assert_eq!(item.item.text, "caf\u{FFFD} \u{FFFD} text");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_source_does_not_delay_the_others() {
    let slow = serve(drip).await;
    let server = FeedServer::start().await;
    server.set("healthy", Route::rss(good_feed("s")));
    let (db, ctx) = setup().await;
    let slow_source = add_feed(&db, &slow.url("slow")).await;
    let healthy = add_feed(&db, &server.url("healthy")).await;
    let started = Instant::now();
    let cycle = tokio::spawn({
        let ctx = ctx.clone();
        async move { poll_due(&ctx, t0()).await }
    });
    // The healthy source's items land while the slow one is still dripping.
    let mut stored_after = None;
    while started.elapsed() < std::time::Duration::from_secs(5) {
        if db
            .store
            .items_of_source(healthy.id, 10)
            .await
            .unwrap()
            .len()
            == 2
        {
            stored_after = Some(started.elapsed());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let stored_after = stored_after.expect("healthy items stored");
    assert!(
        stored_after < std::time::Duration::from_secs(1),
        "{stored_after:?}"
    );
    let reports = cycle.await.unwrap();
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(1900),
        "the slow one ran to its timeout"
    );
    let slow_report = reports
        .iter()
        .find(|r| r.source_id == slow_source.id)
        .unwrap();
    assert!(error_of(slow_report).contains("timed out"));
}
