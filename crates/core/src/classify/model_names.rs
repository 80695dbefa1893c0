//! Models' names ("Су-34", "Ка-52", "T-72", "F-16"): their numbers count nothing, and their
//! tokens do not stand between a noun and the words said of it.

use super::doc::Doc;

/// Digits joined by a bare hyphen to the short word before them name a model, not a count:
/// "Су-34", "Ка-52", "Т-72", "F-16", "Leopard-2".
pub fn model_number(doc: &Doc, t: usize) -> bool {
    const MODEL_NAME_CHARS: usize = 8;
    let Some(k) = t.checked_sub(1) else {
        return false;
    };
    let word = doc.word(k);
    doc.gap_after(k) == "-"
        && !doc.tokens[k].is_number
        && doc.tokens[k].sentence == doc.tokens[t].sentence
        && word.chars().count() <= MODEL_NAME_CHARS
        && word.chars().all(char::is_alphabetic)
}

/// Token `t` is part of a model's name: its number, or the word joined to it.
pub fn in_model_name(doc: &Doc, t: usize) -> bool {
    (doc.tokens[t].is_number && model_number(doc, t))
        || doc
            .tokens
            .get(t + 1)
            .is_some_and(|n| n.is_number && model_number(doc, t + 1))
}

/// The token `words` words before `t`, not counting the tokens of models' names ("Российский
/// вертолет Ми-8 был уничтожен": the side is two words before the verb), and not before
/// `floor`.
pub fn words_back(doc: &Doc, t: usize, words: usize, floor: usize) -> usize {
    let mut k = t;
    let mut left = words;
    while left > 0 && k > floor {
        k -= 1;
        if !in_model_name(doc, k) {
            left -= 1;
        }
    }
    k
}
