//! The pairwise evaluation of `tests/cluster_eval.rs`: loading the labelled rows, running
//! them through `cluster --jsonl`'s code, gold groups and pair counts.

use chrono::{DateTime, TimeZone, Utc};
use claimwatch::cluster::Tuning;
use claimwatch::config::ClusterConfig;
use std::collections::HashMap;

/// Pairs the labels leave apart that are one report, found by reading every same-language
/// pair with tf-idf cosine ≥ 0.33 or word Jaccard ≥ 0.35. Only for the table of documented
/// corrections; the floors are checked on the labels as given.
pub const CORRECTIONS: &[(&str, &str, &str)] = &[
    (
        "nk_1001101170442_271250",
        "nk_1001394050290_195068",
        "the same post about Syrian air strikes, word for word, in two channels 16 minutes apart",
    ),
    (
        "nk_1001166834860_129126",
        "nk_1001394050290_195082",
        "the same Zelensky quote on NATO and article 5; one post adds a sentence",
    ),
    (
        "nk_1001003921752_72983",
        "nk_1001166834860_127978",
        "the same mine accident at Tashtagolskaya, two channels 23 minutes apart",
    ),
    (
        "hoot_483604418435878143",
        "hoot_6620170533274999736",
        "one AP live page's lead under two headlines (the headlines tell different entries)",
    ),
];

#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub lang: String,
    pub text: String,
    pub cluster: Option<String>,
    pub source: String,
}

pub fn load(path: &std::path::Path) -> Vec<Row> {
    let body = std::fs::read_to_string(path).expect("read dev_labeled.jsonl");
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            let s = |k: &str| v[k].as_str().unwrap_or("").to_owned();
            Row {
                id: s("id"),
                lang: s("lang"),
                text: s("text"),
                cluster: v["story_cluster"].as_str().map(str::to_owned),
                source: s("source"),
            }
        })
        .collect()
}

fn field<'a>(source: &'a str, key: &str) -> Option<&'a str> {
    source
        .split_whitespace()
        .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))
}

/// The one instant undated items are placed at.
fn undated() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap()
}

fn published(row: &Row, dated: bool) -> DateTime<Utc> {
    field(&row.source, "date")
        .filter(|_| dated)
        .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(undated)
}

fn url(row: &Row) -> Option<String> {
    field(&row.source, "url").map(str::to_owned).or_else(|| {
        row.source.starts_with("http").then(|| {
            row.source
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_owned()
        })
    })
}

/// Telegram channel id, or the site's host; the item's own id when neither is known.
fn source_key(row: &Row) -> String {
    if let Some(file) = row
        .source
        .split_whitespace()
        .find(|w| w.ends_with("_messages.json"))
    {
        return file.to_owned();
    }
    url(row)
        .and_then(|u| {
            url::Url::parse(&u)
                .ok()?
                .host_str()
                .map(|h| h.trim_start_matches("www.").to_owned())
        })
        .unwrap_or_else(|| row.id.clone())
}

/// Runs the rows, in publication order, through `cluster --jsonl`'s code (claims from the
/// classifier included); returns each row's story.
pub fn run(rows: &[Row], cfg: &ClusterConfig, tuning: Tuning, dated: bool) -> Vec<String> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| (published(&rows[i], dated), i));
    let mut input = String::new();
    for &i in &order {
        let r = &rows[i];
        let mut v = serde_json::json!({
            "id": r.id,
            "text": r.text,
            "lang": r.lang,
            "published": published(r, dated).to_rfc3339(),
            "source": source_key(r),
        });
        if let Some(u) = url(r) {
            v["url"] = serde_json::Value::String(u);
        }
        input.push_str(&v.to_string());
        input.push('\n');
    }
    let mut out = Vec::new();
    claimwatch::cli::cluster_jsonl_with(cfg, tuning, input.as_bytes(), &mut out)
        .expect("cluster --jsonl");
    let mut story: HashMap<String, String> = HashMap::new();
    for l in String::from_utf8(out).expect("UTF-8 output").lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("an output line is JSON");
        let id = v["id"].as_str().expect("id").to_owned();
        let s = v["story"].as_str().expect("story, not an error").to_owned();
        story.insert(id, s);
    }
    rows.iter()
        .map(|r| story.get(&r.id).cloned().expect("a story for every row"))
        .collect()
}

#[derive(Default, Clone, Copy, Debug)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            f64::from(self.tp) / f64::from(self.tp + self.fp)
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            f64::from(self.tp) / f64::from(self.tp + self.fn_)
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Gold groups: the labelled cluster, else the item alone; with `corrected`, the pairs of
/// [`CORRECTIONS`] merged.
pub fn gold(rows: &[Row], corrected: bool) -> Vec<usize> {
    let mut group: Vec<usize> = (0..rows.len()).collect();
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(c) = &r.cluster {
            group[i] = *first.entry(c.as_str()).or_insert(i);
        }
    }
    if corrected {
        let index: HashMap<&str, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        for (a, b, _) in CORRECTIONS {
            let (ga, gb) = (group[index[a]], group[index[b]]);
            for g in group.iter_mut() {
                if *g == gb {
                    *g = ga;
                }
            }
        }
    }
    group
}

fn headline(text: &str) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    first.chars().take(60).collect()
}

/// (same-language, cross-language) pair counts, and the same-language mistakes.
pub fn score(rows: &[Row], story: &[String], gold: &[usize]) -> (Counts, Counts, Vec<String>) {
    let (mut same, mut cross, mut mistakes) = (Counts::default(), Counts::default(), Vec::new());
    for i in 0..rows.len() {
        for j in i + 1..rows.len() {
            let (g, p) = (gold[i] == gold[j], story[i] == story[j]);
            let same_lang = rows[i].lang == rows[j].lang;
            let c = if same_lang { &mut same } else { &mut cross };
            match (g, p) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                _ => {}
            }
            if same_lang && g != p {
                let kind = if p { "FP" } else { "FN" };
                mistakes.push(format!(
                    "{kind} {} {} | {} | {}",
                    rows[i].id,
                    rows[j].id,
                    headline(&rows[i].text),
                    headline(&rows[j].text)
                ));
            }
        }
    }
    (same, cross, mistakes)
}

pub fn line(name: &str, c: Counts) -> String {
    format!(
        "{name:<46} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_
    )
}

/// The words of a text, lowercase, letters and digits only, joined by single spaces.
fn words(text: &str) -> String {
    let mut out = String::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Same-language pairs the labels leave apart although one text is the other, or is word for
/// word inside it (at least eight words): reposts any clusterer must fold, so each is a false
/// join on the labels as given.
pub fn copies_left_apart(rows: &[Row], gold: &[usize]) -> Vec<(usize, usize)> {
    let w: Vec<String> = rows.iter().map(|r| words(&r.text)).collect();
    let mut out = Vec::new();
    for i in 0..rows.len() {
        for j in i + 1..rows.len() {
            if rows[i].lang != rows[j].lang || gold[i] == gold[j] {
                continue;
            }
            let (short, long) = if w[i].len() <= w[j].len() {
                (&w[i], &w[j])
            } else {
                (&w[j], &w[i])
            };
            let inside = long.match_indices(short.as_str()).any(|(at, _)| {
                let end = at + short.len();
                (at == 0 || long.as_bytes()[at - 1] == b' ')
                    && (end == long.len() || long.as_bytes()[end] == b' ')
            });
            if short.split(' ').count() >= 8 && inside {
                out.push((i, j));
            }
        }
    }
    out
}
