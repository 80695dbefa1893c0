//! Compiled phrases: word patterns (atoms) and the steps of a phrase.

/// What a word pattern matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum AtomKind {
    Prefix,
    Exact,
    /// Exact and case-sensitive: holds the word as written.
    ExactCase(String),
}

/// One word of a phrase: its alternatives and the gap allowed before it.
#[derive(Debug, Clone)]
pub(super) struct Step {
    /// Sorted atom ids; `NUMBER` stands for any number token.
    pub alts: Vec<u32>,
    /// How many other words may come before this step's word.
    pub gap: u8,
}

/// A phrase: its words, and the role its matches carry.
#[derive(Debug, Clone)]
pub(super) struct Phrase<R> {
    pub steps: Vec<Step>,
    pub role: R,
}

/// The atom id that stands for any number token.
pub(super) const NUMBER: u32 = u32::MAX;
