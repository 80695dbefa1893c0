//! The settings that are not plain numbers or strings, parsed once when the file is read:
//! the digest's time of day, the default time zone, and languages. Each error names what was
//! expected; `serde_path_to_error` adds the option's name (`digest.time`,
//! `bot.ui_languages[1]`).

use crate::model::Lang;
use chrono::NaiveTime;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};
use std::fmt;

/// A local time of day, written "HH:MM" (24-hour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigestTime(pub NaiveTime);

impl DigestTime {
    /// Parses "HH:MM" (or "H:MM"), 24-hour.
    pub fn parse(s: &str) -> Option<DigestTime> {
        let (h, m) = s.trim().split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0).map(DigestTime)
    }
}

impl fmt::Display for DigestTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

impl<'de> Deserialize<'de> for DigestTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DigestTime::parse(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "expected a time of day as HH:MM (24-hour), got {s:?}"
            ))
        })
    }
}

impl Serialize for DigestTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An IANA time zone name, as `chrono_tz::Tz` (`#[serde(with = "zone")]`).
pub mod zone {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<chrono_tz::Tz, D::Error> {
        let s = String::deserialize(d)?;
        s.trim().parse().map_err(|_| {
            D::Error::custom(format!(
                "expected an IANA time zone name such as \"Europe/Kyiv\", got {s:?}"
            ))
        })
    }

    pub fn serialize<S: Serializer>(tz: &chrono_tz::Tz, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(tz.name())
    }
}

/// One of the languages the bot speaks: "en", "uk" or "ru" (not "other").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ReplyLang(Lang);

impl<'de> Deserialize<'de> for ReplyLang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "en" => Ok(ReplyLang(Lang::En)),
            "uk" => Ok(ReplyLang(Lang::Uk)),
            "ru" => Ok(ReplyLang(Lang::Ru)),
            _ => Err(D::Error::custom(format!(
                "expected \"en\", \"uk\" or \"ru\", got {s:?}"
            ))),
        }
    }
}

/// A list of the bot's languages (`#[serde(with = "langs")]`).
pub mod langs {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Lang>, D::Error> {
        let list = Vec::<ReplyLang>::deserialize(d)?;
        Ok(list.into_iter().map(|l| l.0).collect())
    }

    pub fn serialize<S: Serializer>(langs: &[Lang], s: S) -> Result<S::Ok, S::Error> {
        langs.serialize(s)
    }
}

/// An optional language of the bot's three (`#[serde(with = "optional_lang")]`).
pub mod optional_lang {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Lang>, D::Error> {
        Ok(Option::<ReplyLang>::deserialize(d)?.map(|l| l.0))
    }

    pub fn serialize<S: Serializer>(lang: &Option<Lang>, s: S) -> Result<S::Ok, S::Error> {
        lang.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_times_parse_and_print_as_hh_mm() {
        assert_eq!(
            DigestTime::parse("9:05").map(|t| t.to_string()).as_deref(),
            Some("09:05")
        );
        for bad in ["25:00", "9", "09:5", "noon", "123:00", ""] {
            assert!(DigestTime::parse(bad).is_none(), "{bad}");
        }
    }
}
