//! The outbox state machine when a sender dies (see machine.rs for the rest):
//!
//! | from | event | to |
//! |---|---|---|
//! | sending | its sender dies in flight, or between the answer and the `sent` mark | sending (lease held by the dead) |
//! | sending | another sender starts, or the lease ends | in_doubt → pending, `resends` + 1 (one transaction) |
//! | pending (resend) | leased and accepted, the marker on top | sent |
//! | sending | answered, the `sent` mark refused by the database | kept in memory, written first: sent, never resent |
//! | in_doubt | `in_doubt = "skip"` | in_doubt for good; the next part goes |
//!
//! Each "process" has its own connection pool; a crash drops its step and closes its pool.

use crate::scripted::{Step, World, kill_after_answer, kill_in_flight, step};
use chrono::Duration;
use claimwatch::config::{DeliveryConfig, InDoubt};
use claimwatch::delivery::{LEASE, Recovery, deliver_due, recover};
use claimwatch::model::Lang;
use claimwatch::store::OutboxState;
use sqlx::Connection;

fn marked(lang: Lang, body: &str) -> String {
    let marker = claimwatch::i18n::texts(lang).bot.resent_marker;
    format!("<i>{marker}</i>\n\n{body}")
}

fn config() -> DeliveryConfig {
    DeliveryConfig::default()
}

/// After a crash, a new sender finds the message in doubt and sends it again, marked, before
/// the later part: every part arrives, one marked repeat for the one crash.
async fn resent_after(in_flight: bool) {
    let w = World::new().await;
    let sub = w.digest_for(1, Lang::Uk, &["a", "b"]).await;
    if in_flight {
        kill_in_flight(w.start("one", config(), vec![Step::DieInFlight]).await).await;
    } else {
        kill_after_answer(w.start("one", config(), vec![Step::DieAfterAnswer]).await).await;
    }
    let row = &w.rows(sub).await[0];
    assert_eq!(
        (row.state, row.telegram_message_id),
        (OutboxState::Sending, None)
    );

    let q = w.process(config(), vec![]).await.in_sender_role("two");
    let found = recover(&q, w.now(), false).await.unwrap();
    assert_eq!(
        found,
        Recovery {
            in_doubt: 1,
            resend: 1
        }
    );
    let row = &w.rows(sub).await[0];
    assert_eq!((row.state, row.resends), (OutboxState::Pending, 1));
    let r = step(&q).await;
    assert_eq!((r.sent, r.resent, r.deferred), (1, 1, 1), "{r:?}");
    w.clock.advance(Duration::seconds(1));
    assert_eq!(step(&q).await.sent, 1);
    assert_eq!(
        w.telegram.received(1),
        vec!["a".to_string(), marked(Lang::Uk, "a"), "b".into()]
    );
    let rows = w.rows(sub).await;
    assert!(rows.iter().all(|r| r.state == OutboxState::Sent));
    assert_eq!(w.store().stats(w.now()).await.unwrap().resent_since, 0);
    let day = w.store().stats(w.now() - Duration::days(1)).await.unwrap();
    assert_eq!((day.resent_since, day.in_doubt), (1, 0));
}

#[tokio::test]
async fn a_send_in_flight_at_a_crash_is_sent_again_marked() {
    resent_after(true).await;
}

#[tokio::test]
async fn a_crash_between_the_answer_and_the_sent_mark_sends_it_again_marked() {
    resent_after(false).await;
}

#[tokio::test]
async fn a_resend_in_flight_at_a_second_crash_is_sent_again_once_more() {
    let w = World::new().await;
    let sub = w.digest_for(1, Lang::Ru, &["a", "b"]).await;
    kill_in_flight(w.start("one", config(), vec![Step::DieInFlight]).await).await;
    kill_in_flight(w.start("two", config(), vec![Step::DieInFlight]).await).await;
    let r = w.start("three", config(), vec![]).await;
    assert_eq!(w.rows(sub).await[0].resends, 2);
    step(&r).await;
    w.clock.advance(Duration::seconds(1));
    step(&r).await;
    let m = marked(Lang::Ru, "a");
    assert_eq!(
        w.telegram.received(1),
        vec!["a".to_string(), m.clone(), m, "b".into()],
        "two crashes, two marked repeats"
    );
}

#[tokio::test]
async fn a_lease_left_by_a_process_outside_the_sender_role_is_in_doubt_once_it_ends() {
    let w = World::new().await;
    let sub = w.digest_for(1, Lang::En, &["a"]).await;
    let p = w.process(config(), vec![Step::DieInFlight]).await;
    kill_in_flight(p).await;
    let q = w.process(config(), vec![]).await;
    assert_eq!(
        recover(&q, w.now(), false).await.unwrap(),
        Recovery::default()
    );
    w.clock
        .advance(Duration::from_std(LEASE).unwrap() + Duration::seconds(1));
    let found = recover(&q, w.now(), false).await.unwrap();
    assert_eq!(
        found,
        Recovery {
            in_doubt: 1,
            resend: 1
        }
    );
    assert_eq!(step(&q).await.resent, 1);
    assert_eq!(
        w.telegram.received(1),
        vec!["a".to_string(), marked(Lang::En, "a")]
    );
    assert_eq!(w.rows(sub).await[0].state, OutboxState::Sent);
}

#[tokio::test]
async fn with_skip_a_message_in_doubt_is_never_sent_again() {
    let w = World::new().await;
    let sub = w.digest_for(1, Lang::En, &["a", "b"]).await;
    let skip = DeliveryConfig {
        in_doubt: InDoubt::Skip,
        ..config()
    };
    kill_in_flight(w.start("one", skip.clone(), vec![Step::DieInFlight]).await).await;
    let q = w.process(skip, vec![]).await.in_sender_role("two");
    let found = recover(&q, w.now(), false).await.unwrap();
    assert_eq!(
        found,
        Recovery {
            in_doubt: 1,
            resend: 0
        }
    );
    for _ in 0..3 {
        step(&q).await;
        w.clock.advance(Duration::seconds(1));
    }
    assert_eq!(w.telegram.received(1), vec!["a", "b"]);
    let rows = w.rows(sub).await;
    assert_eq!(
        (rows[0].state, rows[1].state),
        (OutboxState::InDoubt, OutboxState::Sent)
    );
    assert_eq!(w.store().stats(w.now()).await.unwrap().in_doubt, 1);
}

/// Makes the database refuse (or accept again) every `sent` mark.
async fn refuse_sent_marks(url: &str, refuse: bool) {
    let sql = match (url.starts_with("postgres"), refuse) {
        (true, true) => {
            "CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS
               $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$;
             CREATE TRIGGER refuse_sent BEFORE UPDATE ON outbox FOR EACH ROW
               WHEN (NEW.state = 'sent') EXECUTE FUNCTION refuse_sent();"
        }
        (true, false) => "DROP TRIGGER refuse_sent ON outbox; DROP FUNCTION refuse_sent();",
        (false, true) => {
            "CREATE TRIGGER refuse_sent BEFORE UPDATE OF state ON outbox
               WHEN NEW.state = 'sent' BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;"
        }
        (false, false) => "DROP TRIGGER refuse_sent;",
    };
    if url.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::raw_sql(sql).execute(&mut c).await.unwrap();
    } else {
        let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::raw_sql(sql).execute(&mut c).await.unwrap();
    }
}

#[tokio::test]
async fn an_answer_the_database_refused_is_written_first_and_never_resent() {
    let w = World::new().await;
    let sub = w.digest_for(1, Lang::En, &["a", "b"]).await;
    let p = w.start("one", config(), vec![]).await;
    refuse_sent_marks(&w.db.url, true).await;
    assert!(deliver_due(&p, w.now()).await.is_err());
    assert_eq!(p.unwritten_answers(), 1);
    assert_eq!(w.rows(sub).await[0].state, OutboxState::Sending);
    // Long after the lease ended, the database still refuses: nothing is resolved.
    w.clock
        .advance(Duration::from_std(LEASE).unwrap() + Duration::minutes(1));
    assert!(recover(&p, w.now(), false).await.is_err());
    assert_eq!(w.rows(sub).await[0].state, OutboxState::Sending);
    refuse_sent_marks(&w.db.url, false).await;
    assert_eq!(
        recover(&p, w.now(), false).await.unwrap(),
        Recovery::default()
    );
    assert_eq!(p.unwritten_answers(), 0);
    let row = &w.rows(sub).await[0];
    assert_eq!(
        (row.state, row.telegram_message_id, row.resends),
        (OutboxState::Sent, Some(1), 0)
    );
    assert_eq!(step(&p).await.sent, 1);
    assert_eq!(w.telegram.received(1), vec!["a", "b"], "never resent");
}
