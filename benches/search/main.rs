//! `/search` over 1,000,000 stored claims: p50 and p99 latency of `StoryStore::search_claims`
//! (first page of five, hydrated with stories and sources) for common and rare words in the
//! default 30-day window and in a 365-day one, then criterion runs of the same searches.
//!
//! SQLite by default: the database (two years of claims, ids growing with time) is built once
//! and cached as `$CARGO_TARGET_TMPDIR/search-bench-<N>.db`, and the earlier "bm25 over every
//! match" query is measured beside it for comparison. With
//! `CLAIMWATCH_BENCH_DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/DB` (a user who may create
//! databases) the same claims are built once into `claimwatch_search_bench_<N>` on that server
//! and searched through the PostgreSQL store. Claim texts are real Russian Telegram posts from
//! `../shared/data/texts/ru_telegram_raw` when present (else generated Russian), mixed with
//! generated Ukrainian and English sentences. `CLAIMWATCH_BENCH_CLAIMS=N` builds a smaller
//! database for a quick run.

mod corpus;
mod postgres;
mod sqlite;

use chrono::{DateTime, Duration, TimeZone, Utc};
use claimwatch::store::sqlite::SqliteStore;
use claimwatch::store::{SearchQuery, Store};
use claimwatch::text::stem::{query_terms, stem_word, words};
use corpus::{Corpus, DAYS, load_corpus};
use criterion::Criterion;
use std::time::Instant;

/// The store searched, and the SQLite one when that is it (for the "before" comparison).
enum Bench {
    Sqlite(SqliteStore),
    Postgres(claimwatch::store::postgres::PostgresStore),
}

impl Bench {
    fn store(&self) -> &dyn Store {
        match self {
            Bench::Sqlite(s) => s,
            Bench::Postgres(s) => s,
        }
    }
}

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

/// For each stem, an inflected form of it found in the source texts (a word that stems to it
/// but differs from it), when there is one.
fn inflected_forms(corpus: &Corpus, stems: &[String]) -> Vec<(String, String)> {
    stems
        .iter()
        .filter_map(|stem| {
            corpus
                .texts
                .iter()
                .filter(|(_, stems)| stems.split(' ').any(|s| s == stem))
                .flat_map(|(raw, _)| words(raw))
                .find(|w| w != stem && stem_word(w) == *stem)
                .map(|w| (w, stem.clone()))
        })
        .collect()
}

fn percentile(sorted: &[f64], p: usize) -> f64 {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

/// Runs every query `rounds` times; returns sorted latencies in ms and the mean match count.
async fn measure(
    store: &dyn Store,
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

/// How many claims to build: `CLAIMWATCH_BENCH_CLAIMS`, else a million.
fn claims_wanted() -> usize {
    std::env::var("CLAIMWATCH_BENCH_CLAIMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

/// Opens (building it once) the PostgreSQL database `CLAIMWATCH_BENCH_DATABASE_URL` names, else
/// the cached SQLite one; returns it with its name.
fn open_bench(
    rt: &tokio::runtime::Runtime,
    corpus: &Corpus,
    n: usize,
    end: DateTime<Utc>,
) -> (Bench, String) {
    let pg_url = std::env::var("CLAIMWATCH_BENCH_DATABASE_URL").ok();
    rt.block_on(async {
        match pg_url.as_deref() {
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                let (s, name) = postgres::open(u, corpus, n, end).await;
                (Bench::Postgres(s), name)
            }
            Some(_) => panic!("CLAIMWATCH_BENCH_DATABASE_URL must be a postgres:// URL"),
            None => {
                let (s, name) = sqlite::open(corpus, n, end).await;
                (Bench::Sqlite(s), name)
            }
        }
    })
}

/// The bot stems what the user types: an inflected form finds what its stem finds.
async fn inflected_forms_find_what_their_stems_find(
    store: &dyn Store,
    corpus: &Corpus,
    common: &[String],
    since: DateTime<Utc>,
) {
    for (form, stem) in inflected_forms(corpus, common) {
        let terms = query_terms(&form, 4);
        let (_, by_form) = measure(store, std::slice::from_ref(&terms), since, 1).await;
        let (_, by_stem) = measure(store, &[vec![stem.clone()]], since, 1).await;
        println!("inflected {form:?} → {terms:?}: {by_form:.0} matches ({stem:?}: {by_stem:.0})");
        assert!(by_stem > 0.0, "{stem:?} finds nothing");
        assert_eq!(
            by_form, by_stem,
            "{form:?} finds other claims than {stem:?}"
        );
    }
}

/// The query words of the latency table.
struct Words {
    common: Vec<String>,
    rare: Vec<String>,
    pairs: Vec<Vec<String>>,
}

/// Prints p50 and p99 of each kind of search in both windows (and, on SQLite, the earlier
/// unbounded query's).
async fn latency_table(bench: &Bench, w: &Words, since: DateTime<Utc>, year: DateTime<Utc>) {
    let store = bench.store();
    let as_queries = |ws: &[String]| ws.iter().map(|w| vec![w.clone()]).collect::<Vec<_>>();
    println!("\n| query | runs | p50 ms | p99 ms | mean matches |\n|---|---|---|---|---|");
    measure(store, &as_queries(&w.common), since, 2).await;
    for (label, queries, from, rounds) in [
        ("common word", as_queries(&w.common), since, 40),
        ("two common words", w.pairs.clone(), since, 50),
        ("rare word", as_queries(&w.rare), since, 10),
        ("common word, /search 365d", as_queries(&w.common), year, 10),
        ("two common words, /search 365d", w.pairs.clone(), year, 10),
        ("rare word, /search 365d", as_queries(&w.rare), year, 5),
    ] {
        let (t, total) = measure(store, &queries, from, rounds).await;
        println!(
            "| {label} | {} | {:.2} | {:.2} | {total:.0} |",
            t.len(),
            percentile(&t, 50),
            percentile(&t, 99)
        );
    }
    if let Bench::Sqlite(s) = bench {
        let t = sqlite::measure_unbounded(s, &w.common, since).await;
        println!(
            "| common word, before (bm25 over every match) | {} | {:.2} | {:.2} | |",
            t.len(),
            percentile(&t, 50),
            percentile(&t, 99)
        );
    }
}

/// Criterion runs of one common and one rare word, named per backend.
fn criterion_runs(
    rt: &tokio::runtime::Runtime,
    store: &dyn Store,
    w: &Words,
    since: DateTime<Utc>,
) {
    let mut c = Criterion::default().sample_size(20).configure_from_args();
    // Named per backend, so that criterion compares each with its own previous run.
    let backend = store.backend();
    for (kind, terms) in [
        ("common", vec![w.common[0].clone()]),
        ("rare", vec![w.rare[0].clone()]),
    ] {
        let name = format!("search/{backend}/{kind}");
        let q = SearchQuery {
            terms,
            since,
            category: None,
            limit: 5,
            offset: 0,
        };
        c.bench_function(&name, |b| {
            b.iter(|| rt.block_on(store.search_claims(&q)).expect("search"))
        });
    }
    c.final_summary();
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("search bench: run with `cargo bench --bench search`");
        return;
    }
    let n = claims_wanted();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut rng = fastrand::Rng::with_seed(3);
    let corpus = load_corpus(&mut rng);
    let end = Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap();
    let (bench, name) = open_bench(&rt, &corpus, n, end);
    let store = bench.store();
    let claims = rt.block_on(store.stats(end)).expect("stats").claims;
    assert_eq!(
        claims as usize, n,
        "{name} holds {claims} claims: delete it to rebuild"
    );
    let (common, rare) = pick_words(&corpus);
    let since = end - Duration::days(30);
    let year = end - Duration::days(365);
    let pairs: Vec<Vec<String>> = common.windows(2).map(|w| w.to_vec()).collect();
    println!(
        "\nsearch_claims on {} over {n} claims ({DAYS} days), first page of 5, 2 cores",
        store.backend()
    );
    println!(
        "common words: {common:?}\nrare words: {} picked from stems found in 1–2 source texts",
        rare.len()
    );
    rt.block_on(inflected_forms_find_what_their_stems_find(
        store, &corpus, &common, since,
    ));
    let words = Words {
        common,
        rare,
        pairs,
    };
    rt.block_on(latency_table(&bench, &words, since, year));
    criterion_runs(&rt, store, &words, since);
}
