//! Storage faults under the real bot, on a real SQLite file on a small tmpfs: a full disk, a
//! read-only file and a removed directory. No change is ever answered "saved" unless it was
//! stored; the health (`storage::StoreHealth`, what a readiness check reports) shows the fault;
//! when the disk has room again (or the file is writable again) everything works again without
//! a restart, pooled connections included.

use crate::support::bot_harness::BotHarness;
use crate::support::db::{TestDb, backend};
use crate::support::tmpfs::Tmpfs;
use claimwatch::clock::SystemClock;
use claimwatch::storage::StoreHealth;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;

const CHAT: i64 = 4_101;
const NOT_SAVED: &str = "Not saved: my storage is unavailable";

async fn watched_store(dir: &Path) -> (TestDb, Arc<StoreHealth>) {
    let url = format!("sqlite://{}", dir.join("claimwatch.db").display());
    let store = claimwatch::store::open(&url).await.expect("open");
    let (store, health) = claimwatch::storage::watch(store, Arc::new(SystemClock));
    (TestDb::from_store(url, store), health)
}

/// Empties the write-ahead log so the next write needs new disk space.
async fn truncate_wal(url: &str) {
    let pool = sqlx::SqlitePool::connect(url)
        .await
        .expect("second connection");
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await
        .expect("checkpoint");
    pool.close().await;
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_disk_read_only_file_and_removed_directory_never_say_saved() {
    if backend() != "sqlite" {
        return; // A SQLite file's faults; the PostgreSQL outage is tested in tests/run.
    }
    let Some(disk) = Tmpfs::mount("6m") else {
        return;
    };
    let dir = disk.path().join("db");
    std::fs::create_dir(&dir).unwrap();
    let (db, health) = watched_store(&dir).await;
    let url = db.url.clone();
    let h = BotHarness::on_store(db, |_| {}).await;
    h.say(CHAT, CHAT, "en", "/start", 2).await;
    assert!(h.ask(CHAT, "en", "/time 08:15").await.contains("08:15"));

    // A full disk: nothing is stored, nothing is called saved, the health says why.
    truncate_wal(&url).await;
    let filler = disk.fill();
    for command in ["/time 07:30", "/keywords add tank"] {
        let reply = h.ask(CHAT, "en", command).await;
        assert!(reply.contains(NOT_SAVED), "{command}: {reply}");
    }
    let sub = h.subscriber(CHAT).await.unwrap();
    assert_eq!(sub.digest_time.format("%H:%M").to_string(), "08:15");
    assert!(sub.keywords.is_empty(), "{:?}", sub.keywords);
    let report = health.report();
    let fault = report.writes.clone().expect("health shows the write fault");
    assert!(fault.last_error.contains("full"), "{}", report.summary());

    // Room again: the same commands go through, on the same pool, without a restart.
    std::fs::remove_file(&filler).unwrap();
    assert!(h.ask(CHAT, "en", "/time 07:30").await.contains("07:30"));
    assert!(
        h.ask(CHAT, "en", "/keywords add tank")
            .await
            .contains("tank")
    );
    for chat in 4_200..4_206 {
        let replies = h.say(chat, chat, "en", "/start", 2).await;
        assert!(replies.iter().all(|m| !m.text.contains(NOT_SAVED)));
    }
    let sub = h.subscriber(CHAT).await.unwrap();
    assert_eq!(sub.digest_time.format("%H:%M").to_string(), "07:30");
    assert_eq!(sub.keywords, vec!["tank".to_string()]);
    assert!(health.is_ok(), "{}", health.report().summary());

    // A read-only file: refused loudly, then fine again once writable.
    let file = dir.join("claimwatch.db");
    set_mode(&file, 0o444);
    let reply = h.ask(CHAT, "en", "/time 09:45").await;
    assert!(reply.contains(NOT_SAVED), "{reply}");
    assert!(health.report().summary().contains("read-only"));
    set_mode(&file, 0o644);
    assert!(h.ask(CHAT, "en", "/time 09:45").await.contains("09:45"));
    assert!(health.is_ok());

    // The directory removed under the running bot: writes stop, never a silent success.
    std::fs::remove_dir_all(&dir).unwrap();
    let reply = h.ask(4_300, "en", "/start").await;
    assert!(reply.contains(NOT_SAVED), "{reply}");
    let summary = health.report().summary();
    assert!(summary.contains("removed"), "{summary}");
    assert_eq!(health.report().outages, 3, "{summary}");
    h.stop().await;
}
