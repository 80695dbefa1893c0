//! Sources named other than by their name: an outlet recalled by the word it was introduced
//! with ("Проект отмечал"), a list of the dead by whoever keeps it, outlets named by their kind
//! ("западные издания").

use super::{claims_of, run};
use crate::classify::Category;

#[test]
fn a_word_for_an_outlet_stands_for_the_outlet_introduced_with_it() {
    // "Проект отмечал" after "аналитический проект DeepState" is DeepState, though the lead
    // names another source; a word no outlet was introduced with recalls nobody.
    let text = "Генштаб ВСУ заявил, что все атаки на Купянск отбиты.\n\nНакануне украинский \
         аналитический проект DeepState сообщил, что российские военные зашли на окраины \
         города.\n\nПроект отмечал, что украинские военные подбили один бронированный тягач.";
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant.as_deref(), Some("DeepState"));
    let c = run(&text.replace("аналитический проект DeepState", "канал DeepState"));
    let claims = claims_of(&c, Category::Losses);
    assert_ne!(
        claims[0].claimant.as_deref(),
        Some("DeepState"),
        "{claims:?}"
    );
}

#[test]
fn who_keeps_a_list_of_the_dead_tells_what_it_counts() {
    let c = run(
        "Война идет уже 1000 дней.\n\nВсе это время Би-би-си вместе с «Медиазоной» ведет \
         поименный список российских военных, погибших в ходе вторжения.\n\nВ этом списке почти \
         80 тысяч имен.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant_id.as_deref(), Some("bbc_russian"));
}

#[test]
fn outlets_named_by_their_kind_are_a_source_as_written() {
    let c = run(
        "Зеленский заявил, что погибло 31 тысяча украинских военных.\n\nРазные западные \
         издания оценивали потери Украины убитыми в 57-100 тысяч человек.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert_eq!(
        claims[1].claimant.as_deref(),
        Some("Разные западные издания")
    );
    // The kind alone says no one.
    let c = run("Как пишут СМИ, ВСУ потеряли 300 военных.");
    assert_eq!(claims_of(&c, Category::Losses)[0].claimant, None);
}
