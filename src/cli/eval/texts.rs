//! The texts of labelled posts, read from the shared data by id: `<channel>_<message>` for the
//! Russian Telegram posts (`texts/ru_telegram_raw/`), `<feed file>#<guid or link>` for feed
//! items (`feeds/…`), `<page file>#<channel>/<post>` for `t.me/s` pages
//! (`telegram_preview_html/…`), and `texts/dev_labeled.jsonl#<id>` for the labelled texts of
//! others. Feeds and pages go through the same parsers as polling.

use crate::sources::feed::parse_feed;
use crate::sources::normalize::{MAX_TEXT_CHARS, MAX_TITLE_CHARS, clean_markup, clean_text};
use crate::sources::telegram::parse_page;
use crate::text::html::Links;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A labelled post's text, as the pipeline would classify it.
#[derive(Debug, Clone, Default)]
pub struct PostText {
    pub title: String,
    pub text: String,
    /// The channel or feed it came from (the claimant when the text names none).
    pub channel: String,
}

#[derive(Deserialize)]
struct RawPost {
    message_id: i64,
    text: String,
    channel: String,
}

/// Reads the texts of `ids` from `data`; an id that cannot be found is an error.
pub fn load(data: &Path, ids: &[&str]) -> Result<HashMap<String, PostText>, String> {
    let mut out = HashMap::new();
    let mut by_file: HashMap<String, Vec<&str>> = HashMap::new();
    for id in ids {
        match id.split_once('#') {
            Some((file, _)) => by_file.entry(file.to_owned()).or_default().push(id),
            None => {
                let (chan, _) = id
                    .split_once('_')
                    .ok_or_else(|| format!("{id}: not a known kind of post id"))?;
                by_file
                    .entry(format!("texts/ru_telegram_raw/{chan}_messages.json"))
                    .or_default()
                    .push(id);
            }
        }
    }
    for (file, wanted) in by_file {
        let found = if file.starts_with("texts/") && file.ends_with(".jsonl") {
            labelled_texts(&data.join(&file), &file)?
        } else if file.starts_with("texts/") {
            telegram_raw(&data.join(&file))?
        } else if file.ends_with(".html") {
            page(&data.join("telegram_preview_html").join(&file), &file)?
        } else {
            feed(&find(&data.join("feeds"), &file)?, &file)?
        };
        for id in wanted {
            let text = found
                .get(id)
                .ok_or_else(|| format!("{id}: no such post in {file}"))?;
            out.insert(id.to_owned(), text.clone());
        }
    }
    Ok(out)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn telegram_raw(path: &Path) -> Result<HashMap<String, PostText>, String> {
    let posts: Vec<RawPost> =
        serde_json::from_slice(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    let chan = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('_').next())
        .unwrap_or_default();
    Ok(posts
        .into_iter()
        .map(|p| {
            let text = PostText {
                title: String::new(),
                text: p.text,
                channel: p.channel,
            };
            (format!("{chan}_{}", p.message_id), text)
        })
        .collect())
}

#[derive(Deserialize)]
struct LabelledText {
    id: String,
    text: String,
    #[serde(default)]
    source: String,
}

/// Who published a labelled text: the `channel=` its source names, else the host of its
/// address, else the source as given.
fn publisher(source: &str) -> String {
    if let Some((_, rest)) = source.split_once("channel=") {
        let end = rest.find(" message_id=").unwrap_or(rest.len());
        return rest[..end].trim().to_owned();
    }
    let address = source.rsplit("url=").next().unwrap_or(source);
    match url::Url::parse(address.trim()) {
        Ok(u) => u.host_str().unwrap_or(address).to_owned(),
        Err(_) => source.to_owned(),
    }
}

/// The texts of a JSON-lines file of labelled texts (`{"id", "text", "source"}` a line).
fn labelled_texts(path: &Path, name: &str) -> Result<HashMap<String, PostText>, String> {
    let body = String::from_utf8_lossy(&read(path)?).into_owned();
    let mut out = HashMap::new();
    for (n, line) in body
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let t: LabelledText =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let text = PostText {
            title: String::new(),
            text: t.text,
            channel: publisher(&t.source),
        };
        out.insert(format!("{name}#{}", t.id), text);
    }
    Ok(out)
}

/// The file named `name` (a path relative to some folder) under `root`.
fn find(root: &Path, name: &str) -> Result<PathBuf, String> {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.ends_with(name) {
                return Ok(p);
            }
        }
    }
    Err(format!("{name}: not found under {}", root.display()))
}

fn feed(path: &Path, name: &str) -> Result<HashMap<String, PostText>, String> {
    let parsed = parse_feed(&read(path)?, None, "https://feed.invalid/")
        .map_err(|e| format!("{name}: {e}"))?;
    let channel = parsed.title.clone().unwrap_or_else(|| name.to_owned());
    let mut out = HashMap::new();
    for e in parsed.entries {
        let Some(key) = e.guid.clone().or_else(|| e.link.clone()) else {
            continue;
        };
        let text = PostText {
            title: e
                .title
                .as_ref()
                .map(|t| clean_text(t, MAX_TITLE_CHARS))
                .unwrap_or_default(),
            text: e
                .body
                .as_ref()
                .map(|b| clean_markup(b, Links::Keep, MAX_TEXT_CHARS))
                .unwrap_or_default(),
            channel: channel.clone(),
        };
        out.insert(format!("{name}#{key}"), text);
    }
    Ok(out)
}

fn page(path: &Path, name: &str) -> Result<HashMap<String, PostText>, String> {
    let html = String::from_utf8_lossy(&read(path)?).into_owned();
    let parsed = parse_page(&html);
    let channel = parsed.channel_title.clone().unwrap_or_default();
    Ok(parsed
        .posts
        .into_iter()
        .map(|p| {
            let text = PostText {
                title: String::new(),
                text: p.text,
                channel: p.owner_name.unwrap_or_else(|| channel.clone()),
            };
            (format!("{name}#{}", p.id), text)
        })
        .collect())
}
