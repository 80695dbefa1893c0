//! claimwatch-core: the parts of claimwatch that need no I/O — the domain model, text
//! handling (HTML to text, language, stems), the classifier that files reports as claims, and
//! the story clusterer, and the names a reader sees (claimants, places). Pure functions and owned state; no async runtime, database or HTTP.

pub mod classify;
pub mod cluster;
pub mod model;
pub mod names;
pub mod series;
pub mod text;
