//! An operator's "send the digest now" (`claimwatch digest --send-now`): every active
//! subscriber's current digest enqueued under one named period. The period is the
//! idempotency key: running it again with the same key enqueues nothing new and only
//! resumes delivery. Scheduled times are left as they are.

use super::schedule::{ScheduleReport, enqueue};
use super::{DigestError, compose};
use crate::config::Config;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// The period key of a manual digest named `name` (default: the UTC date).
pub fn manual_period(name: Option<&str>, now: DateTime<Utc>) -> String {
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(64).collect::<String>())
        .unwrap_or_else(|| now.format("%Y-%m-%d").to_string());
    format!("manual:{name}")
}

/// Composes and enqueues the current digest of every active subscriber under `period`.
pub async fn enqueue_now(
    store: &dyn Store,
    cfg: &Config,
    period: &str,
    now: DateTime<Utc>,
) -> Result<ScheduleReport, DigestError> {
    let mut report = ScheduleReport::default();
    for sub in store.list_subscribers(true).await? {
        if store
            .outbox_of(sub.id)
            .await?
            .iter()
            .any(|m| m.period == period)
        {
            report.already_enqueued += 1;
            continue;
        }
        let digest = compose(store, cfg, &sub, now).await?;
        enqueue(
            store,
            &sub,
            period.to_owned(),
            digest,
            None,
            now,
            &mut report,
        )
        .await?;
    }
    Ok(report)
}
