//! Function words of each language list ("the", "що", "что", "които", …) and how many of
//! each list a text uses.

use super::chars::{is_letter, is_upper, lower};
use crate::text::fnv::FnvBuild;
use std::collections::HashMap;
use std::sync::OnceLock;

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
    "з",
    "разом",
    "коли",
    "зараз",
    "знищено",
    "ворога",
    "ворог",
    "втрати",
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
/// Each function word with the lists it is in (a bit per list), and the longest one's length
/// in bytes: a longer word is looked up in none.
struct FunctionWords {
    lists: HashMap<&'static str, u8, FnvBuild>,
    longest: usize,
}

fn function_words() -> &'static FunctionWords {
    static WORDS: OnceLock<FunctionWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut m: HashMap<&'static str, u8, FnvBuild> = HashMap::default();
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
        let longest = m.keys().map(|w| w.len()).max().unwrap_or(0);
        FunctionWords { lists: m, longest }
    })
}

/// How many function words of each list the text uses: English, Ukrainian, Russian,
/// Bulgarian, Serbian, other Latin-script languages.
pub(super) fn word_scores(text: &str) -> [u32; 6] {
    let mut s = [0u32; 6];
    let words = function_words();
    let mut lowered = String::new();
    for w in text
        .split(|c: char| !is_letter(c))
        .filter(|w| !w.is_empty() && w.len() <= words.longest)
    {
        let w = if w.chars().any(is_upper) {
            lowered.clear();
            lowered.extend(w.chars().map(lower));
            lowered.as_str()
        } else {
            w
        };
        if let Some(bits) = words.lists.get(w) {
            for (i, score) in s.iter_mut().enumerate() {
                if bits & (1 << i) != 0 {
                    *score += 1;
                }
            }
        }
    }
    s
}
