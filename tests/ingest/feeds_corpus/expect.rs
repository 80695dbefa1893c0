//! What each shared corpus file is expected to yield, read from the expectations written
//! beside the files by their authors: feed-rs `X.serde.json`, gofeed `X.json` /
//! `X_expected.json`, and feedparser's `INDEX_expectations.csv` (bozo flag, HTTP headers,
//! and the `entries[0]['title'|'link'] == '…'` checks).

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Whether the file should parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Expected to parse (feed-rs or gofeed expectations exist, or feedparser says not bozo).
    Wellformed,
    /// Ill-formed by its authors' account: a recorded error or a lenient parse are both fine.
    Illformed,
}

/// One entry the file should yield: its title and/or link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub title: Option<String>,
    /// As written in the expectation (may be relative).
    pub link: Option<String>,
    /// The title is HTML (feed-rs `text/html` / xhtml).
    pub title_is_html: bool,
}

/// A corpus file and what it should yield.
#[derive(Debug, Clone)]
pub struct Case {
    /// Path under the feeds folder.
    pub rel: String,
    pub path: PathBuf,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub form: Form,
    pub entries: Vec<Entry>,
    /// Which expectation the entries come from.
    pub origin: &'static str,
}

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

/// feed-rs's choice of an entry's page, as the ingest path makes it: an alternate (or
/// unlabelled) link first, else any link that is not the feed itself, an enclosure or an
/// edit/replies link.
fn choose_link(links: &[(Option<String>, String)]) -> Option<String> {
    let skip = [
        "self",
        "enclosure",
        "edit",
        "replies",
        "edit-media",
        "license",
    ];
    let web = |h: &String| !h.trim().is_empty();
    links
        .iter()
        .find(|(rel, h)| {
            web(h)
                && rel
                    .as_deref()
                    .is_none_or(|r| r.eq_ignore_ascii_case("alternate"))
        })
        .or_else(|| {
            links.iter().find(|(rel, h)| {
                web(h)
                    && !rel
                        .as_deref()
                        .is_some_and(|r| skip.iter().any(|x| r.eq_ignore_ascii_case(x)))
            })
        })
        .map(|(_, h)| h.trim().to_owned())
}

/// Entries of a feed-rs `.serde.json`.
pub fn feed_rs_entries(v: &Value) -> Vec<Entry> {
    let empty = Vec::new();
    v["entries"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|e| {
            let links: Vec<(Option<String>, String)> = e["links"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .filter_map(|l| Some((s(&l["rel"]), s(&l["href"])?)))
                .collect();
            let ct = e["title"]["content_type"].as_str().unwrap_or("");
            Entry {
                title: s(&e["title"]["content"]),
                link: choose_link(&links),
                title_is_html: ct.contains("html"),
            }
        })
        .collect()
}

/// Entries of a gofeed expectation (`items` for RSS and JSON, `entries` for Atom).
pub fn gofeed_entries(v: &Value) -> Vec<Entry> {
    let empty = Vec::new();
    let list = v["items"].as_array().or(v["entries"].as_array());
    list.unwrap_or(&empty)
        .iter()
        .map(|e| {
            let mut links: Vec<(Option<String>, String)> = Vec::new();
            for key in ["link", "url"] {
                if let Some(h) = s(&e[key]) {
                    links.push((None, h));
                }
            }
            for l in e["links"].as_array().unwrap_or(&empty) {
                match l {
                    Value::String(h) => links.push((None, h.clone())),
                    other => {
                        if let Some(h) = s(&other["href"]) {
                            links.push((s(&other["rel"]), h));
                        }
                    }
                }
            }
            Entry {
                title: s(&e["title"]),
                link: choose_link(&links),
                title_is_html: false,
            }
        })
        .collect()
}

/// Splits one CSV line (RFC 4180 quoting).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// A Python string literal in single or double quotes at the start of `s`, unescaped.
fn python_string(s: &str) -> Option<String> {
    let quote = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let mut out = String::new();
    let mut chars = s[1..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'x' => {
                    let hex: String = chars.by_ref().take(2).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                'n' => out.push('\n'),
                other => out.push(other),
            },
            c if c == quote => return Some(out),
            c => out.push(c),
        }
    }
    None
}

/// `entries[0]['title'] == '…'` and `entries[0]['link'] == '…'` (also `entries[0].link`).
fn feedparser_entry(expect: &str) -> Option<Entry> {
    let mut entry = Entry::default();
    for (field, keys) in [
        ("title", ["entries[0]['title'] == ", "entries[0].title == "]),
        ("link", ["entries[0]['link'] == ", "entries[0].link == "]),
    ] {
        let found = keys.iter().find_map(|k| {
            let at = expect.find(k)?;
            python_string(&expect[at + k.len()..])
        });
        // `entries[0]['link'] == entries[1]['link'] == '…'`
        let chained = || {
            let at = expect.find("entries[1]['link'] == ")?;
            python_string(&expect[at + "entries[1]['link'] == ".len()..])
        };
        let value = found.or_else(|| (field == "link").then(chained).flatten());
        match field {
            "title" => entry.title = value,
            _ => entry.link = value,
        }
    }
    (entry.title.is_some() || entry.link.is_some()).then_some(entry)
}

fn default_content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => "application/json",
        _ => "application/xml",
    }
}

/// Every feed file of the corpus with its expectation.
pub fn cases(feeds: &Path) -> Vec<Case> {
    let rows = feedparser_index(feeds);
    walk(feeds)
        .into_iter()
        .filter_map(|path| case_of(feeds, path, &rows))
        .collect()
}

/// feedparser's `INDEX_expectations.csv`: its rows by file path.
fn feedparser_index(feeds: &Path) -> HashMap<String, Vec<String>> {
    let index = std::fs::read_to_string(feeds.join("feedparser_tests/INDEX_expectations.csv"))
        .unwrap_or_default();
    let mut rows: HashMap<String, Vec<String>> = HashMap::new();
    for line in index.lines().skip(1) {
        let f = csv_fields(line);
        if let Some(p) = f.first() {
            rows.insert(p.clone(), f);
        }
    }
    rows
}

/// The case of one corpus file, with the expectation its family gives; `None` for files that
/// are no input (licences, index, expectations) or that feedparser's index does not list.
fn case_of(feeds: &Path, path: PathBuf, rows: &HashMap<String, Vec<String>>) -> Option<Case> {
    let rel = path
        .strip_prefix(feeds)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    if name == "LICENSE" || name.ends_with(".csv") || name.ends_with(".serde.json") {
        return None;
    }
    let mut case = Case {
        rel: rel.clone(),
        content_type: default_content_type(&path).into(),
        headers: Vec::new(),
        form: Form::Wellformed,
        entries: Vec::new(),
        origin: "none",
        path: path.clone(),
    };
    if let Some(fp) = rel.strip_prefix("feedparser_tests/") {
        feedparser_expectation(&mut case, fp, rows.get(fp)?);
    } else if rel.starts_with("feed-rs_fixture/") {
        feed_rs_expectation(&mut case, &path);
    } else if rel.starts_with("gofeed_testdata/") && !gofeed_expectation(&mut case, &path, &name) {
        return None;
    }
    Some(case)
}

/// feedparser: form, headers and the first entry from the file's row of the index.
fn feedparser_expectation(case: &mut Case, fp: &str, row: &[String]) {
    let (expect, headers, bozo) = (&row[2], &row[3], &row[4]);
    case.form = match bozo.as_str() {
        "not bozo" => Form::Wellformed,
        "bozo" => Form::Illformed,
        _ if fp.starts_with("illformed/") => Form::Illformed,
        _ => Form::Wellformed,
    };
    for h in headers.split('\n').filter(|h| !h.trim().is_empty()) {
        let Some((k, v)) = h.split_once(':') else {
            continue;
        };
        if k.trim().eq_ignore_ascii_case("content-type") {
            case.content_type = v.trim().to_owned();
        } else {
            case.headers
                .push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    if let Some(e) = feedparser_entry(expect) {
        case.entries.push(e);
        case.origin = "feedparser INDEX";
    }
}

/// feed-rs: the entries of the `.serde.json` beside the file; ill-formed when there is none.
fn feed_rs_expectation(case: &mut Case, path: &Path) {
    let expected = path.with_file_name(format!(
        "{}.serde.json",
        path.file_stem().unwrap().to_string_lossy()
    ));
    match read_json(&expected) {
        Some(v) => {
            case.entries = feed_rs_entries(&v);
            case.origin = "feed-rs .serde.json";
        }
        None => case.form = Form::Illformed,
    }
}

/// gofeed: the entries of the expectation beside the file; ill-formed when there is none and
/// the name says so. `false` when the file is itself an expectation.
fn gofeed_expectation(case: &mut Case, path: &Path, name: &str) -> bool {
    if name.ends_with("_expected.json") {
        return false;
    }
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let beside = if name.ends_with(".json") {
        path.with_file_name(format!("{stem}_expected.json"))
    } else {
        path.with_file_name(format!("{stem}.json"))
    };
    if name.ends_with(".json") && rows_is_expectation(path) {
        return false;
    }
    match read_json(&beside) {
        Some(v) => {
            case.entries = gofeed_entries(&v);
            case.origin = "gofeed .json";
        }
        None if ["invalid", "unknown", "empty"]
            .iter()
            .any(|w| stem.contains(w)) =>
        {
            case.form = Form::Illformed
        }
        None => {}
    }
    true
}

/// gofeed's `X.json` beside `X.xml` is an expectation, not an input.
fn rows_is_expectation(path: &Path) -> bool {
    path.with_extension("xml").is_file()
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn csv_and_python_literals_are_read() {
    assert_eq!(
        csv_fields(r#"a,"b, ""c""",,d"#),
        vec!["a", "b, \"c\"", "", "d"]
    );
    assert_eq!(
        python_string(r"'This is a \xa3\u201ctest.\u201d' and").as_deref(),
        Some("This is a £“test.”")
    );
    let e = feedparser_entry("not bozo and entries[0]['link'] == 'http://example.com/'").unwrap();
    assert_eq!(e.link.as_deref(), Some("http://example.com/"));
    let e = feedparser_entry("entries[0]['link'] == entries[1]['link'] == 'http://x/a'").unwrap();
    assert_eq!(e.link.as_deref(), Some("http://x/a"));
}
