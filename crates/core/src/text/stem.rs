//! Stemming for keyword search, so inflected forms meet: "отказались" and "отказ",
//! "відмовилися" and "відмова", "tanks" and "tank". Russian and English use Snowball;
//! Ukrainian (which Snowball lacks) uses a small suffix stripper. The index and the query go
//! through the same function, and queries match stems by prefix.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

fn russian() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

fn english() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Ukrainian endings, longest first. Stripped once, leaving at least three letters.
const UK_SUFFIXES: &[&str] = &[
    "увалися",
    "ювалися",
    "увалась",
    "увався",
    "увати",
    "ювати",
    "илися",
    "илася",
    "ились",
    "ілися",
    "алися",
    "ялися",
    "іться",
    "уться",
    "ються",
    "ається",
    "яться",
    "ового",
    "ьому",
    "ових",
    "овий",
    "ова",
    "ові",
    "ого",
    "ому",
    "ими",
    "іми",
    "ами",
    "ями",
    "ість",
    "ості",
    "ння",
    "нню",
    "нням",
    "ися",
    "ася",
    "ись",
    "ись",
    "ться",
    "ння",
    "ила",
    "или",
    "ило",
    "или",
    "ала",
    "али",
    "ало",
    "ати",
    "яти",
    "ити",
    "іти",
    "ути",
    "ють",
    "ують",
    "ать",
    "ять",
    "ить",
    "ий",
    "ій",
    "ої",
    "ою",
    "ею",
    "єю",
    "их",
    "іх",
    "ам",
    "ям",
    "ах",
    "ях",
    "ом",
    "ем",
    "ів",
    "їв",
    "ий",
    "ої",
    "ей",
    "ов",
    "ев",
    "ав",
    "ив",
    "ів",
    "а",
    "я",
    "о",
    "е",
    "є",
    "и",
    "і",
    "ї",
    "у",
    "ю",
    "ь",
    "й",
];

fn is_ukrainian(word: &str) -> bool {
    word.chars().any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ'))
}

fn strip_ukrainian(word: &str) -> String {
    let letters = word.chars().count();
    for suffix in UK_SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.chars().count() >= 3
            && letters > stem.chars().count()
        {
            return stem.to_owned();
        }
    }
    word.to_owned()
}

/// The stem of one lowercase word.
pub fn stem_word(word: &str) -> String {
    let cyrillic = word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    if cyrillic {
        if is_ukrainian(word) {
            strip_ukrainian(word)
        } else {
            // Russian Snowball, then the Ukrainian stripper for Ukrainian words without і/ї/є.
            let ru = russian().stem(word).into_owned();
            if ru.chars().count() >= 3 {
                ru
            } else {
                word.to_owned()
            }
        }
    } else if word.chars().all(|c| c.is_ascii_alphabetic()) {
        english().stem(word).into_owned()
    } else {
        word.to_owned()
    }
}

/// Lowercase words of `text` (letters and digits; apostrophes inside Ukrainian words kept).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == 'ʼ'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’' || c == 'ʼ'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace(['’', 'ʼ'], "'"))
}

/// The stemmed form of a whole text, as indexed for search: stems separated by spaces.
pub fn stem_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in words(text) {
        if w.chars().count() > 40 {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&stem_word(&w));
    }
    out
}

/// Query terms: each word stemmed; at most `max` terms; words longer than 40 chars dropped.
pub fn query_terms(query: &str, max: usize) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for w in words(query) {
        if w.chars().count() > 40 {
            continue;
        }
        let s = stem_word(&w);
        if !terms.contains(&s) {
            terms.push(s);
        }
        if terms.len() == max {
            break;
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meets(query: &str, text: &str) -> bool {
        let q = stem_word(query);
        stem_text(text).split(' ').any(|s| s.starts_with(&q))
    }

    #[test]
    fn inflected_forms_meet() {
        assert!(meets("отказ", "военные отказались идти в бой"));
        assert!(meets("отказники", "отказников судят"));
        assert!(meets("відмова", "бійці відмовилися виконувати наказ"));
        assert!(meets("дезертир", "дезертирів затримали"));
        assert!(meets("tank", "1,251 tanks destroyed"));
        assert!(meets("deserters", "a deserter was caught"));
        assert!(meets("втрати", "загальні втрат противника"));
    }

    #[test]
    fn words_are_lowercased_and_split() {
        let w: Vec<String> = words("Псков: 60 десантников, «отказались»! Обʼєднаний").collect();
        assert_eq!(
            w,
            vec!["псков", "60", "десантников", "отказались", "об'єднаний"]
        );
    }

    #[test]
    fn query_terms_are_deduplicated_and_capped() {
        assert_eq!(query_terms("tanks tank TANKS", 5), vec!["tank"]);
        assert_eq!(query_terms("a b c d e f g", 3).len(), 3);
        assert!(query_terms(&"x".repeat(5000), 5).is_empty());
    }
}
