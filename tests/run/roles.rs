//! Roles over a real store: one holder at a time; a holder that stops cleanly hands over at
//! once; a holder that dies (stops renewing) hands over once its lease runs out.

use crate::support::db::TestDb;
use claimwatch::app::role::{Role, hold_role};
use claimwatch::clock::SystemClock;
use claimwatch::shutdown::Shutdown;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts holders working at once and the most seen together.
#[derive(Default)]
struct Watch {
    now: AtomicUsize,
    most: AtomicUsize,
    starts: AtomicUsize,
}

fn instance(
    db: &TestDb,
    owner: &str,
    ttl: Duration,
    watch: Arc<Watch>,
    shutdown: Shutdown,
) -> tokio::task::JoinHandle<()> {
    let store = db.store.clone();
    let owner = owner.to_owned();
    tokio::spawn(async move {
        hold_role(
            store,
            Role {
                name: "sender",
                ttl,
                keep_through_faults: false,
            },
            owner,
            Arc::new(SystemClock),
            shutdown,
            |stop| {
                let watch = watch.clone();
                async move {
                    let n = watch.now.fetch_add(1, Ordering::SeqCst) + 1;
                    watch.most.fetch_max(n, Ordering::SeqCst);
                    watch.starts.fetch_add(1, Ordering::SeqCst);
                    stop.wait().await;
                    watch.now.fetch_sub(1, Ordering::SeqCst);
                }
            },
        )
        .await
    })
}

async fn wait_for(pred: impl Fn() -> bool, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if pred() {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

#[tokio::test]
async fn one_holder_at_a_time_and_a_clean_stop_hands_over_at_once() {
    let db = TestDb::new().await;
    let watch = Arc::new(Watch::default());
    let ttl = Duration::from_millis(900);
    let (a_stop, b_stop) = (Shutdown::new(), Shutdown::new());
    let a = instance(&db, "a", ttl, watch.clone(), a_stop.clone());
    let b = instance(&db, "b", ttl, watch.clone(), b_stop.clone());
    assert!(
        wait_for(
            || watch.now.load(Ordering::SeqCst) == 1,
            Duration::from_secs(5)
        )
        .await
        .is_some()
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(watch.most.load(Ordering::SeqCst), 1, "never two holders");
    assert_eq!(
        watch.starts.load(Ordering::SeqCst),
        1,
        "renewals keep the holder"
    );

    let holder = db
        .store
        .lease_holder("sender", chrono::Utc::now())
        .await
        .unwrap()
        .unwrap();
    let (stop, task, other) = if holder == "a" {
        (a_stop, a, b_stop)
    } else {
        (b_stop, b, a_stop)
    };
    stop.trigger();
    task.await.unwrap();
    let handover = wait_for(
        || watch.starts.load(Ordering::SeqCst) == 2,
        Duration::from_secs(5),
    )
    .await;
    assert!(
        handover.is_some_and(|d| d < ttl),
        "released on a clean stop: {handover:?}"
    );
    assert_eq!(watch.most.load(Ordering::SeqCst), 1);
    other.trigger();
}

#[tokio::test]
async fn a_dead_holder_is_replaced_after_its_lease_runs_out() {
    let db = TestDb::new().await;
    let watch = Arc::new(Watch::default());
    let ttl = Duration::from_millis(900);
    let (a_stop, b_stop) = (Shutdown::new(), Shutdown::new());
    let a = instance(&db, "a", ttl, watch.clone(), a_stop);
    assert!(
        wait_for(
            || watch.now.load(Ordering::SeqCst) == 1,
            Duration::from_secs(5)
        )
        .await
        .is_some()
    );
    let b = instance(&db, "b", ttl, watch.clone(), b_stop.clone());
    tokio::time::sleep(Duration::from_millis(300)).await;
    // "a" dies: no clean stop, no release.
    a.abort();
    let _ = a.await;
    watch.now.store(0, Ordering::SeqCst);
    let took = wait_for(
        || watch.starts.load(Ordering::SeqCst) == 2,
        Duration::from_secs(5),
    )
    .await;
    let took = took.expect("b takes over");
    assert!(
        took >= Duration::from_millis(300),
        "not before the dead holder's lease runs out: {took:?}"
    );
    assert!(
        took <= ttl + ttl / 3 + Duration::from_millis(500),
        "within the ttl and a renewal period: {took:?}"
    );
    b_stop.trigger();
    b.await.unwrap();
}
