//! Claimant keys: who claims, as a key that holds across outlets and scripts.

use super::super::fasthash::combine;
use super::super::incident::latin;
use crate::text::hash::hash64;
use std::sync::OnceLock;

/// Lowercase letters and digits of a name, words joined by one space.
pub fn normalise_name(s: &str) -> String {
    let mut out = String::new();
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The classifier's canonical institution names, normalised.
fn institutions() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        crate::classify::lexicon::get()
            .map(|lex| {
                lex.claimants
                    .iter()
                    .filter(|c| c.known.kind == crate::classify::claimants::Kind::Institution)
                    .map(|c| normalise_name(&c.known.name))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Who claims, as a key that holds across outlets and scripts: a canonical institution by its
/// name; any other name of one or two words — a person, as written by each outlet ("Сирський",
/// "Олександр Сирський", "Oleksandr Syrskyi", "Александр Сырский") — by its last word
/// transliterated, five letters kept; longer names as written.
pub(super) fn claimant_key(claimant: Option<&str>) -> Option<u64> {
    let n = normalise_name(claimant?);
    if n.is_empty() {
        return None;
    }
    let words: Vec<&str> = n.split(' ').collect();
    if words.len() <= 2 && !institutions().contains(&n) {
        let last: String = latin(words[words.len() - 1]).chars().take(5).collect();
        if last.len() >= 2 {
            return Some(combine(hash64(b"name"), hash64(last.as_bytes())));
        }
    }
    Some(hash64(n.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_named_in_any_form_or_script_is_one_claimant() {
        let k = claimant_key(Some("Олександр Сирський"));
        assert!(k.is_some());
        for name in [
            "Сирський",
            "Oleksandr Syrskyi",
            "Александр Сырский",
            "SYRSKYI",
        ] {
            assert_eq!(claimant_key(Some(name)), k, "{name}");
        }
        assert_ne!(claimant_key(Some("Володимир Зеленський")), k);
        let gs_ua = claimant_key(Some("General Staff of the Armed Forces of Ukraine"));
        let gs_ru = claimant_key(Some("General Staff of the Russian Armed Forces"));
        assert_ne!(gs_ua, gs_ru);
        assert_ne!(
            claimant_key(Some("US intelligence")),
            claimant_key(Some("UK Defence Intelligence"))
        );
        assert_eq!(claimant_key(Some(" — ")), None);
        assert_eq!(claimant_key(None), None);
    }
}
