//! `claimwatch migrate`: create or upgrade the schema; running it again changes nothing.

use super::CliError;
use crate::config::Config;
use crate::store;

pub async fn run(config: &Config) -> Result<(), CliError> {
    let store = store::connect(&config.database_url).await?;
    let applied = store.migrate().await?;
    if applied == 0 {
        println!("{}: schema is up to date", config.redacted_database_url());
    } else {
        println!(
            "{}: applied {applied} migration(s)",
            config.redacted_database_url()
        );
    }
    store.close().await;
    Ok(())
}
