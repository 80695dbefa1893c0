//! Telegram backfill: walk a channel's preview backwards with `?before=<oldest id>` pages,
//! storing posts, and save the cursor after every page so an interrupted run resumes where it
//! stopped. Stops at the limit, when there are no older posts, on shutdown, or on an error.

use super::fetch::Validators;
use super::normalize::normalize_post;
use super::poller::PollContext;
use super::poller::step::{channel_name, fetch_channel_page, store_items};
use crate::clock::Clock;
use crate::model::{NewItem, Source, SourceKind};
use crate::shutdown::Shutdown;
use crate::store::StoreError;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// How far a backfill has come.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackfillProgress {
    /// Posts read (new or already stored), counted against the limit.
    pub posts: usize,
    /// Posts that were not stored before.
    pub new: usize,
    pub pages: usize,
    pub limit: usize,
    /// The oldest post id reached: where the next run continues.
    pub cursor: Option<u64>,
}

/// Why a backfill stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackfillEnd {
    /// `limit` posts read.
    Limit,
    /// The channel has nothing older.
    NoOlderPosts,
    /// Shutdown was asked for; the next run resumes from the saved cursor.
    Interrupted,
    /// A page could not be fetched or stored; the next run resumes from the saved cursor.
    Failed(String),
}

/// The result of a backfill run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackfillReport {
    pub progress: BackfillProgress,
    pub end: BackfillEnd,
    /// Ids of the items stored, for classification.
    pub new_item_ids: Vec<i64>,
}

/// A backfill that could not start.
#[derive(Debug, thiserror::Error)]
pub enum BackfillError {
    #[error("{0} is not a Telegram channel: backfill reads Telegram channels only")]
    NotTelegram(String),
    #[error("storage: {0}")]
    Store(#[from] StoreError),
}

/// Options of a run.
#[derive(Debug, Clone, Copy)]
pub struct BackfillOptions {
    /// Posts to read at most.
    pub limit: usize,
    /// Pause between pages, to be gentle with the server.
    pub page_delay: Duration,
}

/// Backfills `source` from its saved cursor (or from the newest page), calling `on_page`
/// after each stored page.
pub async fn backfill(
    ctx: &PollContext,
    source: &Source,
    options: BackfillOptions,
    clock: &dyn Clock,
    shutdown: &Shutdown,
    on_page: &mut (dyn FnMut(&BackfillProgress) + Send),
) -> Result<BackfillReport, BackfillError> {
    if source.kind != SourceKind::Telegram {
        return Err(BackfillError::NotTelegram(
            crate::sources::poller::source_label(source),
        ));
    }
    let channel =
        channel_name(source).map_err(|_| BackfillError::NotTelegram(source.url.clone()))?;
    let mut progress = BackfillProgress {
        limit: options.limit,
        cursor: source
            .backfill_cursor
            .as_deref()
            .and_then(|c| c.trim().parse().ok()),
        ..BackfillProgress::default()
    };
    let mut new_item_ids = Vec::new();
    let end = loop {
        if let Some(end) = end_before_page(&progress, options.limit, shutdown) {
            break end;
        }
        let now = clock.now();
        let page = Page {
            ctx,
            source,
            channel: &channel,
            limit: options.limit,
            now,
        };
        if let PageStep::End(end) = page.read(&mut progress, &mut new_item_ids).await {
            break end;
        }
        on_page(&progress);
        if !options.page_delay.is_zero()
            && progress.posts < options.limit
            && !shutdown.sleep(options.page_delay).await
        {
            break BackfillEnd::Interrupted;
        }
    };
    Ok(BackfillReport {
        progress,
        end,
        new_item_ids,
    })
}

/// Why the run ends before reading another page, if it does: the limit reached, shutdown
/// asked for, or the cursor at the channel's first post.
fn end_before_page(
    progress: &BackfillProgress,
    limit: usize,
    shutdown: &Shutdown,
) -> Option<BackfillEnd> {
    if progress.posts >= limit {
        return Some(BackfillEnd::Limit);
    }
    if shutdown.is_triggered() {
        return Some(BackfillEnd::Interrupted);
    }
    if progress.cursor.is_some_and(|c| c <= 1) {
        return Some(BackfillEnd::NoOlderPosts);
    }
    None
}

/// What reading one page did.
enum PageStep {
    /// Its posts were stored and the cursor saved.
    Stored,
    /// The run ends here.
    End(BackfillEnd),
}

/// One page to read: the posts older than the cursor, as many as the limit allows.
struct Page<'a> {
    ctx: &'a PollContext,
    source: &'a Source,
    channel: &'a str,
    limit: usize,
    now: DateTime<Utc>,
}

impl Page<'_> {
    /// Fetches the page before `progress.cursor`, stores its posts, saves the new cursor and
    /// counts the page in `progress`; the stored items' ids go to `new_item_ids`.
    async fn read(self, progress: &mut BackfillProgress, new_item_ids: &mut Vec<i64>) -> PageStep {
        let (ctx, source, now) = (self.ctx, self.source, self.now);
        let fetched = fetch_channel_page(
            ctx,
            self.channel,
            progress.cursor,
            &Validators::default(),
            now,
        )
        .await;
        let page = match fetched {
            Ok(Some((page, _, _))) => page,
            Ok(None) => return PageStep::End(BackfillEnd::NoOlderPosts),
            Err(e) => return PageStep::End(BackfillEnd::Failed(e.to_string())),
        };
        let mut older: Vec<_> = page
            .posts
            .iter()
            .filter(|p| progress.cursor.is_none_or(|c| p.number < c))
            .collect();
        if older.is_empty() {
            return PageStep::End(BackfillEnd::NoOlderPosts);
        }
        // Walking back in time: of this page, keep the newest posts the limit allows.
        older.sort_by_key(|p| p.number);
        let room = self.limit - progress.posts;
        let taken = &older[older.len().saturating_sub(room)..];
        let items: Vec<NewItem> = taken
            .iter()
            .map(|p| normalize_post(p, source, now))
            .collect();
        let (ids, _) = match store_items(ctx, &items).await {
            Ok(stored) => stored,
            Err(e) => return PageStep::End(BackfillEnd::Failed(format!("storage: {e}"))),
        };
        let oldest = taken.iter().map(|p| p.number).min();
        if let Some(oldest) = oldest
            && let Err(e) = ctx
                .store
                .set_backfill_cursor(source.id, Some(&oldest.to_string()))
                .await
        {
            return PageStep::End(BackfillEnd::Failed(format!("storage: {e}")));
        }
        progress.posts += taken.len();
        progress.new += ids.len();
        progress.pages += 1;
        progress.cursor = oldest;
        new_item_ids.extend(ids);
        PageStep::Stored
    }
}
