//! The phrases found in one text, indexed by their first token.

/// One phrase found in a text: its role and its first and last token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch<R> {
    pub role: R,
    pub first: usize,
    pub last: usize,
}

/// Every phrase found in one text, ordered by first token.
pub struct Matches<R> {
    pub(super) list: Vec<PhraseMatch<R>>,
    /// `by_start[t]..by_start[t + 1]` are the matches starting at token `t`.
    pub(super) by_start: Vec<u32>,
}

impl<R: Copy> Matches<R> {
    /// Matches starting at token `t`.
    pub fn at(&self, t: usize) -> &[PhraseMatch<R>] {
        match (self.by_start.get(t), self.by_start.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.list[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Matches starting at tokens `range`.
    pub fn within(&self, range: std::ops::Range<usize>) -> &[PhraseMatch<R>] {
        let n = self.by_start.len().saturating_sub(1);
        let (a, b) = (range.start.min(n), range.end.min(n));
        if a >= b {
            return &[];
        }
        &self.list[self.by_start[a] as usize..self.by_start[b] as usize]
    }

    pub fn all(&self) -> &[PhraseMatch<R>] {
        &self.list
    }
}
