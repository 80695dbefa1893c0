//! PostgreSQL stopped for 30 s under a running instance, mid-poll and mid fan-out (a digest held
//! in flight at Telegram, answered while the database is down), then started again. Nothing is
//! lost — every subscriber gets its digest, a report published during the outage is filed —
//! nothing is doubled — no digest twice, no marked repeat — and the outage is reported once.

use crate::process::{Instance, eventually, write_config};
use crate::support::bot_api::FakeBotApi;
use crate::support::db::backend;
use crate::support::feed_server::{FeedServer, Route};
use crate::support::pg_server::PgServer;
use crate::two_instances::{SUBSCRIBERS, chat, digests, make_all_due, subscribe_all};
use crate::war_feed;
use std::time::{Duration, Instant};

const OUTAGE: Duration = Duration::from_secs(30);

/// The feed with one more report, published while the database is down.
fn late_feed(feeds: &FeedServer) {
    let date = chrono::Utc::now().to_rfc2822();
    feeds.set(
        "a.xml",
        Route::rss(format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>wire</title><link>https://wire.example/</link>
<item><guid>late-1</guid><link>https://wire.example/late</link><pubDate>{date}</pubDate>
<title>Mediazona: 14 mobilized soldiers from Buryatia refused to return to the front</title>
<description>Fourteen mobilized soldiers from Buryatia refused to return to the front after leave, Mediazona reported, citing their relatives.</description></item>
</channel></rss>"#
        )),
    );
}

/// Whether `n` items (and the first report's claims) are stored.
async fn stored(store: std::sync::Arc<dyn claimwatch::store::Store>, n: i64) -> bool {
    let since = chrono::Utc::now() - chrono::Duration::days(1);
    store
        .stats(since)
        .await
        .is_ok_and(|s| s.items >= n && s.claims >= 2)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_stopped_for_30_s_loses_nothing_doubles_nothing_and_warns_once() {
    if backend() != "postgres" {
        eprintln!("NOTICE: the PostgreSQL outage test runs with CLAIMWATCH_TEST_BACKEND=postgres");
        return;
    }
    let pg = PgServer::start().unwrap_or_else(|e| panic!("a server of the test's own: {e}"));
    // The server trusts loopback; the password is there to be kept out of the log.
    let url = pg.url_with_password("outage-secret-7d1f");
    let store = claimwatch::store::open(&url).await.expect("own server");
    let feeds = FeedServer::start().await;
    war_feed(&feeds, "a.xml", "wire");
    let api = FakeBotApi::start().await;
    api.enforce_telegram_limits();
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &url, &[feeds.url("a.xml")], "3s");
    subscribe_all(store.as_ref()).await;
    let mut run = Instance::start(&config, &api, dir.path().join("run.log"));
    let items = |n: i64| stored(store.clone(), n);
    assert!(
        eventually(Duration::from_secs(30), || items(2)).await,
        "{}",
        run.output()
    );

    // Mid fan-out: the tenth digest is held at Telegram while the database goes down.
    api.hold_send(10);
    make_all_due(store.as_ref()).await;
    assert!(
        api.wait_held(Duration::from_secs(60)).await,
        "{}",
        run.output()
    );
    pg.stop().expect("pg_ctl stop");
    let stopped = Instant::now();
    api.release_held();
    // Published during the outage: stored once the database is back.
    late_feed(&feeds);
    tokio::time::sleep(OUTAGE.saturating_sub(stopped.elapsed())).await;
    pg.start_again().expect("pg_ctl start");
    println!("pg outage: database down for {:?}", stopped.elapsed());

    let all = api
        .wait_until(Duration::from_secs(120), |_| {
            (1..=SUBSCRIBERS).all(|i| digests(&api, chat(i)).0 >= 1)
        })
        .await;
    assert!(all, "every subscriber got its digest:\n{}", run.output());
    println!(
        "pg outage: every digest delivered {:?} after the restart",
        stopped.elapsed() - OUTAGE
    );
    assert!(
        eventually(Duration::from_secs(60), || items(3)).await,
        "{}",
        run.output()
    );
    for i in 1..=SUBSCRIBERS {
        assert_eq!(digests(&api, chat(i)), (1, 0), "chat {}", chat(i));
    }
    assert_eq!(api.too_many_requests(), 0, "429s");
    let status = run.terminate(Duration::from_secs(40)).expect("stops");
    assert!(status.success(), "{}", run.output());
    assert_reported_once(&run.output(), &url);
}

/// One warning for the outage, one line when it ended, and the password never in the log.
fn assert_reported_once(log: &str, url: &str) {
    let warnings = log
        .lines()
        .filter(|l| l.contains(" WARN ") || l.contains(" ERROR "))
        .count();
    println!("pg outage: {warnings} warning/error line(s) in the log");
    let outages = log.matches("nothing is changed until it recovers").count();
    assert_eq!(outages, 1, "one warning per outage:\n{log}");
    assert!(log.contains("storage available again"), "{log}");
    let secret = url.rsplit_once('@').map_or(url, |p| p.0);
    assert!(!log.contains(secret), "the password stays out of the log");
}
