//! The bench database: a corpus of pre-stemmed texts (real Russian Telegram posts when
//! `../shared/data` is present, generated Russian otherwise, plus generated Ukrainian and
//! English), and two years of claims written in large batches straight into the schema.

use chrono::{DateTime, Duration, Utc};
use claimwatch::store::sqlite::SqliteStore;
use claimwatch::text::stem::stem_text;
use sqlx::AssertSqlSafe;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

pub const DAYS: i64 = 730;
const BATCH: usize = 500;
const UK_WORDS: &[&str] = &[
    "військові",
    "відмовилися",
    "виконувати",
    "наказ",
    "командира",
    "бригади",
    "штурм",
    "позиції",
    "втрати",
    "противника",
    "Генштаб",
    "ЗСУ",
    "повідомляє",
    "окупанти",
    "танків",
    "артсистем",
    "дронів",
    "збито",
    "фронті",
    "Покровськ",
    "Запоріжжя",
    "Херсон",
    "Харків",
    "обстріл",
    "ракети",
    "знищено",
    "особового",
    "складу",
    "бійці",
    "дезертири",
    "СЗЧ",
    "самовільно",
    "залишили",
    "частину",
    "мобілізовані",
    "розвідка",
    "ГУР",
    "заявила",
    "росіяни",
    "штурмовики",
    "батальйону",
    "морпіхи",
    "Куп'янськ",
    "Вовчанськ",
    "Торецьк",
    "оточення",
];
const EN_WORDS: &[&str] = &[
    "soldiers",
    "refused",
    "orders",
    "commander",
    "brigade",
    "assault",
    "positions",
    "losses",
    "Russia",
    "Ukraine",
    "General",
    "Staff",
    "reported",
    "troops",
    "tanks",
    "artillery",
    "drones",
    "destroyed",
    "front",
    "Pokrovsk",
    "Zaporizhzhia",
    "Kherson",
    "Kharkiv",
    "shelling",
    "missiles",
    "personnel",
    "deserters",
    "AWOL",
    "unit",
    "mobilised",
    "intelligence",
    "claimed",
    "battalion",
    "marines",
    "offensive",
    "encircled",
    "defence",
    "ministry",
];
const RU_WORDS: &[&str] = &[
    "военные",
    "отказались",
    "выполнять",
    "приказ",
    "командира",
    "бригады",
    "штурм",
    "позиции",
    "потери",
    "противника",
    "Минобороны",
    "России",
    "сообщает",
    "войска",
    "танков",
    "артиллерии",
    "беспилотников",
    "уничтожено",
    "фронте",
    "Курской",
    "области",
    "обстрел",
    "ракеты",
    "личного",
    "состава",
    "дезертиры",
    "СОЧ",
    "самовольно",
    "оставили",
    "часть",
    "мобилизованные",
];
const CLAIMANTS: &[&str] = &[
    "General Staff of the AFU",
    "Russian defence ministry",
    "Defence Intelligence of Ukraine",
    "Pskovskaya Guberniya",
    "ASTRA",
    "Mediazona",
    "Verstka",
    "Meduza",
];

/// Pre-stemmed texts to draw claims from, and each stem's document frequency.
pub struct Corpus {
    pub texts: Vec<(String, String)>,
    pub df: HashMap<String, usize>,
}

fn generated(words: &[&str], rng: &mut fastrand::Rng, n: usize) -> String {
    (0..n)
        .map(|_| {
            // Zipf-like: low ranks are common.
            let r = rng.f64();
            words[((words.len() as f64).powf(r) as usize).saturating_sub(1) % words.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn load_corpus(rng: &mut fastrand::Rng) -> Corpus {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/texts/ru_telegram_raw");
    let mut texts = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let Ok(raw) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            let Ok(posts) = serde_json::from_str::<Vec<serde_json::Value>>(&raw) else {
                continue;
            };
            for p in posts {
                let text: Vec<&str> = p["text"]
                    .as_str()
                    .unwrap_or("")
                    .split_whitespace()
                    .filter(|w| !w.contains("http"))
                    .take(60)
                    .collect();
                if text.len() >= 5 {
                    texts.push(text.join(" "));
                }
            }
        }
    }
    if texts.is_empty() {
        eprintln!(
            "NOTICE: {} is absent; Russian texts are generated",
            dir.display()
        );
        texts = (0..20_000).map(|_| generated(RU_WORDS, rng, 40)).collect();
    }
    let n_ru = texts.len();
    texts.extend((0..n_ru / 4).map(|_| generated(UK_WORDS, rng, 35)));
    texts.extend((0..n_ru / 4).map(|_| generated(EN_WORDS, rng, 35)));
    let mut df: HashMap<String, usize> = HashMap::new();
    let texts: Vec<(String, String)> = texts
        .into_iter()
        .map(|t| {
            let stems = stem_text(&t);
            let mut seen: Vec<&str> = stems.split(' ').collect();
            seen.sort_unstable();
            seen.dedup();
            for s in seen {
                *df.entry(s.to_owned()).or_default() += 1;
            }
            (t, stems)
        })
        .collect();
    Corpus { texts, df }
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

pub async fn build(
    store: &SqliteStore,
    corpus: &Corpus,
    n: usize,
    end: DateTime<Utc>,
) -> sqlx::Result<()> {
    let pool = store.pool();
    let started = Instant::now();
    let start_ms = (end - Duration::days(DAYS)).timestamp_millis();
    let step = (DAYS * 86_400_000) / n as i64;
    let mut rng = fastrand::Rng::with_seed(7);
    let mut conn = pool.acquire().await?;
    sqlx::query("PRAGMA synchronous = OFF")
        .execute(&mut *conn)
        .await?;
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
        &mut conn,
        "INSERT INTO sources (id, url, title, next_check_at, created_at, kind)",
        sources,
    )
    .await?;
    for chunk_start in (0..n).step_by(BATCH) {
        let ids: Vec<usize> = (chunk_start..(chunk_start + BATCH).min(n)).collect();
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        let picks: Vec<(i64, i64, usize, usize)> = ids
            .iter()
            .map(|i| {
                let id = *i as i64 + 1;
                let at = start_ms + *i as i64 * step - rng.i64(0..7_200_000);
                (
                    id,
                    at,
                    rng.usize(..corpus.texts.len()),
                    rng.usize(..CLAIMANTS.len()),
                )
            })
            .collect();
        let stories = picks
            .iter()
            .map(|(id, at, ..)| vec![Val::I(*id), Val::I(*id), Val::I(*at), Val::I(*at)])
            .collect();
        let head = "INSERT INTO stories (id, first_item_id, first_seen_at, last_seen_at)";
        insert_rows(&mut tx, head, stories).await?;
        let items = picks
            .iter()
            .map(|(id, at, t, c)| {
                let text: String = corpus.texts[*t].0.chars().take(100).collect();
                vec![
                    Val::I(*id),
                    Val::I(*c as i64 + 1),
                    Val::S(format!("b{id}")),
                    Val::S(format!("https://bench.example/{id}")),
                    Val::S(text),
                    Val::S("ru".into()),
                    Val::I(*at),
                    Val::I(*at),
                    Val::S(format!("h{id}")),
                    Val::I(*id),
                ]
            })
            .collect();
        let head = "INSERT INTO items (id, source_id, external_id, url, text, lang, published_at, \
                    fetched_at, content_hash, story_id)";
        insert_rows(&mut tx, head, items).await?;
        let claims = picks
            .iter()
            .map(|(id, at, _, c)| {
                let cat = if id % 5 < 2 { "refusal" } else { "losses" };
                vec![
                    Val::I(*id),
                    Val::I(*id),
                    Val::I(*id),
                    Val::S(cat.into()),
                    Val::S(CLAIMANTS[*c].into()),
                    Val::I(*at),
                ]
            })
            .collect();
        insert_rows(
            &mut tx,
            "INSERT INTO claims (id, story_id, item_id, category, claimant, claimed_at)",
            claims,
        )
        .await?;
        let fts = picks
            .iter()
            .map(|(id, _, t, _)| vec![Val::I(*id), Val::S(corpus.texts[*t].1.clone())])
            .collect();
        insert_rows(&mut tx, "INSERT INTO claims_fts (rowid, terms)", fts).await?;
        tx.commit().await?;
        if (chunk_start + BATCH).is_multiple_of(100_000) {
            eprintln!(
                "  {} claims stored ({:.0?})",
                chunk_start + BATCH,
                started.elapsed()
            );
        }
    }
    sqlx::query("PRAGMA optimize").execute(&mut *conn).await?;
    sqlx::query("INSERT INTO claims_fts (claims_fts) VALUES ('optimize')")
        .execute(&mut *conn)
        .await?;
    eprintln!("built {n} claims in {:.0?}", started.elapsed());
    Ok(())
}
