//! Sources and fetching: polling feeds and channels over loopback HTTP, checking new sources,
//! conditional GET, backoff, two pollers on one database, backfill, the real feed corpus and t.me/s
//! files, and hostile servers.

#[path = "../support/mod.rs"]
mod support;

mod backfill;
mod check;
mod cli;
mod due;
mod feeds_corpus;
mod hostile;
mod poll;
mod proxy;
mod telegram_files;
