//! SQLite: the write side of stories — creating and joining stories, adding claims (with their
//! figures and search terms), marking items processed — as steps inside one transaction, so
//! the pipeline can file an item atomically.

use super::Tx;
use crate::{Result, to_ms, views};
use chrono::{DateTime, Utc};
use claimwatch_core::model::Claim;

pub(super) async fn create_story(
    tx: &mut Tx,
    item_id: i64,
    title: &str,
    seen_at: DateTime<Utc>,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO stories (first_item_id, title, first_seen_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?3) RETURNING id",
    )
    .bind(item_id)
    .bind(title)
    .bind(to_ms(seen_at))
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("UPDATE items SET story_id = ?1 WHERE id = ?2")
        .bind(id)
        .bind(item_id)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

pub(super) async fn join_story(
    tx: &mut Tx,
    story_id: i64,
    item_id: i64,
    seen_at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query("UPDATE items SET story_id = ?1 WHERE id = ?2")
        .bind(story_id)
        .bind(item_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE stories SET
           last_seen_at = max(last_seen_at, ?2),
           item_count = (SELECT count(*) FROM items WHERE story_id = ?1),
           source_count = (SELECT count(DISTINCT source_id) FROM items WHERE story_id = ?1)
         WHERE id = ?1",
    )
    .bind(story_id)
    .bind(to_ms(seen_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(super) async fn add_claims(
    tx: &mut Tx,
    story_id: i64,
    item_id: i64,
    claimed_at: DateTime<Utc>,
    claims: &[Claim],
    search_terms: &str,
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(claims.len());
    for c in claims {
        let evidence = views::evidence_json(c)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO claims (story_id, item_id, category, claimant, side, unit, location,
               evidence, claimed_at, claimant_id, other_conflict)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
        )
        .bind(story_id)
        .bind(item_id)
        .bind(c.category.as_str())
        .bind(&c.claimant)
        .bind(c.side.map(|s| s.as_str()))
        .bind(&c.unit)
        .bind(&c.location)
        .bind(evidence)
        .bind(to_ms(claimed_at))
        .bind(&c.claimant_id)
        .bind(c.other_conflict)
        .fetch_one(&mut **tx)
        .await?;
        insert_figures(tx, id, c).await?;
        super::series::record_claim(tx, id, item_id, claimed_at, c).await?;
        sqlx::query("INSERT INTO claims_fts (rowid, terms) VALUES (?1, ?2)")
            .bind(id)
            .bind(views::claim_search_terms(search_terms, c))
            .execute(&mut **tx)
            .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// Replaces stored claims' fields and figures with their merged versions (search terms stay).
pub(super) async fn update_claims(tx: &mut Tx, updated: &[(i64, Claim)]) -> Result<()> {
    for (id, c) in updated {
        let evidence = views::evidence_json(c)?;
        sqlx::query(
            "UPDATE claims SET side = ?2, unit = ?3, location = ?4, evidence = ?5 WHERE id = ?1",
        )
        .bind(id)
        .bind(c.side.map(|s| s.as_str()))
        .bind(&c.unit)
        .bind(&c.location)
        .bind(evidence)
        .execute(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM claim_figures WHERE claim_id = ?1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        insert_figures(tx, *id, c).await?;
        let (item_id, claimed_at): (i64, i64) =
            sqlx::query_as("SELECT item_id, claimed_at FROM claims WHERE id = ?1")
                .bind(id)
                .fetch_one(&mut **tx)
                .await?;
        super::series::record_claim(tx, *id, item_id, crate::from_ms(claimed_at), c).await?;
    }
    Ok(())
}

async fn insert_figures(tx: &mut Tx, claim_id: i64, c: &Claim) -> Result<()> {
    for (pos, f) in c.figures.iter().enumerate() {
        sqlx::query(
            "INSERT INTO claim_figures (claim_id, position, metric, value, delta, cumulative,
               period, qualifier, low, high)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )
        .bind(claim_id)
        .bind(pos as i64)
        .bind(f.metric.as_str())
        .bind(f.value)
        .bind(f.delta)
        .bind(f.cumulative)
        .bind(f.period.map(|p| p.as_str()))
        .bind(f.qualifier.map(|q| q.as_str()))
        .bind(f.low)
        .bind(f.high)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub(super) async fn mark_processed(tx: &mut Tx, ids: &[i64], at: DateTime<Utc>) -> Result<()> {
    for id in ids {
        sqlx::query("UPDATE items SET processed_at = ?2 WHERE id = ?1")
            .bind(id)
            .bind(to_ms(at))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
