//! The binary's ingest commands: `poll --once` polls every source and prints a line each,
//! `sources list` shows their health afterwards, `poll` runs until SIGTERM, and `backfill`
//! refuses what is not a Telegram channel.

use crate::support::feed_server::{FeedServer, Route, rss};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn command(config: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    cmd.arg("--config").arg(config).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") && !k.starts_with("CLAIMWATCH_TEST_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("RUST_LOG", "warn");
    cmd
}

async fn run(config: &Path, args: &[&str]) -> Output {
    let mut cmd = command(config, args);
    tokio::task::spawn_blocking(move || cmd.output().expect("run claimwatch"))
        .await
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

struct Setup {
    _dir: tempfile::TempDir,
    config: std::path::PathBuf,
    server: FeedServer,
}

async fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let server = FeedServer::start().await;
    server.set(
        "feed",
        Route::rss(rss(
            "Loopback news",
            "https://loop.example",
            &[
                ("l1", "First", "Ninety soldiers refused"),
                ("l2", "Second", "12 tanks lost"),
            ],
        )),
    );
    let file = dir.path().join("local.xml");
    std::fs::write(
        &file,
        rss(
            "Local file",
            "https://file.example",
            &[("f1", "Local", "A local report")],
        ),
    )
    .unwrap();
    let file_url = url::Url::from_file_path(&file).unwrap();
    let config = dir.path().join("claimwatch.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = \"sqlite://{}\"\n[http]\nallow_private_addresses = true\ntimeout = \"2s\"\n\
             [[sources]]\nurl = \"{file_url}\"\n[[sources]]\nurl = \"{}\"\n[[sources]]\nurl = \"{}\"\n",
            dir.path().join("cw.db").display(),
            server.url("feed"),
            server.url("gone"),
        ),
    )
    .unwrap();
    Setup {
        _dir: dir,
        config,
        server,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poll_once_then_list_shows_each_sources_health() {
    let s = setup().await;
    let out = run(&s.config, &["poll", "--once"]).await;
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("Local file  — ok: 1 new"), "{stdout}");
    assert!(stdout.contains("Loopback news  — ok: 2 new"), "{stdout}");
    assert!(stdout.contains("/gone  — error: HTTP 404"), "{stdout}");
    assert!(
        stdout.contains("polled 3 sources: 3 new items, 1 failed"),
        "{stdout}"
    );
    assert_eq!(s.server.hits("feed"), 1);

    let list = text(&run(&s.config, &["sources", "list"]).await.stdout);
    assert_eq!(list.matches("last success: 20").count(), 2, "{list}");
    assert!(list.contains("failing ×1"), "{list}");
    assert!(list.contains("last success: never"), "{list}");
    assert!(list.contains("errors in a row: 1"), "{list}");
    assert!(
        list.contains("): HTTP 404"),
        "last error with its time: {list}"
    );

    // A second run sends the validators: the file is unchanged.
    let again = text(&run(&s.config, &["poll", "--once"]).await.stdout);
    assert!(again.contains("Local file  — not modified"), "{again}");
    assert!(
        again.contains("Loopback news  — ok: 0 new, 2 already stored"),
        "{again}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poll_runs_until_sigterm() {
    let s = setup().await;
    let mut cmd = command(&s.config, &["poll"]);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = cmd.spawn().unwrap();
    let pid = child.id().to_string();
    // Wait for the first cycle to reach the loopback feed.
    let started = std::time::Instant::now();
    while s.server.hits("feed") == 0 && started.elapsed() < std::time::Duration::from_secs(20) {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(s.server.hits("feed"), 1);
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let list = text(&run(&s.config, &["sources", "list"]).await.stdout);
    assert_eq!(list.matches("last success: 20").count(), 2, "{list}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_reads_telegram_channels_only() {
    let s = setup().await;
    let out = run(&s.config, &["backfill", "2", "--limit", "10"]).await;
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Telegram channels only"),
        "{}",
        text(&out.stderr)
    );
    let unknown = run(&s.config, &["backfill", "@nobody_here"]).await;
    assert_eq!(unknown.status.code(), Some(2));
}
