//! Language detection for English, Ukrainian and Russian, with everything else (Bulgarian,
//! Serbian, Belarusian, German, …) as `Other`. Letter evidence first (і ї є ґ are Ukrainian,
//! ы э ё Russian, ђ ј љ њ ћ џ Serbian/Macedonian, ў Belarusian), then function words.
//! Fast enough for the hot path: one pass over the characters, one over the words.

mod chars;
mod words;

pub use chars::{is_letter, is_upper, lower};

use crate::model::Lang;
use words::word_scores;

/// At most this many bytes are read to tell the language: some 300 words, plenty for any text.
const SAMPLE_BYTES: usize = 3_000;

/// The letters of a text by script, and those that tell a language.
#[derive(Default, Debug)]
struct Counts {
    latin: u32,
    cyrillic: u32,
    uk_letters: u32,
    ru_letters: u32,
    other_cyr_letters: u32,
    /// ъ not followed by е, ё, ю, я: a vowel in Bulgarian, almost never in Russian.
    bg_hard_sign: u32,
}

/// Counts the letters of `text`.
fn count_letters(text: &str) -> Counts {
    let mut c = Counts::default();
    let mut prev_hard = false;
    for ch in text.chars() {
        let lower = lower(ch);
        if prev_hard && !matches!(lower, 'е' | 'ё' | 'ю' | 'я') {
            c.bg_hard_sign += 1;
        }
        prev_hard = lower == 'ъ';
        match lower {
            'a'..='z' => c.latin += 1,
            'і' | 'ї' | 'є' | 'ґ' => {
                c.cyrillic += 1;
                c.uk_letters += 1
            }
            'ы' | 'э' | 'ё' => {
                c.cyrillic += 1;
                c.ru_letters += 1
            }
            'ђ' | 'ј' | 'љ' | 'њ' | 'ћ' | 'џ' | 'ѓ' | 'ќ' | 'ѕ' | 'ў' => {
                c.cyrillic += 1;
                c.other_cyr_letters += 1
            }
            '\u{0400}'..='\u{04FF}' => c.cyrillic += 1,
            _ => {}
        }
    }
    if prev_hard {
        c.bg_hard_sign += 1;
    }
    c
}

/// The text without web addresses, whose transliterated slugs would look like English: each
/// whitespace-delimited word holding one is cut out (the rest keeps its own spacing).
fn without_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = first_link(rest) {
        let start = rest[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = rest[at..]
            .find(char::is_whitespace)
            .map_or(rest.len(), |i| at + i);
        out.push_str(&rest[..start]);
        out.push(' ');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where the first address marker of `s` starts.
fn first_link(s: &str) -> Option<usize> {
    [s.find("://"), s.find("www."), s.find("t.me/")]
        .into_iter()
        .flatten()
        .min()
}

/// Detects the language of `text`. Text with too few letters to tell is `Other`.
pub fn detect(text: &str) -> Lang {
    let text = &text[..text.floor_char_boundary(SAMPLE_BYTES)];
    let cleaned;
    let text = if first_link(text).is_some() {
        cleaned = without_links(text);
        // A text that is nothing but an address is read as written.
        if cleaned.chars().filter(|c| is_letter(*c)).count() >= 3 {
            cleaned.as_str()
        } else {
            text
        }
    } else {
        text
    };
    let c = count_letters(text);
    let letters = c.latin + c.cyrillic;
    if letters < 3 {
        return Lang::Other;
    }
    let words = word_scores(text);
    if c.latin > c.cyrillic {
        // Latin script: English or something else (German, Polish, Serbian Latin, …).
        let (en, other) = (words[0], words[5]);
        let non_ascii = text
            .chars()
            .filter(|c| !c.is_ascii() && is_letter(*c))
            .count() as u32;
        return if en > other || (en == 0 && other == 0 && non_ascii * 50 < c.latin) {
            Lang::En
        } else {
            Lang::Other
        };
    }
    let cyr = c.cyrillic.max(1);
    // Serbian, Macedonian, Belarusian letters are decisive once they are more than noise.
    if c.other_cyr_letters * 200 > cyr && c.other_cyr_letters > c.uk_letters / 4 {
        return Lang::Other;
    }
    let uk = c.uk_letters * 40 / cyr + words[1] * 2;
    let ru = c.ru_letters * 40 / cyr + words[2] * 2;
    let bg = words[3] * 2 + c.bg_hard_sign * 60 / cyr;
    let sr = words[4] * 2;
    if c.uk_letters * 100 >= cyr && c.uk_letters >= 2 * c.ru_letters.max(1) {
        return Lang::Uk;
    }
    if c.ru_letters > 0 && c.uk_letters == 0 && bg <= ru {
        return Lang::Ru;
    }
    // і ї є ґ and none of ы э ё: Ukrainian (Belarusian's ў was caught above).
    if c.uk_letters > 0 && c.ru_letters == 0 && bg <= uk && sr <= uk {
        return Lang::Uk;
    }
    let best = [(Lang::Uk, uk), (Lang::Ru, ru)]
        .into_iter()
        .max_by_key(|(_, s)| *s);
    match best {
        Some((_, s)) if bg > s || sr > s => Lang::Other,
        Some((_, 0)) if c.uk_letters == 0 && c.ru_letters == 0 => {
            // No decisive letter and no function word: Russian unless Bulgarian signs.
            if c.bg_hard_sign > 0 {
                Lang::Other
            } else {
                Lang::Ru
            }
        }
        Some((l, _)) => l,
        None => Lang::Other,
    }
}

#[cfg(test)]
mod tests;
