//! Every string the bot and the digest show, one file per language (`en.rs`, `uk.rs`,
//! `ru.rs`): bot replies in [`BotTexts`], digest wording in [`DigestTexts`]. Templates use
//! `{name}` placeholders filled by [`fill`]; counts pick a form with [`plural`]. A test checks
//! that every language has every string with the same placeholders.

mod en;
mod entry;
mod ru;
mod series;
mod texts;
mod uk;

pub use entry::{EntryTexts, Forms, Nouns, entry_texts};
pub use series::{SeriesTexts, series_texts};
pub use texts::{BotTexts, CommandTexts, DigestTexts, MetricNames, Texts};

use crate::model::Lang;
use std::fmt::Display;

/// The strings for `lang` (`Other` falls back to English).
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Uk => &uk::TEXTS,
        Lang::Ru => &ru::TEXTS,
        Lang::En | Lang::Other => &en::TEXTS,
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// Picks the form for `n`: `[one, few, many]`. English uses one/many; Ukrainian and Russian
/// follow their rules (1, 21 → one; 2–4, 22–24 → few; 0, 5–20, 25… → many).
pub fn plural(lang: Lang, n: u64, forms: [&str; 3]) -> &str {
    let [one, few, many] = forms;
    match lang {
        Lang::Uk | Lang::Ru => {
            let (d, h) = (n % 10, n % 100);
            if d == 1 && h != 11 {
                one
            } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
                few
            } else {
                many
            }
        }
        Lang::En | Lang::Other => {
            if n == 1 {
                one
            } else {
                many
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            rest = &rest[i + 1..];
            if let Some(j) = rest.find('}') {
                out.insert(rest[..j].to_owned());
                rest = &rest[j + 1..];
            }
        }
        out
    }

    fn flatten(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    flatten(&format!("{prefix}.{k}"), v, out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    flatten(&format!("{prefix}[{i}]"), v, out);
                }
            }
            serde_json::Value::String(s) => out.push((prefix.to_owned(), s.clone())),
            _ => {}
        }
    }

    #[test]
    fn every_language_has_every_string_with_the_same_placeholders() {
        let all = |lang| {
            let mut out = Vec::new();
            flatten("", &serde_json::to_value(texts(lang)).unwrap(), &mut out);
            out
        };
        let en = all(Lang::En);
        for lang in [Lang::Uk, Lang::Ru] {
            let other = all(lang);
            assert_eq!(en.len(), other.len(), "{lang}: same number of strings");
            for ((key, e), (key2, o)) in en.iter().zip(&other) {
                assert_eq!(key, key2);
                assert!(!o.trim().is_empty(), "{lang}{key} is empty");
                assert_eq!(
                    placeholders(e),
                    placeholders(o),
                    "{lang}{key}: placeholders differ"
                );
            }
        }
    }

    #[test]
    fn plural_forms() {
        let f = ["джерело", "джерела", "джерел"];
        let got: Vec<&str> = [1, 2, 5, 11, 21, 22, 25, 112]
            .iter()
            .map(|n| plural(Lang::Uk, *n, f))
            .collect();
        assert_eq!(
            got,
            [
                "джерело",
                "джерела",
                "джерел",
                "джерел",
                "джерело",
                "джерела",
                "джерел",
                "джерел"
            ]
        );
        assert_eq!(
            plural(Lang::En, 1, ["source", "sources", "sources"]),
            "source"
        );
        assert_eq!(
            plural(Lang::En, 0, ["source", "sources", "sources"]),
            "sources"
        );
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill("{n} sources, first: {who}", &[("n", &3), ("who", &"ASTRA")]),
            "3 sources, first: ASTRA"
        );
    }
}
