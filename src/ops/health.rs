//! Readiness: the checker asks the database for a trivial answer and its schema, and Telegram
//! for `getMe`, often enough that a failure shows in `/readyz` within one
//! `server.check_interval` (rounds start every interval less the check timeout, a quarter of
//! it); `/readyz` answers from the last round (ready only when every check passed and the round
//! is fresh). The same loop refreshes the gauges read
//! from the database (outbox, totals, sources' polling state).

use super::metrics::record;
use crate::bot::BotApi;
use crate::bot::redact_token;
use crate::clock::Clock;
use crate::shutdown::Shutdown;
use crate::storage::StoreHealth;
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::fmt::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use teloxide::requests::Request;

/// No check waits longer than this for an answer.
const MAX_CHECK_TIME: Duration = Duration::from_secs(10);

/// One check's result: what passed, or why it failed.
pub type Outcome = Result<String, String>;

/// The results of one round of checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub at: DateTime<Utc>,
    pub database: Outcome,
    pub schema: Outcome,
    pub telegram: Outcome,
    /// Whether reads or writes are failing now, as the process's own calls saw them (a full
    /// disk fails writes while the database still answers a ping).
    pub storage: Outcome,
}

impl Checked {
    pub fn passed(&self) -> bool {
        self.database.is_ok()
            && self.schema.is_ok()
            && self.telegram.is_ok()
            && self.storage.is_ok()
    }
}

/// What `/readyz` answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub ready: bool,
    /// One line per check, with the reason of each failure.
    pub body: String,
}

/// The last checks' results, shared between the checker and the HTTP server.
#[derive(Debug)]
pub struct Health {
    last: Mutex<Option<Checked>>,
    interval: Duration,
    clock: Arc<dyn Clock>,
}

impl Health {
    pub fn new(interval: Duration, clock: Arc<dyn Clock>) -> Health {
        Health {
            last: Mutex::new(None),
            interval,
            clock,
        }
    }

    /// How long checks may wait for an answer: a quarter of the interval (at most 10 s).
    pub fn check_timeout(&self) -> Duration {
        (self.interval / 4).clamp(Duration::from_millis(100), MAX_CHECK_TIME)
    }

    /// Checks start this often: a round that starts after a failure has begun ends, timeout
    /// included, within one interval of it.
    pub fn check_every(&self) -> Duration {
        self.interval.saturating_sub(self.check_timeout())
    }

    pub fn record(&self, checked: Checked) {
        record::checks(
            checked.database.is_ok(),
            checked.schema.is_ok(),
            checked.telegram.is_ok(),
        );
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some(checked);
    }

    /// Ready when the last round passed and is no older than two intervals (a checker that
    /// hangs turns readiness off too).
    pub fn readiness(&self) -> Readiness {
        let last = self.last.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let Some(c) = last else {
            return Readiness {
                ready: false,
                body: "not ready\nno check has finished yet\n".into(),
            };
        };
        let age = (self.clock.now() - c.at).to_std().unwrap_or_default();
        let fresh = age <= self.interval * 2;
        let ready = c.passed() && fresh;
        let mut body = String::from(if ready { "ready\n" } else { "not ready\n" });
        for (name, outcome) in [
            ("database", &c.database),
            ("schema", &c.schema),
            ("telegram", &c.telegram),
            ("storage", &c.storage),
        ] {
            let _ = match outcome {
                Ok(note) => writeln!(body, "{name}: ok ({note})"),
                Err(why) => writeln!(body, "{name}: FAILED: {why}"),
            };
        }
        let _ = writeln!(body, "checked {}s ago", age.as_secs());
        if !fresh {
            let _ = writeln!(body, "the checks are late: the checker may be stuck");
        }
        Readiness { ready, body }
    }
}

/// Runs one round of checks now, each bounded by `timeout`.
pub async fn check_once<R: BotApi>(
    store: &dyn Store,
    storage: &StoreHealth,
    bot: &R,
    timeout: Duration,
    at: DateTime<Utc>,
) -> Checked {
    let bounded = |what: &'static str| {
        move |_| {
            format!(
                "no answer from the {what} within {}s",
                timeout.as_secs_f32()
            )
        }
    };
    let database = async {
        let database = tokio::time::timeout(timeout, store.ping())
            .await
            .map_err(bounded("database"))
            .and_then(|r| r.map_err(|e| e.to_string()))
            .map(|()| store.backend().to_owned());
        if database.is_err() {
            return (database, Err("not checked: no database".to_owned()));
        }
        let schema = tokio::time::timeout(timeout, store.schema_status())
            .await
            .map_err(bounded("database"))
            .and_then(|r| r.map_err(|e| e.to_string()))
            .and_then(|status| schema_outcome(&status));
        (database, schema)
    };
    let telegram = async {
        let me = tokio::time::timeout(timeout, bot.get_me().send())
            .await
            .map_err(bounded("Bot API"))?
            .map_err(|e| redact_token(&e.to_string()))?;
        Ok(format!("@{}", me.username()))
    };
    let ((database, schema), telegram) = tokio::join!(database, telegram);
    let report = storage.report();
    Checked {
        at,
        database,
        schema,
        telegram,
        storage: if report.is_ok() {
            Ok("no read or write failing".into())
        } else {
            Err(report.summary())
        },
    }
}

fn schema_outcome(status: &crate::store::SchemaStatus) -> Outcome {
    let (pending, unknown) = (status.pending(), status.unknown());
    if !unknown.is_empty() {
        return Err(format!(
            "the database has migrations this build does not know ({unknown:?}): a newer claimwatch migrated it"
        ));
    }
    if !pending.is_empty() {
        return Err(format!(
            "migrations {pending:?} are not applied: run `claimwatch migrate`"
        ));
    }
    Ok(format!("{} migrations", status.applied.len()))
}

/// Checks every `interval` until `shutdown`, and refreshes the database gauges after each
/// round that reached the database.
pub async fn run_checks<R: BotApi>(
    health: Arc<Health>,
    store: Arc<dyn Store>,
    storage: Arc<StoreHealth>,
    bot: R,
    shutdown: Shutdown,
) {
    let timeout = health.check_timeout();
    loop {
        let started = tokio::time::Instant::now();
        let now = health.clock.now();
        let checked = check_once(store.as_ref(), &storage, &bot, timeout, now).await;
        let reached = checked.database.is_ok();
        if !checked.passed() {
            tracing::warn!(readiness = %health_summary(&checked), "not ready");
        }
        health.record(checked);
        if reached {
            refresh_gauges(store.as_ref(), now, timeout).await;
        }
        let next = health.check_every().saturating_sub(started.elapsed());
        if !shutdown.sleep(next).await {
            return;
        }
    }
}

fn health_summary(c: &Checked) -> String {
    [&c.database, &c.schema, &c.telegram, &c.storage]
        .iter()
        .filter_map(|o| o.as_ref().err().cloned())
        .collect::<Vec<_>>()
        .join("; ")
}

async fn refresh_gauges(store: &dyn Store, now: DateTime<Utc>, timeout: Duration) {
    match tokio::time::timeout(timeout, store.backlog()).await {
        Ok(Ok(b)) => record::backlog(&b, now),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "cannot read the outbox and totals for the metrics")
        }
        Err(_) => tracing::warn!("reading the outbox and totals for the metrics timed out"),
    }
    match tokio::time::timeout(timeout, store.list_sources()).await {
        Ok(Ok(sources)) => record::sources(&sources),
        Ok(Err(e)) => tracing::warn!(error = %e, "cannot read the sources for the metrics"),
        Err(_) => tracing::warn!("reading the sources for the metrics timed out"),
    }
}

#[cfg(test)]
mod tests;
