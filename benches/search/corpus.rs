//! The bench corpus, the same on both backends: pre-stemmed texts (real Russian Telegram posts
//! when `../shared/data` is present, generated Russian otherwise, plus generated Ukrainian and
//! English), and the claims drawn from them — two years, ids growing with time — from a fixed
//! seed, so SQLite and PostgreSQL hold the same rows.

use chrono::{DateTime, Duration, Utc};
use claimwatch::text::stem::stem_text;
use std::collections::HashMap;
use std::path::PathBuf;

pub const DAYS: i64 = 730;
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
pub const CLAIMANTS: &[&str] = &[
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

/// One claim to store (with its story and item, all three sharing `id`).
pub struct Pick {
    pub id: i64,
    /// Claimed, first seen and published at, in milliseconds since the epoch.
    pub at_ms: i64,
    /// Index into [`Corpus::texts`].
    pub text: usize,
    /// Index into [`CLAIMANTS`] (its source is `claimant + 1`).
    pub claimant: usize,
}

impl Pick {
    pub fn category(&self) -> &'static str {
        if self.id % 5 < 2 { "refusal" } else { "losses" }
    }

    /// The item's text: the first 100 characters of the source text.
    pub fn item_text(&self, corpus: &Corpus) -> String {
        corpus.texts[self.text].0.chars().take(100).collect()
    }
}

/// The first claim's time, in milliseconds.
pub fn start_ms(end: DateTime<Utc>) -> i64 {
    (end - Duration::days(DAYS)).timestamp_millis()
}

/// `n` claims evenly spread over [`DAYS`] days before `end` (each up to two hours early), in
/// id order, from a fixed seed.
pub fn picks(corpus: &Corpus, n: usize, end: DateTime<Utc>) -> Vec<Pick> {
    let start = start_ms(end);
    let step = (DAYS * 86_400_000) / n.max(1) as i64;
    let mut rng = fastrand::Rng::with_seed(7);
    (0..n)
        .map(|i| Pick {
            id: i as i64 + 1,
            at_ms: start + i as i64 * step - rng.i64(0..7_200_000),
            text: rng.usize(..corpus.texts.len()),
            claimant: rng.usize(..CLAIMANTS.len()),
        })
        .collect()
}
