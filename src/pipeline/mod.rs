//! The pipeline between polling and digests: stored items → classify → cluster → claims filed
//! in stories. One step function, [`Pipeline::process_pending`], takes the items not processed
//! yet in id order; pollers only store items, so a crash anywhere leaves work that the next step
//! picks up. Each relevant item is filed in one transaction (story, claims, processed mark).
//!
//! The clusterer's window lives in memory and is rebuilt from the store on first use, so one
//! process at a time should run the pipeline over a database (`run` holds the `pipeline` lease).

mod rebuild;

pub use rebuild::{rebuild, rebuild_with, source_names};

use crate::classify::{ClassifyInput, classify};
use crate::cluster::{self, Assignment, ClusterDoc, Clusterer};
use crate::config::ClusterConfig;
use crate::model::{Category, Claim, Item, Lang, StoredClaim};
use crate::store::{ItemFiling, Store, StoreError, StoryChoice};
use crate::text::stem::stem_text;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// Items read per store query.
const BATCH: i64 = 200;
/// Characters of an item indexed for search (the rest still counts for classification).
const INDEXED_CHARS: usize = 20_000;
/// Longest story title kept.
const TITLE_CHARS: usize = 300;

/// What one step did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PipelineReport {
    /// Items classified (relevant or not).
    pub processed: usize,
    /// Items that carried at least one claim.
    pub relevant: usize,
    pub new_stories: usize,
    /// Relevant items that joined an existing story.
    pub joined: usize,
    /// Claims stored (after merging with the stories' own).
    pub claims_added: usize,
    /// Stored claims a joining item completed (more figures, deltas, unit or place).
    pub claims_updated: usize,
    /// Relevant items with a refusal claim, and with a loss claim (an item may have both).
    pub refusal_items: usize,
    pub loss_items: usize,
}

impl PipelineReport {
    pub fn add(&mut self, o: &PipelineReport) {
        self.processed += o.processed;
        self.relevant += o.relevant;
        self.new_stories += o.new_stories;
        self.joined += o.joined;
        self.claims_added += o.claims_added;
        self.claims_updated += o.claims_updated;
        self.refusal_items += o.refusal_items;
        self.loss_items += o.loss_items;
    }
}

impl fmt::Display for PipelineReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "classified {} items: {} relevant, {} new stories, {} joined existing ones, {} claims stored, {} completed",
            self.processed,
            self.relevant,
            self.new_stories,
            self.joined,
            self.claims_added,
            self.claims_updated
        )
    }
}

/// Classifies and files stored items.
pub struct Pipeline {
    store: Arc<dyn Store>,
    cluster: ClusterConfig,
    clusterer: Option<Clusterer>,
    source_names: HashMap<i64, Vec<String>>,
}

impl Pipeline {
    pub fn new(store: Arc<dyn Store>, cluster: &ClusterConfig) -> Pipeline {
        Pipeline {
            store,
            cluster: cluster.clone(),
            clusterer: None,
            source_names: HashMap::new(),
        }
    }

    /// Forgets the in-memory window; the next step rebuilds it from the store (after another
    /// process may have filed items).
    pub fn reset(&mut self) {
        self.clusterer = None;
        self.source_names.clear();
    }

    /// Processes up to `max` pending items, oldest first. Returns what it did; a store error
    /// stops the step with the items not yet filed left pending.
    pub async fn process_pending(
        &mut self,
        now: DateTime<Utc>,
        max: usize,
    ) -> Result<PipelineReport, StoreError> {
        let mut report = PipelineReport::default();
        if self.clusterer.is_none() {
            self.clusterer = Some(rebuild::rebuild(self.store.as_ref(), &self.cluster, now).await?);
        }
        if let Some(c) = self.clusterer.as_mut() {
            c.evict(now);
        }
        while report.processed < max {
            let limit = BATCH.min((max - report.processed) as i64).max(1);
            let items = self.store.unprocessed_items(limit).await?;
            if items.is_empty() {
                break;
            }
            let mut irrelevant = Vec::new();
            for item in &items {
                let step = self.process_item(item, now).await?;
                if step.relevant == 0 {
                    irrelevant.push(item.id);
                }
                report.add(&step);
            }
            self.store.mark_items_processed(&irrelevant, now).await?;
            if (items.len() as i64) < limit {
                break;
            }
        }
        Ok(report)
    }

    /// Processes everything pending, in steps of `step` items.
    pub async fn process_all(
        &mut self,
        now: DateTime<Utc>,
        step: usize,
    ) -> Result<PipelineReport, StoreError> {
        let mut total = PipelineReport::default();
        loop {
            let r = self.process_pending(now, step).await?;
            total.add(&r);
            if r.processed < step {
                return Ok(total);
            }
        }
    }

    async fn names_of(&mut self, source_id: i64) -> Result<Vec<String>, StoreError> {
        if !self.source_names.contains_key(&source_id) {
            for s in self.store.list_sources().await? {
                self.source_names.insert(s.id, rebuild::source_names(&s));
            }
        }
        Ok(self
            .source_names
            .get(&source_id)
            .cloned()
            .unwrap_or_default())
    }

    /// Classifies one item and, when it carries claims, files it. Irrelevant items are left
    /// for the caller to mark processed in bulk.
    async fn process_item(
        &mut self,
        item: &Item,
        now: DateTime<Utc>,
    ) -> Result<PipelineReport, StoreError> {
        let it = &item.item;
        let mut report = PipelineReport {
            processed: 1,
            ..Default::default()
        };
        let found = classify(&ClassifyInput {
            title: &it.title,
            text: &it.text,
            lang: Some(it.lang),
        });
        let ours = our_claims(&found.claims);
        if ours.is_empty() {
            return Ok(report);
        }
        report.relevant = 1;
        (report.refusal_items, report.loss_items) = categories_of(&ours);
        let claims = cluster::merge_claims(&ours);
        let names = self.names_of(it.source_id).await?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let doc = cluster_doc(item, &names, found.lang, &claims);
        let Some(clusterer) = self.clusterer.as_mut() else {
            return Ok(PipelineReport::default());
        };
        let assignment = clusterer.assign(&doc);
        let title = story_title(item);
        let (choice, plan) = self.choose_story(assignment, &title, &claims).await?;
        let story = self.file(item, choice, &plan, now).await?;
        match choice {
            StoryChoice::New { .. } => {
                report.new_stories = 1;
                if let Some(c) = self.clusterer.as_mut() {
                    c.record(&doc, story);
                }
            }
            StoryChoice::Join(_) => report.joined = 1,
        }
        report.claims_added = plan.add.len();
        report.claims_updated = plan.update.len();
        Ok(report)
    }

    /// The story the clusterer chose for the item's `claims`, and what they add to it: all of
    /// them for a new story, only what a joined story lacks or has with less.
    async fn choose_story<'t>(
        &self,
        assignment: Assignment,
        title: &'t str,
        claims: &[Claim],
    ) -> Result<(StoryChoice<'t>, ClaimPlan), StoreError> {
        Ok(match assignment {
            Assignment::Join { story, .. } => {
                let have = match self.store.story(story).await? {
                    Some(view) => view.claims,
                    None => Vec::new(),
                };
                (StoryChoice::Join(story), plan_claims(&have, claims))
            }
            Assignment::New => (
                StoryChoice::New { title },
                ClaimPlan {
                    add: claims.to_vec(),
                    update: Vec::new(),
                },
            ),
        })
    }

    /// Files the item in its story in one transaction, with its claims and search terms;
    /// returns the story's id.
    async fn file(
        &self,
        item: &Item,
        choice: StoryChoice<'_>,
        plan: &ClaimPlan,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let it = &item.item;
        let indexed: String = format!("{}\n{}", it.title, it.text)
            .chars()
            .take(INDEXED_CHARS)
            .collect();
        let terms = stem_text(&indexed);
        self.store
            .file_item(&ItemFiling {
                item_id: item.id,
                story: choice,
                seen_at: it.published_at,
                claims: &plan.add,
                updated_claims: &plan.update,
                claimed_at: it.published_at,
                search_terms: &terms,
                processed_at: now,
            })
            .await
    }
}

/// The claims about this war: claims from other wars are marked by the classifier and never
/// filed.
fn our_claims(found: &[Claim]) -> Vec<Claim> {
    found
        .iter()
        .filter(|c| !c.other_conflict)
        .cloned()
        .collect()
}

/// What the clusterer sees of an item.
fn cluster_doc<'a>(
    item: &'a Item,
    source_names: &'a [&'a str],
    lang: Lang,
    claims: &'a [Claim],
) -> ClusterDoc<'a> {
    let it = &item.item;
    ClusterDoc {
        key: item.id,
        source_id: it.source_id,
        source_names,
        title: &it.title,
        text: &it.text,
        url: it.url.as_deref(),
        published: it.published_at,
        lang,
        forwarded_from: it.forwarded_from.as_deref(),
        claims,
    }
}

/// Whether `claims` hold a refusal claim and a loss claim, as counts of one item (0 or 1).
fn categories_of(claims: &[Claim]) -> (usize, usize) {
    let has = |c: Category| usize::from(claims.iter().any(|claim| claim.category == c));
    (has(Category::Refusal), has(Category::Losses))
}

/// What a joining item's claims do to its story.
#[derive(Debug, Default, PartialEq)]
struct ClaimPlan {
    /// Claims the story does not have.
    add: Vec<Claim>,
    /// Stored claims the item restates with more: their ids and merged versions.
    update: Vec<(i64, Claim)>,
}

/// Splits `incoming` (already merged among themselves) into claims new to the story and
/// stored claims they complete (see `cluster::same_claim` and `cluster::merge_claims`).
fn plan_claims(have: &[StoredClaim], incoming: &[Claim]) -> ClaimPlan {
    let mut plan = ClaimPlan::default();
    for c in incoming {
        match have.iter().find(|h| cluster::same_claim(&h.claim, c)) {
            Some(h) => {
                let merged = cluster::merge_claims(&[h.claim.clone(), c.clone()]);
                if let [one] = merged.as_slice()
                    && *one != h.claim
                {
                    match plan.update.iter_mut().find(|(id, _)| *id == h.id) {
                        Some((_, prev)) => {
                            if let [again] =
                                cluster::merge_claims(&[prev.clone(), c.clone()]).as_slice()
                            {
                                *prev = again.clone();
                            }
                        }
                        None => plan.update.push((h.id, one.clone())),
                    }
                }
            }
            None => plan.add.push(c.clone()),
        }
    }
    plan
}

/// The item's title, or the start of its text when it has none (Telegram posts).
fn story_title(item: &Item) -> String {
    let it = &item.item;
    let source = if it.title.trim().is_empty() {
        it.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
    } else {
        it.title.as_str()
    };
    crate::text::truncate_chars(source.trim(), TITLE_CHARS)
}
