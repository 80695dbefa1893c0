//! Files the reference dataset (see [`super::reference`]) in the store as the General Staff's
//! claims, one item, story and claim a day, from a paused source that names the dataset, so
//! the series are built by the same path as claims found in feeds. Filing again adds nothing
//! (items are keyed by day).

use super::reference::{self, ReferenceError};
use crate::model::{InsertOutcome, NewItem, NewSource, SourceKind, SourceOrigin};
use crate::store::{ItemFiling, Store, StoreError, StoryChoice};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use std::path::Path;

/// The source the reference is filed under.
pub const SOURCE_URL: &str = "https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset";
pub const SOURCE_TITLE: &str = "PetroIvaniuk/2022-Ukraine-Russia-War-Dataset";

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub days: usize,
    /// Days filed now (the rest were there already).
    pub filed: usize,
    pub source_id: i64,
}

/// When a day's report is taken to be published: 06:00 UTC, the morning in Kyiv.
pub fn published_at(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(6, 0, 0).unwrap_or_default())
        .and_utc()
}

/// Files every day of the dataset in `dir`.
pub async fn import_reference(
    store: &dyn Store,
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<ImportReport, ImportError> {
    let days = reference::load(dir)?;
    let corrections = reference::corrections(dir)?;
    let source = store
        .upsert_source(
            &NewSource {
                url: SOURCE_URL.into(),
                kind: SourceKind::Feed,
                title: Some(SOURCE_TITLE.into()),
                lang: None,
                interval_secs: None,
                origin: SourceOrigin::Runtime,
            },
            now,
        )
        .await?;
    store
        .set_source_paused(source.id, true, Some("reference data, not a feed"), now)
        .await?;
    let mut report = ImportReport {
        days: days.len(),
        filed: 0,
        source_id: source.id,
    };
    for i in 0..days.len() {
        let claim = reference::claim_of(&days, i, &corrections);
        let day = days[i].day;
        let at = published_at(day);
        let text = claim.evidence.join(" ");
        let item = NewItem {
            source_id: source.id,
            external_id: format!("gs:{day}"),
            url: None,
            title: text.clone(),
            content_hash: crate::text::hash::content_hash(&text, &day.to_string()),
            text,
            lang: crate::model::Lang::En,
            published_at: at,
            fetched_at: now,
            author: None,
            forwarded_from: None,
            views: None,
            media: Vec::new(),
            edited: false,
        };
        let InsertOutcome::Inserted(item_id) = store.insert_item(&item).await? else {
            continue;
        };
        let filing = ItemFiling {
            item_id,
            story: StoryChoice::New { title: &item.title },
            seen_at: at,
            claims: std::slice::from_ref(&claim),
            updated_claims: &[],
            claimed_at: at,
            search_terms: "",
            processed_at: now,
        };
        store.file_item(&filing).await?;
        report.filed += 1;
    }
    Ok(report)
}
