//! Language detection for English, Ukrainian and Russian, with everything else (Bulgarian,
//! Serbian, Belarusian, German, …) as `Other`. Letter evidence first (і ї є ґ are Ukrainian,
//! ы э ё Russian, ђ ј љ њ ћ џ Serbian/Macedonian, ў Belarusian), then function words.
//! Fast enough for the hot path: one pass over the characters, one over the words.

use crate::model::Lang;

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
        let lower = if ch.is_uppercase() {
            ch.to_lowercase().next().unwrap_or(ch)
        } else {
            ch
        };
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
            _ if lower.is_alphabetic() => c.latin += u32::from(lower.is_ascii()),
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

fn word_scores(text: &str) -> [u32; 6] {
    let mut s = [0u32; 6];
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && w.len() <= 24)
    {
        let lower;
        let w = if w.chars().any(char::is_uppercase) {
            lower = w.to_lowercase();
            lower.as_str()
        } else {
            w
        };
        if EN_WORDS.contains(&w) {
            s[0] += 1;
        }
        if UK_WORDS.contains(&w) {
            s[1] += 1;
        }
        if RU_WORDS.contains(&w) {
            s[2] += 1;
        }
        if BG_WORDS.contains(&w) {
            s[3] += 1;
        }
        if SR_WORDS.contains(&w) {
            s[4] += 1;
        }
        if OTHER_LATIN_WORDS.contains(&w) {
            s[5] += 1;
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
    let cleaned;
    let text = if has_links(text) {
        cleaned = without_links(text);
        // A text that is nothing but an address is read as written.
        if cleaned.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
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
            .filter(|c| c.is_alphabetic() && !c.is_ascii())
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
