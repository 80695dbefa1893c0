//! No secret leaves through the chat: a feed with basic-auth credentials in its address is
//! listed by `/sources` without them (and linked without them); the error reply of a search or
//! a digest never carries them either, because source names are shown without userinfo.

use crate::support::bot_harness::{ADMIN, BotHarness};
use claimwatch::model::{NewSource, SourceKind, SourceOrigin};

#[tokio::test]
async fn sources_never_show_a_feeds_password() {
    let h = BotHarness::start().await;
    let feed = NewSource {
        url: "http://reader:S3cretPassw0rd@feeds.example/rss".into(),
        kind: SourceKind::Feed,
        title: None,
        lang: None,
        interval_secs: None,
        origin: SourceOrigin::Config,
    };
    h.db.store
        .upsert_source(&feed, crate::support::t0())
        .await
        .unwrap();
    for (chat, command) in [(ADMIN, "/sources"), (4_501, "/sources")] {
        let reply = h.ask(chat, "en", command).await;
        assert!(reply.contains("feeds.example/rss"), "{reply}");
        assert!(
            !reply.contains("S3cretPassw0rd") && !reply.contains("reader:"),
            "{command} from {chat}: {reply}"
        );
    }
    h.stop().await;
}
