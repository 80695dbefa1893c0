//! The week's posts as RSS feeds on disk and a configuration that polls them; links back from
//! an entry to its posts; the claims `/recent` would list.

use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FIRST_DAY: &str = "2024-11-13";
const LAST_DAY: &str = "2024-11-19";

struct Post {
    id: String,
    channel: String,
    text: String,
    at: DateTime<Utc>,
}

fn week_posts(data: &Path) -> Vec<Post> {
    let dir = data.join("texts/ru_telegram_raw");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(chan) = name.strip_suffix("_messages.json") else {
            continue;
        };
        let posts: Vec<serde_json::Value> =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for m in posts {
            let date = m["date"].as_str().unwrap();
            let day = date.get(..10).unwrap_or("");
            if !(FIRST_DAY..=LAST_DAY).contains(&day) {
                continue;
            }
            out.push(Post {
                id: format!("{chan}_{}", m["message_id"]),
                channel: m["channel"].as_str().unwrap().to_owned(),
                text: m["text"].as_str().unwrap().to_owned(),
                at: DateTime::parse_from_rfc3339(date)
                    .unwrap()
                    .with_timezone(&Utc),
            });
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Writes one feed per channel and a configuration polling them; returns its path.
pub fn write_week(data: &Path, dir: &Path) -> PathBuf {
    let posts = week_posts(data);
    assert!(
        posts.len() > 2000,
        "the week looks truncated: {}",
        posts.len()
    );
    let last = posts.iter().map(|p| p.at).max().unwrap();
    let shift = Utc::now() - Duration::hours(1) - last;
    let mut by_chan: BTreeMap<String, Vec<&Post>> = BTreeMap::new();
    for p in &posts {
        let chan = p.id.split('_').next().unwrap().to_owned();
        by_chan.entry(chan).or_default().push(p);
    }
    let mut config = format!(
        "database_url = \"sqlite://{}\"\n[digest]\ntimezone = \"Europe/Kyiv\"\nmax_entries = 200\n",
        dir.join("week.db").display()
    );
    for (chan, posts) in &by_chan {
        let mut items = String::new();
        for p in posts {
            let (c, m) = p.id.split_once('_').unwrap();
            let text = p.text.replace("**", "").replace("__", "");
            items.push_str(&format!(
                "<item><guid>{}</guid><link>https://t.me/c/{c}/{m}</link><description>{}</description><pubDate>{}</pubDate></item>",
                p.id,
                escape(&text),
                (p.at + shift).to_rfc2822()
            ));
        }
        let feed = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{}</title><link>https://t.me/c/{chan}</link><description>week</description>{items}</channel></rss>",
            escape(&posts[0].channel)
        );
        let path = dir.join(format!("{chan}.xml"));
        std::fs::write(&path, feed).unwrap();
        config.push_str(&format!(
            "[[sources]]\nurl = \"file://{}\"\nlang = \"ru\"\n",
            path.display()
        ));
    }
    let path = dir.join("week.toml");
    std::fs::write(&path, config).unwrap();
    path
}

/// Every post's text of the week, by post id (`<channel file prefix>_<message id>`).
pub fn post_texts(data: &Path) -> std::collections::HashMap<String, String> {
    week_posts(data)
        .into_iter()
        .map(|p| (p.id, p.text))
        .collect()
}

/// The post ids an entry links to (`https://t.me/c/<channel>/<message>`).
pub fn linked_posts(block: &str) -> Vec<String> {
    block
        .split("https://t.me/c/")
        .skip(1)
        .filter_map(|rest| {
            let (chan, tail) = rest.split_once('/')?;
            let msg: String = tail.chars().take_while(char::is_ascii_digit).collect();
            (!msg.is_empty()).then(|| format!("{chan}_{msg}"))
        })
        .collect()
}

/// The entries `/recent` lists over the week: its claims folded and grouped by story as the
/// bot groups them (`ClaimView::entries`), each entry linking the posts of
/// all its claims' sources.
pub async fn recent_entries(dir: &Path) -> Vec<super::score::Entry> {
    let url = format!("sqlite://{}", dir.join("week.db").display());
    let store = claimwatch::store::open(&url).await.unwrap();
    let since = Utc::now() - Duration::days(8);
    let views = store.recent_claims(since, None, 1000).await.unwrap();
    store.close().await;
    claimwatch::store::ClaimView::entries(views)
        .into_iter()
        .map(|claims| {
            let mut posts: Vec<String> = Vec::new();
            for s in claims.iter().flat_map(|v| &v.sources) {
                if let Some(p) = s.url.as_deref().and_then(|u| linked_posts(u).pop())
                    && !posts.contains(&p)
                {
                    posts.push(p);
                }
            }
            super::score::Entry {
                posts,
                text: claims[0].story.title.chars().take(160).collect(),
            }
        })
        .collect()
}
