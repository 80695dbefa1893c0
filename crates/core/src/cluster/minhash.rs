//! MinHash signatures of word shingles, and LSH banding to find candidate near-duplicates
//! without comparing against every item in the window.
//!
//! One-permutation hashing: each shingle is hashed once, the top bits pick one of [`K`] bins and
//! each bin keeps its minimum; empty bins borrow from the next filled bin to the right
//! (rotation densification), so short texts still get full signatures. The fraction of equal
//! bins estimates the Jaccard similarity of the shingle sets. [`BANDS`] bands of [`ROWS`] rows
//! make two texts candidates with probability 1 − (1 − s³)²¹ (s = 0.5 → 0.94, 0.6 → 0.99,
//! 0.2 → 0.16); every candidate is then checked against the full signature. (Two-row bands
//! found more near-threshold pairs but made a third of the work checking weak candidates; the
//! tf-idf tier catches near-duplicates that banding misses.)

use super::fasthash::combine;
use crate::text::hash::mix64;

/// Bins in a signature.
pub const K: usize = 64;
/// Words per shingle.
pub const SHINGLE: usize = 3;
pub const ROWS: usize = 3;
pub const BANDS: usize = K / ROWS;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; K]);

impl Signature {
    /// The signature of the word shingles of `tokens`; `None` when there are fewer than
    /// `min_tokens` tokens (too little text to call anything a near-duplicate).
    pub fn of(tokens: &[u64], min_tokens: usize) -> Option<Signature> {
        if tokens.len() < min_tokens.max(1) {
            return None;
        }
        let mut bins = [u32::MAX; K];
        let mut filled = [false; K];
        let mut add = |h: u64| {
            let bin = (h >> 58) as usize;
            let v = h as u32;
            filled[bin] = true;
            if v < bins[bin] {
                bins[bin] = v;
            }
        };
        if tokens.len() < SHINGLE {
            add(mix64(tokens.iter().fold(0, |a, t| combine(a, *t))));
        } else {
            for w in tokens.windows(SHINGLE) {
                add(combine(combine(w[0], w[1]), w[2]));
            }
        }
        densify(&mut bins, &filled);
        Some(Signature(bins))
    }

    /// Estimated Jaccard similarity: the fraction of equal bins.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / K as f64
    }

    /// One key per band: equal keys in some band make two signatures candidates.
    pub fn band_keys(&self) -> [u64; BANDS] {
        let mut keys = [0u64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let mut h = mix64(band as u64 + 1);
            for v in &self.0[band * ROWS..(band + 1) * ROWS] {
                h = combine(h, u64::from(*v));
            }
            *key = h;
        }
        keys
    }
}

/// Fills each empty bin from the next filled bin to its right (wrapping), offset by the
/// distance so borrowed values differ from the originals.
fn densify(bins: &mut [u32; K], filled: &[bool; K]) {
    if filled.iter().all(|f| *f) || !filled.iter().any(|f| *f) {
        return;
    }
    let original = *bins;
    for i in 0..K {
        if filled[i] {
            continue;
        }
        let mut d = 1;
        while !filled[(i + d) % K] {
            d += 1;
        }
        let src = original[(i + d) % K];
        bins[i] = (mix64(u64::from(src) ^ ((d as u64) << 32)) as u32) | 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(words: &str) -> Vec<u64> {
        words
            .split_whitespace()
            .map(|w| crate::text::hash::hash64(w.as_bytes()))
            .collect()
    }

    fn exact_jaccard(a: &[u64], b: &[u64]) -> f64 {
        let sh = |t: &[u64]| {
            t.windows(SHINGLE)
                .map(|w| (w[0], w[1], w[2]))
                .collect::<std::collections::HashSet<_>>()
        };
        let (x, y) = (sh(a), sh(b));
        x.intersection(&y).count() as f64 / x.union(&y).count() as f64
    }

    #[test]
    fn estimates_track_exact_jaccard() {
        let base: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
        let a = toks(&base.join(" "));
        for changed in [0usize, 10, 30, 60, 120] {
            let mut other = base.clone();
            for i in 0..changed {
                other[(i * 7) % 300] = format!("x{i}");
            }
            let b = toks(&other.join(" "));
            let est = Signature::of(&a, 4)
                .unwrap()
                .similarity(&Signature::of(&b, 4).unwrap());
            let exact = exact_jaccard(&a, &b);
            assert!(
                (est - exact).abs() < 0.2,
                "changed {changed}: est {est} exact {exact}"
            );
        }
    }

    #[test]
    fn identical_texts_share_every_band_and_unrelated_ones_almost_none() {
        let a = Signature::of(&toks("one two three four five six seven"), 4).unwrap();
        let b = Signature::of(&toks("one two three four five six seven"), 4).unwrap();
        assert_eq!(a.band_keys(), b.band_keys());
        assert_eq!(a.similarity(&b), 1.0);
        let c = Signature::of(&toks("alpha beta gamma delta epsilon zeta eta theta"), 4).unwrap();
        let shared = a
            .band_keys()
            .iter()
            .zip(c.band_keys().iter())
            .filter(|(x, y)| x == y)
            .count();
        assert!(shared <= 1, "{shared}");
        assert!(a.similarity(&c) < 0.2);
    }

    #[test]
    fn too_little_text_has_no_signature() {
        assert!(Signature::of(&toks("one two"), 4).is_none());
        assert!(Signature::of(&[], 1).is_none());
    }
}
