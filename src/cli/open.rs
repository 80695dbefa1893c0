//! The store for a command: connected, migrated, watched, and holding the config's
//! `[[sources]]`.

use super::CliError;
use crate::config::Config;
use crate::model::{NewSource, SourceOrigin};
use crate::sources::address::SourceAddress;
use crate::store::{self, Store};
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// Opens the store (applying migrations) and upserts the config's sources.
pub async fn open_store(config: &Config) -> Result<Arc<dyn Store>, CliError> {
    Ok(open_watched_store(config).await?.0)
}

/// [`open_store`], watched: every outcome feeds the returned health (see `storage`).
pub async fn open_watched_store(
    config: &Config,
) -> Result<(Arc<dyn Store>, Arc<crate::storage::StoreHealth>), CliError> {
    let store = store::connect_with(&config.database_url, config.run.database_pool_size).await?;
    let (store, health) = crate::storage::watch(store, Arc::new(crate::clock::SystemClock));
    store.migrate().await?;
    match sync_config_sources(store.as_ref(), config, chrono::Utc::now()).await {
        Ok(_) => {}
        // A read-only or full database still serves what it holds: the sources are synced at
        // the next start (the health reports the fault).
        Err(CliError::Other(e))
            if e.downcast_ref::<store::StoreError>()
                .is_some_and(store::StoreError::is_unavailable) =>
        {
            tracing::info!(error = %e, "cannot sync the configured sources now");
        }
        Err(e) => return Err(e),
    }
    Ok((store, health))
}

/// Upserts every `[[sources]]` entry (validated at load) into the store.
pub async fn sync_config_sources(
    store: &dyn Store,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<(), CliError> {
    for s in &config.sources {
        let addr = SourceAddress::parse(&s.url).map_err(|e| CliError::Usage(e.to_string()))?;
        let new = NewSource {
            url: addr.canonical(),
            kind: addr.kind(),
            title: s.title.clone(),
            lang: s.lang,
            interval_secs: s.interval.map(|d| d.as_secs() as i64),
            origin: SourceOrigin::Config,
        };
        store.upsert_source(&new, now).await?;
    }
    Ok(())
}
