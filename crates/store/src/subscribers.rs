//! Subscribers (chats) and their preferences.

use super::Result;
use async_trait::async_trait;
use chrono::{DateTime, NaiveTime, Utc};
use claimwatch_core::model::{Lang, NewSubscriber, Subscriber, Topics};

/// A change to a subscriber's settings; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscriberUpdate {
    pub subscribed: Option<bool>,
    pub topics: Option<Topics>,
    pub digest_time: Option<NaiveTime>,
    pub timezone: Option<String>,
    pub ui_lang: Option<Lang>,
    pub keywords: Option<Vec<String>>,
    /// `Some(None)` turns the weekly chart off.
    pub chart_weekday: Option<Option<chrono::Weekday>>,
    /// `Some(None)` clears the schedule.
    pub next_digest_at: Option<Option<DateTime<Utc>>>,
}

/// The stored form of a weekly chart day: ISO weekday 1–7, 0 for none.
pub fn weekday_to_db(day: Option<chrono::Weekday>) -> i64 {
    day.map_or(0, |d| i64::from(d.number_from_monday()))
}

/// The weekly chart day of a stored number; anything outside 1–7 is none.
pub fn weekday_from_db(n: i64) -> Option<chrono::Weekday> {
    use chrono::Weekday::*;
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
        .get(usize::try_from(n).ok()?.checked_sub(1)?)
        .copied()
}

#[async_trait]
pub trait SubscriberStore: Send + Sync {
    /// Adds a chat with the given defaults, or reactivates an existing one keeping its
    /// settings. Returns the subscriber and whether it was new.
    async fn upsert_subscriber(
        &self,
        new: &NewSubscriber,
        now: DateTime<Utc>,
    ) -> Result<(Subscriber, bool)>;
    async fn subscriber(&self, chat_id: i64) -> Result<Option<Subscriber>>;
    async fn subscriber_by_id(&self, id: i64) -> Result<Option<Subscriber>>;
    async fn update_subscriber(
        &self,
        chat_id: i64,
        update: &SubscriberUpdate,
        now: DateTime<Utc>,
    ) -> Result<Option<Subscriber>>;
    /// Marks a chat active again, or inactive (blocked, kicked, gone) with a reason.
    async fn set_subscriber_active(
        &self,
        chat_id: i64,
        active: bool,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// A group became a supergroup: moves the subscriber (settings, history, pending
    /// messages) to `new_chat_id`. If `new_chat_id` is already a subscriber, the old one is
    /// made inactive instead.
    async fn migrate_chat(
        &self,
        old_chat_id: i64,
        new_chat_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Active, subscribed chats whose digest is due (`next_digest_at` ≤ `now`).
    async fn due_subscribers(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<Subscriber>>;
    /// Active, subscribed chats with no digest time yet (new, or settings changed), by id.
    async fn unscheduled_subscribers(&self, limit: i64) -> Result<Vec<Subscriber>>;
    /// Gives `chat_id` its first digest time `at`, only if it still has none: a time set
    /// meanwhile (a settings change, another scheduler) is kept. `true` when written.
    async fn schedule_first_digest(
        &self,
        chat_id: i64,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Every subscriber, by id; only active and subscribed ones when `active_only`.
    async fn list_subscribers(&self, active_only: bool) -> Result<Vec<Subscriber>>;
}
