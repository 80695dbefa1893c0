//! Sources: what a user may add ([`address`]), checking a new one ([`check`]), fetching with
//! limits ([`fetch`]), decoding ([`encoding`]), parsing feeds ([`feed`]) and Telegram previews
//! ([`telegram`]), normalising into items ([`normalize`], [`link`]), scheduling
//! ([`schedule`]), polling ([`poller`]) and Telegram backfill ([`backfill`]).

pub mod address;
pub mod backfill;
pub mod check;
pub mod encoding;
pub mod feed;
pub mod fetch;
pub mod link;
pub mod markup;
pub mod normalize;
pub mod poller;
pub mod schedule;
pub mod telegram;

pub use check::{CheckError, SourceCheck, check_new_source};
pub use poller::{
    PollContext, PollOutcome, PollReport, poll_due, poll_source, poll_sources, run_pollers,
    run_pollers_with,
};
