//! Who an entry says makes its claim: a known claimant by its name in the reader's language
//! (found by id, or by its name as written through the table and its aliases), anyone else as
//! written, and when the text names nobody the channel that posted it — itself a known
//! claimant when the table knows its name ("BBC News | Русская служба" is BBC Russian).

use super::present;
use crate::i18n::entry_texts;
use crate::model::{Claim, Lang};
use crate::names::claimants;
use crate::text::headline::cut_at_word;

/// Longest claimant or channel name shown, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// The claimant as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    /// Plain text (not escaped), starting with a capital.
    pub name: String,
    /// The claim is the channel's own: the text names no claimant.
    pub own: bool,
    /// The name is the table's, in the reader's language.
    pub known: bool,
}

/// "the Pentagon" → "The Pentagon": a claim line starts with its claimant.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn named(name: &str, lang: Lang, own: bool) -> Who {
    match claimants::by_name(name) {
        Some(k) => Who {
            name: capitalised(k.display(lang)),
            own,
            known: true,
        },
        None => Who {
            name: capitalised(&cut_at_word(name.trim(), MAX_NAME_CHARS)),
            own,
            known: false,
        },
    }
}

/// Who claims `claim`, shown to a reader of `lang`; `channel` is the first source's name.
pub fn of(claim: Option<&Claim>, channel: Option<&str>, lang: Lang) -> Who {
    let written = claim.and_then(|c| present(c.claimant.as_deref()));
    let id = claim.and_then(|c| c.claimant_id.as_deref());
    if let Some(k) = claimants::resolve(id, written) {
        return Who {
            name: capitalised(k.display(lang)),
            own: false,
            known: true,
        };
    }
    if let Some(w) = written {
        return named(w, lang, false);
    }
    match channel.and_then(|c| present(Some(c))) {
        Some(c) => named(c, lang, true),
        None => Who {
            name: entry_texts(lang).unattributed.to_owned(),
            own: true,
            known: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    fn claim(claimant: Option<&str>, id: Option<&str>) -> Claim {
        Claim {
            category: Category::Losses,
            claimant: claimant.map(str::to_owned),
            claimant_id: id.map(str::to_owned),
            side: None,
            unit: None,
            location: None,
            figures: Vec::new(),
            evidence: Vec::new(),
            other_conflict: false,
        }
    }

    #[test]
    fn known_claimants_in_the_readers_language() {
        let c = claim(Some("General Staff of the Armed Forces of Ukraine"), None);
        assert_eq!(of(Some(&c), None, Lang::Uk).name, "Генштаб ЗСУ");
        let c = claim(Some("Institute for the Study of War"), Some("isw"));
        assert_eq!(
            of(Some(&c), None, Lang::En).name,
            "The Institute for the Study of War"
        );
        let own = of(
            Some(&claim(None, None)),
            Some("BBC News | Русская служба"),
            Lang::En,
        );
        assert_eq!(
            (own.name.as_str(), own.own, own.known),
            ("BBC Russian", true, true)
        );
    }

    #[test]
    fn unknown_claimants_as_written_and_nobody_said_truly() {
        let c = claim(Some(" источник в СБУ "), None);
        let w = of(Some(&c), Some("SHOT"), Lang::En);
        assert_eq!(
            (w.name.as_str(), w.own, w.known),
            ("Источник в СБУ", false, false)
        );
        let c = claim(Some("null"), None);
        assert_eq!(
            of(Some(&c), Some("Front Notes"), Lang::En).name,
            "Front Notes"
        );
        assert_eq!(of(None, None, Lang::Ru).name, "Неназванный источник");
        assert_eq!(of(None, Some("  "), Lang::En).name, "An unnamed source");
    }
}
