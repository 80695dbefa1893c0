//! The wording of an entry's claim line, one file per language: templates per category
//! (`{who} {verb} {side}losses of {figures}{place}{period}`), the phrases that fill their slots
//! (sides, periods, qualifiers, the way a place is introduced) and each metric's noun in the
//! forms a count needs. Slot phrases carry their own spaces, so an absent slot leaves none.
//! `src/entry` composes the line; a test checks every language has every string with the same
//! placeholders.

mod en;
mod ru;
mod texts;
mod uk;

pub use texts::{EntryTexts, Forms, Nouns};

use crate::model::Lang;

/// The claim-line wording for `lang` (`Other` falls back to English).
pub fn entry_texts(lang: Lang) -> &'static EntryTexts {
    match lang {
        Lang::Uk => &uk::TEXTS,
        Lang::Ru => &ru::TEXTS,
        Lang::En | Lang::Other => &en::TEXTS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn strings(v: &serde_json::Value, prefix: &str, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    strings(v, &format!("{prefix}.{k}"), out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    strings(v, &format!("{prefix}[{i}]"), out);
                }
            }
            serde_json::Value::String(s) => out.push((prefix.to_owned(), s.clone())),
            _ => {}
        }
    }

    fn slots(s: &str) -> BTreeSet<&str> {
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_language_has_every_string_with_the_same_placeholders() {
        let all = |lang| {
            let mut out = Vec::new();
            strings(
                &serde_json::to_value(entry_texts(lang)).unwrap(),
                "",
                &mut out,
            );
            out
        };
        let en = all(Lang::En);
        for lang in [Lang::Uk, Lang::Ru] {
            let other = all(lang);
            assert_eq!(en.len(), other.len(), "{lang}");
            for ((key, e), (key2, o)) in en.iter().zip(&other) {
                assert_eq!(key, key2);
                assert_eq!(slots(e), slots(o), "{lang}{key}: placeholders differ");
                let optional = key.starts_with(".periods") || key.ends_with("_side[0]");
                assert!(
                    optional || !o.trim().is_empty() || e.trim().is_empty(),
                    "{lang}{key}"
                );
            }
        }
    }
}
