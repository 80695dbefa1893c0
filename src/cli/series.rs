//! `claimwatch series --metric personnel --claimant ua_general_staff --since 90d`: one
//! claimant's series as CSV (or `--jsonl`), one row a day with the change, the stated change
//! and the cross-checks; `--png FILE` draws the chart `/chart` sends. `--import-reference DIR`
//! first files the General Staff's published daily figures (see `series::reference`).

use super::{CliError, SeriesArgs};
use crate::config::{Config, parse_duration};
use crate::model::{Lang, Metric};
use crate::series::import::import_reference;
use crate::series::view::{ChartRequest, load_rows, make_chart};
use crate::series::{Check, CheckKind, DailyRow, SeriesKey, cross_checks, reporting_day};
use chrono::{Duration, NaiveDate, Utc};
use std::io::Write;

fn check_text(c: &CheckKind) -> String {
    match c {
        CheckKind::DeltaMismatch { stated, difference } => {
            format!("{stated:+} stated; the totals differ by {difference:+}")
        }
        CheckKind::Decrease { previous, value } => {
            format!("total went down from {previous} to {value}")
        }
        CheckKind::Correction { replaced, value } => {
            format!("corrected from {replaced:?} to {value}")
        }
        CheckKind::RecordDay { change, since, .. } => match since {
            Some(d) => format!("record day ({change:+}) since {d}"),
            None => format!("record day ({change:+}) in the series"),
        },
    }
}

fn opt(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

fn write_rows(
    out: &mut impl Write,
    key: &SeriesKey,
    rows: &[DailyRow],
    checks: &[Check],
    jsonl: bool,
) -> std::io::Result<()> {
    if !jsonl {
        writeln!(
            out,
            "date,claimant,metric,scope,period,value,change,stated,qualifier,checks"
        )?;
    }
    for r in rows {
        let found: Vec<String> = checks
            .iter()
            .filter(|c| c.day == r.day)
            .map(|c| check_text(&c.kind))
            .collect();
        if jsonl {
            let line = serde_json::json!({
                "date": r.day.to_string(), "claimant": key.claimant_id, "metric": key.metric,
                "scope": key.scope.as_db(), "period": key.period, "value": r.value,
                "change": r.change, "stated": r.stated,
                "qualifier": r.qualifier, "checks": found,
            });
            writeln!(out, "{line}")?;
        } else {
            writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},\"{}\"",
                r.day,
                key.claimant_id,
                key.metric,
                key.scope.as_db(),
                key.period,
                r.value,
                opt(r.change),
                opt(r.stated),
                r.qualifier.map(|q| q.as_str()).unwrap_or(""),
                found.join("; ").replace('"', "'")
            )?;
        }
    }
    Ok(())
}

pub async fn run(config: &Config, args: SeriesArgs) -> Result<(), CliError> {
    let metric: Metric = args
        .metric
        .parse()
        .map_err(|e| CliError::Usage(format!("--metric: {e}")))?;
    let lang: Lang = args
        .lang
        .parse()
        .map_err(|e| CliError::Usage(format!("--lang: {e}")))?;
    let window = parse_duration(&args.since)
        .ok()
        .and_then(|d| Duration::from_std(d).ok())
        .filter(|d| *d >= Duration::days(1) && *d <= Duration::days(3650))
        .ok_or_else(|| CliError::Usage("--since: a duration from 1d to 3650d, e.g. 90d".into()))?;
    let store = super::open_store(config).await?;
    if let Some(dir) = &args.import_reference {
        let r = import_reference(store.as_ref(), dir, Utc::now())
            .await
            .map_err(|e| CliError::Other(anyhow::anyhow!("{e}")))?;
        eprintln!(
            "filed {} of {} days from {}",
            r.filed,
            r.days,
            dir.display()
        );
    }
    let today = reporting_day(Utc::now());
    let until = match args.until {
        Some(d) => d,
        None => latest_day(store.as_ref(), &args.claimant, metric)
            .await?
            .unwrap_or(today)
            .min(today),
    };
    let days = window.num_days();
    let since = until - Duration::days(days - 1);
    let trail = since - Duration::days(crate::series::checks::TRAILING_DAYS + 1);
    let (all, running_total, query) =
        load_rows(store.as_ref(), &args.claimant, metric, trail, until).await?;
    let checks: Vec<Check> = cross_checks(&all, running_total)
        .into_iter()
        .filter(|c| c.day >= since)
        .collect();
    let rows: Vec<DailyRow> = all.into_iter().filter(|r| r.day >= since).collect();
    if let Some(path) = &args.png {
        let request = ChartRequest {
            claimant_id: args.claimant.clone(),
            metric,
            days: u32::try_from(days).unwrap_or(90),
            lang,
            until,
        };
        let Some(chart) = make_chart(store.as_ref(), &request)
            .await
            .map_err(|e| CliError::Other(anyhow::anyhow!("{e}")))?
        else {
            return Err(CliError::Other(anyhow::anyhow!(
                "no {metric} figures of {} in the {days} days to {until}",
                args.claimant
            )));
        };
        std::fs::write(path, &chart.png)
            .map_err(|e| CliError::Other(anyhow::anyhow!("{}: {e}", path.display())))?;
        eprintln!(
            "wrote {} ({} bytes, {} days)",
            path.display(),
            chart.png.len(),
            chart.days
        );
    } else {
        let mut out = std::io::stdout().lock();
        write_rows(&mut out, &query.key, &rows, &checks, args.jsonl)
            .map_err(|e| CliError::Other(anyhow::anyhow!("{e}")))?;
    }
    store.close().await;
    Ok(())
}

async fn latest_day(
    store: &dyn crate::store::Store,
    claimant: &str,
    metric: Metric,
) -> Result<Option<NaiveDate>, CliError> {
    let list = store.list_series(Some(claimant)).await?;
    Ok(list
        .iter()
        .filter(|s| s.key.metric == metric && s.key.scope == crate::series::Scope::All)
        .map(|s| s.last)
        .max())
}
