//! Role leases: one holder at a time until the lease runs out; racing candidates elect one.

use crate::support::{db::TestDb, t0};
use chrono::Duration;
use std::time::Duration as StdDuration;

const TTL: StdDuration = StdDuration::from_secs(30);

#[tokio::test]
async fn one_holder_at_a_time_until_it_expires() {
    let db = TestDb::new().await;
    let s = &db.store;
    assert!(s.acquire_lease("telegram", "a", t0(), TTL).await.unwrap());
    assert!(
        !s.acquire_lease("telegram", "b", t0() + Duration::seconds(10), TTL)
            .await
            .unwrap()
    );
    assert!(
        s.acquire_lease("telegram", "a", t0() + Duration::seconds(20), TTL)
            .await
            .unwrap(),
        "renewal"
    );
    assert!(
        !s.acquire_lease("telegram", "b", t0() + Duration::seconds(49), TTL)
            .await
            .unwrap(),
        "renewed until 50 s"
    );
    assert_eq!(
        s.lease_holder("telegram", t0() + Duration::seconds(49))
            .await
            .unwrap()
            .as_deref(),
        Some("a")
    );
    assert!(
        s.acquire_lease("telegram", "b", t0() + Duration::seconds(51), TTL)
            .await
            .unwrap(),
        "taken over after expiry"
    );
    assert!(
        !s.acquire_lease("telegram", "a", t0() + Duration::seconds(52), TTL)
            .await
            .unwrap()
    );
    assert!(
        s.acquire_lease("other", "a", t0(), TTL).await.unwrap(),
        "leases are per name"
    );
    s.release_lease("telegram", "a").await.unwrap();
    assert_eq!(
        s.lease_holder("telegram", t0() + Duration::seconds(52))
            .await
            .unwrap()
            .as_deref(),
        Some("b"),
        "only the holder releases"
    );
    s.release_lease("telegram", "b").await.unwrap();
    assert_eq!(
        s.lease_holder("telegram", t0() + Duration::seconds(52))
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn racing_candidates_elect_exactly_one() {
    let db = TestDb::new().await;
    let mut tasks = Vec::new();
    for i in 0..6 {
        let store = db.store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .acquire_lease("telegram", &format!("instance-{i}"), t0(), TTL)
                .await
                .unwrap()
        }));
    }
    let mut winners = 0;
    for t in tasks {
        winners += t.await.unwrap() as usize;
    }
    assert_eq!(winners, 1);
}
