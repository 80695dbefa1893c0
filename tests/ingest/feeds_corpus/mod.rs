//! Every file of `../shared/data/feeds/` through the real ingestion path: served from a
//! loopback HTTP server (with the Content-Type and headers its index names), polled by
//! `poll_source` into a real SQLite store. A source first stores a baseline item, then the
//! corpus file is served in its place:
//! - well-formed files must parse and yield the entries their expectations list (titles and
//!   links, compared after the same normalisation);
//! - a file that fails must leave a recorded error and the baseline item untouched;
//! - nothing may panic.
//!
//! Prints the counts and fails on any panic or mismatch. Skips with a notice when
//! `../shared/data` is absent.

mod expect;

use crate::support::db::TestDb;
use crate::support::feed_server::{FeedServer, Route, context, rss};
use crate::support::t0;
use chrono::{DateTime, Duration, Utc};
use claimwatch::model::{Item, NewSource, Source, SourceKind, SourceOrigin};
use claimwatch::sources::link::canonical_link;
use claimwatch::sources::{PollContext, PollOutcome, PollReport, poll_source};
use claimwatch::text::html::{Links, html_to_text};
use expect::{Case, Entry, Form};
use futures::StreamExt;
use std::sync::Arc;

/// Files whose stored result differs from the expectation written beside them, and why.
/// Only the expectation check is waived: the error must still be recorded and the baseline
/// kept. The test fails when a listed file no longer differs, so the list cannot go stale.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "feedparser_tests/wellformed/atom10/entry_link_no_href_link_priority.xml",
        "the link URL is the element's text, not its href: a feedparser leniency; feed-rs reads href",
    ),
    (
        "feedparser_tests/wellformed/rss/item_dc_title.xml",
        "feed-rs does not read dc:title as an item title (the item has nothing else to store)",
    ),
    (
        "feedparser_tests/wellformed/rss/item_guid_map_link.xml",
        "feed-rs does not expose isPermaLink: a guid stays the id and is not used as the link",
    ),
    (
        "feedparser_tests/wellformed/rss/item_guid_isPermaLink_map_link.xml",
        "feed-rs does not expose isPermaLink: a guid stays the id and is not used as the link",
    ),
    (
        "feedparser_tests/wellformed/atom10/entry_title_base64.xml",
        "base64 Atom text (type=application/octet-stream) is kept as plain text, not decoded",
    ),
    (
        "feedparser_tests/wellformed/atom10/entry_title_base64_2.xml",
        "base64 Atom text (type=application/octet-stream) is kept as plain text, not decoded",
    ),
];

/// Loose text comparison: markup removed, whitespace folded.
fn loose(s: &str) -> String {
    html_to_text(s, Links::Drop)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Default)]
struct Tally {
    files: usize,
    parsed: usize,
    items: usize,
    errors: usize,
    illformed_parsed: usize,
    checked_entries: usize,
    folded_duplicates: usize,
    known_differences: usize,
    mismatches: Vec<String>,
}

/// What one file did. `integrity` problems (a lost baseline, an unrecorded result) always
/// fail; `differences` from the file's expectation fail unless listed as known.
#[derive(Debug, Default)]
struct Verdict {
    parsed: bool,
    error: Option<String>,
    items: usize,
    checked: usize,
    folded: usize,
    integrity: Vec<String>,
    differences: Vec<String>,
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
    let source = db
        .store
        .upsert_source(
            &NewSource {
                url: url.clone(),
                kind: SourceKind::Feed,
                title: None,
                lang: None,
                interval_secs: None,
                origin: SourceOrigin::Runtime,
            },
            t0(),
        )
        .await
        .unwrap();
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

async fn run_case(server: Arc<FeedServer>, index: usize, case: Case) -> Verdict {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shared_feed_goes_through_the_ingest_path() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let cases = expect::cases(&data.join("feeds"));
    assert!(
        cases.len() > 480,
        "corpus incomplete: {} files",
        cases.len()
    );
    let server = Arc::new(FeedServer::start().await);
    let mut tally = Tally::default();
    let mut results = futures::stream::iter(cases.into_iter().enumerate().map(|(i, case)| {
        let server = server.clone();
        let meta = (case.rel.clone(), case.form);
        async move {
            let outcome = tokio::spawn(run_case(server, i, case)).await;
            (meta, outcome)
        }
    }))
    .buffer_unordered(4);
    while let Some(((rel, form), outcome)) = results.next().await {
        tally.files += 1;
        let v = match outcome {
            Ok(v) => v,
            Err(e) => {
                tally.mismatches.push(format!("{rel}: PANIC {e}"));
                continue;
            }
        };
        if v.parsed {
            tally.parsed += 1;
            tally.illformed_parsed += usize::from(form == Form::Illformed);
        }
        if let Some(e) = &v.error {
            tally.errors += 1;
            println!("recorded error (expected, ill-formed): {rel}: {e}");
        }
        tally.items += v.items;
        tally.checked_entries += v.checked;
        tally.folded_duplicates += v.folded;
        tally
            .mismatches
            .extend(v.integrity.iter().map(|m| format!("{rel}: {m}")));
        let known = KNOWN_DIFFERENCES.iter().find(|(f, _)| *f == rel);
        match (known, v.differences.is_empty()) {
            (Some(_), false) => tally.known_differences += 1,
            (Some((_, why)), true) => tally.mismatches.push(format!(
                "{rel}: listed as a known difference ({why}) but it now matches"
            )),
            (None, _) => tally
                .mismatches
                .extend(v.differences.iter().map(|m| format!("{rel}: {m}"))),
        }
    }
    println!(
        "feeds corpus: {} files; {} parsed ({} of them ill-formed by their authors' account); \
         {} items stored; {} recorded errors; {} expected entries checked ({} folded as \
         duplicates); {} known differences; {} mismatches",
        tally.files,
        tally.parsed,
        tally.illformed_parsed,
        tally.items,
        tally.errors,
        tally.checked_entries,
        tally.folded_duplicates,
        tally.known_differences,
        tally.mismatches.len()
    );
    for m in &tally.mismatches {
        println!("MISMATCH {m}");
    }
    assert!(
        tally.mismatches.is_empty(),
        "{} mismatches",
        tally.mismatches.len()
    );
    assert!(tally.parsed > 400 && tally.items > 300, "{tally:?}");
}

/// The Ukrainian news snapshots (one of them windows-1251) decode cleanly: every item stored,
/// titles in Cyrillic without replacement characters or mojibake, language uk or ru.
#[tokio::test]
async fn ukrainian_news_feeds_decode_cleanly() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let dir = data.join("feeds/tehtehteh_data-import_ua_news_rss");
    let server = FeedServer::start().await;
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        // Counted on the raw bytes, independently of the parser.
        let raw_items = bytes.windows(6).filter(|w| w == b"<item>").count();
        server.set(&name, Route::ok("text/xml", bytes));
        let db = TestDb::new().await;
        let ctx = context(db.store.clone());
        let source = db
            .store
            .upsert_source(
                &NewSource {
                    url: server.url(&name),
                    kind: SourceKind::Feed,
                    title: None,
                    lang: None,
                    interval_secs: None,
                    origin: SourceOrigin::Runtime,
                },
                t0(),
            )
            .await
            .unwrap();
        let report = poll_source(&ctx, &source, t0()).await;
        assert_eq!(report.outcome, PollOutcome::Ok, "{name}: {report}");
        let items = db.store.items_of_source(source.id, 10_000).await.unwrap();
        assert!(
            raw_items > 0 && items.len() == raw_items,
            "{name}: {} of {raw_items}",
            items.len()
        );
        for i in &items {
            let t = &i.item.title;
            assert!(
                t.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
                "{name}: {t:?}"
            );
            for bad in ['\u{FFFD}', 'Ð', 'Ñ', 'Ã'] {
                assert!(
                    !t.contains(bad) && !i.item.text.contains(bad),
                    "{name}: {t:?}"
                );
            }
            assert!(
                !t.contains("Р°") && !t.contains("Ð°"),
                "mojibake in {name}: {t:?}"
            );
            assert!(
                matches!(
                    i.item.lang,
                    claimwatch::model::Lang::Uk | claimwatch::model::Lang::Ru
                ),
                "{name}: {:?} for {t:?}",
                i.item.lang
            );
        }
        let stored = db.store.source(source.id).await.unwrap().unwrap();
        println!(
            "{name}: {} items, feed title {:?}, first {:?}",
            items.len(),
            stored.title,
            items.last().map(|i| &i.item.title)
        );
        files += 1;
    }
    assert_eq!(files, 4);
}
