//! `claimwatch check` against real parts: a SQLite file or an unreachable PostgreSQL address,
//! the fake Bot API (a good token, and a bad one it answers 401), feeds on a loopback server
//! (one answering, one 404, one on a closed port). Each failure gets its own ✗ line and a fix.

use crate::support::bot_api::{FakeBotApi, TOKEN};
use crate::support::feed_server::{FeedServer, Route};
use std::path::Path;
use std::process::Output;

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><guid>1</guid><title>One</title><description>Text</description></item></channel></rss>"#;

/// Runs `claimwatch --config CONFIG check` off the async threads.
async fn check(config: &Path, env: &[(&str, String)]) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    cmd.arg("--config")
        .arg(config)
        .args(["check", "--timeout", "3s"]);
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") || k.starts_with("TELOXIDE_") {
            cmd.env_remove(k);
        }
    }
    cmd.envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("RUST_LOG", "warn");
    tokio::task::spawn_blocking(move || cmd.output().expect("run claimwatch check"))
        .await
        .unwrap()
}

fn config(dir: &Path, database_url: &str, feeds: &[String]) -> std::path::PathBuf {
    let sources: String = feeds
        .iter()
        .map(|f| format!("[[sources]]\nurl = \"{f}\"\n"))
        .collect();
    let text = format!(
        "database_url = \"{database_url}\"\n[http]\nallow_private_addresses = true\n{sources}"
    );
    let path = dir.join("claimwatch.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn closed_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    probe.local_addr().unwrap().port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everything_passes_and_it_exits_0() {
    let feeds = FeedServer::start().await;
    feeds.set("wire.xml", Route::rss(FEED));
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("cw.db").display());
    let cfg = config(dir.path(), &db, &[feeds.url("wire.xml")]);
    let env = [
        ("TELOXIDE_TOKEN", TOKEN.to_owned()),
        ("TELOXIDE_API_URL", api.url()),
    ];
    let out = check(&cfg, &env).await;
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("✓ configuration:"), "{text}");
    assert!(
        text.contains("✓ database:") && text.contains("does not exist yet"),
        "{text}"
    );
    assert!(
        text.contains("✓ telegram: getMe: the token belongs to @claimwatch_test_bot"),
        "{text}"
    );
    assert!(
        text.contains(&format!("✓ source {}: 1 entries", feeds.url("wire.xml"))),
        "{text}"
    );
    assert!(text.ends_with("all 4 checks passed\n"), "{text}");
    assert!(
        !dir.path().join("cw.db").exists(),
        "a check creates no database"
    );
    assert!(!text.contains(TOKEN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_failure_gets_its_own_line_and_fix() {
    let feeds = FeedServer::start().await;
    feeds.set("wire.xml", Route::rss(FEED));
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = format!("postgres://cw:hunter2@127.0.0.1:{}/cw", closed_port());
    let dead = feeds.url("dead.xml");
    let closed = format!("http://127.0.0.1:{}/feed.xml", closed_port());
    let cfg = config(
        dir.path(),
        &db,
        &[feeds.url("wire.xml"), dead.clone(), closed.clone()],
    );
    let env = [
        (
            "TELOXIDE_TOKEN",
            "123456789:AAWrongTokenForTests_abcdefghijklmnop".to_owned(),
        ),
        ("TELOXIDE_API_URL", api.url()),
    ];
    let out = check(&cfg, &env).await;
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let failed = |prefix: &str| {
        let i = lines.iter().position(|l| l.starts_with(prefix));
        i.is_some_and(|i| {
            lines
                .get(i + 1)
                .is_some_and(|next| next.starts_with("    fix: "))
        })
    };
    assert!(failed("✗ database: cannot connect"), "{text}");
    assert!(
        failed("✗ telegram: the Bot API refused the token (401 Unauthorized)"),
        "{text}"
    );
    assert!(
        failed(&format!("✗ source {dead}: cannot fetch it: HTTP 404")),
        "{text}"
    );
    assert!(failed(&format!("✗ source {closed}:")), "{text}");
    assert!(
        text.contains(&format!("✓ source {}", feeds.url("wire.xml"))),
        "{text}"
    );
    assert!(text.ends_with("4 of 6 checks failed\n"), "{text}");
    let all = text + &String::from_utf8_lossy(&out.stderr);
    assert!(
        !all.contains("hunter2") && !all.contains("AAWrongToken"),
        "{all}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_option_is_the_one_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claimwatch.toml");
    std::fs::write(&path, "[digest]\ntime = \"noon\"\n").unwrap();
    let out = check(&path, &[]).await;
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.starts_with("✗ configuration: invalid option `digest.time`"),
        "{text}"
    );
    assert!(text.contains("    fix: correct `digest.time` in"), "{text}");
    assert!(text.ends_with("1 of 1 checks failed\n"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_token_getme_is_skipped_not_failed() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), "sqlite::memory:", &[]);
    let out = check(&cfg, &[]).await;
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("– telegram: TELOXIDE_TOKEN is not set"),
        "{text}"
    );
    assert!(text.contains("– sources: none configured"), "{text}");
}
