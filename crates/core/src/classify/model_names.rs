//! Models' names ("Су-34", "Ка-52", "T-72", "F-16"): their numbers count nothing, and their
//! tokens do not stand between a noun and the words said of it.

use super::doc::Doc;

/// Digits joined by a bare hyphen to the short word before them name a model, not a count:
/// "Су-34", "Ка-52", "Т-72", "F-16", "Leopard-2"; so do digits glued to a capital letter or two
/// ("M777", "М109").
pub fn model_number(doc: &Doc, t: usize) -> bool {
    const MODEL_NAME_CHARS: usize = 8;
    const GLUED_PREFIX_CHARS: usize = 2;
    let Some(k) = t.checked_sub(1) else {
        return false;
    };
    let word = doc.word(k);
    let glued = doc.gap_after(k).is_empty()
        && word.chars().count() <= GLUED_PREFIX_CHARS
        && doc.span(k, k).chars().all(char::is_uppercase);
    (doc.gap_after(k) == "-" || glued)
        && !doc.tokens[k].is_number
        && doc.tokens[k].sentence == doc.tokens[t].sentence
        && word.chars().count() <= MODEL_NAME_CHARS
        && word.chars().all(char::is_alphabetic)
}

/// Token `t` is part of a model's name: its number, the word joined to it, or what is glued
/// to the number ("Ту-22М3": "М3").
pub fn in_model_name(doc: &Doc, t: usize) -> bool {
    let mut k = t;
    while k > 0 && doc.gap_after(k - 1).is_empty() && !is_model_number(doc, k) {
        k -= 1;
    }
    is_model_number(doc, k)
        || doc
            .tokens
            .get(t + 1)
            .is_some_and(|_| is_model_number(doc, t + 1))
}

fn is_model_number(doc: &Doc, t: usize) -> bool {
    doc.tokens[t].is_number && model_number(doc, t)
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
