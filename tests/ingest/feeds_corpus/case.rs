//! One corpus file through the ingest path: a baseline item stored, the file served in its
//! place and polled, and the [`Verdict`] on what was stored or recorded.

use super::expect::{Case, Entry, Form};
use crate::support::db::TestDb;
use crate::support::feed_server::{FeedServer, Route, context, rss};
use crate::support::t0;
use chrono::{DateTime, Duration, Utc};
use claimwatch::model::{Item, Source};
use claimwatch::sources::link::canonical_link;
use claimwatch::sources::{PollContext, PollOutcome, PollReport, poll_source};
use claimwatch::text::html::{Links, html_to_text};
use std::sync::Arc;

/// Loose text comparison: markup removed, whitespace folded.
fn loose(s: &str) -> String {
    html_to_text(s, Links::Drop)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What one file did. `integrity` problems (a lost baseline, an unrecorded result) always
/// fail; `differences` from the file's expectation fail unless listed as known.
#[derive(Debug, Default)]
pub(super) struct Verdict {
    pub(super) parsed: bool,
    pub(super) error: Option<String>,
    pub(super) items: usize,
    pub(super) checked: usize,
    pub(super) folded: usize,
    pub(super) integrity: Vec<String>,
    pub(super) differences: Vec<String>,
}

/// What an expected entry looks like once stored: the expectation's title normalised the way
/// the ingest path normalises titles, its link resolved against the served URL and made
/// canonical.
fn stored_form(e: &Entry, served: &str) -> (Option<String>, Option<String>) {
    let title = e.title.as_ref().map(|t| {
        let markup = claimwatch::sources::feed::Markup {
            text: t.clone(),
            is_html: e.title_is_html,
        };
        loose(&claimwatch::sources::normalize::clean_text(&markup, 300))
    });
    let link = e.link.as_ref().and_then(|l| {
        let base = url::Url::parse(served).ok()?;
        canonical_link(base.join(l.trim()).ok()?.as_str())
    });
    (title.filter(|t| !t.is_empty()), link)
}

/// Serves a one-item feed at `path`, polls it once and checks the baseline item was stored.
async fn store_baseline(
    server: &FeedServer,
    db: &TestDb,
    ctx: &PollContext,
    path: &str,
    baseline_guid: &str,
    rel: &str,
) -> Source {
    let url = server.url(path);
    server.set(
        path,
        Route::rss(rss(
            "Baseline",
            "https://baseline.example",
            &[(
                baseline_guid,
                "Baseline item",
                "Stored before the corpus file",
            )],
        )),
    );
    let source = crate::support::seed::untitled_feed(db.store.as_ref(), &url, t0()).await;
    let first = poll_source(ctx, &source, t0()).await;
    assert_eq!(first.new_item_ids.len(), 1, "baseline of {rel}: {first}");
    source
}

/// The corpus file in the baseline's place, with its Content-Type and headers.
fn serve_case_file(server: &FeedServer, path: &str, case: &Case) {
    let body = std::fs::read(&case.path).unwrap();
    let mut route = Route::ok(&case.content_type, body);
    for (k, v) in &case.headers {
        route = route.header(k, v);
    }
    server.set(path, route);
}

pub(super) async fn run_case(server: Arc<FeedServer>, index: usize, case: Case) -> Verdict {
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let path = format!("c{index}/{}", case.rel);
    let url = server.url(&path);
    let baseline_guid = format!("baseline-{index}");
    let source = store_baseline(&server, &db, &ctx, &path, &baseline_guid, &case.rel).await;

    serve_case_file(&server, &path, &case);
    let source = db.store.source(source.id).await.unwrap().unwrap();
    let later = t0() + Duration::hours(1);
    let report = poll_source(&ctx, &source, later).await;
    let stored = db.store.items_of_source(source.id, 100_000).await.unwrap();
    let after = db.store.source(source.id).await.unwrap().unwrap();
    let baseline_kept = stored.iter().any(|i| i.item.external_id == baseline_guid);
    let mut v = Verdict::default();
    if !baseline_kept {
        v.integrity.push("the baseline item was lost".into());
    }
    match &report.outcome {
        PollOutcome::Ok => {
            let polled = Polled {
                report: &report,
                after: &after,
                at: later,
            };
            judge_parsed(&mut v, &polled, &stored, &baseline_guid, &case, &url)
        }
        PollOutcome::Error(e) | PollOutcome::Paused(e) => {
            judge_failed(&mut v, e, &after, &stored, &case)
        }
        PollOutcome::NotModified => v.integrity.push("unexpected not-modified".into()),
        PollOutcome::NotStored(e) => v.integrity.push(format!("storage unavailable: {e}")),
    }
    v
}

/// The corpus file's poll: its report, the source after it, and when it ran.
struct Polled<'a> {
    report: &'a PollReport,
    after: &'a Source,
    at: DateTime<Utc>,
}

/// A parsed file: success recorded, the report's count true, the expected entries stored.
fn judge_parsed(
    v: &mut Verdict,
    polled: &Polled<'_>,
    stored: &[Item],
    baseline_guid: &str,
    case: &Case,
    url: &str,
) {
    v.parsed = true;
    if polled.after.error_count != 0 || polled.after.last_success_at != Some(polled.at) {
        v.integrity.push("success not recorded".into());
    }
    let items: Vec<_> = stored
        .iter()
        .filter(|i| i.item.external_id != baseline_guid)
        .collect();
    if items.len() != polled.report.new_item_ids.len() {
        v.integrity.push(format!(
            "report says {} new, store has {}",
            polled.report.new_item_ids.len(),
            items.len()
        ));
    }
    v.items = items.len();
    for e in &case.entries {
        expected_entry_stored(v, e, &items, case, url);
    }
}

/// One expected entry among the stored items, by title and link (or folded with another
/// entry of the same link).
fn expected_entry_stored(v: &mut Verdict, e: &Entry, items: &[&Item], case: &Case, url: &str) {
    let (title, link) = stored_form(e, url);
    if title.is_none() && link.is_none() {
        return;
    }
    v.checked += 1;
    let hit = items.iter().any(|i| {
        title.as_ref().is_none_or(|t| loose(&i.item.title) == *t)
            && link.as_ref().is_none_or(|l| i.item.url.as_ref() == Some(l))
    });
    let same_link = link
        .as_ref()
        .is_some_and(|l| items.iter().any(|i| i.item.url.as_ref() == Some(l)));
    if hit {
        return;
    }
    if same_link {
        // Two entries of the file share a link: stored once, by design.
        v.folded += 1;
        return;
    }
    let have: Vec<_> = items
        .iter()
        .map(|i| (i.item.title.clone(), i.item.url.clone()))
        .take(5)
        .collect();
    v.differences.push(format!(
        "({}) expected title {title:?} link {link:?}; stored {have:?}",
        case.origin
    ));
}

/// A failed file: the error recorded, the stored items unchanged; a difference when the
/// file is well-formed.
fn judge_failed(v: &mut Verdict, e: &str, after: &Source, stored: &[Item], case: &Case) {
    if after.last_error.as_deref() != Some(e) || after.error_count != 1 {
        v.integrity.push(format!("error not recorded: {after:?}"));
    }
    if stored.len() != 1 {
        v.integrity.push(format!(
            "a failed poll changed the stored items ({} now)",
            stored.len()
        ));
    }
    if case.form == Form::Wellformed {
        v.differences.push(format!("well-formed but failed: {e}"));
    }
    v.error = Some(e.to_owned());
}
