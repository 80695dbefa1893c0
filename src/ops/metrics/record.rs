//! Recording into the registry at the stages' clear points: what a poll cycle, a pipeline step
//! and a delivery step did, a digest's first message, a search, and the gauges the health
//! checker reads from the database.

use super::*;
use crate::delivery::DeliveryReport;
use crate::model::Source;
use crate::pipeline::PipelineReport;
use crate::sources::{PollOutcome, PollReport};
use chrono::{DateTime, Utc};
use std::time::Duration;

/// Sets the build info and the start time; called once at start-up.
pub fn started(at: DateTime<Utc>) {
    let revision = option_env!("CLAIMWATCH_REVISION").unwrap_or("unknown");
    BUILD_INFO.set(&[env!("CARGO_PKG_VERSION"), revision], 1.0);
    START_TIME.set(&[], seconds(at));
}

/// What a poll cycle did, source by source.
pub fn polls(reports: &[PollReport]) {
    for r in reports {
        let id = r.source_id.to_string();
        let name = source_label(&r.source_name);
        let outcome = match r.outcome {
            PollOutcome::Ok => "ok",
            PollOutcome::NotModified => "not_modified",
            PollOutcome::Error(_) => "error",
            PollOutcome::Paused(_) => "paused",
            PollOutcome::NotStored(_) => "not_stored",
        };
        POLLS.inc(&[&id, &name, outcome]);
        ITEMS_FETCHED.add(&[&id, &name], r.entries_seen as f64);
        ITEMS_STORED.add(&[&id, &name], r.new_item_ids.len() as f64);
        if let Some(kind) = r.error_kind {
            FETCH_ERRORS.inc(&[&id, &name, kind]);
        }
    }
}

/// What a pipeline step did.
pub fn pipeline(r: &PipelineReport) {
    ITEMS_CLASSIFIED.add(&["refusal"], r.refusal_items as f64);
    ITEMS_CLASSIFIED.add(&["losses"], r.loss_items as f64);
    let none = r.processed.saturating_sub(r.relevant);
    ITEMS_CLASSIFIED.add(&["none"], none as f64);
    CLAIMS_FILED.add(&[], r.claims_added as f64);
    CLAIMS_UPDATED.add(&[], r.claims_updated as f64);
    STORIES_CREATED.add(&[], r.new_stories as f64);
    STORY_JOINS.add(&[], r.joined as f64);
}

/// What a delivery step did.
pub fn delivery(r: &DeliveryReport) {
    MESSAGES_SENT.add(&[], r.sent as f64);
    TELEGRAM_429.add(&[], r.rate_limited as f64);
    SEND_RETRIES.add(&[], r.retried as f64);
    MESSAGES_FAILED.add(&[], r.failed as f64);
}

/// An outbox message was sent at `at`. The first part of a scheduled digest (whose period is
/// `digest:<due time>`, see `digest::schedule::period_key`) adds its lag to the histogram;
/// digests sent by hand have other periods and add nothing.
pub fn digest_part_sent(period: &str, part: i64, at: DateTime<Utc>) {
    if part != 0 {
        return;
    }
    let Some(due) = period
        .strip_prefix("digest:")
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
    else {
        return;
    };
    let lag = (at - due.with_timezone(&Utc)).num_milliseconds().max(0);
    DIGEST_LAG.observe(&[], lag as f64 / 1000.0);
}

/// One search query took `elapsed`.
pub fn search(elapsed: Duration) {
    SEARCH_DURATION.observe(&[], elapsed.as_secs_f64());
}

/// The sources' polling state as stored (shared by every instance); removed sources vanish.
pub fn sources(sources: &[Source]) {
    let label = |s: &Source| {
        let name = crate::sources::poller::source_label(s);
        vec![s.id.to_string(), source_label(&name)]
    };
    SOURCE_LAST_SUCCESS.replace(
        sources
            .iter()
            .filter_map(|s| Some((label(s), seconds(s.last_success_at?)))),
    );
    SOURCE_ERRORS.replace(sources.iter().map(|s| (label(s), s.error_count as f64)));
}

/// The outbox and the totals as stored.
pub fn backlog(b: &crate::store::Backlog, now: DateTime<Utc>) {
    OUTBOX_DEPTH.set(&[], b.outbox_depth as f64);
    let age = b
        .outbox_oldest
        .map_or(0, |t| (now - t).num_milliseconds().max(0));
    OUTBOX_OLDEST_AGE.set(&[], age as f64 / 1000.0);
    STORIES.set(&[], b.stories as f64);
    CLAIMS.set(&[], b.claims as f64);
}

/// The readiness checks' results.
pub fn checks(database: bool, schema: bool, telegram: bool) {
    for (name, ok) in [
        ("database", database),
        ("schema", schema),
        ("telegram", telegram),
    ] {
        CHECK_UP.set(&[name], f64::from(u8::from(ok)));
    }
    READY.set(&[], f64::from(u8::from(database && schema && telegram)));
}

/// Seconds since the epoch, with milliseconds.
fn seconds(t: DateTime<Utc>) -> f64 {
    t.timestamp_millis() as f64 / 1000.0
}

/// A source name fit for a label: an address loses its credentials, query and fragment (they
/// may hold a key); a title is kept as it is.
pub fn source_label(name: &str) -> String {
    match url::Url::parse(name) {
        Ok(mut u) if u.has_host() || u.scheme() == "file" => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.set_fragment(None);
            u.to_string()
        }
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_labels_carry_no_credentials_or_keys() {
        let l = source_label("https://reader:pw@feeds.example/rss?key=abc123#x");
        assert_eq!(l, "https://feeds.example/rss");
        assert_eq!(source_label("Kyiv Independent"), "Kyiv Independent");
        assert_eq!(source_label("@mod_russia"), "@mod_russia");
    }

    #[test]
    fn digest_lag_counts_the_first_part_of_scheduled_digests_only() {
        let before = DIGEST_LAG.observations(&[]);
        let due = "digest:2026-11-21T07:00:00Z";
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-21T07:00:42Z")
            .unwrap()
            .with_timezone(&Utc);
        digest_part_sent(due, 1, at);
        digest_part_sent("manual-2026-11-21", 0, at);
        assert_eq!(DIGEST_LAG.observations(&[]), before);
        digest_part_sent(due, 0, at);
        assert_eq!(DIGEST_LAG.observations(&[]), before + 1);
        assert!(render().contains("claimwatch_digest_lag_seconds_bucket{le=\"60\"}"));
    }
}
