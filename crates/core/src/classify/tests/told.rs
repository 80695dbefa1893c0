//! Who tells and who is told: an outlet named right after the verb, with the body that speaks
//! after "в" ("сообщили РИА Новости в Главной военной прокуратуре"), was told; a ministry named
//! with its country's adjective is that country's ("російського Міноборони"); a closing line
//! opening with a verb of saying tells the text ("— повідомляють у 3-й ОШБр").

use super::{claims_of, first_claimant, run};
use crate::classify::Category;

/// The claimant of the first loss claim of `text`.
fn claimant(text: &str) -> Option<String> {
    first_claimant(text, Category::Losses)
}

#[test]
fn an_outlet_told_at_an_institution_is_told() {
    assert_eq!(
        claimant("Противник потерял 300 военных, сообщили РИА Новости в пресс-службе группировки.")
            .as_deref(),
        Some("пресс-службе группировки")
    );
    let c = run(
        "С начала года в части вернулись более 600 военнослужащих, самовольно оставивших место службы, сообщили РИА Новости в Главной военной прокуратуре.",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(
        claims[0].claimant.as_deref(),
        Some("Главной военной прокуратуре")
    );
}

#[test]
fn russias_ministry_in_ukrainian_is_russias() {
    let c = run(
        "Речник назвав брехнею заяву російського Міноборони про 1 400 втрачених українських військових.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].claimant_id.as_deref(), Some("ru_mod"));
}

#[test]
fn a_closing_line_opening_with_a_verb_of_saying_tells_the_text() {
    for (text, want) in [
        (
            "Під Торецьком бійці бригади знищили два російські танки.\n\n— повідомляють у 3-й ОШБр",
            "3-й ОШБр",
        ),
        (
            "Под Курском уничтожены два танка ВСУ.\n\n— сообщает РИА Новости",
            "РИА Новости",
        ),
    ] {
        assert_eq!(claimant(text).as_deref(), Some(want), "{text}");
    }
}
