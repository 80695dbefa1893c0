//! The lexicons: word lists and phrase rules kept in data files (`lexicon/*.toml`, compiled
//! into the binary), parsed and compiled once at first use. A malformed file is an error value
//! (and fails the unit tests), never a panic at run time. The phrase syntax is described in
//! `matcher` and in the README.

mod compile;
mod compiled;
mod lists;
mod role;
mod spec;

pub use compile::{FILES, build, get};
pub use compiled::{ClaimantDef, Lexicon, LexiconError, RefusalRule};
pub use role::Role;
