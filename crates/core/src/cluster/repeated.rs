//! Lines a source repeats across its items — signatures, "subscribe" links, sidebars, a
//! standing disclaimer — are boilerplate, not story. Counts are kept per source over the
//! items in the window; a line already seen in [`REPEATS`] earlier items of the same source
//! is dropped before comparing texts — for every source, since a line one outlet repeats under
//! different stories is not what any story is about (a syndicated sidebar, a legal notice).
//! Reposts by *other* sources are never counted, so a story copied verbatim by twenty channels
//! is not mistaken for boilerplate.

use super::fasthash::StableMap;

/// Earlier items of the same source that make a line boilerplate.
pub const REPEATS: u32 = 2;
/// Lines counted per item at most.
pub const MAX_LINES: usize = 64;

/// Per-source counts of line hashes.
#[derive(Debug, Default)]
pub struct RepeatedLines {
    counts: StableMap<(i64, u64), u32>,
    /// Lines that at least one source repeats: how many sources do.
    everywhere: StableMap<u64, u32>,
}

impl RepeatedLines {
    /// Whether `line` is boilerplate for `source`.
    pub fn is_repeated(&self, source: i64, line: u64) -> bool {
        self.everywhere.contains_key(&line)
            || self
                .counts
                .get(&(source, line))
                .is_some_and(|n| *n >= REPEATS)
    }

    /// Counts the distinct lines of one item.
    pub fn add(&mut self, source: i64, lines: &[u64]) {
        for l in lines {
            let n = self.counts.entry((source, *l)).or_insert(0);
            *n += 1;
            if *n == REPEATS {
                *self.everywhere.entry(*l).or_insert(0) += 1;
            }
        }
    }

    /// Forgets the lines of an evicted item.
    pub fn remove(&mut self, source: i64, lines: &[u64]) {
        for l in lines {
            let Some(n) = self.counts.get_mut(&(source, *l)) else {
                continue;
            };
            *n -= 1;
            if *n + 1 == REPEATS
                && let Some(e) = self.everywhere.get_mut(l)
            {
                *e -= 1;
                if *e == 0 {
                    self.everywhere.remove(l);
                }
            }
            if *n == 0 {
                self.counts.remove(&(source, *l));
            }
        }
    }

    /// Bytes held (approximate: table capacity × entry size).
    pub fn bytes(&self) -> usize {
        self.counts.capacity() * (std::mem::size_of::<((i64, u64), u32)>() + 1)
            + self.everywhere.capacity() * (std::mem::size_of::<(u64, u32)>() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_one_source_repeats_is_boilerplate_everywhere() {
        let mut r = RepeatedLines::default();
        r.add(1, &[10, 11]);
        r.add(2, &[10]);
        assert!(
            !r.is_repeated(1, 10),
            "reposts by other sources are not repeats"
        );
        r.add(1, &[10]);
        assert!(r.is_repeated(1, 10));
        assert!(
            r.is_repeated(3, 10),
            "once one source repeats it, it is boilerplate for all"
        );
        assert!(!r.is_repeated(1, 11));
        r.remove(1, &[10]);
        assert!(!r.is_repeated(1, 10));
        assert!(!r.is_repeated(3, 10));
        r.remove(1, &[10, 11]);
        r.remove(2, &[10]);
        r.remove(1, &[99]);
        assert_eq!(r.counts.len(), 0);
        assert_eq!(r.everywhere.len(), 0);
    }
}
