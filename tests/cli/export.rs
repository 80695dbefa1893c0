//! `claimwatch export` on a real database: the CSV is read back by the `csv` crate and by a
//! strict RFC 4180 grammar (CRLF records, quoting, the same number of fields everywhere), with
//! a claim whose evidence holds commas, quotes, a newline, Cyrillic and a formula; JSON lines
//! keep every field; filters and the byte-order mark apply.

use crate::support::db::TestDb;
use crate::support::seed;
use chrono::{Duration, Utc};
use claimwatch::model::{InsertOutcome, Lang, NewItem};
use claimwatch::store::Store;
use claimwatch::text::hash::content_hash;
use std::path::Path;

const EVIDENCE: [&str; 3] = [
    "около 60 десантников, по словам \"источника\", отказались ехать",
    "second phrase\r\nover two lines",
    "=HYPERLINK(\"http://evil.example\")",
];

async fn item(store: &dyn Store, source: i64, id: &str) -> i64 {
    let text = format!("text of {id}");
    let it = NewItem {
        source_id: source,
        external_id: id.into(),
        url: Some(format!("https://news.example/{id}")),
        title: format!("Title {id}"),
        text: text.clone(),
        lang: Lang::Ru,
        published_at: Utc::now() - Duration::hours(2),
        fetched_at: Utc::now(),
        content_hash: content_hash(id, &text),
        author: None,
        forwarded_from: None,
        views: None,
        media: vec![],
        edited: false,
    };
    match store.insert_item(&it).await.unwrap() {
        InsertOutcome::Inserted(id) => id,
        other => panic!("{other:?}"),
    }
}

/// A refusal claim with hostile evidence, told by two outlets, and a loss claim.
async fn seed_claims(store: &dyn Store) -> (i64, i64) {
    let a = seed::source(store, "https://a.example/rss", "Вёрстка, \"A\"").await;
    let b = seed::source(store, "https://b.example/rss", "B").await;
    let (i1, i2, i3) = (
        item(store, a, "r1").await,
        item(store, b, "r2").await,
        item(store, a, "l1").await,
    );
    let at = Utc::now() - Duration::hours(1);
    let refusal_story = store.create_story(i1, "refusal", at).await.unwrap();
    store.join_story(refusal_story, i2, at).await.unwrap();
    let mut refusal = seed::refusal("Псковская губерния", Some("76-я дивизия, 104-й полк"), 60);
    refusal.evidence = EVIDENCE.iter().map(|e| e.to_string()).collect();
    store
        .add_claims(refusal_story, i1, at, &[refusal], "t")
        .await
        .unwrap();
    let loss_story = store.create_story(i3, "losses", at).await.unwrap();
    let losses = seed::losses("General Staff of the Armed Forces of Ukraine");
    store
        .add_claims(loss_story, i3, at, &[losses], "t")
        .await
        .unwrap();
    (refusal_story, loss_story)
}

fn export(config: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") && !k.starts_with("CLAIMWATCH_TEST_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("--config").arg(config).arg("export").args(args);
    cmd.output().expect("run claimwatch export")
}

/// RFC 4180, strictly: records end with CRLF, a field is quoted (quotes doubled inside) or
/// holds no quote, comma, CR or LF, every record has as many fields as the first.
fn rfc4180(text: &str) -> Result<Vec<Vec<String>>, String> {
    let c: Vec<char> = text.chars().collect();
    let (mut i, mut records, mut record) = (0, Vec::new(), Vec::new());
    while i < c.len() {
        let mut field = String::new();
        if c[i] == '"' {
            i += 1;
            loop {
                match c.get(i) {
                    Some('"') if c.get(i + 1) == Some(&'"') => {
                        field.push('"');
                        i += 2;
                    }
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some(&ch) => {
                        field.push(ch);
                        i += 1;
                    }
                    None => return Err("an unterminated quoted field".into()),
                }
            }
        } else {
            while let Some(&ch) = c.get(i) {
                match ch {
                    ',' | '\r' => break,
                    '"' | '\n' => {
                        return Err(format!("a bare {ch:?} in an unquoted field {field:?}"));
                    }
                    _ => {
                        field.push(ch);
                        i += 1;
                    }
                }
            }
        }
        record.push(field);
        match (c.get(i), c.get(i + 1)) {
            (Some(','), _) => i += 1,
            (Some('\r'), Some('\n')) => {
                records.push(std::mem::take(&mut record));
                i += 2;
            }
            other => return Err(format!("after field {}: {other:?}", record.len())),
        }
    }
    if !record.is_empty() {
        return Err("the last record does not end with CRLF".into());
    }
    let width = records.first().map_or(0, Vec::len);
    match records.iter().position(|r| r.len() != width) {
        Some(i) => Err(format!(
            "record {i} has {} fields, the header {width}",
            records[i].len()
        )),
        None => Ok(records),
    }
}

fn setup(db: &TestDb, dir: &Path) -> std::path::PathBuf {
    let path = dir.join("claimwatch.toml");
    std::fs::write(&path, format!("database_url = \"{}\"\n", db.url)).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_reads_back_strictly_with_hostile_evidence() {
    let db = TestDb::new().await;
    let (refusal_story, loss_story) = seed_claims(db.store.as_ref()).await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = setup(&db, dir.path());
    let out = tokio::task::spawn_blocking(move || export(&cfg, &["--since", "1d"]))
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let strict = rfc4180(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(strict.len(), 3, "the header and two rows");
    for (strict_row, row) in strict[1..].iter().zip(&rows) {
        assert_eq!(
            strict_row,
            &row.iter().collect::<Vec<_>>(),
            "both readers agree"
        );
    }
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let r = &rows[0];
    assert_eq!(&r[col("story_id")], refusal_story.to_string());
    assert_eq!(&r[col("category")], "refusal");
    assert_eq!(&r[col("claimant")], "Псковская губерния");
    assert_eq!(&r[col("unit")], "76-я дивизия, 104-й полк");
    assert_eq!(&r[col("place")], "Псков");
    let evidence = format!("{} | {} | '{}", EVIDENCE[0], EVIDENCE[1], EVIDENCE[2]);
    assert_eq!(
        &r[col("evidence")],
        evidence,
        "commas, quotes, CRLF and Cyrillic intact; the formula inert"
    );
    assert_eq!(&r[col("first_source")], "Вёрстка, \"A\"");
    assert_eq!(&r[col("first_source_url")], "https://news.example/r1");
    assert_eq!(&r[col("source_count")], "2");
    assert_eq!(
        &r[col("source_links")],
        "https://news.example/r1 https://news.example/r2"
    );
    assert_eq!(&r[col("refusers")], "60");
    let l = &rows[1];
    assert_eq!(&l[col("story_id")], loss_story.to_string());
    assert_eq!(
        &l[col("figures")],
        "personnel 28300 (+150) total; tanks 1251 (+3) total"
    );
    assert_eq!(
        (&l[col("personnel")], &l[col("personnel_delta")]),
        ("28300", "150")
    );
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains("\r\r"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jsonl_filters_and_the_byte_order_mark() {
    let db = TestDb::new().await;
    seed_claims(db.store.as_ref()).await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = setup(&db, dir.path());
    let run = |args: &'static [&'static str]| {
        let cfg = cfg.clone();
        tokio::task::spawn_blocking(move || export(&cfg, args))
    };
    let out = run(&[
        "--since",
        "1d",
        "--format",
        "jsonl",
        "--category",
        "refusal",
    ])
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "only the refusal");
    assert_eq!(
        lines[0]["evidence"],
        serde_json::json!(EVIDENCE),
        "evidence exactly as stored"
    );
    assert_eq!(lines[0]["figures"][0]["metric"], "refusers");
    assert_eq!(lines[0]["sources"].as_array().map(Vec::len), Some(2));
    assert_eq!(lines[0]["first_source"]["url"], "https://news.example/r1");

    let out = run(&["--since", "1d", "--bom", "--category", "losses"])
        .await
        .unwrap();
    assert!(out.stdout.starts_with("\u{FEFF}claim_id,".as_bytes()));
    let rows = rfc4180(std::str::from_utf8(&out.stdout[3..]).unwrap()).unwrap();
    assert_eq!(rows.len(), 2, "the header and the loss claim");
    let none = run(&["--since", "1m"]).await.unwrap();
    assert_eq!(
        rfc4180(std::str::from_utf8(&none.stdout).unwrap())
            .unwrap()
            .len(),
        1,
        "the header alone"
    );
    let bad = run(&["--category", "sport"]).await.unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
