//! `claimwatch run` as deployed: the real binary against a loopback feed server, the fake Bot
//! API and a real database (the backend `CLAIMWATCH_TEST_BACKEND` chooses). One instance reads
//! feeds, files claims, answers commands, sends scheduled digests and stops cleanly on SIGTERM;
//! two instances share one database, and when the one sending is killed mid fan-out (three
//! times) another finishes it: every subscriber gets its digest, a repeat only marked and at
//! most one per kill, and every source keeps being polled.
//! The HTTP endpoints: `/metrics` scraped by a real Prometheus, `/readyz` following the
//! database.

#[path = "../support/mod.rs"]
mod support;

mod endpoints;
mod idle;
mod instance;
mod pg_outage;
mod process;
mod prometheus;
mod read_only;
mod readiness;
mod roles;
mod two_instances;
mod webhook;

use support::feed_server::{FeedServer, Route};

/// A feed with a refusal report and the General Staff's totals, published an hour ago.
pub fn war_feed(server: &FeedServer, path: &str, outlet: &str) {
    let date = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc2822();
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{outlet}</title><link>https://{outlet}.example/</link>
<item><guid>{outlet}-1</guid><link>https://{outlet}.example/1</link><pubDate>{date}</pubDate>
<title>Intelligence: Russian assault company refused to advance near Robotyne</title>
<description>Ukraine's Defence Intelligence said on Thursday that soldiers of a company of the 71st Guards Motorized Rifle Regiment refused to take part in an assault near Robotyne and demanded to be rotated to the rear. About 40 servicemen were detained after the refusal.</description></item>
<item><guid>{outlet}-2</guid><link>https://{outlet}.example/2</link><pubDate>{date}</pubDate>
<title>General Staff: Russia has lost 1,152,340 troops</title>
<description>The General Staff of the Armed Forces of Ukraine said Russia has lost about 1,152,340 troops since 24 February 2022 (+1,230 over the past day).</description></item>
</channel></rss>"#
    );
    server.set(path, Route::rss(body));
}
