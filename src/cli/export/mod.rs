//! `claimwatch export --since 30d [--category losses] [--format csv|jsonl] [--bom]
//! [--output FILE]`: stored claims, one row per claim, read page by page in filing order and
//! written as they come (RFC 4180 CSV, or JSON lines). Reads only: the schema must be current.

mod csv;
mod row;

use super::CliError;
use crate::config::{Config, parse_duration};
use crate::model::Category;
use crate::store::{self, ExportQuery, Store};
use std::io::Write;
use std::path::PathBuf;

/// Claims read per store query.
const PAGE: i64 = 500;

/// How the claims are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// RFC 4180 CSV, UTF-8, CRLF line ends, a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Claims claimed this far back, e.g. 30d, 12h.
    #[arg(long, default_value = "30d")]
    pub since: String,
    /// Only this category: refusal or losses.
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// CSV: start with a UTF-8 byte-order mark (for spreadsheets that need it).
    #[arg(long)]
    pub bom: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

pub async fn run(config: &Config, args: ExportArgs) -> Result<(), CliError> {
    let since = parse_duration(&args.since)
        .ok()
        .and_then(|d| chrono::Duration::from_std(d).ok())
        .ok_or_else(|| {
            CliError::Usage(format!(
                "--since {:?}: expected a duration such as 30d",
                args.since
            ))
        })?;
    let category = match &args.category {
        Some(c) => Some(
            c.parse::<Category>()
                .map_err(|e| CliError::Usage(format!("--category: {e}")))?,
        ),
        None => None,
    };
    if args.bom && args.format != ExportFormat::Csv {
        return Err(CliError::Usage("--bom applies to --format csv only".into()));
    }
    let store = store::connect_with(&config.database_url, config.run.database_pool_size).await?;
    let status = store.schema_status().await?;
    if !status.pending().is_empty() {
        return Err(CliError::Usage(format!(
            "the database schema is behind (migrations {:?} pending): run `claimwatch migrate` first",
            status.pending()
        )));
    }
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let query = ExportQuery {
        since: chrono::Utc::now() - since,
        category,
        after_id: 0,
        limit: PAGE,
    };
    let written = write_all(store.as_ref(), query, &args, std::io::BufWriter::new(out)).await;
    store.close().await;
    let n = written?;
    if args.output.is_some() {
        eprintln!("exported {n} claims");
    }
    Ok(())
}

/// Where rows go.
enum Sink<W: Write> {
    Csv(csv::CsvWriter<W>),
    Jsonl(W),
}

impl<W: Write> Sink<W> {
    fn new(format: ExportFormat, bom: bool, out: W) -> std::io::Result<Self> {
        Ok(match format {
            ExportFormat::Csv => {
                let mut w = csv::CsvWriter::new(out, bom)?;
                w.record(&row::header())?;
                Sink::Csv(w)
            }
            ExportFormat::Jsonl => Sink::Jsonl(out),
        })
    }

    fn claim(&mut self, v: &store::ClaimView) -> std::io::Result<()> {
        match self {
            Sink::Csv(w) => w.record(&row::csv_fields(v)),
            Sink::Jsonl(w) => writeln!(w, "{}", row::json_object(v)),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Csv(w) => w.into_inner().flush(),
            Sink::Jsonl(mut w) => w.flush(),
        }
    }
}

/// Writes every claim matching `query`, page by page; returns how many.
async fn write_all<W: Write>(
    store: &dyn Store,
    mut query: ExportQuery,
    args: &ExportArgs,
    out: W,
) -> Result<usize, CliError> {
    let io = |e: std::io::Error| CliError::Other(anyhow::anyhow!("cannot write the export: {e}"));
    let mut sink = Sink::new(args.format, args.bom, out).map_err(io)?;
    let mut n = 0;
    loop {
        let page = store.export_claims(&query).await?;
        let Some(last) = page.last() else { break };
        query.after_id = last.claim.id;
        for v in &page {
            sink.claim(v).map_err(io)?;
        }
        n += page.len();
    }
    sink.finish().map_err(io)?;
    Ok(n)
}
