//! Test helpers shared by the integration suites: a fresh store per test on the backend chosen
//! by `CLAIMWATCH_TEST_BACKEND` (`sqlite`, the default, or `postgres` with
//! `CLAIMWATCH_TEST_POSTGRES_URL` pointing at a server where the user may create databases),
//! and a fixed clock.
#![allow(dead_code)]

pub mod bot_api;
pub mod bot_deps;
pub mod bot_harness;
pub mod db;
pub mod feed_server;
pub mod http;
pub mod pg_server;
pub mod prom_text;
pub mod seed;
pub mod tg_html;
pub mod tmpfs;

use chrono::{DateTime, TimeZone, Utc};

/// A fixed point in time tests start from: Sat 21 Nov 2026, 07:00 UTC (09:00 in Kyiv).
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap()
}

/// Where the shared real data lives, if it is there.
pub fn shared_data() -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("NOTICE: ../shared/data is absent; skipping the checks that need it");
        None
    }
}
