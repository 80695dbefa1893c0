//! The HTTP endpoints of a real `claimwatch run`: after one poll and one digest, `/metrics`
//! holds the expected series (read by the strict parser of tests/support, linted by promtool,
//! and scraped by a real Prometheus whose API must report the target up and the same values),
//! and no secret shows in any label or body.

use crate::process::{Instance, eventually, write_config_with};
use crate::prometheus::{self, Prometheus};
use crate::support::bot_api::{FakeBotApi, TOKEN, updates};
use crate::support::db::TestDb;
use crate::support::feed_server::FeedServer;
use crate::support::prom_text::{self, Scrape};
use crate::war_feed;
use claimwatch::store::SubscriberUpdate;
use std::time::Duration;

pub fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    probe.local_addr().expect("local address").port()
}

/// `[server]` on `port` with a one-second check interval.
pub fn server_section(port: u16) -> String {
    format!("[server]\nlisten = \"127.0.0.1:{port}\"\ncheck_interval = \"1s\"\n")
}

/// GET `url`: status and body, or None when nothing answers.
pub async fn get(url: &str) -> Option<(u16, String)> {
    let resp = reqwest::get(url).await.ok()?;
    let status = resp.status().as_u16();
    Some((status, resp.text().await.ok()?))
}

pub async fn scrape(port: u16) -> Scrape {
    let (status, body) = get(&format!("http://127.0.0.1:{port}/metrics"))
        .await
        .expect("/metrics answers");
    assert_eq!(status, 200);
    prom_text::parse(&body).unwrap_or_else(|e| panic!("{e}\n{body}"))
}

fn total(s: &Scrape, name: &str, labels: &[(&str, &str)]) -> f64 {
    s.find(name, labels).iter().map(|x| x.value).sum()
}

/// Runs until a digest went out: claims filed from the feed, /start, then a digest due now.
async fn one_poll_and_one_digest(run: &Instance, api: &FakeBotApi, db: &TestDb) {
    let store = db.store.clone();
    let filed = eventually(Duration::from_secs(30), || async {
        store
            .stats(chrono::Utc::now() - chrono::Duration::days(1))
            .await
            .is_ok_and(|s| s.claims >= 2)
    })
    .await;
    assert!(filed, "claims filed:\n{}", run.output());
    api.push_update(updates::message(42, 42, "en", "/start"));
    assert!(
        api.wait_until(Duration::from_secs(20), |_| !api.sent_to(42).is_empty())
            .await,
        "{}",
        run.output()
    );
    api.push_update(updates::message(42, 42, "en", "/search robotyne"));
    let now = chrono::Utc::now();
    let due = SubscriberUpdate {
        next_digest_at: Some(Some(now)),
        ..Default::default()
    };
    store.update_subscriber(42, &due, now).await.unwrap();
    let digests = |api: &FakeBotApi| {
        api.sent_to(42)
            .iter()
            .filter(|m| m.text.contains("Claimwatch digest"))
            .count()
    };
    assert!(
        api.wait_until(Duration::from_secs(40), |_| digests(api) == 1)
            .await,
        "digest sent:\n{}",
        run.output()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_after_one_poll_and_one_digest_reach_a_real_prometheus() {
    let real = prometheus::installed();
    if !real && !prometheus::allowed_missing() {
        panic!(
            "the `prometheus` program is not installed: `apt-get install prometheus` (Debian), or set CLAIMWATCH_TEST_NO_PROMETHEUS=1 to check /metrics with the in-test parser only"
        );
    }
    let db = TestDb::new().await;
    let feeds = FeedServer::start().await;
    war_feed(&feeds, "wire.xml", "wire");
    let gone = feeds
        .url("gone.xml")
        .replace("http://", "http://reader:feedpass@")
        + "?key=sekret";
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let config = write_config_with(
        dir.path(),
        &db.url,
        &[feeds.url("wire.xml"), gone],
        "3s",
        &server_section(port),
    );
    let run = Instance::start(&config, &api, dir.path().join("run.log"));
    one_poll_and_one_digest(&run, &api, &db).await;

    let sub = db.store.subscriber(42).await.unwrap().unwrap();
    let sent = db.store.outbox_of(sub.id).await.unwrap().len() as f64;
    let settled = eventually(Duration::from_secs(10), || async {
        let s = scrape(port).await;
        s.value("claimwatch_outbox_depth", &[]) == Some(0.0)
            && s.value("claimwatch_messages_sent_total", &[]) == Some(sent)
    })
    .await;
    assert!(settled, "outbox drained and counted:\n{}", run.output());
    let (_, body) = get(&format!("http://127.0.0.1:{port}/metrics"))
        .await
        .unwrap();
    let s = prom_text::parse(&body).unwrap();
    assert_eq!(
        total(&s, "claimwatch_items_stored_total", &[]),
        2.0,
        "{body}"
    );
    assert!(
        total(&s, "claimwatch_items_fetched_total", &[("source", "wire")]) >= 2.0,
        "{body}"
    );
    assert!(
        total(
            &s,
            "claimwatch_fetch_errors_total",
            &[("kind", "http_not_found")]
        ) >= 1.0,
        "{body}"
    );
    assert_eq!(
        s.value(
            "claimwatch_items_classified_total",
            &[("category", "refusal")]
        ),
        Some(1.0),
        "{body}"
    );
    assert_eq!(
        s.value(
            "claimwatch_items_classified_total",
            &[("category", "losses")]
        ),
        Some(1.0),
        "{body}"
    );
    let stats = db
        .store
        .stats(chrono::Utc::now() - chrono::Duration::days(1))
        .await
        .unwrap();
    assert_eq!(
        s.value("claimwatch_claims_filed_total", &[]),
        Some(stats.claims as f64),
        "{body}"
    );
    assert_eq!(
        s.value("claimwatch_stories", &[]),
        Some(stats.stories as f64),
        "{body}"
    );
    assert_eq!(
        s.value("claimwatch_digest_lag_seconds_count", &[]),
        Some(1.0),
        "{body}"
    );
    assert!(
        s.value("claimwatch_digest_lag_seconds_sum", &[])
            .is_some_and(|v| v < 60.0),
        "{body}"
    );
    assert!(
        s.value("claimwatch_search_duration_seconds_count", &[])
            .is_some_and(|v| v >= 1.0),
        "{body}"
    );
    let last_ok = total(
        &s,
        "claimwatch_source_last_success_timestamp_seconds",
        &[("source", "wire")],
    );
    assert!(
        (chrono::Utc::now().timestamp() as f64 - last_ok).abs() < 120.0,
        "{body}"
    );
    assert_eq!(
        s.value(
            "claimwatch_build_info",
            &[("version", env!("CARGO_PKG_VERSION"))]
        ),
        Some(1.0)
    );
    assert_eq!(s.value("claimwatch_ready", &[]), Some(1.0), "{body}");
    for secret in [TOKEN, "feedpass", "sekret"] {
        assert!(!body.contains(secret), "{secret} in /metrics");
    }
    if let Some(pw) = url::Url::parse(&db.url)
        .ok()
        .and_then(|u| u.password().map(str::to_owned))
    {
        assert!(!body.contains(&pw), "the database password in /metrics");
    }
    let (status, ready) = get(&format!("http://127.0.0.1:{port}/readyz"))
        .await
        .unwrap();
    assert_eq!(status, 200, "{ready}");
    assert!(!ready.contains(TOKEN), "{ready}");
    assert_eq!(
        get(&format!("http://127.0.0.1:{port}/healthz")).await,
        Some((200, "ok\n".into()))
    );

    if !real {
        eprintln!(
            "NOTICE: prometheus is not installed; /metrics was checked with the in-test parser only (CLAIMWATCH_TEST_NO_PROMETHEUS=1)"
        );
        return;
    }
    let lint = prometheus::promtool_check(&body);
    assert!(
        lint.as_ref().is_ok_and(|out| out.trim().is_empty()),
        "promtool check metrics: {lint:?}"
    );
    let prom = Prometheus::start(&format!("127.0.0.1:{port}"));
    let up = eventually(Duration::from_secs(30), || async {
        prom.target_health().await.is_some_and(|(h, _)| h == "up")
    })
    .await;
    assert!(
        up,
        "target up: {:?}\n{}",
        prom.target_health().await,
        prom.log()
    );
    let limit = Duration::from_secs(10);
    assert_eq!(
        prom.wait_for("up{job=\"claimwatch\"}", 1.0, limit).await,
        Some(1.0)
    );
    assert_eq!(
        prom.wait_for("sum(claimwatch_items_stored_total)", 2.0, limit)
            .await,
        Some(2.0)
    );
    assert_eq!(
        prom.wait_for("claimwatch_messages_sent_total", sent, limit)
            .await,
        Some(sent)
    );
    assert_eq!(
        prom.wait_for("claimwatch_digest_lag_seconds_count", 1.0, limit)
            .await,
        Some(1.0)
    );
    assert_eq!(
        prom.wait_for("claimwatch_outbox_depth", 0.0, limit).await,
        Some(0.0)
    );
    let claims = stats.claims as f64;
    assert_eq!(
        prom.wait_for("claimwatch_claims_filed_total", claims, limit)
            .await,
        Some(claims)
    );
    assert_eq!(
        prom.wait_for(
            "sum(claimwatch_items_classified_total{category!=\"none\"})",
            2.0,
            limit
        )
        .await,
        Some(2.0)
    );
    assert_eq!(
        prom.wait_for("claimwatch_ready", 1.0, limit).await,
        Some(1.0)
    );
}
