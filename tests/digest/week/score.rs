//! Scoring entries against the week's labels: an entry is relevant when one of its posts is
//! labelled a refusal or a loss claim, irrelevant when all of them are labelled neither (and
//! none ambiguous); it repeats when a story of its relevant posts was already shown. A story
//! reaches the reader when any post of an entry carries it (a post labelled ambiguous may
//! carry a story another post makes relevant); the share counted through relevant posts only
//! is reported beside it.

use std::collections::{HashMap, HashSet};
use std::fmt;

/// One entry a reader sees: the posts it links to, and its start (for messages).
pub struct Entry {
    pub posts: Vec<String>,
    pub text: String,
}

/// The week's labels by post id: relevant or not, and its stories.
pub struct Labels(HashMap<String, (Option<bool>, Vec<String>)>);

impl Labels {
    pub fn load() -> Labels {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/labels/week.jsonl"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let mut map = HashMap::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let yes = |k: &str| v[k] == 1;
            let other = |k: &str| v[k].is_string();
            let relevant = if yes("refusal") || yes("losses") {
                Some(true)
            } else if other("refusal") || other("losses") {
                None
            } else {
                Some(false)
            };
            let stories = v["stories"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            map.insert(v["id"].as_str().unwrap().to_owned(), (relevant, stories));
        }
        Labels(map)
    }

    fn relevant(&self, post: &str) -> Option<bool> {
        self.0.get(post).map_or(Some(false), |(r, _)| *r)
    }

    fn stories(&self, post: &str) -> &[String] {
        self.0.get(post).map_or(&[], |(_, s)| s.as_slice())
    }

    /// Stories of relevant posts.
    fn relevant_stories(&self) -> HashSet<&String> {
        self.0
            .values()
            .filter(|(r, _)| *r == Some(true))
            .flat_map(|(_, s)| s)
            .collect()
    }
}

/// How a list of entries scores.
#[derive(Debug, Default)]
pub struct Scores {
    pub entries: usize,
    pub relevant: usize,
    pub ambiguous: usize,
    pub irrelevant: usize,
    pub repeats: usize,
    pub stories: usize,
    pub stories_shown: usize,
    /// Stories shown through a post labelled relevant.
    pub shown_by_relevant: usize,
    /// Relevant stories no entry shows.
    pub missing: Vec<String>,
}

impl Scores {
    pub fn of(entries: &[Entry], labels: &Labels) -> Scores {
        let mut s = Scores {
            entries: entries.len(),
            ..Scores::default()
        };
        let mut shown: HashSet<&String> = HashSet::new();
        let mut reached: HashSet<&String> = HashSet::new();
        for e in entries {
            reached.extend(e.posts.iter().flat_map(|p| labels.stories(p)));
            let r: Vec<Option<bool>> = e.posts.iter().map(|p| labels.relevant(p)).collect();
            let stories: HashSet<&String> = e
                .posts
                .iter()
                .filter(|p| labels.relevant(p) == Some(true))
                .flat_map(|p| labels.stories(p))
                .collect();
            if r.contains(&Some(true)) {
                s.relevant += 1;
            } else if r.contains(&None) {
                s.ambiguous += 1;
            } else {
                s.irrelevant += 1;
                println!("irrelevant entry {:?}: {}", e.posts, e.text);
            }
            if !stories.is_empty() && stories.iter().all(|st| shown.contains(st)) {
                s.repeats += 1;
                println!("repeated entry {:?}: {}", e.posts, e.text);
            }
            shown.extend(stories);
        }
        let all = labels.relevant_stories();
        s.stories = all.len();
        s.stories_shown = all.iter().filter(|st| reached.contains(*st)).count();
        s.shown_by_relevant = all.iter().filter(|st| shown.contains(*st)).count();
        s.missing = all
            .iter()
            .filter(|st| !reached.contains(*st))
            .map(|st| st.to_string())
            .collect();
        s.missing.sort();
        s
    }

    /// Relevant entries among those decided (ambiguous ones reported apart).
    pub fn relevant_share(&self) -> f64 {
        self.relevant as f64 / (self.relevant + self.irrelevant).max(1) as f64
    }

    pub fn repeat_share(&self) -> f64 {
        self.repeats as f64 / self.entries.max(1) as f64
    }

    pub fn coverage(&self) -> f64 {
        self.stories_shown as f64 / self.stories.max(1) as f64
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} entries: {} relevant, {} ambiguous, {} irrelevant ({:.1} % relevant); {} repeat a \
             story ({:.1} %); {} of {} relevant stories shown ({:.1} %; {} through posts \
             labelled relevant); not shown: {:?}",
            self.entries,
            self.relevant,
            self.ambiguous,
            self.irrelevant,
            100.0 * self.relevant_share(),
            self.repeats,
            100.0 * self.repeat_share(),
            self.stories_shown,
            self.stories,
            100.0 * self.coverage(),
            self.shown_by_relevant,
            self.missing
        )
    }
}
