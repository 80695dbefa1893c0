//! Classify + extract throughput on the 22,099 real Russian Telegram posts in
//! `../shared/data/texts/ru_telegram_raw/` (skipped with a notice when the data is absent).
//! Single-threaded: one `classify` call after another. Prints items/s.

use claimwatch::classify::{ClassifyInput, classify};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::Path;
use std::time::Instant;

fn load_posts() -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/texts/ru_telegram_raw");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .collect();
    files.sort_by_key(|e| e.path());
    let mut posts = Vec::new();
    for entry in files {
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let Ok(serde_json::Value::Array(items)) = serde_json::from_slice(&bytes) else {
            continue;
        };
        posts.extend(
            items
                .iter()
                .filter_map(|m| m.get("text").and_then(|t| t.as_str()).map(str::to_owned)),
        );
    }
    Some(posts)
}

fn classify_all(posts: &[String]) -> usize {
    posts
        .iter()
        .map(|text| {
            classify(&ClassifyInput {
                title: "",
                text,
                lang: None,
            })
            .claims
            .len()
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let Some(posts) = load_posts().filter(|p| !p.is_empty()) else {
        eprintln!("NOTICE: ../shared/data/texts/ru_telegram_raw is absent; classify bench skipped");
        return;
    };
    // Warm the lexicon and report a plain single-threaded figure first.
    classify_all(&posts[..posts.len().min(100)]);
    let start = Instant::now();
    let claims = classify_all(&posts);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "classify: {} posts, {} claims, {:.0} items/s single-threaded ({:.1} µs/item)",
        posts.len(),
        claims,
        posts.len() as f64 / secs,
        secs * 1e6 / posts.len() as f64
    );
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(posts.len() as u64));
    group.sample_size(10);
    group.bench_function("ru_telegram_raw", |b| b.iter(|| classify_all(&posts)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
