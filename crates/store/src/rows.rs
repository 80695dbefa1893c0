//! Row ↔ domain conversions shared by both backends. Each backend implements [`DbRow`] for
//! its row type (SQLite keeps timestamps as milliseconds, PostgreSQL as TIMESTAMPTZ); the
//! mappers below read every table through it.

use crate::outbox::{OutboxMessage, OutboxState};
use crate::{Result, StoreError};
use chrono::{DateTime, NaiveTime, Utc};
use claimwatch_core::model::*;

/// The accessors both backends read the same way through `sqlx::Row::try_get` (all but the
/// timestamps), for use inside an `impl DbRow`.
macro_rules! plain_columns {
    () => {
        fn text(&self, col: &str) -> Result<String> {
            Ok(sqlx::Row::try_get(self, col)?)
        }
        fn opt_text(&self, col: &str) -> Result<Option<String>> {
            Ok(sqlx::Row::try_get(self, col)?)
        }
        fn int(&self, col: &str) -> Result<i64> {
            Ok(sqlx::Row::try_get(self, col)?)
        }
        fn opt_int(&self, col: &str) -> Result<Option<i64>> {
            Ok(sqlx::Row::try_get(self, col)?)
        }
        fn flag(&self, col: &str) -> Result<bool> {
            Ok(sqlx::Row::try_get(self, col)?)
        }
        fn opt_flag(&self, col: &str) -> Result<Option<bool>> {
            Ok(sqlx::Row::try_get(self, col)?)
        }
    };
}
pub(crate) use plain_columns;

/// Typed column access, implemented once per backend.
pub(crate) trait DbRow {
    fn text(&self, col: &str) -> Result<String>;
    fn opt_text(&self, col: &str) -> Result<Option<String>>;
    fn int(&self, col: &str) -> Result<i64>;
    fn opt_int(&self, col: &str) -> Result<Option<i64>>;
    fn flag(&self, col: &str) -> Result<bool>;
    fn opt_flag(&self, col: &str) -> Result<Option<bool>>;
    fn time(&self, col: &str) -> Result<DateTime<Utc>>;
    fn opt_time(&self, col: &str) -> Result<Option<DateTime<Utc>>>;
}

fn parse<T: std::str::FromStr>(what: &str, s: &str) -> Result<T> {
    s.parse()
        .map_err(|_| StoreError::Corrupt(format!("{what} {s:?}")))
}

pub(crate) const SOURCE_COLUMNS: &str = "id, url, kind, title, lang, interval_secs, origin, etag, \
    last_modified, next_check_at, last_success_at, last_error, last_error_at, error_count, \
    paused, paused_reason, backfill_cursor, created_at";

pub(crate) fn source(row: &impl DbRow) -> Result<Source> {
    Ok(Source {
        id: row.int("id")?,
        url: row.text("url")?,
        kind: parse("source kind", &row.text("kind")?)?,
        title: row.opt_text("title")?,
        lang: row
            .opt_text("lang")?
            .map(|l| parse("language", &l))
            .transpose()?,
        interval_secs: row.opt_int("interval_secs")?,
        origin: parse("origin", &row.text("origin")?)?,
        etag: row.opt_text("etag")?,
        last_modified: row.opt_text("last_modified")?,
        next_check_at: row.time("next_check_at")?,
        last_success_at: row.opt_time("last_success_at")?,
        last_error: row.opt_text("last_error")?,
        last_error_at: row.opt_time("last_error_at")?,
        error_count: row.int("error_count")?,
        paused: row.flag("paused")?,
        paused_reason: row.opt_text("paused_reason")?,
        backfill_cursor: row.opt_text("backfill_cursor")?,
        created_at: row.time("created_at")?,
    })
}

pub(crate) const ITEM_COLUMNS: &str = "id, source_id, external_id, url, title, text, lang, \
    published_at, fetched_at, content_hash, author, forwarded_from, views, media, edited, story_id";

pub(crate) fn item(row: &impl DbRow) -> Result<Item> {
    let media = row.text("media")?;
    Ok(Item {
        id: row.int("id")?,
        story_id: row.opt_int("story_id")?,
        item: NewItem {
            source_id: row.int("source_id")?,
            external_id: row.text("external_id")?,
            url: row.opt_text("url")?,
            title: row.text("title")?,
            text: row.text("text")?,
            lang: parse("language", &row.text("lang")?)?,
            published_at: row.time("published_at")?,
            fetched_at: row.time("fetched_at")?,
            content_hash: row.text("content_hash")?,
            author: row.opt_text("author")?,
            forwarded_from: row.opt_text("forwarded_from")?,
            views: row.opt_int("views")?,
            media: media
                .split(',')
                .filter(|m| !m.is_empty())
                .map(str::to_owned)
                .collect(),
            edited: row.flag("edited")?,
        },
    })
}

pub(crate) const STORY_COLUMNS: &str =
    "id, first_item_id, title, first_seen_at, last_seen_at, item_count, source_count";

pub(crate) fn story(row: &impl DbRow) -> Result<Story> {
    Ok(Story {
        id: row.int("id")?,
        first_item_id: row.int("first_item_id")?,
        title: row.text("title")?,
        first_seen_at: row.time("first_seen_at")?,
        last_seen_at: row.time("last_seen_at")?,
        item_count: row.int("item_count")?,
        source_count: row.int("source_count")?,
    })
}

/// Columns of the "sources of stories" query: the story, the item and its source's name.
pub(crate) const STORY_SOURCE_COLUMNS: &str = "i.story_id, i.id AS item_id, i.url, i.published_at, \
    s.id AS source_id, coalesce(nullif(s.title, ''), s.url) AS source_name";

pub(crate) fn story_source(row: &impl DbRow) -> Result<(i64, SourceRef)> {
    Ok((
        row.int("story_id")?,
        SourceRef {
            source_id: row.int("source_id")?,
            source_name: claimwatch_core::text::strip_userinfo(&row.text("source_name")?),
            item_id: row.int("item_id")?,
            url: row.opt_text("url")?,
            published_at: row.time("published_at")?,
        },
    ))
}

pub(crate) const CLAIM_COLUMNS: &str = "id, story_id, item_id, category, claimant, claimant_id, side, unit, location, evidence, \
    claimed_at, other_conflict";

/// A claim row without its figures (added by the caller).
pub(crate) fn claim(row: &impl DbRow) -> Result<StoredClaim> {
    let evidence = row.text("evidence")?;
    Ok(StoredClaim {
        id: row.int("id")?,
        story_id: row.int("story_id")?,
        item_id: row.int("item_id")?,
        claimed_at: row.time("claimed_at")?,
        claim: Claim {
            category: parse("category", &row.text("category")?)?,
            claimant: row.opt_text("claimant")?,
            side: row
                .opt_text("side")?
                .map(|s| parse("side", &s))
                .transpose()?,
            unit: row.opt_text("unit")?,
            location: row.opt_text("location")?,
            figures: Vec::new(),
            evidence: serde_json::from_str(&evidence)
                .map_err(|e| StoreError::Corrupt(format!("claim evidence: {e}")))?,
            claimant_id: row.opt_text("claimant_id")?,
            other_conflict: row.flag("other_conflict")?,
        },
    })
}

pub(crate) fn figure(row: &impl DbRow) -> Result<(i64, Figure)> {
    Ok((
        row.int("claim_id")?,
        Figure {
            metric: parse("metric", &row.text("metric")?)?,
            value: row.int("value")?,
            delta: row.opt_int("delta")?,
            cumulative: row.opt_flag("cumulative")?,
            period: row
                .opt_text("period")?
                .map(|p| parse("period", &p))
                .transpose()?,
            qualifier: row
                .opt_text("qualifier")?
                .map(|q| parse("qualifier", &q))
                .transpose()?,
            low: row.opt_int("low")?,
            high: row.opt_int("high")?,
        },
    ))
}

pub(crate) const SUBSCRIBER_COLUMNS: &str = "id, chat_id, kind, title, active, subscribed, \
    inactive_reason, topics, digest_time, timezone, ui_lang, keywords, last_digest_at, \
    next_digest_at, created_at, chart_weekday";

pub(crate) fn subscriber(row: &impl DbRow) -> Result<Subscriber> {
    let time = row.text("digest_time")?;
    let keywords = row.text("keywords")?;
    Ok(Subscriber {
        id: row.int("id")?,
        chat_id: row.int("chat_id")?,
        kind: parse("chat kind", &row.text("kind")?)?,
        title: row.opt_text("title")?,
        active: row.flag("active")?,
        subscribed: row.flag("subscribed")?,
        inactive_reason: row.opt_text("inactive_reason")?,
        topics: Topics::from_db(&row.text("topics")?),
        digest_time: NaiveTime::parse_from_str(&time, "%H:%M")
            .map_err(|_| StoreError::Corrupt(format!("digest time {time:?}")))?,
        timezone: row.text("timezone")?,
        ui_lang: parse("language", &row.text("ui_lang")?)?,
        keywords: serde_json::from_str(&keywords)
            .map_err(|e| StoreError::Corrupt(format!("keywords: {e}")))?,
        chart_weekday: crate::subscribers::weekday_from_db(row.int("chart_weekday")?),
        last_digest_at: row.opt_time("last_digest_at")?,
        next_digest_at: row.opt_time("next_digest_at")?,
        created_at: row.time("created_at")?,
    })
}

pub(crate) const OUTBOX_COLUMNS: &str = "o.id, o.subscriber_id, s.chat_id, s.kind, o.period, \
    o.part, o.parts, o.body, o.state, o.attempts, o.next_attempt_at, o.last_error, \
    o.telegram_message_id, o.photo_id, o.resends, s.ui_lang";

pub(crate) fn outbox(row: &impl DbRow) -> Result<OutboxMessage> {
    let kind: ChatKind = parse("chat kind", &row.text("kind")?)?;
    Ok(OutboxMessage {
        id: row.int("id")?,
        subscriber_id: row.int("subscriber_id")?,
        chat_id: row.int("chat_id")?,
        chat_is_group: kind.is_group_like(),
        period: row.text("period")?,
        part: row.int("part")?,
        parts: row.int("parts")?,
        body: row.text("body")?,
        state: parse::<OutboxState>("outbox state", &row.text("state")?)?,
        attempts: row.int("attempts")?,
        next_attempt_at: row.time("next_attempt_at")?,
        last_error: row.opt_text("last_error")?,
        telegram_message_id: row.opt_int("telegram_message_id")?,
        photo_id: row.opt_int("photo_id")?,
        resends: row.int("resends")?,
        lang: parse("language", &row.text("ui_lang")?)?,
    })
}
