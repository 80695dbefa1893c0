//! Story clustering measured on the real labelled texts in
//! `../shared/data/texts/dev_labeled.jsonl`: pairwise precision, recall and F1 of "these two
//! items tell one story", for pairs in the same language and, apart, across languages. Items
//! without a `story_cluster` are singletons. Skipped, with a notice, when the shared data is
//! absent.
//!
//! The items go through `claimwatch cluster --jsonl`'s own code (`cli::cluster_jsonl_with`),
//! so the classifier's claims count as they do in the product. Published times: Telegram
//! posts carry theirs (`date=` in `source`); the other items carry none and are all placed at
//! one instant — the hardest case for them.
//!
//! Issue 14 asks for P ≥ 0.95 and R ≥ 0.85 on same-language pairs of the labels as given:
//! printed, not yet met (the misses are English headlines of one topic told in other words),
//! so the assertions are regression floors at the measured level. Across languages it asks
//! for no wrong join and every uk/ru/en pair found: asserted.

mod pairs;
mod robust;

use claimwatch::cluster::Tuning;
use claimwatch::config::ClusterConfig;
use pairs::{Counts, Row, copies_left_apart, gold, line, load, run, score};

/// Issue 14's floors for same-language pairs, on the labels as given (reported).
const ISSUE_PRECISION: f64 = 0.95;
const ISSUE_RECALL: f64 = 0.85;
/// Regression floors on the labels as given: the measured level, less a small margin.
const FLOOR_PRECISION: f64 = 0.82;
const FLOOR_F1: f64 = 0.79;
/// Without publication times every item shares one instant; precision must hold up.
const FLOOR_PRECISION_ONE_INSTANT: f64 = 0.77;
/// Every threshold moved by ±10 % keeps precision at least here.
const FLOOR_PRECISION_MOVED: f64 = 0.80;
/// With the documented corrections of `pairs::CORRECTIONS`.
const FLOOR_PRECISION_CORRECTED: f64 = 0.94;
const FLOOR_F1_CORRECTED: f64 = 0.85;

/// The languages the issue asks every cross-language pair found in (the set has Polish too).
const CROSS_LANGUAGES: [&str; 3] = ["en", "ru", "uk"];

/// The same-language and cross-language counts over the rows in `codes` only.
fn within(rows: &[Row], story: &[String], gold: &[usize], codes: &[&str]) -> (Counts, Counts) {
    let keep: Vec<usize> = (0..rows.len())
        .filter(|&i| codes.contains(&rows[i].lang.as_str()))
        .collect();
    let sub: Vec<Row> = keep.iter().map(|&i| rows[i].clone()).collect();
    let s: Vec<String> = keep.iter().map(|&i| story[i].clone()).collect();
    let g: Vec<usize> = keep.iter().map(|&i| gold[i]).collect();
    let (same, cross, _) = score(&sub, &s, &g);
    (same, cross)
}

fn per_language(rows: &[Row], story: &[String], gold: &[usize], code: &str) -> Counts {
    within(rows, story, gold, &[code]).0
}

/// The pairwise counts of every run the test measures, labels as given unless named.
struct Scores {
    same: Counts,
    cross: Counts,
    /// Cross-language pairs between uk, ru and en items only.
    cross_three: Counts,
    mistakes: Vec<String>,
    same_corrected: Counts,
    same_instant: Counts,
    instant_mistakes: Vec<String>,
    same_minhash: Counts,
}

/// Clusters the rows with publication times, at one instant and with MinHash only, and scores
/// each run; returns the dated run's stories too.
fn score_every_run(rows: &[Row], as_given: &[usize], corrected: &[usize]) -> (Vec<String>, Scores) {
    let cfg = ClusterConfig::default();
    let story = run(rows, &cfg, Tuning::default(), true);
    let (same, cross, mistakes) = score(rows, &story, as_given);
    let cross_three = within(rows, &story, as_given, &CROSS_LANGUAGES).1;
    let (same_corrected, _, _) = score(rows, &story, corrected);
    let instant = run(rows, &cfg, Tuning::default(), false);
    let (same_instant, _, instant_mistakes) = score(rows, &instant, as_given);
    let minhash_only = Tuning {
        text_similarity: false,
        ..Tuning::default()
    };
    let (same_minhash, _, _) = score(rows, &run(rows, &cfg, minhash_only, true), as_given);
    let scores = Scores {
        same,
        cross,
        cross_three,
        mistakes,
        same_corrected,
        same_instant,
        instant_mistakes,
        same_minhash,
    };
    (story, scores)
}

/// Prints the quality of each run and each language's; returns the per-language counts.
fn print_quality(
    rows: &[Row],
    story: &[String],
    as_given: &[usize],
    sc: &Scores,
) -> Vec<(&'static str, Counts)> {
    println!(
        "cluster quality on dev_labeled.jsonl ({} items), pairwise, labels as given:",
        rows.len()
    );
    println!("{}", line("same language", sc.same));
    let mut langs = Vec::new();
    for code in ["en", "ru", "uk"] {
        let c = per_language(rows, story, as_given, code);
        println!("{}", line(&format!("  {code} only"), c));
        langs.push((code, c));
    }
    println!("{}", line("cross language (reported apart)", sc.cross));
    println!("{}", line("  between uk, ru and en only", sc.cross_three));
    println!(
        "{}",
        line("same language, every item at one instant", sc.same_instant)
    );
    println!(
        "{}",
        line(
            "same language, MinHash near-duplicates only",
            sc.same_minhash
        )
    );
    print_mistakes(sc);
    langs
}

/// Prints the same-language mistakes, then the false joins only the one-instant run makes.
fn print_mistakes(sc: &Scores) {
    println!("mistakes (same language):");
    for m in &sc.mistakes {
        println!("  {m}");
    }
    println!("more false joins with every item at one instant:");
    for m in sc
        .instant_mistakes
        .iter()
        .filter(|m| m.starts_with("FP") && !sc.mistakes.contains(m))
    {
        println!("  {m}");
    }
}

/// Reposts the labels leave apart: a false join each for any clusterer that folds copies.
/// Each must be one story.
fn copies_are_one_story(rows: &[Row], story: &[String], as_given: &[usize], same: Counts) {
    let copies = copies_left_apart(rows, as_given);
    let positives = same.tp + same.fn_;
    println!(
        "copies the labels leave apart: {} — with them folded, P ≤ {:.3} even with all {positives} labelled pairs found",
        copies.len(),
        f64::from(positives) / f64::from(positives + copies.len() as u32)
    );
    for &(i, j) in &copies {
        println!("  {} {}", rows[i].id, rows[j].id);
        assert_eq!(story[i], story[j], "a copy is one story: {}", rows[j].id);
    }
}

/// Prints the runs with thresholds moved and the text threshold's grid; returns the moved runs.
fn print_robustness(rows: &[Row], as_given: &[usize]) -> Vec<(String, Counts)> {
    println!("thresholds moved by ±10 %, labels as given:");
    let moved = robust::sensitivity(rows, as_given);
    for (name, c) in &moved {
        println!("{}", line(&format!("  {name}"), *c));
    }
    println!("text threshold, labels as given:");
    let runs = robust::grid_runs(rows, as_given);
    for (t, c) in robust::grid_counts(&runs) {
        println!("{}", line(&format!("  text cosine {t:.2}"), c));
    }
    let (loco, chosen) = robust::leave_one_cluster_out(rows, &runs);
    println!(
        "{}",
        line("text threshold chosen leaving each story out", loco)
    );
    println!("  thresholds chosen: {chosen:?}");
    moved
}

/// The regression floors, on the labels as given, languages apart, across languages, at one
/// instant, MinHash only, with thresholds moved and with the corrections.
fn assert_floors(sc: &Scores, langs: &[(&str, Counts)], moved: &[(String, Counts)]) {
    let (same, cross) = (sc.same, sc.cross);
    assert!(
        same.precision() >= FLOOR_PRECISION && same.f1() >= FLOOR_F1,
        "{}",
        line("below the floors", same)
    );
    for (code, c) in langs {
        if *code != "en" {
            assert_eq!(c.fn_, 0, "{}", line(&format!("{code}: missed pairs"), *c));
        }
    }
    assert_eq!(cross.fp, 0, "{}", line("wrong cross-language joins", cross));
    // The uk–ru pair is one article's two translations on one site (`/ukr/…`, `/rus/…`); the
    // ru–pl pair (one report retold in Polish) is outside the languages claimwatch reads.
    let three = sc.cross_three;
    assert!(
        three.tp >= 1 && three.fn_ == 0,
        "{}",
        line("uk/ru/en cross-language pairs missed", three)
    );
    assert!(
        sc.same_instant.precision() >= FLOOR_PRECISION_ONE_INSTANT,
        "{}",
        line("one-instant precision below floor", sc.same_instant)
    );
    assert!(
        sc.same_minhash.precision() >= FLOOR_PRECISION_MOVED,
        "{}",
        line("MinHash-only precision below floor", sc.same_minhash)
    );
    for (name, c) in moved {
        assert!(
            c.precision() >= FLOOR_PRECISION_MOVED,
            "{}",
            line(&format!("precision with {name}"), *c)
        );
    }
    assert!(
        sc.same_corrected.precision() >= FLOOR_PRECISION_CORRECTED
            && sc.same_corrected.f1() >= FLOOR_F1_CORRECTED,
        "{}",
        line("below the floors with the corrections", sc.same_corrected)
    );
}

#[test]
fn same_language_pairs_meet_the_floors() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let rows = load(&data.join("texts/dev_labeled.jsonl"));
    assert!(rows.len() > 400, "dev set too small: {}", rows.len());
    let as_given = gold(&rows, false);
    let corrected = gold(&rows, true);
    let (story, sc) = score_every_run(&rows, &as_given, &corrected);
    let langs = print_quality(&rows, &story, &as_given, &sc);
    copies_are_one_story(&rows, &story, &as_given, sc.same);

    println!(
        "{}",
        line("same language, documented corrections", sc.same_corrected)
    );
    for (a, b, why) in pairs::CORRECTIONS {
        println!("  {a} {b}: {why}");
    }
    let moved = print_robustness(&rows, &as_given);

    let met = sc.same.precision() >= ISSUE_PRECISION && sc.same.recall() >= ISSUE_RECALL;
    println!(
        "issue 14 (P ≥ {ISSUE_PRECISION}, R ≥ {ISSUE_RECALL}, same language, labels as given): {}",
        if met { "met" } else { "NOT met" }
    );
    assert_floors(&sc, &langs, &moved);
}
