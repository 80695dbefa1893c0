//! Clustering throughput and memory on 100,000 items: the 22,099 real Russian Telegram posts
//! of `../shared/data/texts/ru_telegram_raw/` at their real times, plus near-copies made from
//! them by edits (words swapped, dropped and inserted, boilerplate appended, links changed),
//! each posted by another channel up to 36 hours after its original, so the 72-hour window
//! holds up to ~10,000 items at once. Prints items/s by wall clock and by time on the CPU
//! (the machine is shared), the state's size (counted from its tables), the process's
//! resident memory before and after clustering and its peak, and how many copies found their
//! original's story.
//!
//! Run: `cargo bench --bench cluster`. Skipped with a notice when the shared data is absent.

use chrono::{DateTime, Duration, Utc};
use claimwatch::cluster::Settings;
use claimwatch::cluster::{Assignment, ClusterDoc, Clusterer};
use claimwatch::model::Lang;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

const TOTAL: usize = 100_000;

struct Post {
    text: String,
    channel: String,
    source: i64,
    published: DateTime<Utc>,
    /// For a copy: the index of its original.
    copy_of: Option<usize>,
}

fn load_posts(dir: &Path) -> Vec<Post> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let mut posts = Vec::new();
    for (source, path) in files.iter().enumerate() {
        let Ok(body) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(serde_json::Value::Array(msgs)) = serde_json::from_str(&body) else {
            continue;
        };
        for m in msgs {
            let (Some(text), Some(date)) = (m["text"].as_str(), m["date"].as_str()) else {
                continue;
            };
            let Ok(published) = DateTime::parse_from_rfc3339(date) else {
                continue;
            };
            posts.push(Post {
                text: text.to_owned(),
                channel: m["channel"].as_str().unwrap_or("").to_owned(),
                source: source as i64,
                published: published.with_timezone(&Utc),
                copy_of: None,
            });
        }
    }
    posts
}

const INSERTS: &[&str] = &[
    "срочно",
    "сообщают",
    "по данным источников",
    "напомним",
    "как стало известно",
    "официально",
    "подробности",
];
const BOILERPLATE: &[&str] = &[
    "👉 Подписывайтесь на наш канал",
    "Прислать новость: @news_bot",
    "Источник: открытые источники",
    "⚡️ Больше новостей — в нашем канале https://t.me/example_news",
];

/// A near-copy of `text`: a few word edits, maybe a boilerplate line, links replaced.
fn edit(text: &str, rng: &mut fastrand::Rng) -> String {
    let mut words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            if w.contains("http") || w.contains("t.me/") {
                format!("https://t.me/c{}", rng.u32(..))
            } else {
                w.to_owned()
            }
        })
        .collect();
    for _ in 0..rng.usize(1..=4) {
        if words.len() < 3 {
            break;
        }
        let i = rng.usize(..words.len() - 1);
        match rng.u8(..3) {
            0 => words.swap(i, i + 1),
            1 => {
                words.remove(i);
            }
            _ => words.insert(i, INSERTS[rng.usize(..INSERTS.len())].to_owned()),
        }
    }
    let mut out = words.join(" ");
    if rng.bool() {
        out.push('\n');
        out.push_str(BOILERPLATE[rng.usize(..BOILERPLATE.len())]);
    }
    out
}

fn corpus() -> Option<Vec<Post>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/texts/ru_telegram_raw");
    let mut posts = load_posts(&dir);
    if posts.is_empty() {
        eprintln!(
            "NOTICE: {} is absent; skipping the cluster bench",
            dir.display()
        );
        return None;
    }
    let originals = posts.len();
    let mut rng = fastrand::Rng::with_seed(5);
    while posts.len() < TOTAL {
        let i = rng.usize(..originals);
        let copy = Post {
            text: edit(&posts[i].text, &mut rng),
            channel: format!("copier{}", rng.u32(..200)),
            source: 1000 + i64::from(rng.u32(..200)),
            published: posts[i].published + Duration::minutes(rng.i64(0..36 * 60)),
            copy_of: Some(i),
        };
        posts.push(copy);
    }
    let mut order: Vec<usize> = (0..posts.len()).collect();
    order.sort_by_key(|&i| (posts[i].published, i));
    let mut slots: Vec<Option<Post>> = posts.into_iter().map(Some).collect();
    let mut new_index = vec![0usize; slots.len()];
    for (n, &i) in order.iter().enumerate() {
        new_index[i] = n;
    }
    let mut sorted: Vec<Post> = order.iter().filter_map(|&i| slots[i].take()).collect();
    for p in &mut sorted {
        p.copy_of = p.copy_of.map(|i| new_index[i]);
    }
    Some(sorted)
}

/// Clusters every post; returns the story of each and the largest state size seen.
fn cluster_all(posts: &[Post]) -> (Vec<i64>, usize) {
    let mut c = Clusterer::new(&Settings::default());
    let mut stories = Vec::with_capacity(posts.len());
    let mut peak = 0;
    for (i, p) in posts.iter().enumerate() {
        let names = [p.channel.as_str()];
        let doc = ClusterDoc {
            key: i as i64,
            source_id: p.source,
            source_names: &names,
            title: "",
            text: &p.text,
            url: None,
            published: p.published,
            lang: Lang::Ru,
            forwarded_from: None,
            claims: &[],
        };
        let story = match c.assign(&doc) {
            Assignment::Join { story, .. } => story,
            Assignment::New => {
                c.record(&doc, i as i64);
                i as i64
            }
        };
        stories.push(story);
        if i % 5_000 == 4_999 {
            peak = peak.max(c.memory_bytes());
        }
    }
    (stories, peak.max(c.memory_bytes()))
}

/// Nanoseconds this thread has run on a CPU (the first field of its schedstat): unlike wall
/// time, not inflated when other processes share the two cores.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// A memory figure of this process from /proc/self/status ("VmHWM:" peak, "VmRSS:" now).
fn vm_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bench(c: &mut Criterion) {
    let Some(posts) = corpus() else { return };
    let rss_before = vm_kib("VmRSS:");
    let started = Instant::now();
    let cpu_before = cpu_ns();
    let (stories, peak_state) = cluster_all(&posts);
    let secs = started.elapsed().as_secs_f64();
    let cpu_secs = cpu_before.zip(cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e9);
    let copies: Vec<(usize, usize)> = posts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i, p.copy_of?)))
        .collect();
    let found = copies
        .iter()
        .filter(|(i, o)| stories[*i] == stories[*o])
        .count();
    let distinct = {
        let mut s = stories.clone();
        s.sort_unstable();
        s.dedup();
        s.len()
    };
    println!(
        "cluster: {} items in {secs:.2} s wall = {:.0} items/s; on CPU {} s = {} items/s; \
         state peak {:.1} MiB; RSS {} KiB before clustering, {} KiB after, VmHWM {} KiB; \
         {distinct} stories; \
         copies with their original's story: {found}/{} ({:.1} %)",
        posts.len(),
        posts.len() as f64 / secs,
        cpu_secs.map_or("?".into(), |c| format!("{c:.2}")),
        cpu_secs.map_or("?".into(), |c| format!("{:.0}", posts.len() as f64 / c)),
        peak_state as f64 / (1024.0 * 1024.0),
        rss_before.map_or("?".into(), |k| k.to_string()),
        vm_kib("VmRSS:").map_or("?".into(), |k| k.to_string()),
        vm_kib("VmHWM:").map_or("?".into(), |k| k.to_string()),
        copies.len(),
        100.0 * found as f64 / copies.len().max(1) as f64,
    );
    let mut group = c.benchmark_group("cluster");
    group.throughput(Throughput::Elements(posts.len() as u64));
    group.sample_size(10);
    group.bench_function("assign_100k", |b| {
        b.iter(|| black_box(cluster_all(black_box(&posts))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
