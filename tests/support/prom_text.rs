//! A strict reader of the Prometheus text exposition format (version 0.0.4), for tests that
//! read `/metrics` themselves: names, labels and escapes as the format defines them, one
//! `# TYPE` per family before its samples, a family's samples together, histogram buckets
//! cumulative with `+Inf` equal to `_count`. Any deviation is an error naming the line.

use std::collections::{BTreeMap, HashMap};

/// One sample line.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// Every sample of a scrape, in order.
#[derive(Debug, Clone, Default)]
pub struct Scrape {
    pub samples: Vec<Sample>,
    pub types: HashMap<String, String>,
}

impl Scrape {
    /// The samples named `name` whose labels include every pair of `labels`.
    pub fn find(&self, name: &str, labels: &[(&str, &str)]) -> Vec<&Sample> {
        self.samples
            .iter()
            .filter(|s| s.name == name)
            .filter(|s| {
                labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
            })
            .collect()
    }

    /// The value of the one sample matching, if exactly one does.
    pub fn value(&self, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        match self.find(name, labels).as_slice() {
            [one] => Some(one.value),
            _ => None,
        }
    }
}

fn valid_name(s: &str, colons: bool) -> bool {
    let mut chars = s.chars();
    let ok_first = |c: char| c.is_ascii_alphabetic() || c == '_' || (colons && c == ':');
    chars.next().is_some_and(ok_first)
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || (colons && c == ':'))
}

fn parse_value(s: &str) -> Option<f64> {
    match s {
        "+Inf" => Some(f64::INFINITY),
        "-Inf" => Some(f64::NEG_INFINITY),
        "NaN" => Some(f64::NAN),
        _ => s.parse().ok(),
    }
}

/// `{a="x",b="y"}` after the name: the labels and the rest of the line.
fn parse_labels(s: &str) -> Result<(BTreeMap<String, String>, &str), String> {
    let mut labels = BTreeMap::new();
    let Some(mut rest) = s.strip_prefix('{') else {
        return Ok((labels, s));
    };
    loop {
        if let Some(after) = rest.strip_prefix('}') {
            return Ok((labels, after));
        }
        let eq = rest.find('=').ok_or("a label without =")?;
        let name = &rest[..eq];
        if !valid_name(name, false) {
            return Err(format!("bad label name {name:?}"));
        }
        let mut chars = rest[eq + 1..].char_indices();
        if chars.next().map(|(_, c)| c) != Some('"') {
            return Err("a label value must be quoted".into());
        }
        let mut value = String::new();
        let end = loop {
            match chars.next() {
                Some((_, '\\')) => match chars.next() {
                    Some((_, '\\')) => value.push('\\'),
                    Some((_, '"')) => value.push('"'),
                    Some((_, 'n')) => value.push('\n'),
                    other => return Err(format!("bad escape {other:?}")),
                },
                Some((i, '"')) => break i,
                Some((_, '\n')) | None => return Err("an unterminated label value".into()),
                Some((_, c)) => value.push(c),
            }
        };
        if labels.insert(name.to_owned(), value).is_some() {
            return Err(format!("label {name} twice"));
        }
        rest = &rest[eq + 1 + end + 1..];
        rest = rest.strip_prefix(',').unwrap_or(rest);
    }
}

/// The family a sample belongs to (histogram samples carry suffixes).
fn family_of<'a>(name: &'a str, types: &HashMap<String, String>) -> &'a str {
    for suffix in ["_bucket", "_sum", "_count"] {
        if let Some(base) = name.strip_suffix(suffix)
            && types.get(base).is_some_and(|t| t == "histogram")
        {
            return base;
        }
    }
    name
}

/// A `# TYPE` or `# HELP` line (other comments are allowed and ignored).
fn meta(line: &str, types: &mut HashMap<String, String>) -> Result<(), String> {
    let mut parts = line.splitn(3, ' ');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("TYPE"), Some(name), Some(kind)) => {
            if !matches!(
                kind,
                "counter" | "gauge" | "histogram" | "summary" | "untyped"
            ) {
                return Err(format!("unknown type {kind}"));
            }
            if types.insert(name.to_owned(), kind.to_owned()).is_some() {
                return Err("a second TYPE line".into());
            }
            Ok(())
        }
        (Some("HELP"), Some(name), _) if valid_name(name, true) => Ok(()),
        (Some("HELP" | "TYPE"), _, _) => Err("malformed".into()),
        _ => Ok(()),
    }
}

/// `name{labels} value [timestamp]`.
fn sample(line: &str) -> Result<Sample, String> {
    let name_end = line.find(['{', ' ']).ok_or("no value")?;
    let name = &line[..name_end];
    if !valid_name(name, true) {
        return Err(format!("bad metric name {name:?}"));
    }
    let (labels, rest) = parse_labels(&line[name_end..])?;
    let mut fields = rest.split_whitespace();
    let value = fields.next().and_then(parse_value).ok_or("bad value")?;
    if fields.next().is_some_and(|t| t.parse::<i64>().is_err()) || fields.next().is_some() {
        return Err("bad timestamp".into());
    }
    Ok(Sample {
        name: name.to_owned(),
        labels,
        value,
    })
}

/// Parses a whole scrape, strictly.
pub fn parse(text: &str) -> Result<Scrape, String> {
    let mut scrape = Scrape::default();
    let mut done: Vec<String> = Vec::new();
    let mut current = String::new();
    for (n, line) in text.lines().enumerate() {
        let at = |e: String| format!("line {}: {e}: {line:?}", n + 1);
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("# ") {
            meta(rest, &mut scrape.types).map_err(at)?;
            continue;
        }
        let sample = sample(line).map_err(at)?;
        let family = family_of(&sample.name, &scrape.types).to_owned();
        if family != current {
            if done.contains(&family) {
                return Err(at(format!("samples of {family} are not together")));
            }
            done.push(std::mem::replace(&mut current, family));
        }
        scrape.samples.push(sample);
    }
    check_histograms(&scrape)?;
    Ok(scrape)
}

fn check_histograms(s: &Scrape) -> Result<(), String> {
    for (name, kind) in &s.types {
        if kind != "histogram" {
            continue;
        }
        let buckets = s.find(&format!("{name}_bucket"), &[]);
        let mut last = 0.0;
        for b in &buckets {
            if b.value < last {
                return Err(format!("{name}: buckets are not cumulative"));
            }
            last = b.value;
        }
        let inf = s.value(&format!("{name}_bucket"), &[("le", "+Inf")]);
        let count = s.value(&format!("{name}_count"), &[]);
        if buckets.is_empty() || inf != count {
            return Err(format!(
                "{name}: +Inf bucket {inf:?} differs from _count {count:?}"
            ));
        }
    }
    Ok(())
}
