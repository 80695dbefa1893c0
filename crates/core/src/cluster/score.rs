//! Similar wording: cosine similarity of tf-idf vectors of the cut words, with document
//! frequencies taken from the items in the window (a word most items use says little). Only
//! words in at most [`TRAVERSED_DF`] items are looked up in the postings, rarest first, and
//! at most [`POSTINGS_BUDGET`] postings per item, which bounds the work; candidates found that
//! way are ranked by that partial score and the best few get the exact cosine over all their
//! words.

use super::fasthash::StableMap;
use super::fingerprint::Fingerprint;
use super::terms::Posting;
use super::window::{DocState, Window};

/// Document-frequency ceiling for postings traversal.
const TRAVERSED_DF: u32 = 64;
/// Postings read per item at most.
const POSTINGS_BUDGET: usize = 3_000;
/// The window counts as at least this many items when computing idf, so a nearly empty
/// window (just after start-up, or in a small test) does not make every word look rare.
const MIN_WINDOW: f32 = 100.0;
/// Candidates that get the exact cosine at most.
const EXACT_CHECKS: usize = 8;

/// ln(k) for small k, so idf costs a table read instead of a logarithm.
fn ln_table() -> &'static [f32] {
    static TABLE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| (0..4096u32).map(|k| (k.max(1) as f32).ln()).collect())
}

/// ln(k + 1).
fn ln1p(k: u32) -> f32 {
    ln_table()
        .get(k as usize + 1)
        .copied()
        .unwrap_or_else(|| (k as f32 + 1.0).ln())
}

/// Inverse document frequency of a term found in `df` items: ln((n + 1) / (df + 1)), with
/// `ln_n1` = ln(n + 1) for the window's size n (see [`ln_window`]).
pub fn idf(df: u32, ln_n1: f32) -> f32 {
    ln_n1 - ln1p(df)
}

/// ln(n + 1) for a window of `n` items, n taken as at least [`MIN_WINDOW`].
pub fn ln_window(n: usize) -> f32 {
    ((n as f32).max(MIN_WINDOW) + 1.0).ln()
}

/// The window's document frequency of each term.
pub fn frequencies(terms: &[u64], window: &Window) -> Vec<u32> {
    terms.iter().map(|t| window.terms.df(t)).collect()
}

/// Norm of a tf-idf vector given its terms' frequencies in a window of `n` items.
pub fn norm_of(dfs: &[u32], ltf: &[f32], n: usize) -> f32 {
    let ln_n1 = ln_window(n);
    dfs.iter()
        .zip(ltf)
        .map(|(df, w)| {
            let x = w * idf(*df, ln_n1);
            x * x
        })
        .sum::<f32>()
        .sqrt()
}

/// Norm of an item's tf-idf vector under the window's current frequencies.
pub fn norm(terms: &[u64], ltf: &[f32], window: &Window) -> f32 {
    norm_of(&frequencies(terms, window), ltf, window.docs.len())
}

/// Exact cosine between a new item and a stored one under the current frequencies.
pub fn cosine(fp: &Fingerprint, fp_norm: f32, doc: &DocState, window: &Window) -> f32 {
    let doc_norm = norm(&doc.terms, &doc.ltf, window);
    if fp_norm <= 0.0 || doc_norm <= 0.0 {
        return 0.0;
    }
    let ln_n1 = ln_window(window.docs.len());
    let (a, b) = (&fp.terms, &doc.terms);
    let (mut i, mut j, mut dot) = (0, 0, 0f32);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = idf(window.terms.df(&a[i]), ln_n1);
                dot += fp.ltf[i] * doc.ltf[j] * w * w;
                i += 1;
                j += 1;
            }
        }
    }
    dot / (fp_norm * doc_norm)
}

/// Partial scores of the most recent items live in a ring indexed by sequence number; older
/// ones (rare: items that stayed while this many newer ones arrived) in a map.
const RING: usize = 1 << 16;

/// Reusable accumulators for [`similar`].
#[derive(Debug, Default)]
pub struct Scratch {
    ring: Vec<f32>,
    older: StableMap<u64, f32>,
    /// Items touched, with their norms.
    touched: Vec<(u64, f32)>,
    order: Vec<usize>,
}

impl Scratch {
    pub fn bytes(&self) -> usize {
        self.ring.capacity() * 4
            + self.older.capacity() * 13
            + self.touched.capacity() * 16
            + self.order.capacity() * 8
    }

    /// Adds `v` (> 0) to the partial score of the posting's item; `newest` is the next
    /// sequence number.
    fn add(&mut self, p: &Posting, v: f32, newest: u64) {
        let slot = if newest - p.seq <= RING as u64 {
            &mut self.ring[p.seq as usize % RING]
        } else {
            self.older.entry(p.seq).or_insert(0.0)
        };
        if *slot == 0.0 {
            self.touched.push((p.seq, p.norm));
        }
        *slot += v;
    }

    /// Takes the partial score of item `seq`, leaving zero.
    fn take(&mut self, seq: u64, newest: u64) -> f32 {
        if newest - seq <= RING as u64 {
            std::mem::take(&mut self.ring[seq as usize % RING])
        } else {
            self.older.remove(&seq).unwrap_or(0.0)
        }
    }
}

/// Stored items with the most similar wording, best first: (sequence number, cosine).
/// `dfs` are the window's frequencies of `fp`'s terms.
pub fn similar(
    fp: &Fingerprint,
    dfs: &[u32],
    fp_norm: f32,
    window: &Window,
    floor: f32,
    scratch: &mut Scratch,
) -> Vec<(u64, f32)> {
    scratch.touched.clear();
    if scratch.ring.len() != RING {
        scratch.ring = vec![0.0; RING];
    }
    if fp_norm <= 0.0 {
        return Vec::new();
    }
    let newest = window.next_seq();
    let ln_n1 = ln_window(window.docs.len());
    // Rarest terms first: they say most, and the budget may not reach the others.
    scratch.order.clear();
    scratch
        .order
        .extend((0..dfs.len()).filter(|&i| dfs[i] > 0 && dfs[i] <= TRAVERSED_DF));
    scratch.order.sort_by_key(|&i| (dfs[i], i));
    let mut budget = POSTINGS_BUDGET;
    for k in 0..scratch.order.len() {
        let i = scratch.order[k];
        let Some(list) = window.terms.get(&fp.terms[i]).map(|t| &t.postings) else {
            continue;
        };
        if list.len() > budget {
            break;
        }
        budget -= list.len();
        let w = idf(dfs[i], ln_n1);
        let w2 = w * w * fp.ltf[i];
        // Entries of evicted items are skipped later, when candidates are checked.
        for p in list {
            scratch.add(p, w2 * p.ltf, newest);
        }
    }
    let touched = std::mem::take(&mut scratch.touched);
    let mut ranked: Vec<(u64, f32)> = Vec::new();
    for &(seq, norm) in &touched {
        let estimate = scratch.take(seq, newest) / (fp_norm * norm.max(1e-6));
        if estimate >= floor * 0.5 {
            ranked.push((seq, estimate));
        }
    }
    scratch.touched = touched;
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut exact: Vec<(u64, f32)> = ranked
        .into_iter()
        .filter_map(|(seq, _)| {
            let doc = window.docs.get(&seq)?;
            Some((seq, cosine(fp, fp_norm, doc, window)))
        })
        .take(EXACT_CHECKS)
        .collect();
    exact.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    exact
}
