//! The classifier: `classify --jsonl` and `eval` as DESIGN.md specifies, the quality floors on the
//! labelled texts, the probe sentences, and the General Staff's running totals checked against its
//! own figures.

#[path = "../support/mod.rs"]
mod support;

mod cli;
mod dev_set;
mod losses;
mod other_hands;
mod paraphrases;
mod probe;
mod stream;
