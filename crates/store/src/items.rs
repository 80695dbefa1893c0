//! Items: one feed entry or Telegram post each, stored once.

use super::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::{InsertOutcome, Item, NewItem};

#[async_trait]
pub trait ItemStore: Send + Sync {
    /// Stores an item unless the same source + external id, the same canonical link or the
    /// same content hash is already stored (enforced by unique keys).
    async fn insert_item(&self, item: &NewItem) -> Result<InsertOutcome>;
    /// Offers several items at once, by the same rules as [`ItemStore::insert_item`], one
    /// outcome per item in order. Backends store them in one transaction where they can.
    async fn insert_items(&self, items: &[NewItem]) -> Result<Vec<InsertOutcome>> {
        let mut outcomes = Vec::with_capacity(items.len());
        for item in items {
            outcomes.push(self.insert_item(item).await?);
        }
        Ok(outcomes)
    }
    async fn item(&self, id: i64) -> Result<Option<Item>>;
    /// Items published at or after `since`, oldest first, at most `limit`.
    async fn items_since(&self, since: DateTime<Utc>, limit: i64) -> Result<Vec<Item>>;
    /// Items of one source, newest first.
    async fn items_of_source(&self, source_id: i64, limit: i64) -> Result<Vec<Item>>;
    /// Items the pipeline has not processed yet, oldest first, at most `limit`.
    async fn unprocessed_items(&self, limit: i64) -> Result<Vec<Item>>;
    /// Marks items processed (classified, and filed when relevant).
    async fn mark_items_processed(&self, ids: &[i64], at: DateTime<Utc>) -> Result<()>;
}
