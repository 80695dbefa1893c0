//! `claimwatch sources …`: manage monitored sources from the shell.

use super::{CliError, SourcesCommand};
use crate::config::{Config, parse_duration};
use crate::model::{Lang, NewSource, Source, SourceOrigin};
use crate::sources::address::SourceAddress;
use crate::store::Store;
use anyhow::anyhow;
use chrono::{DateTime, Utc};

/// Finds a source by id, address or `@name`.
pub async fn find_source(store: &dyn Store, key: &str) -> Result<Source, CliError> {
    if let Ok(id) = key.trim().parse::<i64>() {
        return store
            .source(id)
            .await?
            .ok_or_else(|| CliError::Usage(format!("no source with id {id}")));
    }
    let addr = SourceAddress::parse(key).map_err(|e| CliError::Usage(e.to_string()))?;
    store
        .source_by_url(&addr.canonical())
        .await?
        .ok_or_else(|| {
            CliError::Usage(format!(
                "no source {}; see `claimwatch sources list`",
                crate::text::redact_url(&addr.to_string())
            ))
        })
}

fn when(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "never".into())
}

/// A source and its health, as `sources list` shows it: state, name, kind and address; last
/// success, next check, consecutive errors; the last error and when it happened.
pub fn health_lines(s: &Source, now: DateTime<Utc>) -> String {
    let state = if s.paused {
        "PAUSED".to_owned()
    } else if s.error_count > 0 {
        format!("failing ×{}", s.error_count)
    } else if s.last_success_at.is_some() {
        "ok".into()
    } else {
        "new".into()
    };
    let next = if s.paused {
        "paused".to_owned()
    } else if s.next_check_at <= now {
        "due now".to_owned()
    } else {
        when(Some(s.next_check_at))
    };
    let mut out = format!(
        "{:>4}  {:<10} {} [{}] {}\n      last success: {} · next check: {} · errors in a row: {}",
        s.id,
        state,
        crate::sources::poller::source_label(s),
        s.kind.as_str(),
        crate::text::redact_url(&s.url),
        when(s.last_success_at),
        next,
        s.error_count,
    );
    if let Some(e) = &s.last_error {
        out.push_str(&format!(
            "\n      last error ({}): {}",
            when(s.last_error_at),
            crate::text::truncate_chars(e, 160)
        ));
    }
    if s.paused {
        out.push_str(&format!(
            "\n      paused: {} · resume with `claimwatch sources resume {}`",
            s.paused_reason.as_deref().unwrap_or("by hand"),
            s.id
        ));
    }
    out
}

pub async fn run(config: &Config, cmd: SourcesCommand) -> Result<(), CliError> {
    let store = super::open_store(config).await?;
    let now = Utc::now();
    match cmd {
        SourcesCommand::List => {
            let sources = store.list_sources().await?;
            if sources.is_empty() {
                println!("no sources; add one with `claimwatch sources add URL|@channel`");
            }
            for s in &sources {
                println!("{}", health_lines(s, now));
            }
        }
        SourcesCommand::Add {
            url,
            interval,
            lang,
            title,
        } => {
            let addr = SourceAddress::parse(&url).map_err(|e| CliError::Usage(e.to_string()))?;
            let interval_secs = interval
                .map(|i| parse_duration(&i).map(|d| d.as_secs() as i64))
                .transpose()
                .map_err(|e| CliError::Usage(format!("--interval: {e}")))?;
            let lang = lang
                .map(|l| l.parse::<Lang>())
                .transpose()
                .map_err(|e| CliError::Usage(format!("--lang: {e}")))?;
            let s = store
                .upsert_source(
                    &NewSource {
                        url: addr.canonical(),
                        kind: addr.kind(),
                        title,
                        lang,
                        interval_secs,
                        origin: SourceOrigin::Runtime,
                    },
                    now,
                )
                .await?;
            println!(
                "source {} added: {}",
                s.id,
                crate::text::redact_url(&addr.to_string())
            );
        }
        SourcesCommand::Remove { source } => {
            let s = find_source(store.as_ref(), &source).await?;
            store.remove_source(s.id).await?;
            if s.origin == SourceOrigin::Config {
                eprintln!(
                    "note: {} is listed in the config file and comes back at the next start unless removed there",
                    crate::sources::poller::source_label(&s)
                );
            }
            println!("source {} removed (its items and claims stay)", s.id);
        }
        SourcesCommand::Pause { source } => {
            let s = find_source(store.as_ref(), &source).await?;
            store
                .set_source_paused(s.id, true, Some("paused by hand"), now)
                .await?;
            println!("source {} paused", s.id);
        }
        SourcesCommand::Resume { source } => {
            let s = find_source(store.as_ref(), &source).await?;
            if !store.set_source_paused(s.id, false, None, now).await? {
                return Err(CliError::Other(anyhow!(
                    "source {} could not be resumed",
                    s.id
                )));
            }
            println!("source {} resumed", s.id);
        }
    }
    store.close().await;
    Ok(())
}
