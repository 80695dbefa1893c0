//! Timestamps as SQLite stores them: milliseconds since the epoch.

use chrono::{DateTime, TimeZone, Utc};

/// Milliseconds since the epoch, the SQLite timestamp form.
pub(crate) fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}
