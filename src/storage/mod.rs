//! Storage faults, loud and safe: [`Watched`] wraps the real store so that every operation's
//! outcome feeds one [`StoreHealth`] (what a readiness check shows, and a log that says once
//! when an outage starts, once a minute while it lasts, once when it ends), and every write
//! first asks the store whether it can be kept (a SQLite file removed, replaced or made
//! read-only refuses it, never a silent success). Loops that hit an unavailable store back
//! off ([`Backoff`]) and leave the reporting to the health ([`log_store_error`]).

mod forward;
pub mod health;

pub use health::{HealthReport, StorageFault, StoreHealth};

use crate::clock::Clock;
use crate::store::{Result, Stats, Store, StoreError};
use chrono::{DateTime, Utc};
use health::Op;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// A store whose every outcome is recorded in a [`StoreHealth`].
pub struct Watched {
    inner: Arc<dyn Store>,
    health: Arc<StoreHealth>,
}

/// Wraps `store`; the health goes to whoever reports it (e.g. a `/readyz` endpoint).
pub fn watch(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> (Arc<dyn Store>, Arc<StoreHealth>) {
    let health = Arc::new(StoreHealth::new(clock));
    let watched = Watched {
        inner: store,
        health: health.clone(),
    };
    (Arc::new(watched), health)
}

impl Watched {
    async fn run<T>(&self, op: Op, call: impl Future<Output = Result<T>>) -> Result<T> {
        let started = self.health.now();
        if op == Op::Write
            && let Err(e) = self.inner.check_writable()
        {
            self.health.failed(op, started, &e);
            return Err(e);
        }
        let result = call.await;
        match &result {
            Ok(_) => self.health.succeeded(op),
            Err(e) => self.health.failed(op, started, e),
        }
        result
    }
}

#[async_trait::async_trait]
impl Store for Watched {
    fn backend(&self) -> &'static str {
        self.inner.backend()
    }

    /// Not checked first: with nothing to apply it writes nothing, so a read-only database
    /// still opens (and then refuses writes, loudly).
    async fn migrate(&self) -> Result<usize> {
        let started = self.health.now();
        let result = self.inner.migrate().await;
        if let Err(e) = &result {
            self.health.failed(Op::Write, started, e);
        }
        result
    }

    async fn stats(&self, since: DateTime<Utc>) -> Result<Stats> {
        self.run(Op::Read, self.inner.stats(since)).await
    }

    async fn close(&self) {
        self.inner.close().await
    }

    fn check_writable(&self) -> Result<()> {
        self.inner.check_writable()
    }
}

/// Logs a store error of a loop: at debug level when the storage is unavailable (the health
/// reports that, once per outage), else as an error.
pub fn log_store_error(error: &StoreError, what: &str) {
    if error.is_unavailable() {
        tracing::debug!(%error, "{what}");
    } else {
        tracing::error!(%error, "{what}");
    }
}

/// Waits between retries of a loop that failed: 1 s, doubling to at most `max`; back to the
/// start after a success.
#[derive(Debug, Clone)]
pub struct Backoff {
    failures: u32,
    max: Duration,
}

impl Backoff {
    pub fn new(max: Duration) -> Backoff {
        Backoff { failures: 0, max }
    }

    /// The wait after one more failure.
    pub fn fail(&mut self) -> Duration {
        self.failures = self.failures.saturating_add(1);
        let exp = self.failures.saturating_sub(1).min(16);
        Duration::from_secs(1u64 << exp).min(self.max)
    }

    pub fn succeed(&mut self) {
        self.failures = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_its_cap_and_resets() {
        let mut b = Backoff::new(Duration::from_secs(10));
        let waits: Vec<u64> = (0..6).map(|_| b.fail().as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 10, 10]);
        b.succeed();
        assert_eq!(b.fail(), Duration::from_secs(1));
    }
}
