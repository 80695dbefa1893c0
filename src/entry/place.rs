//! Where a claim says it happened, as a phrase of the claim line: a place of the gazetteer by
//! its nominative name in the reader's language ("on the Kursk axis" in English, "(Курський
//! напрямок)" after a Ukrainian or Russian sentence), anything else quoted as written.

use super::present;
use crate::digest::format::fill_html;
use crate::i18n::EntryTexts;
use crate::model::Lang;
use crate::names::places::{self, Kind};
use crate::text::escape_html;
use crate::text::headline::cut_at_word;

/// Longest place shown as written, in characters.
const MAX_WRITTEN_CHARS: usize = 80;

/// A place's name for a reader of `lang`, escaped: the gazetteer's nominative, else «as
/// written». `None` when there is no place.
pub fn name(written: Option<&str>, lang: Lang) -> Option<String> {
    let w = present(written)?;
    Some(match places::lookup(w) {
        Some(p) => escape_html(p.name(lang)),
        None => format!("«{}»", escape_html(&cut_at_word(w, MAX_WRITTEN_CHARS))),
    })
}

/// The claim line's place phrase, with its leading space; "" when there is none.
pub fn phrase(t: &EntryTexts, written: Option<&str>, lang: Lang) -> String {
    let Some(w) = present(written) else {
        return String::new();
    };
    match places::lookup(w) {
        Some(p) => {
            let template = match p.kind {
                Kind::Region => t.places[0],
                Kind::District => t.places[1],
                Kind::City => t.places[2],
                Kind::Axis => t.places[3],
                Kind::Group => t.places[4],
                Kind::Site => t.places[5],
            };
            fill_html(template, &[("place", &escape_html(p.name(lang)))])
        }
        None => fill_html(
            t.place_written,
            &[("place", &escape_html(&cut_at_word(w, MAX_WRITTEN_CHARS)))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::entry_texts;

    #[test]
    fn known_places_in_the_nominative_others_quoted() {
        let en = entry_texts(Lang::En);
        assert_eq!(
            phrase(en, Some("курском направлении"), Lang::En),
            " on the Kursk axis"
        );
        assert_eq!(
            phrase(en, Some("Купянска"), Lang::En),
            " in the Kupiansk area"
        );
        assert_eq!(
            phrase(en, Some("Бєлгородщині"), Lang::En),
            " in Belgorod region"
        );
        let uk = entry_texts(Lang::Uk);
        assert_eq!(
            phrase(uk, Some("курском направлении"), Lang::Uk),
            " (Курський напрямок)"
        );
        assert_eq!(
            phrase(uk, Some("Ахтырском районе"), Lang::Uk),
            " («Ахтырском районе»)"
        );
        assert_eq!(phrase(en, Some("<b>"), Lang::En), " in «&lt;b&gt;»");
        assert_eq!(phrase(en, Some("  "), Lang::En), "");
        assert_eq!(
            name(Some("Севастополе"), Lang::En).as_deref(),
            Some("Sevastopol")
        );
    }
}
