//! Everything the clusterer compares, computed once per item: weighted terms, a MinHash
//! signature, stated numbers, the URL key, claim and incident keys, and the names used to
//! match forwarded posts. Pure: boilerplate decisions read the caller's per-source counts.

use super::ClusterDoc;
use super::claims::{
    FigureKey, IncidentKey, figure_keys, incident_keys, normalise_name, unit_keys,
};
use super::dates::headline_days;
use super::minhash::Signature;
use super::numbers::numbers;
use super::repeated::{MAX_LINES, RepeatedLines};
use super::tokens::{MAX_INPUT_BYTES, cap_bytes, tokenize};
use super::urlkey::url_key;
use crate::text::hash::hash64;

/// Tokens compared per item: the title and the opening of the text, where a story is told.
pub const MAX_TOKENS: usize = 300;
/// Fewer tokens than this: no text comparison at all (only links, forwards and claims).
pub const MIN_TOKENS: usize = 4;
/// Bulleted lines that make an item a round-up of many stories.
const ROUNDUP_BULLETS: usize = 4;

#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// Distinct term hashes, sorted.
    pub terms: Vec<u64>,
    /// 1 + ln(term frequency), aligned with `terms`.
    pub ltf: Vec<f32>,
    pub signature: Option<Signature>,
    pub numbers: Vec<u64>,
    /// Days the headline names (month × 32 + day), sorted.
    pub days: Vec<u16>,
    pub url: Option<u64>,
    /// Hashes of the item's lines, for counting repeats per source.
    pub lines: Vec<u64>,
    pub tokens: usize,
    /// A list of many stories ("main events of the day"): never joined by similar wording.
    pub roundup: bool,
    pub forwarded: Option<u64>,
    pub names: Vec<u64>,
    pub figures: Vec<FigureKey>,
    pub incidents: Vec<IncidentKey>,
    /// The units its claims name, as language-blind keys, sorted.
    pub units: Vec<u64>,
}

/// A source or channel name as a key: "@Name", "t.me/Name", "https://t.me/s/Name" and "name"
/// are one key; display names are compared by their letters and digits.
pub fn name_key(raw: &str) -> Option<u64> {
    let s = raw.trim();
    let s = match s.find("t.me/") {
        Some(i) => {
            let rest = &s[i + 5..];
            let rest = rest.strip_prefix("s/").unwrap_or(rest);
            rest.split(['/', '?', '#']).next().unwrap_or("")
        }
        None => s.strip_prefix('@').unwrap_or(s),
    };
    let n = normalise_name(cap_bytes(s, 256));
    (!n.is_empty()).then(|| hash64(n.as_bytes()))
}

impl Fingerprint {
    pub fn of(doc: &ClusterDoc<'_>, repeated: &RepeatedLines) -> Fingerprint {
        let all = tokenize(doc.title, doc.text);
        let mut tokens: Vec<u64> = Vec::with_capacity(all.tokens.len().min(MAX_TOKENS));
        let mut line_hashes: Vec<u64> = Vec::new();
        let mut bullets = 0usize;
        for line in &all.lines {
            if line.start == line.end {
                continue;
            }
            if line_hashes.len() < MAX_LINES && !line_hashes.contains(&line.raw_hash) {
                line_hashes.push(line.raw_hash);
            }
            if line.promo || repeated.is_repeated(doc.source_id, line.raw_hash) {
                continue;
            }
            bullets += usize::from(line.bulleted);
            if tokens.len() < MAX_TOKENS {
                let room = MAX_TOKENS - tokens.len();
                tokens.extend(all.of_line(line).iter().take(room));
            }
        }
        let signature = Signature::of(&tokens, MIN_TOKENS);
        let (terms, ltf) = weigh(&tokens);
        let mut nums = numbers(cap_bytes(doc.title, MAX_INPUT_BYTES / 8));
        nums.extend(numbers(cap_bytes(doc.text, MAX_INPUT_BYTES)));
        nums.sort_unstable();
        nums.dedup();
        let mut names: Vec<u64> = doc
            .source_names
            .iter()
            .filter_map(|n| name_key(n))
            .collect();
        names.sort_unstable();
        names.dedup();
        Fingerprint {
            terms,
            ltf,
            signature,
            numbers: nums,
            days: headline_days(doc.title, doc.text),
            url: doc.url.and_then(url_key),
            lines: line_hashes,
            tokens: tokens.len(),
            roundup: bullets >= ROUNDUP_BULLETS,
            forwarded: doc.forwarded_from.and_then(name_key),
            names,
            figures: figure_keys(doc.claims),
            incidents: incident_keys(doc.claims),
            units: unit_keys(doc.claims),
        }
    }
}

/// Distinct terms (sorted) and their log term frequencies.
fn weigh(tokens: &[u64]) -> (Vec<u64>, Vec<f32>) {
    let mut sorted = tokens.to_vec();
    sorted.sort_unstable();
    let mut terms = Vec::with_capacity(sorted.len());
    let mut ltf = Vec::with_capacity(sorted.len());
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i + 1;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        terms.push(sorted[i]);
        ltf.push(1.0 + ((j - i) as f32).ln());
        i = j;
    }
    (terms, ltf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_names_in_any_form_meet() {
        let k = name_key("@GeneralStaffZSU");
        assert!(k.is_some());
        for s in [
            "generalstaffzsu",
            "https://t.me/s/GeneralStaffZSU",
            "t.me/GeneralStaffZSU/123",
        ] {
            assert_eq!(name_key(s), k, "{s}");
        }
        assert_eq!(name_key("РИА Новости"), name_key("риа  новости"));
        assert_eq!(name_key(" @ "), None);
    }

    #[test]
    fn weights_count_repeats() {
        let (t, w) = weigh(&[5, 3, 5, 5]);
        assert_eq!(t, vec![3, 5]);
        assert_eq!(w[0], 1.0);
        assert!((w[1] - (1.0 + 3f32.ln())).abs() < 1e-6);
    }
}
