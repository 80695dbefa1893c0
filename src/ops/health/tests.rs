use super::*;
use crate::clock::ManualClock;
use crate::store::SchemaStatus;

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-21T07:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn passed(at: DateTime<Utc>) -> Checked {
    Checked {
        at,
        database: Ok("postgres".into()),
        schema: Ok("11 migrations".into()),
        telegram: Ok("@claimwatch_bot".into()),
        storage: Ok("no read or write failing".into()),
    }
}

#[test]
fn not_ready_before_the_first_check() {
    let clock = ManualClock::new(t0());
    let h = Health::new(Duration::from_secs(15), Arc::new(clock));
    let r = h.readiness();
    assert!(!r.ready);
    assert!(r.body.contains("no check"), "{}", r.body);
}

#[test]
fn ready_while_fresh_then_late_checks_turn_it_off() {
    let clock = ManualClock::new(t0());
    let h = Health::new(Duration::from_secs(15), Arc::new(clock.clone()));
    h.record(passed(t0()));
    let r = h.readiness();
    assert!(r.ready, "{}", r.body);
    assert!(
        r.body.starts_with("ready\ndatabase: ok (postgres)\n"),
        "{}",
        r.body
    );
    assert_eq!(h.check_timeout(), Duration::from_millis(3750));
    assert_eq!(h.check_every(), Duration::from_millis(11_250));
    clock.set(t0() + chrono::Duration::seconds(30));
    assert!(h.readiness().ready, "two intervals are allowed");
    clock.set(t0() + chrono::Duration::seconds(31));
    let late = h.readiness();
    assert!(!late.ready);
    assert!(late.body.contains("late"), "{}", late.body);
}

#[test]
fn a_failed_check_says_why() {
    let clock = ManualClock::new(t0());
    let h = Health::new(Duration::from_secs(15), Arc::new(clock));
    h.record(Checked {
        database: Err("database error: connection refused".into()),
        ..passed(t0())
    });
    let r = h.readiness();
    assert!(!r.ready);
    assert!(
        r.body
            .contains("database: FAILED: database error: connection refused"),
        "{}",
        r.body
    );
    assert!(r.body.contains("telegram: ok"), "{}", r.body);
}

#[test]
fn schema_must_be_exactly_what_this_build_knows() {
    let behind = SchemaStatus {
        applied: vec![1, 2],
        known: vec![1, 2, 3],
    };
    assert!(
        schema_outcome(&behind)
            .unwrap_err()
            .contains("claimwatch migrate")
    );
    let ahead = SchemaStatus {
        applied: vec![1, 2, 3, 99],
        known: vec![1, 2, 3],
    };
    assert!(schema_outcome(&ahead).unwrap_err().contains("newer"));
    let current = SchemaStatus {
        applied: vec![1, 2, 3],
        known: vec![1, 2, 3],
    };
    assert_eq!(schema_outcome(&current), Ok("3 migrations".into()));
}

#[test]
fn failing_writes_turn_readiness_off() {
    let clock = ManualClock::new(t0());
    let h = Health::new(Duration::from_secs(15), Arc::new(clock));
    h.record(Checked {
        storage: Err("writes failing since 2026-11-21 07:00:00 UTC (3 error(s)): disk full".into()),
        ..passed(t0())
    });
    let r = h.readiness();
    assert!(!r.ready);
    assert!(
        r.body.contains("storage: FAILED: writes failing"),
        "{}",
        r.body
    );
    assert!(r.body.contains("database: ok"), "{}", r.body);
}
