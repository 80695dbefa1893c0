//! Stories: the clusterer's rules on project-written texts, `cluster --jsonl`, its quality on the
//! labelled story clusters, the window rebuilt from the store, and the pipeline that classifies
//! stored items and files them in stories.

#[path = "../support/mod.rs"]
mod support;

mod cli;
mod eval;
mod joins;
mod pipeline;
mod rules;
mod store;
