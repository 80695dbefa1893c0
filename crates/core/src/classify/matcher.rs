//! Phrase matching over a prepared text. A phrase is a sequence of word patterns, each a list
//! of alternatives: `stem*` (a word starting with the stem), `word` (that exact word),
//! `=WORD` (exact, case-sensitive), `#` (a number) or `@set` (any pattern of a named set);
//! `~N` between two patterns lets up to N other words stand between them. Matches never cross
//! a sentence. Each word is looked up once (an exact-word table, and an anchored Aho-Corasick
//! automaton of the stems walked from the word's start), then phrases are followed from their
//! first word only, so the cost grows with the text, not with the size of the lexicon.

mod builder;
mod matches;
mod phrase;
mod search;

pub use builder::{MatcherBuilder, Sets};
pub use matches::{Matches, PhraseMatch};
pub use search::Matcher;
