//! `/readyz` of a real `claimwatch run` follows what it checks: it turns failing within one
//! check interval when the PostgreSQL server stops and ready again when the server is back
//! (a server of the test's own), and fails while the schema holds a migration this build does
//! not know.

use crate::endpoints::{free_port, get, server_section};
use crate::process::{Instance, write_config_with};
use crate::support::bot_api::FakeBotApi;
use crate::support::db::{TestDb, backend};
use crate::support::pg_server::PgServer;
use std::time::{Duration, Instant};

/// The check interval the tests configure: the longest a failure may go unreported.
const INTERVAL: Duration = Duration::from_secs(2);
/// Room for the test's own polling (every 50 ms) and a loaded machine.
const SLACK: Duration = Duration::from_millis(500);

/// Polls `/readyz` every 50 ms until its status is `want`; how long that took, and the body.
async fn until_status(port: u16, want: u16, limit: Duration) -> Option<(Duration, String)> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some((status, body)) = get(&format!("http://127.0.0.1:{port}/readyz")).await
            && status == want
        {
            return Some((start.elapsed(), body));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

fn start(database_url: &str, api: &FakeBotApi, dir: &std::path::Path, port: u16) -> Instance {
    let config = write_config_with(dir, database_url, &[], "3s", &server_section(port, "2s"));
    Instance::start(&config, api, dir.join("run.log"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_follows_a_postgresql_server_that_stops_and_comes_back() {
    let pg = match PgServer::start() {
        Ok(pg) => pg,
        Err(e) if std::env::var("CLAIMWATCH_TEST_NO_POSTGRES_SERVER").is_ok_and(|v| v == "1") => {
            eprintln!("NOTICE: readiness against a stopped PostgreSQL not tested: {e}");
            return;
        }
        Err(e) => panic!("{e} (or set CLAIMWATCH_TEST_NO_POSTGRES_SERVER=1 to skip this test)"),
    };
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let run = start(&pg.url(), &api, dir.path(), port);
    let ready = until_status(port, 200, Duration::from_secs(30)).await;
    assert!(ready.is_some(), "ready at first:\n{}", run.output());

    pg.stop().expect("stop the server");
    let failing = until_status(port, 503, Duration::from_secs(10)).await;
    let (took, body) = failing.unwrap_or_else(|| panic!("/readyz never failed:\n{}", run.output()));
    eprintln!(
        "readyz failed {} ms after PostgreSQL stopped:\n{body}",
        took.as_millis()
    );
    assert!(
        body.starts_with("not ready\n") && body.contains("database: FAILED"),
        "{body}"
    );
    assert!(
        took <= INTERVAL + SLACK,
        "within one check interval: {took:?}"
    );

    pg.start_again().expect("start the server again");
    let back = until_status(port, 200, Duration::from_secs(15)).await;
    let (took, body) = back.unwrap_or_else(|| panic!("/readyz never recovered:\n{}", run.output()));
    eprintln!(
        "readyz ready again {} ms after PostgreSQL came back",
        took.as_millis()
    );
    assert!(body.contains("database: ok (postgres)"), "{body}");
    assert!(took <= 2 * INTERVAL + SLACK, "{took:?}");
}

/// Adds (or removes) a migration row this build does not know.
async fn foreign_migration(url: &str, add: bool) {
    use sqlx::Connection;
    let sql = match (backend().as_str(), add) {
        ("postgres", true) => {
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'from a newer build', true, '\\x00'::bytea, 0)"
        }
        (_, true) => {
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'from a newer build', 1, X'00', 0)"
        }
        (_, false) => "DELETE FROM _sqlx_migrations WHERE version = 9999",
    };
    if backend() == "postgres" {
        let mut c = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query(sql).execute(&mut c).await.unwrap();
    } else {
        let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query(sql).execute(&mut c).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_fails_while_the_schema_is_not_this_builds() {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let run = start(&db.url, &api, dir.path(), port);
    assert!(
        until_status(port, 200, Duration::from_secs(30))
            .await
            .is_some(),
        "{}",
        run.output()
    );
    foreign_migration(&db.url, true).await;
    let (_, body) = until_status(port, 503, Duration::from_secs(5))
        .await
        .unwrap_or_else(|| panic!("a foreign migration fails readiness:\n{}", run.output()));
    assert!(
        body.contains("schema: FAILED") && body.contains("9999"),
        "{body}"
    );
    foreign_migration(&db.url, false).await;
    assert!(
        until_status(port, 200, Duration::from_secs(5))
            .await
            .is_some()
    );
    let metrics = get(&format!("http://127.0.0.1:{port}/metrics"))
        .await
        .unwrap()
        .1;
    assert!(
        metrics.contains("claimwatch_check_up{check=\"schema\"} 1"),
        "{metrics}"
    );
}
