//! A fresh database per test: a temporary SQLite file, or a new PostgreSQL database.

use claimwatch::store::{self, Store};
use std::sync::Arc;

/// Which backend the suite runs on.
pub fn backend() -> String {
    std::env::var("CLAIMWATCH_TEST_BACKEND").unwrap_or_else(|_| "sqlite".into())
}

/// A test database; dropping it removes a SQLite file (PostgreSQL databases are named after
/// the test process and dropped by the first test of a later process).
pub struct TestDb {
    pub url: String,
    pub store: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A new, migrated, empty database.
    pub async fn new() -> TestDb {
        let url = match backend().as_str() {
            "postgres" => FreshUrl(postgres_database(true).await, None),
            _ => Self::fresh_url().await,
        };
        let store = store::open(&url)
            .await
            .unwrap_or_else(|e| panic!("open test store: {e}"));
        TestDb {
            url: url.0,
            store,
            _dir: url.1,
        }
    }

    /// A store the test opened itself (at `url`).
    pub fn from_store(url: String, store: Arc<dyn Store>) -> TestDb {
        TestDb {
            url,
            store,
            _dir: None,
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
            "postgres" => FreshUrl(postgres_database(false).await, None),
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

/// A new PostgreSQL database named for this process; `migrated` copies it from the process's
/// migrated template (one `CREATE DATABASE … TEMPLATE` instead of running every migration),
/// otherwise from `template0` (empty, for tests that migrate it themselves).
async fn postgres_database(migrated: bool) -> String {
    let admin = admin_url();
    let mut conn = admin_connection(&admin).await;
    CLEANED.get_or_init(|| drop_stale(admin.clone())).await;
    let template = if migrated {
        TEMPLATE
            .get_or_init(|| make_template(admin.clone()))
            .await
            .clone()
    } else {
        "template0".to_string()
    };
    let name = format!(
        "cw_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    );
    // Copies of one template made at the same moment can collide ("source database is being
    // accessed by other users"); a short retry settles it.
    for attempt in 1.. {
        let made = sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE {name} TEMPLATE {template}"
        )))
        .execute(&mut conn)
        .await;
        match made {
            Ok(_) => break,
            Err(e) if attempt >= 50 => panic!("create test database {name}: {e}"),
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
        }
    }
    with_path(&admin, &name)
}

/// The migrated template of this process, made once.
async fn make_template(admin: String) -> String {
    let mut conn = admin_connection(&admin).await;
    let name = format!("cw_test_{}_template", std::process::id());
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE template0"
    )))
    .execute(&mut conn)
    .await
    .expect("create template database");
    let store = store::open(&with_path(&admin, &name))
        .await
        .unwrap_or_else(|e| panic!("migrate template database: {e}"));
    store.close().await;
    name
}

/// Drops the `cw_test_<pid>_*` databases whose process is gone (Linux: no `/proc/<pid>`), once
/// per process, so a server never fills up with the databases of earlier runs.
async fn drop_stale(admin: String) {
    let conn = &mut admin_connection(&admin).await;
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'cw\\_test\\_%'")
            .fetch_all(&mut *conn)
            .await
            .expect("list test databases");
    let me = std::process::id().to_string();
    for name in names {
        let Some(pid) = name
            .strip_prefix("cw_test_")
            .and_then(|r| r.split('_').next())
        else {
            continue;
        };
        if pid == me || std::path::Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        let dropped = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut *conn)
        .await;
        if let Err(e) = dropped {
            eprintln!("NOTICE: could not drop stale test database {name}: {e}");
        }
    }
}

fn admin_url() -> String {
    std::env::var("CLAIMWATCH_TEST_POSTGRES_URL")
        .expect("CLAIMWATCH_TEST_POSTGRES_URL must be set when CLAIMWATCH_TEST_BACKEND=postgres")
}

async fn admin_connection(admin: &str) -> sqlx::PgConnection {
    use sqlx::Connection;
    sqlx::PgConnection::connect(admin)
        .await
        .expect("connect to postgres")
}

fn with_path(admin: &str, name: &str) -> String {
    let mut url = url::Url::parse(admin).expect("postgres url");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

static CLEANED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
