//! Stable hashes: the content hash stored with each item (SHA-256 of the normalised text) and
//! a fast 64-bit hash for in-memory fingerprints. Both are the same on every machine and run.

use sha2::{Digest, Sha256};

/// Hex SHA-256 (first 128 bits) of the title and text, lowercased with whitespace folded, so
/// the same text with other spacing or case hashes the same.
pub fn content_hash(title: &str, text: &str) -> String {
    let mut h = Sha256::new();
    for (i, part) in [title, text].into_iter().enumerate() {
        if i > 0 {
            h.update([0u8]);
        }
        let mut first = true;
        for word in part.split_whitespace() {
            if !first {
                h.update(b" ");
            }
            first = false;
            h.update(word.to_lowercase().as_bytes());
        }
    }
    let digest = h.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// FNV-1a followed by a splitmix64 finaliser: fast, stable, well mixed.
pub fn hash64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix64(h)
}

/// splitmix64's finaliser: spreads the bits of `x`.
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_ignores_spacing_and_case_only() {
        let a = content_hash("Tanks lost", "Russia lost  1,251\ntanks");
        assert_eq!(a, content_hash("tanks LOST", "Russia lost 1,251 tanks"));
        assert_ne!(a, content_hash("Tanks lost", "Russia lost 1,252 tanks"));
        assert_ne!(content_hash("a b", ""), content_hash("a", "b"));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn hash64_is_stable() {
        assert_eq!(hash64(b"claimwatch"), hash64(b"claimwatch"));
        assert_ne!(hash64(b"claimwatch"), hash64(b"claimwatcH"));
    }
}
