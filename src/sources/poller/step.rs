//! The step function: poll one source — fetch (conditionally), parse and normalise off the
//! async threads, store new items, record success or failure with the next check time, pause
//! after too many errors in a row. Stored items are never touched by a failed poll.

use super::error::PollError;
use super::{PollContext, PollOutcome, PollReport};
use crate::model::{InsertOutcome, NewItem, Source, SourceKind};
use crate::sources::address::SourceAddress;
use crate::sources::feed::parse_feed;
use crate::sources::fetch::{Accept, Fetched, Validators};
use crate::sources::normalize::{normalize_entry, normalize_post};
use crate::sources::schedule;
use crate::sources::telegram::{self, ChannelPage};
use crate::store::{PollFailure, PollSuccess, StoreError};
use chrono::{DateTime, Utc};
use std::time::{Duration, Instant};

/// What a fetch and parse produced.
enum Polled {
    NotModified,
    Parsed(Parsed),
}

struct Parsed {
    items: Vec<NewItem>,
    seen: usize,
    skipped: usize,
    title: Option<String>,
    ttl: Option<Duration>,
    validators: Validators,
    retry_after: Option<Duration>,
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, PollError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| PollError::Internal(format!("parser task failed: {e}")))
}

/// The channel name of a stored Telegram source address.
pub(crate) fn channel_name(source: &Source) -> Result<String, PollError> {
    match SourceAddress::parse(&source.url) {
        Ok(SourceAddress::Telegram(name)) => Ok(name),
        _ => Err(PollError::Telegram(format!(
            "{} is not a Telegram channel address",
            source.url
        ))),
    }
}

/// Fetches and parses one preview page of `channel` (`before` an id for older posts).
pub(crate) async fn fetch_channel_page(
    ctx: &PollContext,
    channel: &str,
    before: Option<u64>,
    validators: &Validators,
    now: DateTime<Utc>,
) -> Result<Option<(ChannelPage, Validators, Option<Duration>)>, PollError> {
    let url = telegram::page_url(&ctx.telegram_base, channel, before);
    let body = match ctx.fetcher.fetch(&url, validators, Accept::Html).await? {
        Fetched::NotModified => return Ok(None),
        Fetched::Body(b) => b,
    };
    let retry_after = body.retry_after.map(|r| r.delay_from(now));
    let validators = body.validators.clone();
    let page = blocking(move || {
        let html = crate::sources::encoding::decode(&body.bytes, body.content_type.as_deref());
        let depth = crate::sources::markup::nesting_depth(&html.text);
        if depth > crate::sources::markup::MAX_DEPTH {
            return Err(PollError::Telegram(format!(
                "not a channel preview: elements nested {depth} deep"
            )));
        }
        Ok(telegram::parse_page(&html.text))
    })
    .await??;
    if page.posts.is_empty() && page.channel_title.is_none() {
        return Err(PollError::Telegram(format!(
            "@{channel} shows no public posts: the channel does not exist, is private or hides its preview"
        )));
    }
    Ok(Some((page, validators, retry_after)))
}

async fn fetch_and_parse(
    ctx: &PollContext,
    source: &Source,
    now: DateTime<Utc>,
) -> Result<Polled, PollError> {
    let validators = Validators {
        etag: source.etag.clone(),
        last_modified: source.last_modified.clone(),
    };
    let max = ctx.max_items_per_poll;
    match source.kind {
        SourceKind::Feed => {
            let body = match ctx
                .fetcher
                .fetch(&source.url, &validators, Accept::Feed)
                .await?
            {
                Fetched::NotModified => return Ok(Polled::NotModified),
                Fetched::Body(b) => b,
            };
            let retry_after = body.retry_after.map(|r| r.delay_from(now));
            let validators = body.validators.clone();
            let src = source.clone();
            let parsed = blocking(move || {
                let feed = parse_feed(&body.bytes, body.content_type.as_deref(), &body.final_url)?;
                let seen = feed.entries.len();
                // Feeds list newest first: keep the newest, store oldest first.
                let mut items: Vec<NewItem> = feed
                    .entries
                    .iter()
                    .take(max)
                    .filter_map(|e| normalize_entry(e, &src, now))
                    .collect();
                items.reverse();
                Ok::<_, PollError>(Parsed {
                    skipped: seen - items.len(),
                    seen,
                    items,
                    title: feed.title.filter(|t| !t.is_empty()),
                    ttl: feed
                        .ttl_minutes
                        .map(|m| Duration::from_secs(u64::from(m) * 60)),
                    validators: Validators::default(),
                    retry_after: None,
                })
            })
            .await??;
            Ok(Polled::Parsed(Parsed {
                validators,
                retry_after,
                ..parsed
            }))
        }
        SourceKind::Telegram => {
            let channel = channel_name(source)?;
            let Some((page, validators, retry_after)) =
                fetch_channel_page(ctx, &channel, None, &validators, now).await?
            else {
                return Ok(Polled::NotModified);
            };
            let seen = page.posts.len();
            // Pages list oldest first: keep the newest.
            let items: Vec<NewItem> = page.posts[seen.saturating_sub(max)..]
                .iter()
                .map(|p| normalize_post(p, source, now))
                .collect();
            Ok(Polled::Parsed(Parsed {
                skipped: seen - items.len(),
                seen,
                items,
                title: page.channel_title,
                ttl: None,
                validators,
                retry_after,
            }))
        }
    }
}

/// Stores `items`; returns the new ids and the number of duplicates.
pub(crate) async fn store_items(
    ctx: &PollContext,
    items: &[NewItem],
) -> Result<(Vec<i64>, usize), StoreError> {
    let outcomes = ctx.store.insert_items(items).await?;
    let mut new_ids = Vec::new();
    let mut duplicates = 0;
    for o in outcomes {
        match o {
            InsertOutcome::Inserted(id) => new_ids.push(id),
            InsertOutcome::Duplicate(_) => duplicates += 1,
        }
    }
    Ok((new_ids, duplicates))
}

/// Polls one source and records the result. Never panics on outside input; a failure is
/// recorded (error count, last error, backoff) and reported.
pub async fn poll_source(ctx: &PollContext, source: &Source, now: DateTime<Utc>) -> PollReport {
    let started = Instant::now();
    let mut report = PollReport::empty(source, now);
    let result = match fetch_and_parse(ctx, source, now).await {
        Ok(Polled::NotModified) => not_modified(ctx, source, &mut report, now).await,
        Ok(Polled::Parsed(parsed)) => store_parsed(ctx, source, &mut report, parsed, now).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {}
        // Not the source's fault: nothing can be recorded now; its lease runs out and it is
        // polled again.
        Err(PollError::Store(e)) if e.is_unavailable() => {
            report.outcome = PollOutcome::NotStored(e.to_string());
        }
        Err(e) => {
            report.error_kind = Some(super::kind::error_kind(&e));
            let retry_after = e.retry_after(now);
            record_failure(ctx, source, &mut report, &e.to_string(), retry_after, now).await;
        }
    }
    report.elapsed = started.elapsed();
    report
}

fn ttl_duration(secs: Option<i64>) -> Option<Duration> {
    secs.and_then(|s| u64::try_from(s).ok())
        .map(Duration::from_secs)
}

/// A 304: nothing parsed; the validators that earned it and the TTL the feed declared with
/// its last full answer still hold.
async fn not_modified(
    ctx: &PollContext,
    source: &Source,
    report: &mut PollReport,
    now: DateTime<Utc>,
) -> Result<(), PollError> {
    report.outcome = PollOutcome::NotModified;
    let ttl_secs = ctx.store.source_ttl(source.id).await?;
    let ttl = ttl_duration(ttl_secs);
    let success = PollSuccess {
        at: now,
        etag: source.etag.clone(),
        last_modified: source.last_modified.clone(),
        next_check_at: schedule::next_after_success(
            &ctx.poll,
            source.interval_secs,
            ttl,
            None,
            now,
        ),
        title: None,
        ttl_secs,
    };
    record_success(ctx, source, report, &success).await
}

/// A full answer: store its items, then record the success with its validators and TTL.
async fn store_parsed(
    ctx: &PollContext,
    source: &Source,
    report: &mut PollReport,
    parsed: Parsed,
    now: DateTime<Utc>,
) -> Result<(), PollError> {
    report.entries_seen = parsed.seen;
    report.skipped = parsed.skipped;
    let (ids, duplicates) = store_items(ctx, &parsed.items).await?;
    report.new_item_ids = ids;
    report.duplicates = duplicates;
    // A source without a title is named by the one its feed just gave.
    if source.title.is_none()
        && let Some(t) = &parsed.title
    {
        report.source_name = t.clone();
    }
    let success = PollSuccess {
        at: now,
        etag: parsed.validators.etag,
        last_modified: parsed.validators.last_modified,
        next_check_at: schedule::next_after_success(
            &ctx.poll,
            source.interval_secs,
            parsed.ttl,
            parsed.retry_after,
            now,
        ),
        title: parsed.title,
        ttl_secs: parsed
            .ttl
            .map(|t| i64::try_from(t.as_secs()).unwrap_or(i64::MAX)),
    };
    record_success(ctx, source, report, &success).await
}

async fn record_success(
    ctx: &PollContext,
    source: &Source,
    report: &mut PollReport,
    success: &PollSuccess,
) -> Result<(), PollError> {
    ctx.store.record_poll_success(source.id, success).await?;
    report.next_check_at = success.next_check_at;
    Ok(())
}

/// Records a failed poll: error count, message, backoff (at least the server's
/// `Retry-After`), and a pause after too many errors in a row.
pub(crate) async fn record_failure(
    ctx: &PollContext,
    source: &Source,
    report: &mut PollReport,
    message: &str,
    retry_after: Option<Duration>,
    now: DateTime<Utc>,
) {
    let message = crate::text::redact_url(message);
    let errors = source.error_count + 1;
    let pause = schedule::should_pause(&ctx.poll, errors);
    let next = schedule::next_after_failure(&ctx.poll, errors, retry_after, (ctx.jitter)(), now);
    let failure = PollFailure {
        at: now,
        error: message.clone(),
        next_check_at: next,
        pause,
    };
    report.next_check_at = next;
    report.outcome = match ctx.store.record_poll_failure(source.id, &failure).await {
        Ok(updated) if updated.paused && pause => PollOutcome::Paused(message),
        Ok(_) => PollOutcome::Error(message),
        Err(store) if store.is_unavailable() => PollOutcome::NotStored(format!(
            "{message}; the failure could not be recorded: {store}"
        )),
        Err(store) => PollOutcome::Error(format!(
            "{message}; the failure could not be recorded: {store}"
        )),
    };
}
