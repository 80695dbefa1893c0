//! `claimwatch cluster --jsonl` end to end over the 22,099 real Russian Telegram posts of
//! `../shared/data/texts/ru_telegram_raw/`, in time order: JSON lines in, each line parsed,
//! classified (claims are evidence) and assigned a story, JSON lines out — the code the
//! command runs, on an in-memory buffer. Prints items/s by wall clock and by time on the CPU
//! (the machine is shared).
//!
//! Run: `cargo bench --bench cluster_jsonl`. Skipped with a notice when the shared data is
//! absent.

use claimwatch::cli::cluster::cluster_jsonl;
use claimwatch::config::ClusterConfig;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

/// The posts as `cluster --jsonl` input lines, oldest first.
fn input() -> Option<(String, usize)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/texts/ru_telegram_raw");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "NOTICE: {} is absent; cluster_jsonl bench skipped",
            dir.display()
        );
        return None;
    };
    let mut posts: Vec<(String, serde_json::Value)> = Vec::new();
    for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
        let source = path.file_name()?.to_string_lossy().into_owned();
        let body = std::fs::read_to_string(&path).ok()?;
        let Ok(serde_json::Value::Array(msgs)) = serde_json::from_str(&body) else {
            continue;
        };
        for m in msgs {
            let date = m["date"].as_str().unwrap_or("").to_owned();
            let line = serde_json::json!({
                "id": format!("{source}-{}", m["message_id"]),
                "text": m["text"],
                "published": date,
                "source": source,
                "lang": "ru",
            });
            posts.push((date, line));
        }
    }
    posts.sort_by(|a, b| a.0.cmp(&b.0));
    let n = posts.len();
    let text: String = posts
        .into_iter()
        .map(|(_, l)| l.to_string() + "\n")
        .collect();
    Some((text, n))
}

fn cpu_ns() -> Option<u128> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: u128 =
        fields.get(11)?.parse::<u128>().ok()? + fields.get(12)?.parse::<u128>().ok()?;
    Some(ticks * 10_000_000)
}

fn run(cfg: &ClusterConfig, text: &str) -> usize {
    let mut out = Vec::with_capacity(text.len() / 8);
    cluster_jsonl(cfg, text.as_bytes(), &mut out).expect("in-memory I/O");
    out.len()
}

fn bench(c: &mut Criterion) {
    let Some((text, n)) = input() else { return };
    let cfg = ClusterConfig::default();
    let started = Instant::now();
    let cpu = cpu_ns();
    black_box(run(&cfg, &text));
    let secs = started.elapsed().as_secs_f64();
    let cpu_secs = cpu.zip(cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e9);
    println!(
        "cluster --jsonl: {n} real posts in {secs:.2} s wall = {:.0} items/s; on CPU {} s = {} items/s",
        n as f64 / secs,
        cpu_secs.map_or("?".into(), |c| format!("{c:.2}")),
        cpu_secs.map_or("?".into(), |c| format!("{:.0}", n as f64 / c)),
    );
    let mut group = c.benchmark_group("cluster_jsonl");
    group.throughput(Throughput::Elements(n as u64));
    group.sample_size(10);
    group.bench_function("real_posts", |b| {
        b.iter(|| black_box(run(&cfg, black_box(&text))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
