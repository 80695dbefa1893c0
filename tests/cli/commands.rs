//! The binary's contract: `migrate` creates and is idempotent, bad configuration exits 2 and
//! names the option, unknown sources are clear errors, secrets stay out of messages.

use std::path::Path;
use std::process::{Command, Output};

fn claimwatch(config: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    cmd.arg("--config").arg(config).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") && !k.starts_with("CLAIMWATCH_TEST_") {
            cmd.env_remove(k);
        }
    }
    cmd.envs(env.iter().copied()).env("RUST_LOG", "warn");
    cmd.output().expect("run claimwatch")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn write_config(dir: &Path, body: &str) -> std::path::PathBuf {
    let p = dir.join("claimwatch.toml");
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn migrate_creates_the_database_and_a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new").join("cw.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let cfg = write_config(
        dir.path(),
        &format!("database_url = \"sqlite://{}\"\n", db.display()),
    );
    let first = claimwatch(&cfg, &["migrate"], &[]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(db.exists());
    assert!(
        text(&first.stdout).contains("applied"),
        "{}",
        text(&first.stdout)
    );
    let second = claimwatch(&cfg, &["migrate"], &[]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert!(
        text(&second.stdout).contains("up to date"),
        "{}",
        text(&second.stdout)
    );
}

#[test]
fn a_bad_value_exits_2_naming_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), "[digest]\ntime = \"9 o'clock\"\n");
    let out = claimwatch(&cfg, &["migrate"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("digest.time") && err.contains("HH:MM"),
        "{err}"
    );

    let ok = write_config(dir.path(), "");
    let out = claimwatch(
        &ok,
        &["migrate"],
        &[("CLAIMWATCH_DIGEST__TIMEZONE", "Kyiv")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("digest.timezone"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_missing_named_config_file_exits_2() {
    let out = claimwatch(Path::new("/nonexistent/cw.toml"), &["migrate"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/cw.toml"));
}

#[test]
fn database_passwords_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), "");
    let out = claimwatch(
        &cfg,
        &["migrate"],
        &[(
            "CLAIMWATCH_DATABASE_URL",
            "postgres://cw:hunter2@127.0.0.1:1/cw",
        )],
    );
    assert!(!out.status.success());
    let all = text(&out.stdout) + &text(&out.stderr);
    assert!(!all.contains("hunter2"), "{all}");
}

#[test]
fn sources_can_be_added_listed_paused_resumed_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let cfg = write_config(
        dir.path(),
        &format!(
            "database_url = \"sqlite://{}\"\n[[sources]]\nurl = \"@GeneralStaffZSU\"\n",
            db.display()
        ),
    );
    let add = claimwatch(
        &cfg,
        &[
            "sources",
            "add",
            "https://example.org/feed.xml",
            "--interval",
            "30m",
            "--lang",
            "en",
        ],
        &[],
    );
    assert!(add.status.success(), "{}", text(&add.stderr));
    let list = text(&claimwatch(&cfg, &["sources", "list"], &[]).stdout);
    assert!(list.contains("https://t.me/s/GeneralStaffZSU"), "{list}");
    assert!(list.contains("https://example.org/feed.xml"), "{list}");
    assert!(
        claimwatch(&cfg, &["sources", "pause", "2"], &[])
            .status
            .success()
    );
    assert!(text(&claimwatch(&cfg, &["sources", "list"], &[]).stdout).contains("PAUSED"));
    assert!(
        claimwatch(
            &cfg,
            &["sources", "resume", "https://example.org/feed.xml"],
            &[]
        )
        .status
        .success()
    );
    assert!(!text(&claimwatch(&cfg, &["sources", "list"], &[]).stdout).contains("PAUSED"));
    assert!(
        claimwatch(&cfg, &["sources", "remove", "2"], &[])
            .status
            .success()
    );
    assert!(!text(&claimwatch(&cfg, &["sources", "list"], &[]).stdout).contains("example.org"));
    let unknown = claimwatch(&cfg, &["sources", "remove", "@nobody_here"], &[]);
    assert_eq!(unknown.status.code(), Some(2));
    let bad = claimwatch(&cfg, &["sources", "add", "ftp://x/y"], &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("unsupported scheme"),
        "{}",
        text(&bad.stderr)
    );
}
