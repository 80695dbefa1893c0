//! Telegram backfill against a synthetic channel of posts 5…100 served on loopback as
//! `t.me/s/<name>?before=<id>` pages of 20: the walk back stores every post once, stops at the
//! limit or the first post, saves its cursor after each page, and resumes after a limit, an
//! interruption or a failed page.

use crate::support::db::TestDb;
use crate::support::feed_server::context;
use crate::support::http::{Response, Server, handler, serve};
use crate::support::t0;
use claimwatch::clock::ManualClock;
use claimwatch::model::{NewSource, Source, SourceKind, SourceOrigin};
use claimwatch::shutdown::Shutdown;
use claimwatch::sources::PollContext;
use claimwatch::sources::backfill::{
    BackfillEnd, BackfillError, BackfillOptions, BackfillProgress, BackfillReport, backfill,
};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

const FIRST: u64 = 5;
const LAST: u64 = 100;
const PAGE: u64 = 20;

/// A preview page of `demo_chan` with the posts older than `before` (the newest without it).
fn page(before: Option<u64>) -> String {
    let end = before.unwrap_or(LAST + 1).min(LAST + 1);
    let start = end.saturating_sub(PAGE).max(FIRST);
    let mut html = String::from(
        "<html><head><meta property=\"og:title\" content=\"Demo channel\"></head><body>\
         <div class=\"tgme_channel_info\"></div>",
    );
    for id in start..end {
        html.push_str(&format!(
            "<div class=\"tgme_widget_message_wrap\"><div class=\"tgme_widget_message\" data-post=\"demo_chan/{id}\">\
             <div class=\"tgme_widget_message_text\">Post number {id}<br/>about losses</div>\
             <div class=\"tgme_widget_message_footer\"><span class=\"tgme_widget_message_views\">{id}</span>\
             <span class=\"tgme_widget_message_meta\"><a class=\"tgme_widget_message_date\" href=\"https://t.me/demo_chan/{id}\">\
             <time datetime=\"2026-11-{:02}T10:00:00+00:00\">10:00</time></a></span></div></div></div>",
            1 + id / 10
        ));
    }
    html.push_str("</body></html>");
    html
}

struct Channel {
    server: Server,
    requests: Arc<Mutex<Vec<String>>>,
    fail_before: Arc<Mutex<Option<u64>>>,
}

async fn channel() -> Channel {
    let requests = Arc::new(Mutex::new(Vec::new()));
    let fail_before = Arc::new(Mutex::new(None));
    let (log, fail) = (requests.clone(), fail_before.clone());
    let server = serve(handler(move |req| {
        let (log, fail) = (log.clone(), fail.clone());
        async move {
            log.lock().unwrap().push(req.target.clone());
            if req.path() != "/s/demo_chan" {
                return Response::new(404, "text/plain", "no");
            }
            let before = req
                .target
                .split_once("?before=")
                .and_then(|(_, b)| b.parse().ok());
            if before.is_some() && before == *fail.lock().unwrap() {
                return Response::new(502, "text/plain", "bad gateway");
            }
            Response::new(200, "text/html; charset=utf-8", page(before))
        }
    }))
    .await;
    Channel {
        server,
        requests,
        fail_before,
    }
}

async fn setup() -> (Channel, TestDb, PollContext, Source) {
    let ch = channel().await;
    let db = TestDb::new().await;
    let ctx = context(db.store.clone()).with_telegram_base(ch.server.base_url());
    let source = db
        .store
        .upsert_source(
            &NewSource {
                url: "https://t.me/s/demo_chan".into(),
                kind: SourceKind::Telegram,
                title: None,
                lang: None,
                interval_secs: None,
                origin: SourceOrigin::Runtime,
            },
            t0(),
        )
        .await
        .unwrap();
    (ch, db, ctx, source)
}

async fn run(
    ctx: &PollContext,
    db: &TestDb,
    source: &Source,
    limit: usize,
    shutdown: &Shutdown,
    on_page: &mut (dyn FnMut(&BackfillProgress) + Send),
) -> BackfillReport {
    let fresh = db.store.source(source.id).await.unwrap().unwrap();
    let options = BackfillOptions {
        limit,
        page_delay: std::time::Duration::ZERO,
    };
    backfill(
        ctx,
        &fresh,
        options,
        &ManualClock::new(t0()),
        shutdown,
        on_page,
    )
    .await
    .unwrap()
}

async fn stored_numbers(db: &TestDb, source: &Source) -> Vec<u64> {
    let mut n: Vec<u64> = db
        .store
        .items_of_source(source.id, 1000)
        .await
        .unwrap()
        .iter()
        .map(|i| {
            i.item
                .external_id
                .rsplit('/')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    n.sort();
    n
}

#[tokio::test]
async fn a_whole_channel_is_walked_back_to_its_first_post() {
    let (ch, db, ctx, source) = setup().await;
    let mut seen = Vec::new();
    let report = run(&ctx, &db, &source, 1000, &Shutdown::new(), &mut |p| {
        seen.push(p.posts)
    })
    .await;
    assert_eq!(report.end, BackfillEnd::NoOlderPosts);
    assert_eq!(report.progress.posts as u64, LAST - FIRST + 1);
    assert_eq!(report.new_item_ids.len() as u64, LAST - FIRST + 1);
    assert_eq!(seen, vec![20, 40, 60, 80, 96], "progress after each page");
    assert_eq!(
        stored_numbers(&db, &source).await,
        (FIRST..=LAST).collect::<Vec<_>>()
    );
    let requests = ch.requests.lock().unwrap().clone();
    assert_eq!(
        requests,
        vec![
            "/s/demo_chan",
            "/s/demo_chan?before=81",
            "/s/demo_chan?before=61",
            "/s/demo_chan?before=41",
            "/s/demo_chan?before=21",
            "/s/demo_chan?before=5",
        ]
    );
    let stored = db.store.source(source.id).await.unwrap().unwrap();
    assert_eq!(stored.backfill_cursor.as_deref(), Some("5"));
    let item = db
        .store
        .item(report.new_item_ids[0])
        .await
        .unwrap()
        .unwrap();
    assert!(item.item.text.contains('\n') && item.item.views.is_some());

    // Nothing older: a second run asks once and stops.
    let again = run(&ctx, &db, &source, 1000, &Shutdown::new(), &mut |_| {}).await;
    assert_eq!(
        (again.end, again.progress.posts),
        (BackfillEnd::NoOlderPosts, 0)
    );
}

#[tokio::test]
async fn a_limited_run_resumes_where_it_stopped() {
    let (_ch, db, ctx, source) = setup().await;
    let first = run(&ctx, &db, &source, 30, &Shutdown::new(), &mut |_| {}).await;
    assert_eq!((first.end, first.progress.posts), (BackfillEnd::Limit, 30));
    assert_eq!(
        stored_numbers(&db, &source).await,
        (71..=100).collect::<Vec<_>>()
    );
    let cursor = db
        .store
        .source(source.id)
        .await
        .unwrap()
        .unwrap()
        .backfill_cursor;
    assert_eq!(cursor.as_deref(), Some("71"));

    let second = run(&ctx, &db, &source, 30, &Shutdown::new(), &mut |_| {}).await;
    assert_eq!((second.end, second.progress.new), (BackfillEnd::Limit, 30));
    assert_eq!(
        stored_numbers(&db, &source).await,
        (41..=100).collect::<Vec<_>>()
    );

    let third = run(&ctx, &db, &source, 1000, &Shutdown::new(), &mut |_| {}).await;
    assert_eq!(third.end, BackfillEnd::NoOlderPosts);
    let all = stored_numbers(&db, &source).await;
    assert_eq!(all, (FIRST..=LAST).collect::<Vec<_>>());
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(unique.len(), all.len());
}

#[tokio::test]
async fn an_interrupted_run_resumes_from_its_saved_cursor() {
    let (_ch, db, ctx, source) = setup().await;
    let shutdown = Shutdown::new();
    let stop = shutdown.clone();
    let first = run(&ctx, &db, &source, 1000, &shutdown, &mut |_| stop.trigger()).await;
    assert_eq!(
        (first.end, first.progress.pages),
        (BackfillEnd::Interrupted, 1)
    );
    let cursor = db
        .store
        .source(source.id)
        .await
        .unwrap()
        .unwrap()
        .backfill_cursor;
    assert_eq!(cursor.as_deref(), Some("81"));

    let rest = run(&ctx, &db, &source, 1000, &Shutdown::new(), &mut |_| {}).await;
    assert_eq!(rest.end, BackfillEnd::NoOlderPosts);
    assert_eq!(rest.progress.new as u64, LAST - FIRST + 1 - 20);
    assert_eq!(
        stored_numbers(&db, &source).await.len() as u64,
        LAST - FIRST + 1
    );
}

#[tokio::test]
async fn a_failed_page_keeps_the_cursor_for_the_next_run() {
    let (ch, db, ctx, source) = setup().await;
    *ch.fail_before.lock().unwrap() = Some(41);
    let first = run(&ctx, &db, &source, 1000, &Shutdown::new(), &mut |_| {}).await;
    assert_eq!(first.end, BackfillEnd::Failed("HTTP 502".into()));
    assert_eq!(first.progress.posts, 60);
    let cursor = db
        .store
        .source(source.id)
        .await
        .unwrap()
        .unwrap()
        .backfill_cursor;
    assert_eq!(cursor.as_deref(), Some("41"));

    *ch.fail_before.lock().unwrap() = None;
    let rest = run(&ctx, &db, &source, 1000, &Shutdown::new(), &mut |_| {}).await;
    assert_eq!(
        (rest.end, rest.progress.posts),
        (BackfillEnd::NoOlderPosts, 36)
    );
}

#[tokio::test]
async fn only_telegram_channels_are_backfilled() {
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let feed =
        crate::support::seed::untitled_feed(db.store.as_ref(), "https://news.example/rss", t0())
            .await;
    let options = BackfillOptions {
        limit: 10,
        page_delay: std::time::Duration::ZERO,
    };
    let err = backfill(
        &ctx,
        &feed,
        options,
        &ManualClock::new(t0()),
        &Shutdown::new(),
        &mut |_| {},
    )
    .await
    .unwrap_err();
    assert!(matches!(err, BackfillError::NotTelegram(_)), "{err}");
    assert!(err.to_string().contains("Telegram channels only"));
}
