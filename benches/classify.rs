//! Classify + extract throughput on the 22,099 real Russian Telegram posts in
//! `../shared/data/texts/ru_telegram_raw/` (skipped with a notice when the data is absent).
//! Single-threaded: one `classify` call after another. Prints items/s, by the wall clock and
//! by the thread's own CPU time (on a shared machine other processes inflate the wall clock;
//! the CPU figure is what one core does).

use claimwatch::classify::{ClassifyInput, classify};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::Path;
use std::time::{Duration, Instant};

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

/// This thread's CPU time so far (Linux: `/proc/thread-self/schedstat`), if readable.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn bench(c: &mut Criterion) {
    let Some(posts) = load_posts().filter(|p| !p.is_empty()) else {
        eprintln!("NOTICE: ../shared/data/texts/ru_telegram_raw is absent; classify bench skipped");
        return;
    };
    // Warm the lexicon, then report plain single-threaded figures: the best of three passes.
    classify_all(&posts[..posts.len().min(100)]);
    let n = posts.len() as f64;
    let (mut best_wall, mut best_cpu, mut claims) = (f64::MAX, f64::MAX, 0);
    for _ in 0..3 {
        let (start, cpu_start) = (Instant::now(), thread_cpu());
        claims = classify_all(&posts);
        best_wall = best_wall.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu()) {
            best_cpu = best_cpu.min((b - a).as_secs_f64());
        }
    }
    println!("classify: {} posts, {claims} claims", posts.len());
    println!(
        "  wall clock: {:.0} items/s ({:.1} µs/item)",
        n / best_wall,
        best_wall * 1e6 / n
    );
    if best_cpu < f64::MAX {
        println!(
            "  one core (thread CPU time): {:.0} items/s ({:.1} µs/item)",
            n / best_cpu,
            best_cpu * 1e6 / n
        );
    }
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(posts.len() as u64));
    group.sample_size(10);
    group.bench_function("ru_telegram_raw", |b| b.iter(|| classify_all(&posts)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
