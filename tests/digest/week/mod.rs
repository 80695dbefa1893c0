//! A real week, read as a reader would: the week 2024-11-13 … 2024-11-19 of
//! `../shared/data/texts/ru_telegram_raw/` served as one RSS feed per channel (dates shifted so
//! the week ends an hour ago, Telegram's emphasis markers removed as the t.me/s HTML would
//! be), polled by the real binary (`poll --once`), then `digest --print --since 7d`. Every
//! entry is mapped back to its posts by its links and scored against the project's labels
//! (`tests/fixtures/labels/week.jsonl`, stories per post): entries that are relevant, entries
//! that repeat a story already shown, and the relevant stories that reach the digest. The same
//! for the claims `/recent` would list over the week. Asserts the measured levels and prints
//! issue 14's floors (≥ 95 % relevant, ≤ 2 % repeats, ≥ 90 % of stories) as met or not.

mod feeds;
mod reader;
mod score;

use claimwatch::model::Lang;
use score::{Entry, Scores};
use std::path::Path;

/// Runs `claimwatch --config CONFIG args…` in `dir`; returns (success, stdout, stderr).
fn claimwatch(dir: &Path, config: &Path, args: &[&str]) -> (bool, String, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    cmd.current_dir(dir).arg("--config").arg(config).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") || k.starts_with("TELOXIDE_") {
            cmd.env_remove(k);
        }
    }
    let out = cmd
        .env("RUST_LOG", "warn")
        .output()
        .expect("run claimwatch");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The digest's entries: each bulleted block and the posts its links point to.
fn entries(digest: &str) -> Vec<Entry> {
    digest
        .split("\n\n")
        .flat_map(|block| block.split("\n• "))
        .filter(|b| b.contains("https://t.me/c/"))
        .map(|b| Entry {
            posts: feeds::linked_posts(b),
            text: b.chars().take(160).collect(),
        })
        .collect()
}

#[tokio::test]
async fn the_week_digest_and_recent_show_relevant_stories_once() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let labels = score::Labels::load();
    let dir = tempfile::tempdir().unwrap();
    let config = feeds::write_week(&data, dir.path());
    let (ok, out, err) = claimwatch(dir.path(), &config, &["poll", "--once"]);
    assert!(ok, "poll failed: {out}\n{err}");
    let (ok, digest, err) =
        claimwatch(dir.path(), &config, &["digest", "--print", "--since", "7d"]);
    assert!(ok, "digest failed: {err}");
    let digest_scores = Scores::of(&entries(&digest), &labels);
    println!("week digest: {digest_scores}\n{digest}");
    let recent = feeds::recent_entries(dir.path()).await;
    let recent_scores = Scores::of(&recent, &labels);
    println!("week /recent: {recent_scores}");
    for (name, s) in [("digest", &digest_scores), ("/recent", &recent_scores)] {
        let met = s.relevant_share() >= 0.95 && s.repeat_share() <= 0.02 && s.coverage() >= 0.90;
        println!(
            "issue 14's floors on the {name}: {}",
            if met { "met" } else { "not met" }
        );
    }
    // Regression floors at the measured level (see docs/stories.md).
    assert!(digest_scores.irrelevant == 0, "{digest_scores}");
    assert!(digest_scores.repeat_share() <= 0.07, "{digest_scores}");
    assert!(digest_scores.coverage() >= 0.90, "{digest_scores}");
    assert!(recent_scores.irrelevant == 0, "{recent_scores}");
    assert!(recent_scores.repeat_share() <= 0.07, "{recent_scores}");
    assert!(recent_scores.coverage() >= 0.90, "{recent_scores}");
}

#[tokio::test]
async fn the_week_reads_at_a_glance_in_each_readers_language() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = feeds::write_week(&data, dir.path());
    let (ok, out, err) = claimwatch(dir.path(), &config, &["poll", "--once"]);
    assert!(ok, "poll failed: {out}\n{err}");
    let posts = feeds::post_texts(&data);
    let url = format!("sqlite://{}", dir.path().join("week.db").display());
    let store = claimwatch::store::open(&url).await.unwrap();
    let since = chrono::Utc::now() - chrono::Duration::days(8);
    let claims = store.recent_claims(since, None, 1000).await.unwrap();
    store.close().await;
    for lang in [Lang::En, Lang::Uk, Lang::Ru] {
        let args = [
            "digest",
            "--print",
            "--since",
            "7d",
            "--lang",
            lang.as_str(),
        ];
        let (ok, digest, err) = claimwatch(dir.path(), &config, &args);
        assert!(ok, "digest failed: {err}");
        let r = reader::read(&digest, lang, &posts, &claims);
        println!(
            "week, {lang} reader: {} entries; {} with a known claimant, {} named in {lang}; {} problems",
            r.entries,
            r.known,
            r.named_right,
            r.problems.len()
        );
        assert!(r.entries >= 10, "{lang}: {}\n{digest}", r.entries);
        assert!(r.known >= r.entries / 2, "{lang}: {r:?}\n{digest}");
        assert!(r.problems.is_empty(), "{lang}: {:#?}\n{digest}", r.problems);
        assert_eq!(r.named_right, r.known, "{lang}");
    }
}
