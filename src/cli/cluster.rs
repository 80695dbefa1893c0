//! `claimwatch cluster --jsonl`: assigns JSON lines from stdin to stories.
//!
//! Input, one object a line: `{"id", "text", "title"?, "lang"?, "published"?}` — the classify
//! format plus an optional RFC 3339 publication time — and, optionally, `"source"` (items of
//! one source are never joined by similar wording or a claim alone), `"url"` and
//! `"forwarded_from"`. Each line is classified as `classify --jsonl` would, and its claims
//! count as evidence, as in the pipeline.
//! Output, one line per input line in order: `{"id", "story"}`, where `story` is the `id` of
//! the story's first line, as a string; lines with equal `story` tell the same story. Lines
//! without `published` arrive at the time of the latest dated line before them (a fixed
//! instant when there is none). A malformed line gives `{"id", "error"}` and the run goes on;
//! blank lines are skipped.

use super::CliError;
use crate::classify::{ClassifyInput, classify};
use crate::cluster::{Assignment, ClusterDoc, Clusterer, Tuning};
use crate::config::ClusterConfig;
use crate::model::{Claim, Lang};
use crate::text::hash::hash64;
use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{self, BufRead, Write};

/// Longest input line read; longer lines are reported and skipped.
const MAX_LINE_BYTES: usize = 8 * 1024 * 1024;

/// Claims of one line, as the pipeline's classify stage files them: the clusterer joins
/// items that carry the same claim or the same refusal incident.
fn claims_for(title: &str, text: &str, lang: Lang) -> Vec<Claim> {
    classify(&ClassifyInput {
        title,
        text,
        lang: Some(lang),
    })
    .claims
    .into_iter()
    .filter(|c| !c.other_conflict)
    .collect()
}

pub fn run(cfg: &ClusterConfig) -> Result<(), CliError> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    cluster_jsonl(cfg, stdin.lock(), io::BufWriter::new(stdout.lock()))
        .map_err(|e| CliError::Other(anyhow::anyhow!("cluster: {e}")))?;
    Ok(())
}

/// One parsed input line.
struct Line {
    id: Value,
    title: String,
    text: String,
    lang: Option<Lang>,
    published: Option<DateTime<Utc>>,
    source: Option<String>,
    url: Option<String>,
    forwarded_from: Option<String>,
}

fn optional_string(v: &Value, key: &str) -> Result<Option<String>, String> {
    match &v[key] {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        _ => Err(format!("\"{key}\" must be a string")),
    }
}

/// A well-formed line, read straight into its fields (no intermediate JSON tree).
#[derive(serde::Deserialize)]
struct WellFormed {
    id: Value,
    text: String,
    title: Option<String>,
    lang: Option<String>,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
    forwarded_from: Option<String>,
}

/// Parses one line: the typed reading for a well-formed line, else [`check_line`] for a
/// precise error.
fn parse_line(raw: &str) -> Result<Line, (Value, String)> {
    let Ok(w) = serde_json::from_str::<WellFormed>(raw) else {
        return check_line(raw);
    };
    if !matches!(w.id, Value::String(_) | Value::Number(_)) {
        return check_line(raw);
    }
    let published = match w
        .published
        .as_deref()
        .map(|s| DateTime::parse_from_rfc3339(s.trim()))
    {
        None => None,
        Some(Ok(t)) => Some(t.with_timezone(&Utc)),
        Some(Err(_)) => return check_line(raw),
    };
    Ok(Line {
        id: w.id,
        title: w.title.unwrap_or_default(),
        text: w.text,
        lang: w.lang.map(|l| l.parse().unwrap_or(Lang::Other)),
        published,
        source: w.source,
        url: w.url,
        forwarded_from: w.forwarded_from,
    })
}

/// Parses one line field by field, naming the first field that is wrong.
fn check_line(raw: &str) -> Result<Line, (Value, String)> {
    let v: Value =
        serde_json::from_str(raw).map_err(|e| (Value::Null, format!("invalid JSON: {e}")))?;
    if !v.is_object() {
        return Err((Value::Null, "expected a JSON object".into()));
    }
    let id = match &v["id"] {
        id @ (Value::String(_) | Value::Number(_)) => id.clone(),
        Value::Null => return Err((Value::Null, "missing \"id\"".into())),
        _ => return Err((Value::Null, "\"id\" must be a string or a number".into())),
    };
    let fail = |msg: String| (id.clone(), msg);
    let text = optional_string(&v, "text")
        .map_err(fail)?
        .ok_or_else(|| fail("missing \"text\"".into()))?;
    let published = match optional_string(&v, "published").map_err(fail)? {
        None => None,
        Some(s) => Some(
            DateTime::parse_from_rfc3339(s.trim())
                .map_err(|e| fail(format!("\"published\" is not an RFC 3339 time: {e}")))?
                .with_timezone(&Utc),
        ),
    };
    Ok(Line {
        title: optional_string(&v, "title")
            .map_err(fail)?
            .unwrap_or_default(),
        lang: optional_string(&v, "lang")
            .map_err(fail)?
            .map(|l| l.parse().unwrap_or(Lang::Other)),
        source: optional_string(&v, "source").map_err(fail)?,
        url: optional_string(&v, "url").map_err(fail)?,
        forwarded_from: optional_string(&v, "forwarded_from").map_err(fail)?,
        published,
        text,
        id,
    })
}

/// Reads one line of at most [`MAX_LINE_BYTES`]; `Ok(None)` at the end of input,
/// `Ok(Some(Err(())))` for a line that was too long (and has been skipped).
fn read_bounded<R: BufRead>(
    input: &mut R,
    buf: &mut Vec<u8>,
) -> io::Result<Option<Result<(), ()>>> {
    buf.clear();
    let n = io::Read::take(&mut *input, MAX_LINE_BYTES as u64 + 1).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.len() > MAX_LINE_BYTES && buf.last() != Some(&b'\n') {
        let mut sink = Vec::new();
        loop {
            sink.clear();
            let m = io::Read::take(&mut *input, 64 * 1024).read_until(b'\n', &mut sink)?;
            if m == 0 || sink.last() == Some(&b'\n') {
                break;
            }
        }
        return Ok(Some(Err(())));
    }
    Ok(Some(Ok(())))
}

/// Writes `{"id":…,"story":…}` and a newline.
fn write_story<W: Write>(output: &mut W, id: &Value, story: &str) -> io::Result<()> {
    output.write_all(b"{\"id\":")?;
    serde_json::to_writer(&mut *output, id)?;
    output.write_all(b",\"story\":")?;
    serde_json::to_writer(&mut *output, story)?;
    output.write_all(b"}\n")
}

/// Clusters every line of `input`, writing one result line per input line to `output`.
pub fn cluster_jsonl<R: BufRead, W: Write>(
    cfg: &ClusterConfig,
    input: R,
    output: W,
) -> io::Result<()> {
    cluster_jsonl_with(cfg, Tuning::default(), input, output)
}

/// [`cluster_jsonl`] with other thresholds (for measuring them).
pub fn cluster_jsonl_with<R: BufRead, W: Write>(
    cfg: &ClusterConfig,
    tuning: Tuning,
    mut input: R,
    mut output: W,
) -> io::Result<()> {
    let mut clusterer = Clusterer::with_tuning(&cfg.settings(), tuning);
    let mut labels: HashMap<i64, String> = HashMap::new();
    let mut clock = Utc
        .with_ymd_and_hms(2000, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let mut buf = Vec::new();
    let mut index: i64 = 0;
    while let Some(read) = read_bounded(&mut input, &mut buf)? {
        index += 1;
        let result = match read {
            Err(()) => Err((
                Value::Null,
                format!("line longer than {MAX_LINE_BYTES} bytes"),
            )),
            Ok(()) => match std::str::from_utf8(&buf) {
                Err(_) => Err((Value::Null, "line is not UTF-8".to_owned())),
                Ok(s) if s.trim().is_empty() => continue,
                Ok(s) => parse_line(s.trim()),
            },
        };
        let line = match result {
            Ok(line) => line,
            Err((id, error)) => {
                writeln!(output, "{{\"id\":{id},\"error\":{}}}", Value::String(error))?;
                continue;
            }
        };
        if let Some(p) = line.published {
            clock = clock.max(p);
        }
        let lang = line.lang.unwrap_or_else(|| {
            crate::text::lang::detect(&format!("{}\n{}", line.title, line.text))
        });
        let claims = claims_for(&line.title, &line.text, lang);
        let source_id = match &line.source {
            Some(s) => (hash64(s.as_bytes()) >> 1) as i64,
            None => -index,
        };
        let names: Vec<&str> = line.source.as_deref().into_iter().collect();
        let doc = ClusterDoc {
            key: index,
            source_id,
            source_names: &names,
            title: &line.title,
            text: &line.text,
            url: line.url.as_deref(),
            published: line.published.unwrap_or(clock),
            lang,
            forwarded_from: line.forwarded_from.as_deref(),
            claims: &claims,
        };
        let story = match clusterer.assign(&doc) {
            Assignment::Join { story, .. } => story,
            Assignment::New => {
                clusterer.record(&doc, index);
                let label = match &line.id {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                labels.insert(index, label);
                index
            }
        };
        let label = labels.get(&story).map_or("", String::as_str);
        write_story(&mut output, &line.id, label)?;
    }
    output.flush()
}
