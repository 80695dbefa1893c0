//! Row ↔ domain conversions for SQLite.

use crate::model::*;
use crate::store::outbox::{OutboxMessage, OutboxState};
use crate::store::{Result, StoreError, from_ms};
use chrono::NaiveTime;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

fn parse<T: std::str::FromStr>(what: &str, s: &str) -> Result<T> {
    s.parse()
        .map_err(|_| StoreError::Corrupt(format!("{what} {s:?}")))
}

fn opt_ms(row: &SqliteRow, col: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    Ok(row.try_get::<Option<i64>, _>(col)?.map(from_ms))
}

pub(super) const SOURCE_COLUMNS: &str = "id, url, kind, title, lang, interval_secs, origin, etag, \
    last_modified, next_check_at, last_success_at, last_error, last_error_at, error_count, \
    paused, paused_reason, backfill_cursor, created_at";

pub(super) fn source(row: &SqliteRow) -> Result<Source> {
    Ok(Source {
        id: row.try_get("id")?,
        url: row.try_get("url")?,
        kind: parse("source kind", &row.try_get::<String, _>("kind")?)?,
        title: row.try_get("title")?,
        lang: row
            .try_get::<Option<String>, _>("lang")?
            .map(|l| parse("language", &l))
            .transpose()?,
        interval_secs: row.try_get("interval_secs")?,
        origin: parse("origin", &row.try_get::<String, _>("origin")?)?,
        etag: row.try_get("etag")?,
        last_modified: row.try_get("last_modified")?,
        next_check_at: from_ms(row.try_get("next_check_at")?),
        last_success_at: opt_ms(row, "last_success_at")?,
        last_error: row.try_get("last_error")?,
        last_error_at: opt_ms(row, "last_error_at")?,
        error_count: row.try_get("error_count")?,
        paused: row.try_get("paused")?,
        paused_reason: row.try_get("paused_reason")?,
        backfill_cursor: row.try_get("backfill_cursor")?,
        created_at: from_ms(row.try_get("created_at")?),
    })
}

pub(super) const ITEM_COLUMNS: &str = "id, source_id, external_id, url, title, text, lang, \
    published_at, fetched_at, content_hash, author, forwarded_from, views, media, edited, story_id";

pub(super) fn item(row: &SqliteRow) -> Result<Item> {
    let media: String = row.try_get("media")?;
    Ok(Item {
        id: row.try_get("id")?,
        story_id: row.try_get("story_id")?,
        item: NewItem {
            source_id: row.try_get("source_id")?,
            external_id: row.try_get("external_id")?,
            url: row.try_get("url")?,
            title: row.try_get("title")?,
            text: row.try_get("text")?,
            lang: parse("language", &row.try_get::<String, _>("lang")?)?,
            published_at: from_ms(row.try_get("published_at")?),
            fetched_at: from_ms(row.try_get("fetched_at")?),
            content_hash: row.try_get("content_hash")?,
            author: row.try_get("author")?,
            forwarded_from: row.try_get("forwarded_from")?,
            views: row.try_get("views")?,
            media: media
                .split(',')
                .filter(|m| !m.is_empty())
                .map(str::to_owned)
                .collect(),
            edited: row.try_get("edited")?,
        },
    })
}

pub(super) const STORY_COLUMNS: &str =
    "id, first_item_id, title, first_seen_at, last_seen_at, item_count, source_count";

pub(super) fn story(row: &SqliteRow) -> Result<Story> {
    Ok(Story {
        id: row.try_get("id")?,
        first_item_id: row.try_get("first_item_id")?,
        title: row.try_get("title")?,
        first_seen_at: from_ms(row.try_get("first_seen_at")?),
        last_seen_at: from_ms(row.try_get("last_seen_at")?),
        item_count: row.try_get("item_count")?,
        source_count: row.try_get("source_count")?,
    })
}

pub(super) const CLAIM_COLUMNS: &str =
    "id, story_id, item_id, category, claimant, side, unit, location, evidence, claimed_at";

/// A claim row without its figures (added by the caller).
pub(super) fn claim(row: &SqliteRow) -> Result<StoredClaim> {
    let evidence: String = row.try_get("evidence")?;
    Ok(StoredClaim {
        id: row.try_get("id")?,
        story_id: row.try_get("story_id")?,
        item_id: row.try_get("item_id")?,
        claimed_at: from_ms(row.try_get("claimed_at")?),
        claim: Claim {
            category: parse("category", &row.try_get::<String, _>("category")?)?,
            claimant: row.try_get("claimant")?,
            side: row
                .try_get::<Option<String>, _>("side")?
                .map(|s| parse("side", &s))
                .transpose()?,
            unit: row.try_get("unit")?,
            location: row.try_get("location")?,
            figures: Vec::new(),
            evidence: serde_json::from_str(&evidence)
                .map_err(|e| StoreError::Corrupt(format!("claim evidence: {e}")))?,
        },
    })
}

pub(super) fn figure(row: &SqliteRow) -> Result<(i64, Figure)> {
    Ok((
        row.try_get("claim_id")?,
        Figure {
            metric: parse("metric", &row.try_get::<String, _>("metric")?)?,
            value: row.try_get("value")?,
            delta: row.try_get("delta")?,
            cumulative: row.try_get("cumulative")?,
        },
    ))
}

pub(super) const SUBSCRIBER_COLUMNS: &str = "id, chat_id, kind, title, active, subscribed, \
    inactive_reason, topics, digest_time, timezone, ui_lang, keywords, last_digest_at, \
    next_digest_at, created_at";

pub(super) fn subscriber(row: &SqliteRow) -> Result<Subscriber> {
    let time: String = row.try_get("digest_time")?;
    let keywords: String = row.try_get("keywords")?;
    Ok(Subscriber {
        id: row.try_get("id")?,
        chat_id: row.try_get("chat_id")?,
        kind: parse("chat kind", &row.try_get::<String, _>("kind")?)?,
        title: row.try_get("title")?,
        active: row.try_get("active")?,
        subscribed: row.try_get("subscribed")?,
        inactive_reason: row.try_get("inactive_reason")?,
        topics: Topics::from_db(&row.try_get::<String, _>("topics")?),
        digest_time: NaiveTime::parse_from_str(&time, "%H:%M")
            .map_err(|_| StoreError::Corrupt(format!("digest time {time:?}")))?,
        timezone: row.try_get("timezone")?,
        ui_lang: parse("language", &row.try_get::<String, _>("ui_lang")?)?,
        keywords: serde_json::from_str(&keywords)
            .map_err(|e| StoreError::Corrupt(format!("keywords: {e}")))?,
        last_digest_at: opt_ms(row, "last_digest_at")?,
        next_digest_at: opt_ms(row, "next_digest_at")?,
        created_at: from_ms(row.try_get("created_at")?),
    })
}

pub(super) const OUTBOX_COLUMNS: &str = "o.id, o.subscriber_id, s.chat_id, s.kind, o.period, \
    o.part, o.parts, o.body, o.state, o.attempts, o.next_attempt_at, o.last_error, \
    o.telegram_message_id";

pub(super) fn outbox(row: &SqliteRow) -> Result<OutboxMessage> {
    let kind: ChatKind = parse("chat kind", &row.try_get::<String, _>("kind")?)?;
    Ok(OutboxMessage {
        id: row.try_get("id")?,
        subscriber_id: row.try_get("subscriber_id")?,
        chat_id: row.try_get("chat_id")?,
        chat_is_group: kind.is_group_like(),
        period: row.try_get("period")?,
        part: row.try_get("part")?,
        parts: row.try_get("parts")?,
        body: row.try_get("body")?,
        state: parse::<OutboxState>("outbox state", &row.try_get::<String, _>("state")?)?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: from_ms(row.try_get("next_attempt_at")?),
        last_error: row.try_get("last_error")?,
        telegram_message_id: row.try_get("telegram_message_id")?,
    })
}
