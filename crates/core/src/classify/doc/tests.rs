//! Tests of text preparation: tokens, sentences, paragraphs, links and headlines.

use super::*;

fn words(d: &Doc) -> Vec<String> {
    (0..d.tokens.len()).map(|t| d.word(t).to_owned()).collect()
}

#[test]
fn a_short_first_line_alone_in_its_paragraph_is_a_headline() {
    let text = "**80 тысяч погибших**\n\nБи-би-си установила имена 80 973 военных.";
    assert_eq!(
        &text[headline_end(text)..],
        "\nБи-би-си установила имена 80 973 военных."
    );
    assert_eq!(headline_end("Одна строка без продолжения"), 0);
    assert_eq!(
        headline_end("Первая строка\nвторая строка того же абзаца"),
        0
    );
    // A news article's headline: its own line, no stop at its end, a sentence after it.
    let article =
        "Українські оборонці знищили майже 900 загарбників\nСили оборони ліквідували 870.";
    assert_eq!(
        &article[headline_end(article)..],
        "Сили оборони ліквідували 870."
    );
    assert_eq!(headline_end("Также:\nВСУ потеряли 300 военных."), 0);
}

#[test]
fn tokens_split_letters_digits_and_keep_apostrophes() {
    let d = Doc::new("Обʼєднані 72-га ОМБр: 1 251 танк, 12к ВСУшників; п'ять");
    assert_eq!(
        words(&d),
        vec![
            "об'єднані",
            "72",
            "га",
            "омбр",
            "1",
            "251",
            "танк",
            "12",
            "к",
            "всушників",
            "п'ять"
        ]
    );
    assert!(!d.tokens[3].all_caps && d.tokens[3].capitalized);
    assert_eq!(d.span(4, 6), "1 251 танк");
}

#[test]
fn sentences_break_at_lines_and_full_stops_but_not_abbreviations() {
    let d = Doc::new(
        "Потери составили 28,3 тыс. человек. Об этом сообщил В. Петров.\nтанков – 854\n\nНовый абзац",
    );
    let s: Vec<usize> = d.tokens.iter().map(|t| t.sentence).collect();
    // "Потери составили 28,3 тыс. человек." | "Об этом сообщил В. Петров." | "танков – 854" | "Новый абзац"
    assert_eq!(s, vec![0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 3, 3]);
    assert_eq!(d.sentences[3].paragraph, 1);
    assert_eq!(d.sentences[2].paragraph, 0);
}

#[test]
fn a_list_heading_ends_with_a_colon() {
    let d = Doc::new("Загальні втрати склали:\nтанків – 854");
    assert!(d.sentences[0].ends_with_colon);
    assert!(!d.sentences[1].ends_with_colon);
}

#[test]
fn web_addresses_are_not_words() {
    let d = Doc::new("SHOT [писал](https://t.me/shot_shot/74266), см. www.example.org/a и t.me/x");
    assert_eq!(words(&d), vec!["shot", "писал", "см", "и"]);
}

#[test]
fn hostile_input_is_safe() {
    assert!(Doc::new("").tokens.is_empty());
    assert_eq!(Doc::new("").sentences.len(), 1);
    let d = Doc::new("İ\u{0}\u{202e}🙂 ''' ‘’ ..."); // odd Unicode, lone apostrophes
    assert_eq!(words(&d), vec!["i"]);
    let huge = "слово ".repeat(MAX_CHARS);
    assert_eq!(Doc::new(&huge).tokens.len(), MAX_CHARS / 6 + 1);
}

#[test]
fn a_part_of_an_article_does_not_end_the_sentence() {
    let d = Doc::new("Суд приговорил рядового по ч. 5 ст. 337 УК РФ. Он покинул часть.");
    assert_eq!(d.sentences.len(), 2);
}
