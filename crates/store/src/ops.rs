//! What running claimwatch as a service needs from the store: a cheap liveness query, the
//! schema's state against the migrations this build carries, the backlog the metrics show, and
//! claims page by page for `claimwatch export`.

use super::Result;
use super::stories::ClaimView;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::Category;

/// The outbox and the totals, as stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Messages pending or being sent.
    pub outbox_depth: i64,
    /// When the oldest of them was written.
    pub outbox_oldest: Option<DateTime<Utc>>,
    pub stories: i64,
    pub claims: i64,
}

/// Migrations applied to the database and migrations this build knows, by version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaStatus {
    pub applied: Vec<i64>,
    pub known: Vec<i64>,
}

impl SchemaStatus {
    /// Known migrations not applied yet (`migrate` or `run` applies them).
    pub fn pending(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self
            .known
            .iter()
            .copied()
            .filter(|k| !self.applied.contains(k))
            .collect();
        v.sort_unstable();
        v
    }

    /// Applied migrations this build does not know: a newer build migrated the database.
    pub fn unknown(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self
            .applied
            .iter()
            .copied()
            .filter(|a| !self.known.contains(a))
            .collect();
        v.sort_unstable();
        v
    }

    pub fn is_current(&self) -> bool {
        self.pending().is_empty() && self.unknown().is_empty()
    }
}

/// One page of claims to export, in filing order (claim id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportQuery {
    /// Claims claimed at or after this.
    pub since: DateTime<Utc>,
    pub category: Option<Category>,
    /// Claims with an id above this (the last id of the previous page; 0 to start).
    pub after_id: i64,
    pub limit: i64,
}

#[async_trait]
pub trait OpsStore: Send + Sync {
    /// One trivial query: the database answers.
    async fn ping(&self) -> Result<()>;
    async fn schema_status(&self) -> Result<SchemaStatus>;
    async fn backlog(&self) -> Result<Backlog>;
    /// Claims matching `query`, by id, each with its story and the story's sources.
    async fn export_claims(&self, query: &ExportQuery) -> Result<Vec<ClaimView>>;
}

/// The up migrations of `migrator`, by version.
pub(crate) fn known_versions(migrator: &sqlx::migrate::Migrator) -> Vec<i64> {
    migrator
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| m.version)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_and_unknown_migrations() {
        let s = SchemaStatus {
            applied: vec![1, 2, 13],
            known: vec![1, 2, 3],
        };
        assert_eq!(s.pending(), vec![3]);
        assert_eq!(s.unknown(), vec![13]);
        assert!(!s.is_current());
        let ok = SchemaStatus {
            applied: vec![1, 2],
            known: vec![1, 2],
        };
        assert!(ok.is_current());
    }
}
