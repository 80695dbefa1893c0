//! The offline demo as the README shows it: the real binary polls the project's `file://`
//! feeds (no network, no token), the pipeline files the reports, and `digest --print` shows a
//! digest with both sections, the story two outlets told counted once, and no decoy.

use std::path::Path;
use std::process::Command;

fn claimwatch(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/demo.toml");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimwatch"));
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

#[test]
fn poll_once_then_print_shows_a_real_digest_offline() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = claimwatch(dir.path(), &["poll", "--once"]);
    assert!(ok, "poll failed: {out}\n{err}");
    assert!(
        out.contains("polled 5 sources: 15 new items, 0 failed"),
        "{out}"
    );
    assert!(
        dir.path().join("demo.db").exists(),
        "the database is created in the working directory"
    );

    let (ok, digest, err) = claimwatch(dir.path(), &["digest", "--print"]);
    assert!(ok, "digest failed: {err}");
    assert!(
        digest.contains("<b>REFUSALS</b>") && digest.contains("<b>LOSSES</b>"),
        "{digest}"
    );
    // The Robotyne refusal, told by two outlets in other words: one entry, two sources.
    assert_eq!(
        digest.matches("Robotyne").count(),
        2,
        "one entry (title and place):\n{digest}"
    );
    assert!(digest.contains("2 sources"), "{digest}");
    // The General Staff's totals, restated in English and Ukrainian, completed into one table.
    assert!(digest.contains("11,214 tanks (+5)"), "{digest}");
    assert!(digest.contains("1,152,340 troops (+1,230)"), "{digest}");
    // Each entry says who claims it.
    assert!(
        digest.contains("Ukraine's Defence Intelligence"),
        "{digest}"
    );
    assert!(digest.contains("Russia's defence ministry"), "{digest}");
    for decoy in [
        "refused to comment",
        "civilians killed",
        "отказался комментировать",
        "мирных жителей",
        "відмовився коментувати",
        "generators",
    ] {
        assert!(
            !digest.contains(decoy),
            "decoy {decoy:?} in the digest:\n{digest}"
        );
    }

    // Polling again stores nothing new and files nothing twice.
    let (ok, again, _) = claimwatch(dir.path(), &["poll", "--once"]);
    assert!(ok);
    assert!(
        again.contains("0 new items") && again.contains("classified 0 items"),
        "{again}"
    );
}
