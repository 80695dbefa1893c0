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

/// `[server]` on `port`, checking every `interval` ("1s").
pub fn server_section(port: u16, interval: &str) -> String {
    format!("[server]\nlisten = \"127.0.0.1:{port}\"\ncheck_interval = \"{interval}\"\n")
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

/// A series' name, labels and expected value.
type Expected = (&'static str, &'static [(&'static str, &'static str)], f64);

/// Series whose values one poll of the wire feed and one digest fix: name, labels, value
/// (summed over the series that match).
fn exact(claims: f64, stories: f64, sent: f64) -> Vec<Expected> {
    vec![
        ("claimwatch_items_stored_total", &[], 2.0),
        (
            "claimwatch_items_classified_total",
            &[("category", "refusal")],
            1.0,
        ),
        (
            "claimwatch_items_classified_total",
            &[("category", "losses")],
            1.0,
        ),
        ("claimwatch_claims_filed_total", &[], claims),
        ("claimwatch_stories", &[], stories),
        ("claimwatch_messages_sent_total", &[], sent),
        ("claimwatch_digest_lag_seconds_count", &[], 1.0),
        ("claimwatch_outbox_depth", &[], 0.0),
        (
            "claimwatch_build_info",
            &[("version", env!("CARGO_PKG_VERSION"))],
            1.0,
        ),
        ("claimwatch_ready", &[], 1.0),
    ]
}

/// The series that only have a floor or a range, and the exact ones.
fn assert_series(s: &Scrape, body: &str, exact: &[Expected]) {
    for (name, labels, want) in exact {
        assert_eq!(total(s, name, labels), *want, "{name}{labels:?}:\n{body}");
    }
    let at_least = |name: &str, labels: &[(&str, &str)], floor: f64| {
        assert!(
            total(s, name, labels) >= floor,
            "{name}{labels:?} >= {floor}:\n{body}"
        );
    };
    at_least("claimwatch_items_fetched_total", &[("source", "wire")], 2.0);
    at_least(
        "claimwatch_fetch_errors_total",
        &[("kind", "http_not_found")],
        1.0,
    );
    at_least("claimwatch_search_duration_seconds_count", &[], 1.0);
    let lag = total(s, "claimwatch_digest_lag_seconds_sum", &[]);
    assert!((0.0..60.0).contains(&lag), "digest lag {lag}:\n{body}");
    let last_ok = total(
        s,
        "claimwatch_source_last_success_timestamp_seconds",
        &[("source", "wire")],
    );
    let age = chrono::Utc::now().timestamp() as f64 - last_ok;
    assert!(age.abs() < 120.0, "last success {age}s ago:\n{body}");
}

/// No token, feed credentials or query key, or database password in a body.
fn assert_no_secrets(body: &str, database_url: &str) {
    for secret in [TOKEN, "feedpass", "sekret"] {
        assert!(!body.contains(secret), "{secret} in:\n{body}");
    }
    let password = url::Url::parse(database_url)
        .ok()
        .and_then(|u| u.password().map(str::to_owned));
    if let Some(pw) = password {
        assert!(!body.contains(&pw), "the database password in:\n{body}");
    }
}

/// promtool's lint, then a real Prometheus scraping the endpoint: target up, the same values.
async fn assert_prometheus_agrees(port: u16, body: &str, exact: &[Expected]) {
    let lint = prometheus::promtool_check(body);
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
    for (name, labels, want) in exact {
        let selector: Vec<String> = labels.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect();
        let expr = format!("sum({name}{{{}}})", selector.join(","));
        assert_eq!(
            prom.wait_for(&expr, *want, limit).await,
            Some(*want),
            "{expr}"
        );
    }
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
    let sources = [feeds.url("wire.xml"), gone];
    let config = write_config_with(
        dir.path(),
        &db.url,
        &sources,
        "3s",
        &server_section(port, "1s"),
    );
    let run = Instance::start(&config, &api, dir.path().join("run.log"));
    one_poll_and_one_digest(&run, &api, &db).await;

    let sub = db.store.subscriber(42).await.unwrap().unwrap();
    let sent = db.store.outbox_of(sub.id).await.unwrap().len() as f64;
    // Generous: the gauge is refreshed on the readiness interval, and a loaded CI machine is slow.
    let settled = eventually(Duration::from_secs(30), || async {
        let s = scrape(port).await;
        s.value("claimwatch_outbox_depth", &[]) == Some(0.0)
            && s.value("claimwatch_messages_sent_total", &[]) == Some(sent)
    })
    .await;
    assert!(settled, "outbox drained and counted:\n{}", run.output());
    let stats = db
        .store
        .stats(chrono::Utc::now() - chrono::Duration::days(1))
        .await
        .unwrap();
    let exact = exact(stats.claims as f64, stats.stories as f64, sent);
    let body = get(&format!("http://127.0.0.1:{port}/metrics"))
        .await
        .unwrap()
        .1;
    assert_series(&prom_text::parse(&body).unwrap(), &body, &exact);
    assert_no_secrets(&body, &db.url);
    let (status, ready) = get(&format!("http://127.0.0.1:{port}/readyz"))
        .await
        .unwrap();
    assert_eq!(status, 200, "{ready}");
    assert_no_secrets(&ready, &db.url);
    let healthz = get(&format!("http://127.0.0.1:{port}/healthz")).await;
    assert_eq!(healthz, Some((200, "ok\n".into())));
    if real {
        assert_prometheus_agrees(port, &body, &exact).await;
    } else {
        eprintln!(
            "NOTICE: prometheus is not installed; /metrics was checked with the in-test parser only (CLAIMWATCH_TEST_NO_PROMETHEUS=1)"
        );
    }
}

#[test]
fn the_strict_reader_refuses_what_the_format_forbids() {
    let good = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"q\\\"\\\\\"} 1\n";
    assert_eq!(
        prom_text::parse(good)
            .unwrap()
            .value("a_total", &[("x", "q\"\\")]),
        Some(1.0)
    );
    for bad in [
        "a_total{x=q} 1\n",
        "a_total{x=\"1\"} one\n",
        "a 1\nb 1\na 2\n",
        "# TYPE a counter\n# TYPE a counter\na 1\n",
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n",
        "1a 1\n",
    ] {
        assert!(prom_text::parse(bad).is_err(), "{bad:?}");
    }
}
