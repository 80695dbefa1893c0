//! The storage's health as the process sees it: which kind of operation (reads, writes) is
//! failing because the storage is unavailable, since when, how often, and the last error. It
//! is what a readiness check reports ([`StoreHealth::report`]), and it keeps the log quiet
//! and clear: one warning when an outage starts, one error a minute while it lasts, one line
//! when it ends. Time comes from the clock.

use crate::clock::Clock;
use crate::store::StoreError;
use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex, MutexGuard};

/// While an outage lasts, it is logged again this often.
const REPEAT_EVERY: Duration = Duration::minutes(1);

/// What an operation did to the storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Read,
    Write,
}

/// One kind of operation failing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageFault {
    /// The first failure of this outage.
    pub since: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
    pub last_error: String,
    pub errors: u64,
}

/// The storage's health now: `writes`/`reads` are set while that kind of operation fails.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HealthReport {
    pub writes: Option<StorageFault>,
    pub reads: Option<StorageFault>,
    /// Outages seen since the process started (over and current).
    pub outages: u64,
}

impl HealthReport {
    pub fn is_ok(&self) -> bool {
        self.writes.is_none() && self.reads.is_none()
    }

    /// One line for a health endpoint or `/stats`: "ok", or what fails since when.
    pub fn summary(&self) -> String {
        let part = |name: &str, f: &StorageFault| {
            format!(
                "{name} failing since {} ({} error(s)): {}",
                f.since.format("%Y-%m-%d %H:%M:%S UTC"),
                f.errors,
                f.last_error
            )
        };
        match (&self.writes, &self.reads) {
            (None, None) => "ok".into(),
            (Some(w), None) => part("writes", w),
            (None, Some(r)) => part("reads", r),
            (Some(w), Some(r)) => format!("{}; {}", part("writes", w), part("reads", r)),
        }
    }
}

#[derive(Debug, Default)]
struct State {
    report: HealthReport,
    logged_at: Option<DateTime<Utc>>,
    /// When the last outage ended: a call started before it failed within that outage.
    recovered_at: Option<DateTime<Utc>>,
}

/// Shared by the store wrapper (which records every outcome) and whoever reports health.
#[derive(Debug)]
pub struct StoreHealth {
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
}

impl StoreHealth {
    pub fn new(clock: Arc<dyn Clock>) -> StoreHealth {
        StoreHealth {
            clock,
            state: Mutex::new(State::default()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn report(&self) -> HealthReport {
        self.lock().report.clone()
    }

    pub fn is_ok(&self) -> bool {
        self.lock().report.is_ok()
    }

    /// An operation of kind `op` succeeded: a write clears every fault, a read the reads'.
    pub fn succeeded(&self, op: Op) {
        let mut st = self.lock();
        let was_down = !st.report.is_ok();
        if op == Op::Write {
            st.report.writes = None;
        }
        st.report.reads = None;
        if was_down && st.report.is_ok() {
            st.logged_at = None;
            st.recovered_at = Some(self.clock.now());
            tracing::info!("storage available again: writes and reads go through");
        }
    }

    /// An operation of kind `op`, started at `started`, failed; only an unavailable storage
    /// counts as a fault, and a call that started before the last outage ended belongs to it
    /// (a connection it waited for through the outage), not to a new one.
    pub fn failed(&self, op: Op, started: DateTime<Utc>, error: &StoreError) {
        if !error.is_unavailable() {
            return;
        }
        let now = self.clock.now();
        let mut st = self.lock();
        if st.report.is_ok() && st.recovered_at.is_some_and(|t| started < t) {
            return;
        }
        let starts = st.report.is_ok();
        let slot = match op {
            Op::Write => &mut st.report.writes,
            Op::Read => &mut st.report.reads,
        };
        let fault = slot.get_or_insert_with(|| StorageFault {
            since: now,
            last_at: now,
            last_error: String::new(),
            errors: 0,
        });
        fault.errors += 1;
        fault.last_at = now;
        fault.last_error = error.to_string();
        let (errors, since) = (fault.errors, fault.since);
        if starts {
            st.report.outages += 1;
            st.logged_at = Some(now);
            tracing::warn!(%error, "storage unavailable: nothing is changed until it recovers (retried; reported once a minute)");
        } else if st
            .logged_at
            .is_none_or(|t| now - t >= REPEAT_EVERY || t > now)
        {
            st.logged_at = Some(now);
            let secs = (now - since).num_seconds();
            tracing::error!(%error, errors, secs, "storage still unavailable");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use chrono::TimeZone;

    fn setup() -> (ManualClock, StoreHealth) {
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap());
        let health = StoreHealth::new(Arc::new(clock.clone()));
        (clock, health)
    }

    #[test]
    fn a_write_fault_shows_until_a_write_succeeds() {
        let (clock, h) = setup();
        let full = StoreError::Unavailable("database or disk is full".into());
        h.failed(Op::Write, clock.now(), &full);
        clock.advance(Duration::seconds(5));
        h.failed(Op::Write, clock.now(), &full);
        let r = h.report();
        assert!(!r.is_ok());
        let w = r.writes.as_ref().unwrap();
        assert_eq!((w.errors, r.outages), (2, 1));
        assert!(r.summary().contains("disk is full"), "{}", r.summary());
        // Reads going through do not hide the write fault.
        h.succeeded(Op::Read);
        assert!(!h.is_ok());
        h.succeeded(Op::Write);
        assert!(h.is_ok());
        assert_eq!(h.report().summary(), "ok");
        // A call that waited through the outage and failed after it does not start another.
        let before = clock.now() - Duration::seconds(3);
        clock.advance(Duration::seconds(1));
        h.failed(Op::Write, before, &full);
        assert!(h.is_ok());
        assert_eq!(h.report().outages, 1);
        h.failed(Op::Write, clock.now(), &full);
        assert_eq!(h.report().outages, 2);
    }

    #[test]
    fn only_an_unavailable_storage_is_a_fault() {
        let (_, h) = setup();
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
        h.failed(Op::Write, now, &StoreError::Database("syntax error".into()));
        h.failed(Op::Read, now, &StoreError::NotFound("x".into()));
        assert!(h.is_ok());
        assert_eq!(h.report().outages, 0);
    }
}
