//! A fresh database per test: a temporary SQLite file, or a new PostgreSQL database.

use claimwatch::store::{self, Store};
use std::sync::Arc;

/// Which backend the suite runs on.
pub fn backend() -> String {
    std::env::var("CLAIMWATCH_TEST_BACKEND").unwrap_or_else(|_| "sqlite".into())
}

/// A test database; dropping it removes a SQLite file (PostgreSQL databases are named per
/// test run and dropped at the next run's start).
pub struct TestDb {
    pub url: String,
    pub store: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A new, migrated, empty database.
    pub async fn new() -> TestDb {
        let url = Self::fresh_url().await;
        let store = store::open(&url)
            .await
            .unwrap_or_else(|e| panic!("open test store: {e}"));
        TestDb {
            url: url.0,
            store,
            _dir: url.1,
        }
    }

    /// A URL for a new empty database that nothing has opened yet.
    pub async fn fresh_url() -> FreshUrl {
        match backend().as_str() {
            "sqlite" => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                FreshUrl(url, Some(dir))
            }
            "postgres" => FreshUrl(postgres_database().await, None),
            other => panic!("CLAIMWATCH_TEST_BACKEND={other}: expected sqlite or postgres"),
        }
    }
}

/// A database URL, and the directory holding it (SQLite) that must outlive it.
pub struct FreshUrl(pub String, pub Option<tempfile::TempDir>);

impl std::ops::Deref for FreshUrl {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

async fn postgres_database() -> String {
    use sqlx::Connection;
    let admin = std::env::var("CLAIMWATCH_TEST_POSTGRES_URL")
        .expect("CLAIMWATCH_TEST_POSTGRES_URL must be set when CLAIMWATCH_TEST_BACKEND=postgres");
    let name = format!(
        "cw_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    );
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connect to postgres");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name}"
    )))
    .execute(&mut conn)
    .await
    .expect("drop old test database");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .expect("create test database");
    let mut url = url::Url::parse(&admin).expect("postgres url");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

static CLEANED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
