//! The outbox state machine, one transition at a time, with the manual clock and a scripted
//! sender (tests/delivery/scripted.rs) over a real database. This file: the transitions of a
//! send that gets an answer —
//!
//! | from | event | to |
//! |---|---|---|
//! | pending | leased | sending |
//! | sending | accepted (id and `sent` written at once) | sent |
//! | sending | 429 (attempt given back) | pending, due after `retry_after` |
//! | sending | network error (attempt counted) | pending, due after the backoff |
//! | sending | network error, attempts exhausted | failed |
//! | sending | the chat is gone | failed (and its other pending parts) |
//! | sending | the message refused | failed |
//! | sending | its chat must wait (pacing) | pending (attempt given back) |
//!
//! `in_doubt.rs` has the transitions of a send whose sender dies.

use crate::scripted::{Step, World, step};
use crate::support::t0;
use chrono::Duration;
use claimwatch::config::{DeliveryConfig, HumanDuration};
use claimwatch::model::Lang;
use claimwatch::store::OutboxState;
use std::sync::Arc;
use teloxide::types::Seconds;
use teloxide::{ApiError, RequestError};

fn network_error() -> RequestError {
    RequestError::Io(Arc::new(std::io::Error::other("connection reset")))
}

#[tokio::test]
async fn accepted_parts_are_sent_with_their_ids_and_a_busy_chat_waits_its_turn() {
    let w = World::new().await;
    let sub = w.digest_for(1, Lang::En, &["a", "b"]).await;
    let p = w.start("one", DeliveryConfig::default(), vec![]).await;
    assert_eq!(w.rows(sub).await[0].state, OutboxState::Pending);
    let r = step(&p).await;
    assert_eq!(
        (r.leased, r.sent, r.deferred),
        (2, 1, 1),
        "b waits a second"
    );
    let rows = w.rows(sub).await;
    assert_eq!(
        (rows[0].state, rows[0].telegram_message_id, rows[0].attempts),
        (OutboxState::Sent, Some(1), 1)
    );
    assert_eq!((rows[1].state, rows[1].attempts), (OutboxState::Pending, 0));
    assert_eq!(rows[1].next_attempt_at, t0() + Duration::seconds(1));
    w.clock.advance(Duration::seconds(1));
    assert_eq!(step(&p).await.sent, 1);
    assert_eq!(w.rows(sub).await[1].state, OutboxState::Sent);
    assert_eq!(w.telegram.received(1), vec!["a", "b"]);
}

#[tokio::test]
async fn a_429_gives_the_attempt_back_and_a_network_error_counts_it_until_failed() {
    let w = World::new().await;
    let sub = w.digest_for(1, Lang::En, &["a"]).await;
    let config = DeliveryConfig {
        max_attempts: 2,
        retry_base: HumanDuration::secs(5),
        ..DeliveryConfig::default()
    };
    let script = vec![
        Step::Fail(RequestError::RetryAfter(Seconds::from_seconds(30))),
        Step::Fail(network_error()),
        Step::Fail(network_error()),
    ];
    let p = w.start("one", config, script).await;
    assert_eq!(step(&p).await.rate_limited, 1);
    let row = &w.rows(sub).await[0];
    assert_eq!(
        (row.state, row.attempts, row.next_attempt_at),
        (OutboxState::Pending, 0, t0() + Duration::seconds(30))
    );
    w.clock.advance(Duration::seconds(29));
    assert_eq!(step(&p).await.leased, 0, "not due yet");
    w.clock.advance(Duration::seconds(1));
    assert_eq!(step(&p).await.retried, 1);
    let row = &w.rows(sub).await[0];
    assert_eq!((row.state, row.attempts), (OutboxState::Pending, 1));
    assert_eq!(row.next_attempt_at, w.now() + Duration::seconds(5));
    w.clock.advance(Duration::seconds(5));
    assert_eq!(step(&p).await.failed, 1, "the second attempt was the last");
    let row = &w.rows(sub).await[0];
    assert_eq!((row.state, row.attempts), (OutboxState::Failed, 2));
    assert!(w.telegram.received(1).is_empty());
}

#[tokio::test]
async fn a_chat_gone_fails_its_parts_and_a_refused_message_fails_alone() {
    let w = World::new().await;
    let gone = w.digest_for(1, Lang::En, &["a", "b"]).await;
    let refused = w.digest_for(2, Lang::En, &["<bad>", "fine"]).await;
    let script = vec![
        Step::Fail(RequestError::Api(ApiError::BotBlocked)),
        Step::Fail(RequestError::Api(ApiError::MessageIsTooLong)),
    ];
    let p = w.start("one", DeliveryConfig::default(), script).await;
    let r = step(&p).await;
    assert_eq!((r.deactivated, r.failed), (1, 3), "{r:?}");
    let states = |rows: Vec<claimwatch::store::OutboxMessage>| {
        rows.iter().map(|r| r.state).collect::<Vec<_>>()
    };
    assert_eq!(
        states(w.rows(gone).await),
        vec![OutboxState::Failed, OutboxState::Failed]
    );
    assert!(!w.store().subscriber(1).await.unwrap().unwrap().active);
    w.clock.advance(Duration::seconds(1));
    step(&p).await;
    assert_eq!(
        states(w.rows(refused).await),
        vec![OutboxState::Failed, OutboxState::Sent],
        "a refused part is not retried; the next one goes"
    );
    assert_eq!(w.telegram.received(2), vec!["fine"]);
}
