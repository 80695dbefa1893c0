//! Oversized answers: an endless body, a declared length over the cap, a gzip bomb and a
//! feed of 10,000 items each stop at a cap, with memory bounded and the other sources polled.

use super::raw::{Conn, serve};
use super::{CAP, add_feed, error_of, good_feed, peak_rss_kib, setup};
use crate::support::db::TestDb;
use crate::support::feed_server::{FeedServer, Route, context_with, test_config};
use crate::support::t0;
use claimwatch::sources::{PollOutcome, poll_due, poll_source};
use std::io::Write;
use std::time::Instant;

#[tokio::test]
async fn an_endless_body_stops_at_the_cap() {
    let server = serve(|mut c: Conn| async move {
        let head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n<rss version=\"2.0\"><channel><title>";
        if !c.send(head).await {
            return;
        }
        let filler = vec![b'x'; 64 * 1024];
        while c.send(&filler).await {}
    })
    .await;
    let (db, ctx) = setup().await;
    let s = add_feed(&db, &server.url("endless")).await;
    let report = poll_source(&ctx, &s, t0()).await;
    assert_eq!(error_of(&report), format!("body larger than {CAP} bytes"));
    // The server could write what the socket buffers hold beyond the cap, not much more.
    assert!(
        server.bytes_written() < 16 * CAP,
        "{}",
        server.bytes_written()
    );

    // A declared length over the cap is refused before reading the body.
    let liar = serve(|mut c: Conn| async move {
        c.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 10000000000\r\n\r\n<rss>").await;
        tokio::time::sleep(std::time::Duration::from_secs(10)).await;
    })
    .await;
    let s = add_feed(&db, &liar.url("liar")).await;
    let started = Instant::now();
    let report = poll_source(&ctx, &s, t0()).await;
    assert_eq!(error_of(&report), format!("body larger than {CAP} bytes"));
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

/// A gzip stream of zeros: a header and first pieces, then one compressed piece of 1 MiB of
/// zeros to repeat (once the window is all zeros, every sync-flushed piece compresses to the
/// same bytes), so a few kilobytes on the wire expand to a megabyte each.
fn gzip_bomb_pieces() -> (Vec<u8>, Vec<u8>) {
    use flate2::{Compression, write::GzEncoder};
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    let zeros = vec![0u8; 1024 * 1024];
    let mut piece = || {
        gz.write_all(&zeros).unwrap();
        gz.flush().unwrap();
        std::mem::take(gz.get_mut())
    };
    let (first, second) = ([piece(), piece()].concat(), piece());
    let third = piece();
    assert_eq!(second, third, "pieces repeat");
    (first, second)
}

#[tokio::test]
async fn a_gzip_bomb_stops_at_the_cap_after_decompression() {
    let (first, repeated) = gzip_bomb_pieces();
    // 42 MiB of zeros in well under the cap of compressed bytes: a cap counted before
    // decompression would let it through.
    let pieces = 40;
    let compressed = first.len() + pieces * repeated.len();
    assert!((compressed as u64) < CAP / 4, "{compressed}");
    let server = serve(move |mut c: Conn| {
        let (first, repeated) = (first.clone(), repeated.clone());
        async move {
            let head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n";
            if !c.send(head).await || !c.send(&first).await {
                return;
            }
            for _ in 0..pieces {
                if !c.send(&repeated).await {
                    return;
                }
            }
        }
    })
    .await;
    let (db, ctx) = setup().await;
    let s = add_feed(&db, &server.url("bomb")).await;
    let before = peak_rss_kib();
    let report = poll_source(&ctx, &s, t0()).await;
    assert_eq!(
        error_of(&report),
        format!("body larger than {CAP} bytes"),
        "{report}"
    );
    if let (Some(a), Some(b)) = (before, peak_rss_kib()) {
        assert!(
            b.saturating_sub(a) < 32 * 1024,
            "peak memory grew by {} KiB",
            b - a
        );
    }
}

fn huge_feed(n: usize) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>");
    for i in 0..n {
        out.push_str(&format!(
            "<item><guid>h{i}</guid><title>Item {i}</title><link>https://huge.example/{i}</link><description>Report number {i} of many.</description></item>"
        ));
    }
    out.push_str("</channel></rss>");
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_items_are_bounded_and_others_still_polled() {
    let server = FeedServer::start().await;
    server.set("huge", Route::rss(huge_feed(10_000)));
    server.set("healthy", Route::rss(good_feed("k")));
    // The default 5 MiB cap: the feed is about 1.4 MB.
    let db = TestDb::new().await;
    let ctx = context_with(db.store.clone(), &test_config());
    let huge = add_feed(&db, &server.url("huge")).await;
    let healthy = add_feed(&db, &server.url("healthy")).await;
    let started = Instant::now();
    let reports = poll_due(&ctx, t0()).await;
    assert_eq!(reports.len(), 2);
    let of = |id| reports.iter().find(|r| r.source_id == id).unwrap();
    let r = of(huge.id);
    assert_eq!(r.outcome, PollOutcome::Ok, "{r}");
    assert_eq!(
        (r.entries_seen, r.new_item_ids.len(), r.skipped),
        (10_000, 1_000, 9_000)
    );
    let kept = db.store.items_of_source(huge.id, 5).await.unwrap();
    assert_eq!(
        kept[0].item.external_id, "h0",
        "the first entries of the feed are kept"
    );
    assert_eq!(of(healthy.id).new_item_ids.len(), 2);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    if let Some(peak) = peak_rss_kib() {
        assert!(peak < 512 * 1024, "peak memory {peak} KiB");
    }
}
