//! The language of a text or of the bot's replies, and the error for an unknown name.

use serde::{Deserialize, Serialize};

/// Language of a text or of the bot's replies. `Other` covers everything that is not
/// English, Ukrainian or Russian (Bulgarian, Serbian, German, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Uk,
    Ru,
    Other,
}

named_values!(Lang, "language", "en, uk, ru or other", {
    En => "en",
    Uk => "uk" | "ua",
    Ru => "ru",
    Other => "other",
});

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Uk, Lang::Ru, Lang::Other];

    /// The language for the bot's own replies from a Telegram `language_code` ("uk", "ru-RU", …).
    pub fn from_ui_code(code: &str) -> Lang {
        let base = code.split(['-', '_']).next().unwrap_or("");
        match base.to_ascii_lowercase().as_str() {
            "uk" => Lang::Uk,
            "ru" => Lang::Ru,
            _ => Lang::En,
        }
    }
}

/// A value that is not one of a fixed set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}: expected {expected}")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static str,
}

impl UnknownValue {
    pub fn new(what: &'static str, value: &str, expected: &'static str) -> Self {
        Self {
            what,
            value: value.chars().take(64).collect(),
            expected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_language_from_telegram_codes() {
        assert_eq!(Lang::from_ui_code("uk"), Lang::Uk);
        assert_eq!(Lang::from_ui_code("ru-RU"), Lang::Ru);
        assert_eq!(Lang::from_ui_code("de"), Lang::En);
        assert_eq!(Lang::from_ui_code(""), Lang::En);
    }
}
