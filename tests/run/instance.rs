//! One instance: feeds in, claims filed, commands answered, a scheduled digest sent, a clean
//! stop on SIGTERM.

use crate::process::{Instance, eventually, write_config};
use crate::support::bot_api::{FakeBotApi, updates};
use crate::support::db::TestDb;
use crate::support::feed_server::FeedServer;
use crate::war_feed;
use claimwatch::store::{Store, SubscriberUpdate};
use std::sync::Arc;
use std::time::Duration;

/// Digests shown to chat 42 so far.
fn digest_replies(api: &FakeBotApi) -> usize {
    api.sent_to(42)
        .iter()
        .filter(|m| m.text.contains("Claimwatch digest"))
        .count()
}

/// Claims are filed from the feed.
async fn claims_are_filed(store: &Arc<dyn Store>, feeds: &FeedServer, run: &Instance) {
    let filed = eventually(Duration::from_secs(30), || async {
        store
            .stats(chrono::Utc::now() - chrono::Duration::days(1))
            .await
            .is_ok_and(|s| s.claims >= 2)
    })
    .await;
    assert!(filed, "claims filed from the feed:\n{}", run.output());
    assert!(feeds.hits("wire.xml") >= 1);
}

/// Commands reach the update loop and are answered.
async fn commands_are_answered(api: &FakeBotApi, run: &Instance) {
    api.push_update(updates::message(42, 42, "en", "/start"));
    assert!(
        api.wait_until(Duration::from_secs(20), |_| !api.sent_to(42).is_empty())
            .await,
        "{}",
        run.output()
    );
    api.push_update(updates::message(42, 42, "en", "/digest"));
    assert!(
        api.wait_until(Duration::from_secs(20), |_| digest_replies(api) == 1)
            .await,
        "{}",
        run.output()
    );
    let shown = api
        .sent_to(42)
        .into_iter()
        .find(|m| m.text.contains("Claimwatch digest"))
        .unwrap();
    assert!(
        shown.text.contains("Robotyne") && shown.text.contains("1,152,340"),
        "{}",
        shown.text
    );
}

/// The scheduled digest: due now, sent through the outbox.
async fn the_scheduled_digest_is_sent(store: &Arc<dyn Store>, api: &FakeBotApi, run: &Instance) {
    let now = chrono::Utc::now();
    // No weekly chart: on its day (Monday in Kyiv by default) it would be a second part.
    let due = SubscriberUpdate {
        next_digest_at: Some(Some(now)),
        chart_weekday: Some(None),
        ..Default::default()
    };
    store.update_subscriber(42, &due, now).await.unwrap();
    assert!(
        api.wait_until(Duration::from_secs(40), |_| digest_replies(api) == 2)
            .await,
        "scheduled digest sent:\n{}",
        run.output()
    );
    let sub = store.subscriber(42).await.unwrap().unwrap();
    let outbox = store.outbox_of(sub.id).await.unwrap();
    assert_eq!(outbox.len(), 1, "one digest enqueued: {outbox:?}");
    assert!(
        eventually(Duration::from_secs(5), || async {
            store.outbox_of(sub.id).await.unwrap()[0].state == claimwatch::store::OutboxState::Sent
        })
        .await
    );
}

/// SIGTERM: a clean exit, and the token never in the logs.
fn stops_cleanly(run: &mut Instance) {
    let status = run
        .terminate(Duration::from_secs(30))
        .expect("exits after SIGTERM");
    assert!(status.success(), "exit status {status}:\n{}", run.output());
    let log = run.output();
    assert!(
        log.contains("shutting down") && log.contains("stopped"),
        "{log}"
    );
    assert!(
        !log.contains(crate::support::bot_api::TOKEN),
        "the token never reaches the logs"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_files_answers_sends_and_stops_cleanly() {
    let db = TestDb::new().await;
    let feeds = FeedServer::start().await;
    war_feed(&feeds, "wire.xml", "wire");
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &db.url, &[feeds.url("wire.xml")], "3s");
    let mut run = Instance::start(&config, &api, dir.path().join("run.log"));
    let store = db.store.clone();

    claims_are_filed(&store, &feeds, &run).await;
    commands_are_answered(&api, &run).await;
    the_scheduled_digest_is_sent(&store, &api, &run).await;
    stops_cleanly(&mut run);
}
