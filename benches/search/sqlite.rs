//! The SQLite bench database: built once as `$CARGO_TARGET_TMPDIR/search-bench-<N>.db` by
//! writing the corpus's claims in large batches straight into the schema (the FTS table
//! included), and the query `search_claims` ran before its candidates were bounded, for
//! comparison.

use crate::corpus::{CLAIMANTS, Corpus, Pick, picks, start_ms};
use chrono::{DateTime, Utc};
use claimwatch::store::Store;
use claimwatch::store::sqlite::SqliteStore;
use sqlx::{AssertSqlSafe, Row};
use std::path::PathBuf;
use std::time::Instant;

const BATCH: usize = 500;

/// Opens the cached database for `n` claims, building it first when it is missing.
pub async fn open(corpus: &Corpus, n: usize, end: DateTime<Utc>) -> (SqliteStore, String) {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("search-bench-{n}.db"));
    let url = format!("sqlite://{}", path.display());
    let fresh = !path.exists();
    let store = SqliteStore::connect(&url).await.expect("open bench db");
    // Also brings a cached database up to the current schema.
    store.migrate().await.expect("migrate");
    if fresh {
        eprintln!("building {} (once)…", path.display());
        if let Err(e) = build(&store, corpus, n, end).await {
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
            }
            panic!("building the bench database failed: {e}");
        }
    }
    (store, path.display().to_string())
}

enum Val {
    I(i64),
    S(String),
}

async fn insert_rows(
    tx: &mut sqlx::SqliteConnection,
    head: &str,
    rows: Vec<Vec<Val>>,
) -> sqlx::Result<()> {
    let width = rows.first().map_or(0, Vec::len);
    let marks = format!("({})", vec!["?"; width].join(","));
    let sql = format!("{head} VALUES {}", vec![marks; rows.len()].join(","));
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for row in rows {
        for v in row {
            q = match v {
                Val::I(i) => q.bind(i),
                Val::S(s) => q.bind(s),
            };
        }
    }
    q.execute(&mut *tx).await?;
    Ok(())
}

/// Writes `n` claims (with their sources, stories, items and FTS rows) in batches.
async fn build(
    store: &SqliteStore,
    corpus: &Corpus,
    n: usize,
    end: DateTime<Utc>,
) -> sqlx::Result<()> {
    let pool = store.pool();
    let started = Instant::now();
    let mut conn = pool.acquire().await?;
    sqlx::query("PRAGMA synchronous = OFF")
        .execute(&mut *conn)
        .await?;
    insert_sources(&mut conn, start_ms(end)).await?;
    let all = picks(corpus, n, end);
    for (done, chunk) in all.chunks(BATCH).enumerate() {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        insert_batch(&mut tx, corpus, chunk).await?;
        tx.commit().await?;
        let stored = (done + 1) * BATCH;
        if stored.is_multiple_of(100_000) {
            eprintln!("  {stored} claims stored ({:.0?})", started.elapsed());
        }
    }
    sqlx::query("PRAGMA optimize").execute(&mut *conn).await?;
    sqlx::query("INSERT INTO claims_fts (claims_fts) VALUES ('optimize')")
        .execute(&mut *conn)
        .await?;
    eprintln!("built {n} claims in {:.0?}", started.elapsed());
    Ok(())
}

/// One feed source per claimant.
async fn insert_sources(conn: &mut sqlx::SqliteConnection, start_ms: i64) -> sqlx::Result<()> {
    let sources: Vec<Vec<Val>> = CLAIMANTS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            vec![
                Val::I(i as i64 + 1),
                Val::S(format!("https://source{i}.example/rss")),
                Val::S((*name).into()),
                Val::I(start_ms),
                Val::I(start_ms),
                Val::S("feed".into()),
            ]
        })
        .collect();
    insert_rows(
        conn,
        "INSERT INTO sources (id, url, title, next_check_at, created_at, kind)",
        sources,
    )
    .await
}

/// One batch of claims: a story, an item, a claim and an FTS row each.
async fn insert_batch(
    tx: &mut sqlx::SqliteConnection,
    corpus: &Corpus,
    chunk: &[Pick],
) -> sqlx::Result<()> {
    let stories = chunk
        .iter()
        .map(|p| vec![Val::I(p.id), Val::I(p.id), Val::I(p.at_ms), Val::I(p.at_ms)])
        .collect();
    let head = "INSERT INTO stories (id, first_item_id, first_seen_at, last_seen_at)";
    insert_rows(tx, head, stories).await?;
    let head = "INSERT INTO items (id, source_id, external_id, url, text, lang, published_at, \
                fetched_at, content_hash, story_id)";
    insert_rows(tx, head, item_rows(corpus, chunk)).await?;
    let claims = chunk
        .iter()
        .map(|p| {
            vec![
                Val::I(p.id),
                Val::I(p.id),
                Val::I(p.id),
                Val::S(p.category().into()),
                Val::S(CLAIMANTS[p.claimant].into()),
                Val::I(p.at_ms),
            ]
        })
        .collect();
    insert_rows(
        tx,
        "INSERT INTO claims (id, story_id, item_id, category, claimant, claimed_at)",
        claims,
    )
    .await?;
    let fts = chunk
        .iter()
        .map(|p| vec![Val::I(p.id), Val::S(corpus.texts[p.text].1.clone())])
        .collect();
    insert_rows(tx, "INSERT INTO claims_fts (rowid, terms)", fts).await
}

/// The items' rows of a batch.
fn item_rows(corpus: &Corpus, chunk: &[Pick]) -> Vec<Vec<Val>> {
    chunk
        .iter()
        .map(|p| {
            vec![
                Val::I(p.id),
                Val::I(p.claimant as i64 + 1),
                Val::S(format!("b{}", p.id)),
                Val::S(format!("https://bench.example/{}", p.id)),
                Val::S(p.item_text(corpus)),
                Val::S("ru".into()),
                Val::I(p.at_ms),
                Val::I(p.at_ms),
                Val::S(format!("h{}", p.id)),
                Val::I(p.id),
            ]
        })
        .collect()
}

/// The query search_claims ran before: count and bm25 order over every match in the window.
pub async fn measure_unbounded(
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
