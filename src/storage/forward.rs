//! Every store method of [`Watched`], forwarded to the real store through
//! [`Watched::run`], each marked as a read or a write (a write is checked first and, when it
//! succeeds, clears a storage fault).

use super::Watched;
use super::health::Op::{Read, Write};
use crate::model::{
    Category, Claim, InsertOutcome, Item, NewItem, NewSource, NewSubscriber, Source, StoredClaim,
    StoryView, Subscriber,
};
use crate::series::{NewPoint, SeriesPoint};
use crate::store::{
    Backlog, ChartImage, ClaimView, DigestEnqueue, ExportQuery, InDoubtResolved, InFlight,
    ItemFiling, ItemStore, LeaseStore, OpsStore, OutboxMessage, OutboxStore, PollFailure,
    PollSuccess, Result, SchemaStatus, SearchPage, SearchQuery, SeriesQuery, SeriesStore,
    SeriesSummary, SourceStore, StoryStore, SubscriberStore, SubscriberUpdate,
};
use chrono::{DateTime, Utc};
use std::time::Duration;

/// `impl $trait for Watched`, one forwarding method per line: `read|write name(args) -> T`.
macro_rules! forward {
    ($trait:ident { $($op:ident $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)* }) => {
        #[async_trait::async_trait]
        impl $trait for Watched {
            $(
                async fn $name(&self, $($arg: $ty),*) -> Result<$ret> {
                    self.run($op, self.inner.$name($($arg),*)).await
                }
            )*
        }
    };
}

forward!(ItemStore {
    Write insert_item(item: &NewItem) -> InsertOutcome;
    Write insert_items(items: &[NewItem]) -> Vec<InsertOutcome>;
    Read item(id: i64) -> Option<Item>;
    Read items_since(since: DateTime<Utc>, limit: i64) -> Vec<Item>;
    Read items_of_source(source_id: i64, limit: i64) -> Vec<Item>;
    Read unprocessed_items(limit: i64) -> Vec<Item>;
    Write mark_items_processed(ids: &[i64], at: DateTime<Utc>) -> ();
});

forward!(LeaseStore {
    Write acquire_lease(name: &str, owner: &str, now: DateTime<Utc>, ttl: Duration) -> bool;
    Write release_lease(name: &str, owner: &str) -> ();
    Read lease_holder(name: &str, now: DateTime<Utc>) -> Option<String>;
});

forward!(SourceStore {
    Write upsert_source(source: &NewSource, now: DateTime<Utc>) -> Source;
    Read source(id: i64) -> Option<Source>;
    Read source_by_url(url: &str) -> Option<Source>;
    Read list_sources() -> Vec<Source>;
    Write remove_source(id: i64) -> bool;
    Write set_source_paused(id: i64, paused: bool, reason: Option<&str>, now: DateTime<Utc>) -> bool;
    Write lease_due_sources(now: DateTime<Utc>, lease: Duration, limit: i64) -> Vec<Source>;
    Write record_poll_success(id: i64, ok: &PollSuccess) -> ();
    Write record_poll_failure(id: i64, failure: &PollFailure) -> Source;
    Write set_backfill_cursor(id: i64, cursor: Option<&str>) -> ();
    Read source_ttl(id: i64) -> Option<i64>;
    Read next_check_due() -> Option<DateTime<Utc>>;
});

forward!(StoryStore {
    Write file_item(filing: &ItemFiling<'_>) -> i64;
    Write create_story(item_id: i64, title: &str, seen_at: DateTime<Utc>) -> i64;
    Write join_story(story_id: i64, item_id: i64, seen_at: DateTime<Utc>) -> ();
    Write add_claims(
        story_id: i64,
        item_id: i64,
        claimed_at: DateTime<Utc>,
        claims: &[Claim],
        search_terms: &str
    ) -> Vec<i64>;
    Read story(id: i64) -> Option<StoryView>;
    Read claims_of_items(item_ids: &[i64]) -> Vec<StoredClaim>;
    Read stories_between(since: DateTime<Utc>, until: DateTime<Utc>, limit: i64) -> Vec<StoryView>;
    Read undelivered_stories(
        subscriber_id: i64,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64
    ) -> Vec<StoryView>;
    Read search_claims(query: &SearchQuery) -> SearchPage;
    Read latest_claims_by_claimant(
        claimant: &str,
        category: Category,
        until: DateTime<Utc>,
        limit: i64
    ) -> Vec<StoredClaim>;
    Read recent_claims(since: DateTime<Utc>, category: Option<Category>, limit: i64) -> Vec<ClaimView>;
});

forward!(SubscriberStore {
    Write upsert_subscriber(new: &NewSubscriber, now: DateTime<Utc>) -> (Subscriber, bool);
    Read subscriber(chat_id: i64) -> Option<Subscriber>;
    Read subscriber_by_id(id: i64) -> Option<Subscriber>;
    Write update_subscriber(chat_id: i64, update: &SubscriberUpdate, now: DateTime<Utc>) -> Option<Subscriber>;
    Write set_subscriber_active(chat_id: i64, active: bool, reason: Option<&str>, now: DateTime<Utc>) -> bool;
    Write migrate_chat(old_chat_id: i64, new_chat_id: i64, now: DateTime<Utc>) -> bool;
    Read due_subscribers(now: DateTime<Utc>, limit: i64) -> Vec<Subscriber>;
    Read unscheduled_subscribers(limit: i64) -> Vec<Subscriber>;
    Write schedule_first_digest(chat_id: i64, at: DateTime<Utc>, now: DateTime<Utc>) -> bool;
    Read list_subscribers(active_only: bool) -> Vec<Subscriber>;
});

forward!(OutboxStore {
    Write enqueue_digest(digest: &DigestEnqueue, now: DateTime<Utc>) -> bool;
    Write lease_outbox(now: DateTime<Utc>, owner: &str, lease: Duration, limit: i64) -> Vec<OutboxMessage>;
    Write lease_next(now: DateTime<Utc>, owner: &str, lease: Duration) -> Option<OutboxMessage>;
    Write mark_sent(id: i64, telegram_message_id: Option<i64>, at: DateTime<Utc>) -> ();
    Write mark_retry(id: i64, next_attempt_at: DateTime<Utc>, error: &str, count_attempt: bool) -> ();
    Write mark_failed(id: i64, error: &str) -> ();
    Write defer_outbox(id: i64, next_attempt_at: DateTime<Utc>) -> ();
    Write resolve_in_doubt(now: DateTime<Utc>, in_flight: InFlight<'_>, resend: bool) -> InDoubtResolved;
    Write fail_pending_for(subscriber_id: i64, error: &str) -> u64;
    Read outbox_message(id: i64) -> Option<OutboxMessage>;
    Read outbox_of(subscriber_id: i64) -> Vec<OutboxMessage>;
    Read next_outbox_due() -> Option<DateTime<Utc>>;
    Read next_sendable_at() -> Option<DateTime<Utc>>;
});

forward!(SeriesStore {
    Write record_points(points: &[NewPoint], source_id: Option<i64>, now: DateTime<Utc>) -> ();
    Read series_points(query: &SeriesQuery) -> Vec<SeriesPoint>;
    Read list_series(claimant_id: Option<&str>) -> Vec<SeriesSummary>;
    Read series_sources(query: &SeriesQuery, limit: i64) -> Vec<String>;
    Write rebuild_series() -> u64;
    Write put_chart_image(key: &str, png: &[u8], now: DateTime<Utc>) -> i64;
    Read chart_image(id: i64) -> Option<ChartImage>;
    Write set_chart_file_id(id: i64, file_id: &str) -> ();
});

forward!(OpsStore {
    Read ping() -> ();
    Read schema_status() -> SchemaStatus;
    Read backlog() -> Backlog;
    Read export_claims(query: &ExportQuery) -> Vec<ClaimView>;
});
