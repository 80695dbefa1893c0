//! Tests of language detection.

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
    // No і ї є ґ, yet Ukrainian words ("знищено", "ворога", "разом з").
    assert_eq!(
        detect("Знищено опорний пункт ворога разом з особовим складом."),
        Lang::Uk
    );
    assert_eq!(
        detect("Уничтожен опорный пункт врага вместе с личным составом."),
        Lang::Ru
    );
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
