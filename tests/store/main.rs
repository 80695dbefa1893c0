//! The store suite: every `Store` operation on a real database, run against the backend chosen
//! by `CLAIMWATCH_TEST_BACKEND` (see tests/support/db.rs).

#[path = "../support/mod.rs"]
mod support;

mod items;
mod leases;
mod ops;
mod outbox;
mod search;
mod series;
mod sources;
mod stories;
mod subscribers;

use support::db::TestDb;

#[tokio::test]
async fn migrations_are_idempotent() {
    let db = TestDb::new().await;
    assert_eq!(
        db.store.migrate().await.unwrap(),
        0,
        "a second run applies nothing"
    );
    let reopened = claimwatch::store::open(&db.url).await.unwrap();
    assert_eq!(reopened.migrate().await.unwrap(), 0);
    let stats = reopened.stats(support::t0()).await.unwrap();
    assert_eq!(stats, claimwatch::store::Stats::default());
}
