//! `/search` over 1,000,000 stored claims in SQLite: p50 and p99 latency of
//! `StoryStore::search_claims` (first page of five, hydrated with stories and sources) for
//! common and rare words in the default 30-day window, beside the earlier "bm25 over every
//! match" query for comparison, then criterion runs of the same searches.
//!
//! The database (two years of claims, ids growing with time) is built once and cached as
//! `$CARGO_TARGET_TMPDIR/search-bench-<N>.db`. Claim texts are real Russian Telegram posts from
//! `../shared/data/texts/ru_telegram_raw` when present (else generated Russian), mixed with
//! generated Ukrainian and English sentences from the word lists below.
//! `CLAIMWATCH_BENCH_CLAIMS=N` builds a smaller database for a quick run.

mod db;

use chrono::{DateTime, Duration, TimeZone, Utc};
use claimwatch::store::sqlite::SqliteStore;
use claimwatch::store::{SearchQuery, Store, StoryStore};
use claimwatch::text::stem::{query_terms, stem_word};
use criterion::Criterion;
use db::{Corpus, DAYS, build, load_corpus};
use sqlx::Row;
use std::path::PathBuf;
use std::time::Instant;

/// Query words: the most frequent stems (common) and stems found in one or two source texts
/// (rare), each checked to stem to itself.
fn pick_words(corpus: &Corpus) -> (Vec<String>, Vec<String>) {
    let usable = |s: &str| {
        s.chars().count() >= 4
            && s.chars().all(char::is_alphabetic)
            && query_terms(s, 1).first().map(String::as_str) == Some(s)
            && stem_word(s) == s
    };
    let mut by_df: Vec<(&String, &usize)> = corpus.df.iter().filter(|(s, _)| usable(s)).collect();
    by_df.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let common: Vec<String> = by_df.iter().take(5).map(|(s, _)| (*s).clone()).collect();
    let mut rare: Vec<String> = by_df
        .iter()
        .filter(|(s, df)| **df <= 2 && s.chars().count() >= 6)
        .map(|(s, _)| (*s).clone())
        .collect();
    let mut rng = fastrand::Rng::with_seed(11);
    rng.shuffle(&mut rare);
    rare.truncate(20);
    (common, rare)
}

fn percentile(sorted: &[f64], p: usize) -> f64 {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

/// Runs every query `rounds` times; returns sorted latencies in ms and the mean match count.
async fn measure(
    store: &SqliteStore,
    queries: &[Vec<String>],
    since: DateTime<Utc>,
    rounds: usize,
) -> (Vec<f64>, f64) {
    let mut times = Vec::new();
    let mut totals = 0i64;
    for _ in 0..rounds {
        for terms in queries {
            let q = SearchQuery {
                terms: terms.clone(),
                since,
                category: None,
                limit: 5,
                offset: 0,
            };
            let t = Instant::now();
            let page = store.search_claims(&q).await.expect("search");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            totals += page.total;
        }
    }
    times.sort_by(f64::total_cmp);
    let mean_total = totals as f64 / (rounds * queries.len()).max(1) as f64;
    (times, mean_total)
}

/// The query search_claims ran before: count and bm25 order over every match in the window.
async fn measure_unbounded(
    store: &SqliteStore,
    words: &[String],
    since: DateTime<Utc>,
) -> Vec<f64> {
    let mut times = Vec::new();
    for w in words {
        let expr = format!("\"{w}\"*");
        let t = Instant::now();
        let total: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid
             WHERE claims_fts MATCH ?1 AND c.claimed_at >= ?2",
        )
        .bind(&expr)
        .bind(since.timestamp_millis())
        .fetch_one(store.pool())
        .await
        .expect("count");
        let ids = sqlx::query(
            "SELECT c.id FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid
             WHERE claims_fts MATCH ?1 AND c.claimed_at >= ?2
             ORDER BY bm25(claims_fts), c.claimed_at DESC LIMIT 5",
        )
        .bind(&expr)
        .bind(since.timestamp_millis())
        .fetch_all(store.pool())
        .await
        .expect("rank");
        assert!(total >= 0 && ids.len() <= 5 && ids.iter().all(|r| r.try_get::<i64, _>(0).is_ok()));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    times
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("search bench: run with `cargo bench --bench search`");
        return;
    }
    let n: usize = std::env::var("CLAIMWATCH_BENCH_CLAIMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut rng = fastrand::Rng::with_seed(3);
    let corpus = load_corpus(&mut rng);
    let end = Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap();
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("search-bench-{n}.db"));
    let url = format!("sqlite://{}", path.display());
    let store = rt.block_on(async {
        let fresh = !path.exists();
        let store = SqliteStore::connect(&url).await.expect("open bench db");
        // Also brings a cached database up to the current schema.
        store.migrate().await.expect("migrate");
        if fresh {
            eprintln!("building {} (once)…", path.display());
            if let Err(e) = build(&store, &corpus, n, end).await {
                for ext in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
                }
                panic!("building the bench database failed: {e}");
            }
        }
        store
    });
    let claims = rt.block_on(store.stats(end)).expect("stats").claims;
    assert_eq!(
        claims as usize,
        n,
        "{} holds {claims} claims: delete it to rebuild",
        path.display()
    );
    let (common, rare) = pick_words(&corpus);
    let since = end - Duration::days(30);
    let as_queries = |ws: &[String]| ws.iter().map(|w| vec![w.clone()]).collect::<Vec<_>>();
    let pairs: Vec<Vec<String>> = common.windows(2).map(|w| w.to_vec()).collect();
    println!(
        "\nsearch_claims over {n} claims ({DAYS} days), 30-day window, first page of 5, 2 cores"
    );
    println!(
        "common words: {common:?}\nrare words: {} picked from stems found in 1–2 source texts",
        rare.len()
    );
    println!("\n| query | runs | p50 ms | p99 ms | mean matches |\n|---|---|---|---|---|");
    rt.block_on(async {
        measure(&store, &as_queries(&common), since, 2).await;
        for (label, queries, rounds) in [
            ("common word", as_queries(&common), 40),
            ("two common words", pairs.clone(), 50),
            ("rare word", as_queries(&rare), 10),
        ] {
            let (t, total) = measure(&store, &queries, since, rounds).await;
            println!(
                "| {label} | {} | {:.2} | {:.2} | {total:.0} |",
                t.len(),
                percentile(&t, 50),
                percentile(&t, 99)
            );
        }
        let (t, total) = measure(&store, &as_queries(&common), end - Duration::days(365), 10).await;
        println!(
            "| common word, /search 365d | {} | {:.2} | {:.2} | {total:.0} |",
            t.len(),
            percentile(&t, 50),
            percentile(&t, 99)
        );
        let t = measure_unbounded(&store, &common, since).await;
        println!(
            "| common word, before (bm25 over every match) | {} | {:.2} | {:.2} | |",
            t.len(),
            percentile(&t, 50),
            percentile(&t, 99)
        );
    });
    let mut c = Criterion::default().sample_size(20).configure_from_args();
    for (name, terms) in [
        ("search/common", vec![common[0].clone()]),
        ("search/rare", vec![rare[0].clone()]),
    ] {
        let q = SearchQuery {
            terms,
            since,
            category: None,
            limit: 5,
            offset: 0,
        };
        c.bench_function(name, |b| {
            b.iter(|| rt.block_on(store.search_claims(&q)).expect("search"))
        });
    }
    c.final_summary();
}
