//! `claimwatch run` started on a SQLite file that is read-only: it stays up, answers every
//! command ("not saved, try again later" for what needs a write), says so once in the log
//! instead of an error every half second, and once the file is writable again it works
//! without a restart.

use crate::process::{Instance, write_config};
use crate::support::bot_api::{FakeBotApi, updates};
use crate::support::db::{TestDb, backend};
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

const NOT_SAVED: &str = "Not saved: my storage is unavailable";

fn set_mode(path: &std::path::Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_database_is_reported_once_and_answered_politely_until_writable() {
    if backend() != "sqlite" {
        return; // A SQLite file's permissions.
    }
    let db = TestDb::new().await;
    let file = std::path::PathBuf::from(db.url.trim_start_matches("sqlite://"));
    db.store.close().await;
    set_mode(&file, 0o444);
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &db.url, &[], "3s");
    let mut run = Instance::start(&config, &api, dir.path().join("run.log"));
    assert!(
        api.wait_for("getMe", 1, Duration::from_secs(30)).await,
        "the bot runs on a read-only database:\n{}",
        run.output()
    );
    api.push_update(updates::message(61, 61, "en", "/start"));
    let told = api
        .wait_until(Duration::from_secs(20), |_| {
            api.sent_to(61).iter().any(|m| m.text.contains(NOT_SAVED))
        })
        .await;
    assert!(told, "{:?}\n{}", api.sent_to(61), run.output());
    tokio::time::sleep(Duration::from_secs(5)).await;
    let log = run.output();
    let noisy = log
        .lines()
        .filter(|l| l.contains(" WARN ") || l.contains(" ERROR "))
        .count();
    assert_eq!(noisy, 1, "one report, not one every half second:\n{log}");
    assert!(log.contains("read-only"), "{log}");

    set_mode(&file, 0o644);
    api.push_update(updates::message(62, 62, "en", "/start"));
    let welcomed = api
        .wait_until(Duration::from_secs(20), |_| api.sent_to(62).len() >= 2)
        .await;
    assert!(welcomed, "{:?}\n{}", api.sent_to(62), run.output());
    assert!(api.sent_to(62).iter().all(|m| !m.text.contains(NOT_SAVED)));
    let status = run.terminate(Duration::from_secs(30)).expect("stops");
    assert!(status.success(), "{}", run.output());
}
