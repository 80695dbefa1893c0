//! `claimwatch search` runs the bot's store query from the shell and prints plain text.

use crate::seed;
use chrono::{Duration, Utc};
use claimwatch::store;
use std::process::Command;

fn run(db: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimwatch"))
        .args(["--config", "/nonexistent/claimwatch.toml"])
        .args(args)
        .env("CLAIMWATCH_DATABASE_URL", db)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run claimwatch");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn search_from_the_shell_matches_inflected_forms_within_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cw.db").display());
    let s = store::open(&url).await.unwrap();
    let src = seed::source(
        s.as_ref(),
        "https://pskov.example/rss",
        "Pskovskaya Guberniya",
    )
    .await;
    let now = Utc::now();
    seed::claim_at(
        s.as_ref(),
        src,
        "Десантники отказались ехать",
        seed::refusal("Псковская губерния", Some("76-я дивизия"), 60),
        now - Duration::hours(2),
    )
    .await;
    seed::claim_at(
        s.as_ref(),
        src,
        "Старые отказники",
        seed::refusal("Old", None, 1),
        now - Duration::days(20),
    )
    .await;
    s.close().await;

    // The --config path is missing on purpose: a named config file must exist.
    let (ok, _, err) = run(&url, &["search", "отказ"]);
    assert!(!ok && err.contains("cannot read config file"), "{err}");

    let cfg = dir.path().join("c.toml");
    std::fs::write(&cfg, format!("database_url = \"{url}\"\n")).unwrap();
    let with_cfg = |args: &[&str]| {
        let mut all = vec!["--config", cfg.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = Command::new(env!("CARGO_BIN_EXE_claimwatch"))
            .args(&all)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = with_cfg(&["search", "отказ"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("2 claims match \"отказ\""), "{out}");
    // The bot's hit as plain text: the known outlet named in English, the place in the
    // nominative, the headline followed by its link.
    assert!(
        out.contains("Pskovskaya Guberniya says 60 Russian soldiers of «76-я дивизия» refused orders in the Pskov area"),
        "{out}"
    );
    assert!(
        out.contains("1 source: Десантники отказались ехать <https://news.example/"),
        "{out}"
    );
    assert!(!out.contains("<b>") && !out.contains("</a>"), "{out}");
    let (_, out, _) = with_cfg(&["search", "отказ", "--since", "7d"]);
    assert!(out.starts_with("1 claims match"), "{out}");
    let (_, out, _) = with_cfg(&["search", "отказ", "--limit", "1"]);
    assert!(out.contains("(showing 1)"), "{out}");
    let (code, _, err) = with_cfg(&["search", "!!!"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("nothing to search for"), "{err}");
    let (code, _, err) = with_cfg(&["search", "x", "--since", "soon"]);
    assert_eq!(code, Some(2), "{err}");
}
