//! Deterministic, fast hash maps for keys that are already well-mixed 64-bit hashes (term
//! hashes, sequence numbers). The standard `RandomState` would make iteration order — and
//! so tie-breaking — differ between runs; this hasher is the same on every run and machine.

use crate::text::hash::mix64;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-style accumulation for arbitrary bytes, finished by `mix64`; integer writes go
/// straight through `mix64`.
#[derive(Debug, Default, Clone, Copy)]
pub struct StableHasher(u64);

impl Hasher for StableHasher {
    fn finish(&self) -> u64 {
        mix64(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(29) ^ n;
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

pub type StableBuild = BuildHasherDefault<StableHasher>;
pub type StableMap<K, V> = HashMap<K, V, StableBuild>;

/// Combines two hashes into one (order matters).
pub fn combine(a: u64, b: u64) -> u64 {
    mix64(a.rotate_left(17) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_iterate_in_the_same_order_every_time() {
        let build = || {
            let mut m: StableMap<u64, u32> = StableMap::default();
            for i in 0..100u64 {
                m.insert(mix64(i), i as u32);
            }
            m.into_values().collect::<Vec<_>>()
        };
        assert_eq!(build(), build());
    }

    #[test]
    fn combine_depends_on_order() {
        assert_ne!(combine(1, 2), combine(2, 1));
        assert_eq!(combine(1, 2), combine(1, 2));
    }
}
