//! Time as a dependency: production reads the system clock, tests set the time by hand.

use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};

/// Where "now" comes from.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        ManualClock(Arc::new(Mutex::new(start)))
    }

    pub fn set(&self, t: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = t;
    }

    pub fn advance(&self, d: chrono::Duration) {
        let mut g = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *g += d;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Whether a chore done every `period` is due at `now`, given when it was `last` done; marks
/// it done when it is. A clock that went back makes it due.
pub fn due(last: &mut Option<DateTime<Utc>>, period: chrono::Duration, now: DateTime<Utc>) -> bool {
    if last.is_some_and(|t| now - t < period && t <= now) {
        return false;
    }
    *last = Some(now);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chore_is_due_once_per_period_and_again_after_the_clock_goes_back() {
        let t0 = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap();
        let minute = chrono::Duration::minutes(1);
        let mut last = None;
        assert!(due(&mut last, minute, t0));
        assert!(!due(&mut last, minute, t0 + chrono::Duration::seconds(59)));
        assert!(due(&mut last, minute, t0 + minute));
        assert!(due(&mut last, minute, t0), "the clock went back");
    }
}
