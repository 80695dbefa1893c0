//! Phrase matching over a prepared text. A phrase is a sequence of word patterns, each a list
//! of alternatives: `stem*` (a word starting with the stem), `word` (that exact word),
//! `=WORD` (exact, case-sensitive), `#` (a number) or `@set` (any pattern of a named set);
//! `~N` between two patterns lets up to N other words stand between them. Matches never cross
//! a sentence. One Aho-Corasick pass over the normalised text finds every word pattern, then
//! phrases are followed from their first word only, so the cost grows with the text, not with
//! the size of the lexicon.

mod builder;
mod matches;
mod phrase;
mod search;

pub use builder::{MatcherBuilder, Sets};
pub use matches::{Matches, PhraseMatch};
pub use search::Matcher;
