//! The PostgreSQL bench database: `claimwatch_search_bench_<N>` on the server named by
//! `CLAIMWATCH_BENCH_DATABASE_URL` (whose user may create databases), built once and kept. The
//! corpus's claims go in with `COPY … FROM STDIN` in chunks; claims pass through a temporary
//! table so that their `terms` are computed the way the store files them,
//! `to_tsvector('simple', stems)`.

use crate::corpus::{CLAIMANTS, Corpus, Pick, picks, start_ms};
use chrono::{DateTime, Utc};
use claimwatch::store::Store;
use claimwatch::store::postgres::PostgresStore;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use std::fmt::Write;
use std::time::Instant;

/// Rows per COPY (and per transaction).
const CHUNK: usize = 50_000;

/// Opens the cached bench database for `n` claims on the server of `admin_url`, creating and
/// building it first when it does not exist. Returns the store and the database's name.
pub async fn open(
    admin_url: &str,
    corpus: &Corpus,
    n: usize,
    end: DateTime<Utc>,
) -> (PostgresStore, String) {
    let name = format!("claimwatch_search_bench_{n}");
    let mut admin = PgConnection::connect(admin_url)
        .await
        .expect("connect to CLAIMWATCH_BENCH_DATABASE_URL");
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&name)
            .fetch_one(&mut admin)
            .await
            .expect("list databases");
    if !exists {
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create the bench database");
    }
    let mut url = url::Url::parse(admin_url).expect("CLAIMWATCH_BENCH_DATABASE_URL");
    url.set_path(&format!("/{name}"));
    let store = PostgresStore::connect(url.as_str(), 4)
        .await
        .expect("open bench db");
    // Also brings a cached database up to the current schema.
    store.migrate().await.expect("migrate");
    if !exists {
        eprintln!("building database {name} (once)…");
        if let Err(e) = build(&store, corpus, n, end).await {
            store.close().await;
            let _ = sqlx::query(AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut admin)
            .await;
            panic!("building the bench database failed: {e}");
        }
    }
    let _ = admin.close().await;
    (store, name)
}

/// A `timestamptz` in COPY's text form.
fn ts(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .expect("bench times are in range")
        .format("%Y-%m-%d %H:%M:%S%.3f+00")
        .to_string()
}

/// Appends `s` as one field of COPY's text format.
fn field(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// One COPY text line from already formatted fields.
fn line(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        field(out, f);
    }
    out.push('\n');
}

async fn copy(conn: &mut PgConnection, statement: &str, data: String) -> sqlx::Result<()> {
    let mut copy = conn.copy_in_raw(statement).await?;
    copy.send(data.into_bytes()).await?;
    copy.finish().await?;
    Ok(())
}

async fn store_chunk(conn: &mut PgConnection, corpus: &Corpus, chunk: &[Pick]) -> sqlx::Result<()> {
    let (mut stories, mut items, mut claims) = (String::new(), String::new(), String::new());
    for p in chunk {
        let (id, at) = (p.id.to_string(), ts(p.at_ms));
        line(&mut stories, &[&id, &id, &at, &at]);
        let source = (p.claimant + 1).to_string();
        let (external, link, hash) = (
            format!("b{id}"),
            format!("https://bench.example/{id}"),
            format!("h{id}"),
        );
        let text = p.item_text(corpus);
        let row = [
            &id, &source, &external, &link, &text, "ru", &at, &at, &hash, &id,
        ];
        line(&mut items, &row);
        let (category, claimant) = (p.category(), CLAIMANTS[p.claimant]);
        let stems = &corpus.texts[p.text].1;
        line(
            &mut claims,
            &[&id, &id, &id, category, claimant, &at, stems],
        );
    }
    let mut tx = conn.begin().await?;
    copy(
        &mut tx,
        "COPY stories (id, first_item_id, first_seen_at, last_seen_at) FROM STDIN",
        stories,
    )
    .await?;
    copy(
        &mut tx,
        "COPY items (id, source_id, external_id, url, text, lang, published_at, fetched_at, \
         content_hash, story_id) FROM STDIN",
        items,
    )
    .await?;
    copy(&mut tx, "COPY bench_claims FROM STDIN", claims).await?;
    sqlx::query(
        "INSERT INTO claims (id, story_id, item_id, category, claimant, claimed_at, terms)
         OVERRIDING SYSTEM VALUE
         SELECT id, story_id, item_id, category, claimant, claimed_at,
                to_tsvector('simple', stems)
         FROM bench_claims ORDER BY id",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query("TRUNCATE bench_claims")
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

async fn build(
    store: &PostgresStore,
    corpus: &Corpus,
    n: usize,
    end: DateTime<Utc>,
) -> sqlx::Result<()> {
    let started = Instant::now();
    let mut conn = store.pool().acquire().await?;
    let mut sources = String::new();
    let created = ts(start_ms(end));
    for (i, name) in CLAIMANTS.iter().enumerate() {
        let (id, url) = (
            (i + 1).to_string(),
            format!("https://source{i}.example/rss"),
        );
        line(&mut sources, &[&id, &url, name, &created, &created, "feed"]);
    }
    copy(
        &mut conn,
        "COPY sources (id, url, title, next_check_at, created_at, kind) FROM STDIN",
        sources,
    )
    .await?;
    sqlx::query(
        "CREATE TEMPORARY TABLE bench_claims (id BIGINT, story_id BIGINT, item_id BIGINT,
           category TEXT, claimant TEXT, claimed_at TIMESTAMPTZ, stems TEXT)",
    )
    .execute(&mut *conn)
    .await?;
    let all = picks(corpus, n, end);
    let mut stored = 0;
    for chunk in all.chunks(CHUNK) {
        store_chunk(&mut conn, corpus, chunk).await?;
        stored += chunk.len();
        if stored.is_multiple_of(100_000) {
            eprintln!("  {stored} claims stored ({:.0?})", started.elapsed());
        }
    }
    sqlx::query("DROP TABLE bench_claims")
        .execute(&mut *conn)
        .await?;
    let mut sql = String::new();
    for table in ["sources", "stories", "items", "claims"] {
        let _ = write!(
            sql,
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}));"
        );
    }
    sqlx::raw_sql(AssertSqlSafe(sql))
        .execute(&mut *conn)
        .await?;
    sqlx::query("VACUUM ANALYZE").execute(&mut *conn).await?;
    eprintln!("built {n} claims in {:.0?}", started.elapsed());
    Ok(())
}
