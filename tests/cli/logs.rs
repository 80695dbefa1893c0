//! Log formats: readable text by default, one JSON object per line with `--log-format json` or
//! `[log] format = "json"`, the database password redacted either way.

use std::path::Path;
use std::process::Output;

fn migrate(config: &Path, flags: &[&str]) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") && !k.starts_with("CLAIMWATCH_TEST_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("--config").arg(config).args(flags).arg("migrate");
    cmd.env("RUST_LOG", "debug").env("NO_COLOR", "1");
    cmd.output().expect("run claimwatch")
}

fn json_lines(stderr: &[u8]) -> Vec<serde_json::Value> {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "something is logged at debug");
    lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn json_from_the_flag_or_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let cfg = dir.path().join("claimwatch.toml");
    std::fs::write(
        &cfg,
        format!("database_url = \"sqlite://{}\"\n", db.display()),
    )
    .unwrap();

    let text = migrate(&cfg, &[]);
    assert!(text.status.success());
    assert!(
        String::from_utf8_lossy(&text.stderr).contains("DEBUG"),
        "text by default"
    );

    let flagged = migrate(&cfg, &["--log-format", "json"]);
    assert!(flagged.status.success());
    let lines = json_lines(&flagged.stderr);
    let loaded = lines
        .iter()
        .find(|l| l["message"] == "configuration loaded")
        .expect("the config line");
    assert_eq!(loaded["level"], "DEBUG");
    assert!(
        loaded["database"]
            .as_str()
            .is_some_and(|d| d.starts_with("sqlite://")),
        "{loaded}"
    );
    assert!(loaded["timestamp"].is_string());

    let pg = "postgres://cw:hunter2@127.0.0.1:1/cw";
    std::fs::write(
        &cfg,
        format!("database_url = \"{pg}\"\n[log]\nformat = \"json\"\n"),
    )
    .unwrap();
    let configured = migrate(&cfg, &[]);
    let lines = json_lines(&configured.stderr[..stderr_logs(&configured.stderr)]);
    assert!(lines.iter().any(|l| l["message"] == "configuration loaded"));
    assert!(!String::from_utf8_lossy(&configured.stderr).contains("hunter2"));

    let bad = migrate(&cfg, &["--log-format", "xml"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// The log lines end where the program's own `error: …` line begins.
fn stderr_logs(stderr: &[u8]) -> usize {
    let text = String::from_utf8_lossy(stderr);
    text.find("error: ").unwrap_or(text.len())
}
