//! Language detection for English, Ukrainian and Russian, with everything else (Bulgarian,
//! Serbian, Belarusian, German, …) as `Other`. Letter evidence first (і ї є ґ are Ukrainian,
//! ы э ё Russian, ђ ј љ њ ћ џ Serbian/Macedonian, ў Belarusian), then function words.
//! Fast enough for the hot path: one pass over the characters, one over the words.

use crate::model::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

/// At most this many bytes are read to tell the language: some 300 words, plenty for any text.
const SAMPLE_BYTES: usize = 3_000;

/// True for a letter. Fast for ASCII and the Russian/Ukrainian alphabet (the standard
/// library's general lookup is slow for Cyrillic).
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{0}'..='\u{7f}' => false,
        '\u{0400}'..='\u{045f}' | 'Ґ' | 'ґ' => true,
        // Punctuation, symbols, arrows, emoji and variation selectors, common in posts.
        '\u{a0}'..='\u{bf}'
        | '\u{2000}'..='\u{2bff}'
        | '\u{3000}'..='\u{303f}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{1f000}'..='\u{1faff}' => false,
        _ => c.is_alphabetic(),
    }
}

/// True for an uppercase letter (fast for ASCII and Cyrillic).
pub fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' | '\u{0400}'..='\u{042f}' | 'Ґ' => true,
        'a'..='z' | '\u{0}'..='\u{7f}' | '\u{0430}'..='\u{045f}' | 'ґ' => false,
        _ => c.is_uppercase(),
    }
}

/// The lowercase form of one character (one character; fast for ASCII and Cyrillic).
pub fn lower(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{0}'..='\u{7f}' | '\u{0430}'..='\u{045f}' | 'ґ' => c,
        '\u{0410}'..='\u{042f}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        '\u{0400}'..='\u{040f}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        'Ґ' => 'ґ',
        _ if c.is_uppercase() => c.to_lowercase().next().unwrap_or(c),
        _ => c,
    }
}

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

const EN_WORDS: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "said", "by", "from",
    "as", "at", "have", "has", "are", "were", "it", "its", "this", "be", "an", "their", "they",
    "over", "after", "since", "more", "than", "who", "which", "not",
];
/// Function words of other Latin-script languages (German, Spanish, French, Polish, Romanian,
/// Turkish, Serbian/Croatian), so they are not taken for English.
const OTHER_LATIN_WORDS: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "zu", "sich", "auf", "des",
    "el", "la", "los", "las", "que", "y", "por", "con", "una", "del", "se", "le", "les", "des",
    "et", "est", "une", "du", "dans", "pour", "i", "w", "z", "na", "się", "nie", "do", "że",
    "jest", "și", "în", "cu", "pe", "care", "din", "este", "ve", "bir", "bu", "ile", "için", "je",
    "su", "da", "od", "za", "koji",
];

const UK_WORDS: &[&str] = &[
    "що",
    "та",
    "це",
    "як",
    "від",
    "для",
    "які",
    "який",
    "яка",
    "було",
    "був",
    "під",
    "його",
    "її",
    "вже",
    "також",
    "щодо",
    "через",
    "році",
    "про",
    "ще",
    "так",
    "але",
    "або",
    "із",
    "зі",
    "він",
    "вони",
    "має",
    "мають",
    "буде",
    "може",
    // Without і ї є ґ, yet only Ukrainian.
    "понад",
    "близько",
    "проте",
    "адже",
    "хоча",
    "лише",
    "щоб",
    "якщо",
    "вона",
    "року",
    "минулого",
    "тиждень",
    "тижня",
];
const RU_WORDS: &[&str] = &[
    "что",
    "это",
    "как",
    "от",
    "для",
    "был",
    "была",
    "было",
    "его",
    "ее",
    "её",
    "уже",
    "также",
    "который",
    "которые",
    "после",
    "через",
    "году",
    "или",
    "при",
    "под",
    "только",
    "он",
    "они",
    "будет",
    "может",
    "если",
    "чтобы",
    "так",
    "но",
    "из",
    "более",
];
const BG_WORDS: &[&str] = &[
    "че",
    "ще",
    "във",
    "със",
    "като",
    "това",
    "които",
    "които",
    "са",
    "бъде",
    "след",
    "според",
    "му",
    "тя",
    "те",
    "най",
    "беше",
    "бяха",
    "година",
    "българия",
];
const SR_WORDS: &[&str] = &[
    "је",
    "су",
    "који",
    "која",
    "које",
    "али",
    "због",
    "према",
    "године",
];

/// Function word → the word lists it is in (bit i for list i of `word_scores`).
fn function_words() -> &'static HashMap<&'static str, u8> {
    static WORDS: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut m: HashMap<&'static str, u8> = HashMap::new();
        let lists = [
            EN_WORDS,
            UK_WORDS,
            RU_WORDS,
            BG_WORDS,
            SR_WORDS,
            OTHER_LATIN_WORDS,
        ];
        for (i, list) in lists.iter().enumerate() {
            for w in *list {
                *m.entry(w).or_default() |= 1 << i;
            }
        }
        m
    })
}

fn word_scores(text: &str) -> [u32; 6] {
    let mut s = [0u32; 6];
    let words = function_words();
    let mut lowered = String::new();
    for w in text
        .split(|c: char| !is_letter(c))
        .filter(|w| !w.is_empty() && w.len() <= 24)
    {
        let w = if w.chars().any(is_upper) {
            lowered.clear();
            lowered.extend(w.chars().map(lower));
            lowered.as_str()
        } else {
            w
        };
        if let Some(bits) = words.get(w) {
            for (i, score) in s.iter_mut().enumerate() {
                if bits & (1 << i) != 0 {
                    *score += 1;
                }
            }
        }
    }
    s
}

fn is_link(word: &str) -> bool {
    word.contains("://") || word.contains("www.") || word.contains("t.me/")
}

fn has_links(text: &str) -> bool {
    text.contains("://") || text.contains("www.") || text.contains("t.me/")
}

/// The text without web addresses, whose transliterated slugs would look like English.
fn without_links(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !is_link(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Detects the language of `text`. Text with too few letters to tell is `Other`.
pub fn detect(text: &str) -> Lang {
    let text = &text[..text.floor_char_boundary(SAMPLE_BYTES)];
    let cleaned;
    let text = if has_links(text) {
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
mod tests {
    use super::*;

    #[test]
    fn tells_the_three_languages_apart() {
        assert_eq!(
            detect("The General Staff said Russia has lost 1,251 tanks since February."),
            Lang::En
        );
        assert_eq!(
            detect("Генштаб ЗСУ повідомив про втрати окупантів за минулу добу"),
            Lang::Uk
        );
        assert_eq!(
            detect("Военнослужащие отказались выполнять приказ и вернулись в часть"),
            Lang::Ru
        );
        assert_eq!(detect("Путин заявил о потерях"), Lang::Ru);
        assert_eq!(detect("Загальні бойові втрати противника"), Lang::Uk);
        // Short sentences: one Ukrainian letter and no Russian one, or a Ukrainian-only word.
        assert_eq!(
            detect("Суди винесли 7 тисяч вироків за статтею 407 КК."),
            Lang::Uk
        );
        assert_eq!(detect("Гривня втратила 2% за тиждень."), Lang::Uk);
        assert_eq!(detect("Рубль потерял 4% за неделю."), Lang::Ru);
    }

    #[test]
    fn bulgarian_and_serbian_are_other() {
        assert_eq!(
            detect(
                "Русия е загубила над 1000 танка, съобщи министерството на отбраната във вторник, според което това е най-голямата загуба."
            ),
            Lang::Other
        );
        assert_eq!(
            detect(
                "Министарство одбране Русије је саопштило да су губици војске већи него што се очекивало због рата."
            ),
            Lang::Other
        );
        assert_eq!(
            detect("Die Bundeswehr meldet Verluste an der Front und neue Panzer."),
            Lang::Other
        );
        assert_eq!(
            detect("Rosja straciła 1000 czołgów, podaje sztab generalny."),
            Lang::Other
        );
        assert_eq!(detect("Russia loses 1,000 tanks"), Lang::En);
    }

    #[test]
    fn russian_ordinals_are_not_bulgarian_words() {
        assert_eq!(
            detect("Сапер 132-й бригады 51-й армии рассказал о минах"),
            Lang::Ru
        );
    }

    #[test]
    fn web_addresses_do_not_count() {
        assert_eq!(
            detect(
                "Учёные нашли родину колеса https://example.org/article/anthropology/wheel-in-the-carpathian-mountains"
            ),
            Lang::Ru
        );
        assert_eq!(
            detect(
                "Бійці відмовилися виконувати наказ [докладно](https://example.org/news/soldiers-refused-orders-report)"
            ),
            Lang::Uk
        );
    }

    #[test]
    fn too_little_text_is_other() {
        assert_eq!(detect("12 345 !!"), Lang::Other);
        assert_eq!(detect(""), Lang::Other);
    }
}
