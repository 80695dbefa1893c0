//! Ingest benchmarks.
//! - `poll_cycle/1000_feeds_*`: 1,000 RSS feeds of 20 items on 50 loopback servers (20 feeds
//!   per host, default limits: 8 requests at once, 2 per host) polled by one `poll_due` into
//!   a SQLite file: a cold cycle (every item new) and a warm one (every server answers 304).
//!   Peak memory of a cold cycle is printed from /proc (VmHWM, reset before the cycle).
//! - `parse_normalise/shared_corpus`: every feed of `../shared/data/feeds` parsed and
//!   normalised (no I/O); items/s and MB/s are printed. Skipped when the corpus is absent.
//! - `parse_normalise/telegram_page`: the real channel page of the shared data, parsed and
//!   normalised.
//!
//! Run: `cargo bench --bench ingest`.

#[path = "../tests/support/mod.rs"]
mod support;

use chrono::Duration as ChronoDuration;
use claimwatch::model::{NewSource, Source, SourceKind, SourceOrigin};
use claimwatch::sources::feed::parse_feed;
use claimwatch::sources::normalize::{normalize_entry, normalize_post};
use claimwatch::sources::telegram::parse_page;
use claimwatch::sources::{PollOutcome, poll_due};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::time::{Duration, Instant};
use support::db::TestDb;
use support::feed_server::{FeedServer, Route, context, rss};
use support::t0;

const FEEDS: usize = 1_000;
const SERVERS: usize = 50;
const ITEMS: usize = 20;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// Resets the process's peak resident memory (Linux: write 5 to clear_refs).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn rss_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn feed_body(feed: usize) -> String {
    let items: Vec<(String, String, String)> = (0..ITEMS)
        .map(|i| {
            (
                format!("f{feed}-i{i}"),
                format!("Report {i} of outlet {feed}: a unit refused to advance"),
                format!(
                    "<p>Outlet {feed} reports that soldiers of unit {i} refused orders near the \
                     front line on Friday, and that <b>{}</b> armoured vehicles were lost.</p>\
                     <p>Source: <a href=\"https://outlet{feed}.example/{i}\">outlet</a>.</p>",
                    feed * 31 + i
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    rss(
        &format!("Outlet {feed}"),
        &format!("https://outlet{feed}.example"),
        &refs,
    )
}

struct Farm {
    servers: Vec<FeedServer>,
    urls: Vec<String>,
}

async fn farm() -> Farm {
    let mut servers = Vec::new();
    for _ in 0..SERVERS {
        servers.push(FeedServer::start().await);
    }
    let mut urls = Vec::new();
    for feed in 0..FEEDS {
        let server = &servers[feed % SERVERS];
        let path = format!("feed{feed}.xml");
        server.set(
            &path,
            Route::rss(feed_body(feed)).etag(&format!("\"v{feed}\"")),
        );
        urls.push(server.url(&path));
    }
    Farm { servers, urls }
}

async fn add_sources(db: &TestDb, urls: &[String]) -> Vec<Source> {
    let mut out = Vec::new();
    for url in urls {
        let new = NewSource {
            url: url.clone(),
            kind: SourceKind::Feed,
            title: None,
            lang: None,
            interval_secs: None,
            origin: SourceOrigin::Runtime,
        };
        out.push(db.store.upsert_source(&new, t0()).await.expect("source"));
    }
    out
}

/// One cold cycle on a fresh database; returns its wall time and the items stored.
async fn cold_cycle(farm: &Farm) -> (Duration, usize) {
    let db = TestDb::new().await;
    add_sources(&db, &farm.urls).await;
    let ctx = context(db.store.clone());
    let started = Instant::now();
    let reports = poll_due(&ctx, t0()).await;
    let took = started.elapsed();
    assert_eq!(reports.len(), FEEDS);
    assert!(reports.iter().all(|r| r.outcome == PollOutcome::Ok));
    (took, reports.iter().map(|r| r.new_item_ids.len()).sum())
}

fn poll_cycle(c: &mut Criterion) {
    let rt = runtime();
    let farm = rt.block_on(farm());
    let mut group = c.benchmark_group("poll_cycle");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(FEEDS as u64));

    // Peak memory of one cold cycle, measured alone.
    let reset = reset_peak();
    let before = rss_kib("VmRSS:");
    let (took, items) = rt.block_on(cold_cycle(&farm));
    let peak = rss_kib("VmHWM:");
    eprintln!(
        "cold cycle: {FEEDS} feeds, {items} items stored in {:.2} s; peak RSS {} MiB (RSS before {} MiB{})",
        took.as_secs_f64(),
        peak.map_or("?".into(), |p| (p / 1024).to_string()),
        before.map_or("?".into(), |p| (p / 1024).to_string()),
        if reset { "" } else { "; peak not reset" }
    );

    group.bench_function("1000_feeds_cold", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    total += cold_cycle(&farm).await.0;
                }
                total
            })
        })
    });

    // Warm: the same sources polled again; every server answers 304 to their ETags.
    let (db, ctx) = rt.block_on(async {
        let db = TestDb::new().await;
        add_sources(&db, &farm.urls).await;
        let ctx = context(db.store.clone());
        poll_due(&ctx, t0()).await;
        (db, ctx)
    });
    let mut round = 0i64;
    group.bench_function("1000_feeds_warm_304", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    round += 1;
                    let at = t0() + ChronoDuration::hours(round);
                    let started = Instant::now();
                    let reports = poll_due(&ctx, at).await;
                    total += started.elapsed();
                    assert_eq!(reports.len(), FEEDS);
                    assert!(
                        reports
                            .iter()
                            .all(|r| r.outcome == PollOutcome::NotModified)
                    );
                }
                total
            })
        })
    });
    group.finish();
    drop(db);
    drop(farm.servers);
}

/// Every feed document of the shared corpus, with the content type the ingest path would see.
fn corpus() -> Vec<(Vec<u8>, &'static str)> {
    let Some(data) = support::shared_data() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![data.join("feeds")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if p.is_dir() {
                stack.push(p);
            } else if name.ends_with(".xml") {
                out.push((std::fs::read(&p).unwrap_or_default(), "application/xml"));
            } else if name.ends_with(".json")
                && !name.ends_with(".serde.json")
                && !name.ends_with("_expected.json")
                && !p.with_extension("xml").is_file()
            {
                out.push((std::fs::read(&p).unwrap_or_default(), "application/json"));
            }
        }
    }
    out
}

fn bench_source(kind: SourceKind) -> Source {
    Source {
        id: 1,
        url: "https://bench.example/feed".into(),
        kind,
        title: None,
        lang: None,
        interval_secs: None,
        origin: SourceOrigin::Runtime,
        etag: None,
        last_modified: None,
        next_check_at: t0(),
        last_success_at: None,
        last_error: None,
        last_error_at: None,
        error_count: 0,
        paused: false,
        paused_reason: None,
        backfill_cursor: None,
        created_at: t0(),
    }
}

/// Parses and normalises every document once; returns the items made.
fn parse_and_normalise(docs: &[(Vec<u8>, &'static str)], source: &Source) -> usize {
    let mut items = 0;
    for (bytes, ct) in docs {
        if let Ok(feed) = parse_feed(bytes, Some(ct), "https://bench.example/feed") {
            items += feed
                .entries
                .iter()
                .filter_map(|e| normalize_entry(e, source, t0()))
                .count();
        }
    }
    items
}

fn parse_normalise(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_normalise");
    let docs = corpus();
    let source = bench_source(SourceKind::Feed);
    if docs.is_empty() {
        eprintln!("NOTICE: ../shared/data is absent; the corpus benchmark is skipped");
    } else {
        let bytes: usize = docs.iter().map(|(b, _)| b.len()).sum();
        let items = parse_and_normalise(&docs, &source);
        // A plain timing for the README's items/s and MB/s.
        let rounds = 20;
        let started = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(parse_and_normalise(&docs, &source));
        }
        let per_round = started.elapsed().as_secs_f64() / f64::from(rounds);
        eprintln!(
            "shared corpus: {} documents, {:.2} MB, {items} items per pass; {:.1} ms per pass = {:.0} items/s, {:.1} MB/s",
            docs.len(),
            bytes as f64 / 1e6,
            per_round * 1e3,
            items as f64 / per_round,
            bytes as f64 / 1e6 / per_round
        );
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("shared_corpus", |b| {
            b.iter(|| parse_and_normalise(&docs, &source))
        });
    }
    let page = support::shared_data().and_then(|d| {
        std::fs::read_to_string(d.join("telegram_preview_html/apkawa_rust-any2feed/full.html")).ok()
    });
    if let Some(page) = page {
        let tg = bench_source(SourceKind::Telegram);
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_function("telegram_page", |b| {
            b.iter(|| {
                let items: Vec<_> = parse_page(&page)
                    .posts
                    .iter()
                    .map(|p| normalize_post(p, &tg, t0()))
                    .collect();
                std::hint::black_box(items)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse_normalise, poll_cycle);
criterion_main!(benches);
