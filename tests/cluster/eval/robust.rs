//! How much the measured quality depends on the chosen thresholds: each threshold moved ±10 %,
//! and the text threshold chosen with one labelled story left out at a time.

use super::pairs::{Counts, Row, run, score};
use claimwatch::cluster::Tuning;
use claimwatch::config::ClusterConfig;
use std::collections::HashSet;
use std::time::Duration;

/// One variant of the thresholds: its name, config and tuning.
pub struct Variant {
    pub name: String,
    pub cfg: ClusterConfig,
    pub tuning: Tuning,
}

fn scaled(d: Duration, f: f64) -> Duration {
    Duration::from_secs_f64(d.as_secs_f64() * f)
}

/// The defaults, then each threshold at 90 % and 110 % of its default. The forwarded-post
/// thresholds are left out: the labelled texts carry no forwards.
pub fn variants() -> Vec<Variant> {
    let (cfg, t) = (ClusterConfig::default(), Tuning::default());
    let mut out = vec![Variant {
        name: "defaults".into(),
        cfg: cfg.clone(),
        tuning: t.clone(),
    }];
    for f in [0.9, 1.1] {
        let pct = if f < 1.0 { "-10%" } else { "+10%" };
        out.push(Variant {
            name: format!("text cosine {:.3} ({pct})", f64::from(t.text_threshold) * f),
            cfg: cfg.clone(),
            tuning: Tuning {
                text_threshold: t.text_threshold * f as f32,
                ..t.clone()
            },
        });
        out.push(Variant {
            name: format!("near-duplicate Jaccard {:.2} ({pct})", cfg.threshold * f),
            cfg: ClusterConfig {
                threshold: cfg.threshold * f,
                ..cfg.clone()
            },
            tuning: t.clone(),
        });
        out.push(Variant {
            name: format!("same-source Jaccard {:.2} ({pct})", t.same_source_near * f),
            cfg: cfg.clone(),
            tuning: Tuning {
                same_source_near: (t.same_source_near * f).min(1.0),
                ..t.clone()
            },
        });
        out.push(Variant {
            name: format!(
                "late text cosine {:.2} ({pct})",
                f64::from(t.late_text_threshold) * f
            ),
            cfg: cfg.clone(),
            tuning: Tuning {
                late_text_threshold: t.late_text_threshold * f as f32,
                ..t.clone()
            },
        });
        out.push(Variant {
            name: format!(
                "late after {:.1} h ({pct})",
                scaled(t.late_after, f).as_secs_f64() / 3600.0
            ),
            cfg: cfg.clone(),
            tuning: Tuning {
                late_after: scaled(t.late_after, f),
                ..t.clone()
            },
        });
        out.push(Variant {
            name: format!(
                "period claim span {:.1} h ({pct})",
                scaled(t.period_claim_span, f).as_secs_f64() / 3600.0
            ),
            cfg: cfg.clone(),
            tuning: Tuning {
                period_claim_span: scaled(t.period_claim_span, f),
                ..t.clone()
            },
        });
        out.push(Variant {
            name: format!(
                "claim span {:.1} h ({pct})",
                scaled(t.claim_span, f).as_secs_f64() / 3600.0
            ),
            cfg: cfg.clone(),
            tuning: Tuning {
                claim_span: scaled(t.claim_span, f),
                ..t.clone()
            },
        });
    }
    out
}

/// A same-language pair that counts: (i, j, in one gold story, in one predicted story).
pub type Pair = (usize, usize, bool, bool);

/// The same-language pairs that are in one story by the labels or by the clusterer (the
/// others count for nothing).
fn counted_pairs(rows: &[Row], story: &[String], gold: &[usize]) -> Vec<Pair> {
    let mut out = Vec::new();
    for i in 0..rows.len() {
        for j in i + 1..rows.len() {
            let (g, p) = (gold[i] == gold[j], story[i] == story[j]);
            if (g || p) && rows[i].lang == rows[j].lang {
                out.push((i, j, g, p));
            }
        }
    }
    out
}

fn counts_where(pairs: &[Pair], keep: impl Fn(usize, usize) -> bool) -> Counts {
    let mut c = Counts::default();
    for &(i, j, g, p) in pairs {
        if keep(i, j) {
            match (g, p) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                _ => {}
            }
        }
    }
    c
}

/// Text thresholds tried when choosing one.
pub const GRID: [f32; 11] = [
    0.25, 0.27, 0.29, 0.31, 0.33, 0.35, 0.37, 0.39, 0.41, 0.43, 0.45,
];

/// The counted pairs of a run at each text threshold of [`GRID`].
pub fn grid_runs(rows: &[Row], gold: &[usize]) -> Vec<Vec<Pair>> {
    let cfg = ClusterConfig::default();
    GRID.iter()
        .map(|t| {
            let tuning = Tuning {
                text_threshold: *t,
                ..Tuning::default()
            };
            counted_pairs(rows, &run(rows, &cfg, tuning, true), gold)
        })
        .collect()
}

/// Same-language counts at each text threshold of [`GRID`], from [`grid_runs`].
pub fn grid_counts(runs: &[Vec<Pair>]) -> Vec<(f32, Counts)> {
    GRID.iter()
        .zip(runs)
        .map(|(t, p)| (*t, counts_where(p, |_, _| true)))
        .collect()
}

/// Leave one labelled story out: for each labelled cluster, the text threshold of [`GRID`]
/// with the best F1 (then precision) on the pairs that touch none of its items is chosen, and
/// the pairs that touch its items are scored at that threshold; the sums over all clusters
/// (a pair touching two labelled stories counts for each), and the thresholds chosen. Pairs
/// that touch no labelled story are never held out and not counted.
pub fn leave_one_cluster_out(rows: &[Row], runs: &[Vec<Pair>]) -> (Counts, Vec<f32>) {
    let clusters: HashSet<&str> = rows.iter().filter_map(|r| r.cluster.as_deref()).collect();
    let mut clusters: Vec<&str> = clusters.into_iter().collect();
    clusters.sort_unstable();
    let mut total = Counts::default();
    let mut chosen = Vec::new();
    for c in clusters {
        let held = |i: usize| rows[i].cluster.as_deref() == Some(c);
        let rest: Vec<Counts> = runs
            .iter()
            .map(|p| counts_where(p, |i, j| !held(i) && !held(j)))
            .collect();
        let best = (0..GRID.len())
            .max_by(|&a, &b| {
                (rest[a].f1(), rest[a].precision())
                    .partial_cmp(&(rest[b].f1(), rest[b].precision()))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    // Equal scores: the lower threshold.
                    .then(b.cmp(&a))
            })
            .unwrap_or(0);
        chosen.push(GRID[best]);
        let held_out = counts_where(&runs[best], |i, j| held(i) || held(j));
        total.tp += held_out.tp;
        total.fp += held_out.fp;
        total.fn_ += held_out.fn_;
    }
    (total, chosen)
}

/// Same-language counts of each variant.
pub fn sensitivity(rows: &[Row], gold: &[usize]) -> Vec<(String, Counts)> {
    variants()
        .into_iter()
        .map(|v| {
            let story = run(rows, &v.cfg, v.tuning, true);
            (v.name, score(rows, &story, gold).0)
        })
        .collect()
}
