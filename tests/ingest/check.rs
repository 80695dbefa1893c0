//! Checking a new source before it is added (`/addsource`): a feed or channel is fetched
//! and parsed once and described; `file://` and internal addresses are refused unless allowed,
//! by name and by address, and a fetcher that may not reach internal networks refuses them
//! at connect time too.

use crate::support::db::TestDb;
use crate::support::feed_server::{FeedServer, Route, context, context_with, rss, test_config};
use crate::support::t0;
use claimwatch::model::{NewSource, SourceKind, SourceOrigin};
use claimwatch::sources::{CheckError, PollOutcome, check_new_source, poll_source};

fn demo_feed() -> String {
    rss(
        "Mediazona test feed",
        "https://zona.example",
        &[
            (
                "m1",
                "Soldiers refused",
                "Soldiers of a unit refused to go back",
            ),
            ("m2", "Losses", "Claims of 20 destroyed vehicles"),
        ],
    )
}

#[tokio::test]
async fn a_feed_is_checked_and_described() {
    let server = FeedServer::start().await;
    server.set("rss", Route::rss(demo_feed()));
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let check = check_new_source(&ctx, &format!(" {} ", server.url("rss")), true)
        .await
        .unwrap();
    assert_eq!(check.items, 2);
    assert_eq!(
        check.source,
        NewSource {
            url: server.url("rss"),
            kind: SourceKind::Feed,
            title: Some("Mediazona test feed".into()),
            lang: None,
            interval_secs: None,
            origin: SourceOrigin::Runtime,
        }
    );
    assert!(
        db.store.list_sources().await.unwrap().is_empty(),
        "checking stores nothing"
    );
}

#[tokio::test]
async fn internal_addresses_and_files_are_refused_unless_allowed() {
    let server = FeedServer::start().await;
    server.set("rss", Route::rss(demo_feed()));
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let port = server.addr_port();
    for address in [
        format!("http://127.0.0.1:{port}/rss"),
        format!("http://localhost:{port}/rss"),
        format!("http://[::1]:{port}/rss"),
        "http://10.1.2.3/feed".to_owned(),
        "http://169.254.169.254/latest/meta-data".to_owned(),
        "http://0.0.0.0/".to_owned(),
    ] {
        let err = check_new_source(&ctx, &address, false).await.unwrap_err();
        assert!(matches!(err, CheckError::Internal(_)), "{address}: {err:?}");
        assert!(err.to_string().starts_with("refused: "), "{err}");
    }
    assert_eq!(server.hits("rss"), 0, "refused before any request");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.xml");
    std::fs::write(&path, demo_feed()).unwrap();
    let file_url = url::Url::from_file_path(&path).unwrap().to_string();
    let err = check_new_source(&ctx, &file_url, false).await.unwrap_err();
    assert!(matches!(err, CheckError::FileNotAllowed), "{err:?}");
    let allowed = check_new_source(&ctx, &file_url, true).await.unwrap();
    assert_eq!(allowed.items, 2);
}

#[tokio::test]
async fn a_public_only_fetcher_refuses_internal_names_at_connect_time() {
    let server = FeedServer::start().await;
    server.set("rss", Route::rss(demo_feed()));
    let db = TestDb::new().await;
    let mut config = test_config();
    config.http.allow_private_addresses = false;
    let ctx = context_with(db.store.clone(), &config);
    for host in ["localhost", "127.0.0.1"] {
        let url = format!("http://{host}:{}/rss", server.addr_port());
        let source = db
            .store
            .upsert_source(
                &NewSource {
                    url,
                    kind: SourceKind::Feed,
                    title: None,
                    lang: None,
                    interval_secs: None,
                    origin: SourceOrigin::Config,
                },
                t0(),
            )
            .await
            .unwrap();
        let report = poll_source(&ctx, &source, t0()).await;
        match &report.outcome {
            PollOutcome::Error(e) => assert!(e.starts_with("refused: "), "{host}: {e}"),
            other => panic!("{host}: {other:?}"),
        }
    }
    assert_eq!(server.hits("rss"), 0);
}

#[tokio::test]
async fn a_channel_is_checked_through_its_preview() {
    let server = FeedServer::start().await;
    server.set(
        "s/demo_chan",
        Route::ok(
            "text/html",
            "<html><head><meta property=\"og:title\" content=\"Demo channel\"></head><body>\
             <div class=\"tgme_widget_message\" data-post=\"demo_chan/7\"><div class=\"tgme_widget_message_text\">hi</div></div>\
             </body></html>",
        ),
    );
    server.set(
        "s/nobody_here",
        Route::ok("text/html", "<html><body>Telegram</body></html>"),
    );
    let db = TestDb::new().await;
    let ctx = context(db.store.clone()).with_telegram_base(server.base_url());
    let check = check_new_source(&ctx, "https://t.me/demo_chan", false)
        .await
        .unwrap();
    assert_eq!(check.source.url, "https://t.me/s/demo_chan");
    assert_eq!(check.source.kind, SourceKind::Telegram);
    assert_eq!(check.source.title.as_deref(), Some("Demo channel"));
    assert_eq!(check.items, 1);

    let err = check_new_source(&ctx, "@nobody_here", false)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no public posts"), "{err}");
}

#[tokio::test]
async fn what_is_not_a_source_gets_a_clear_answer() {
    let server = FeedServer::start().await;
    server.set(
        "page",
        Route::ok("text/html", "<html><body>A web page</body></html>"),
    );
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let err = check_new_source(&ctx, &server.url("page"), true)
        .await
        .unwrap_err();
    assert!(matches!(err, CheckError::NotAFeed(_)), "{err:?}");
    assert!(err.to_string().starts_with("it is not a feed: "), "{err}");
    let err = check_new_source(&ctx, &server.url("missing"), true)
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "cannot fetch it: HTTP 404");
    let err = check_new_source(&ctx, "ftp://x/y", true).await.unwrap_err();
    assert!(matches!(err, CheckError::Address(_)), "{err:?}");
}
