//! Sources: what a user may add, and (by the ingest issue) fetching, parsing and scheduling.

pub mod address;
