//! Inline-button data: a compact, strictly parsed form (always ≤ 64 bytes). Anything that does
//! not parse exactly — old buttons, forged data — is `None` and gets a short notice.

use crate::model::{Category, Lang};

/// Telegram's limit on callback data.
pub const MAX_DATA_BYTES: usize = 64;

/// Common time zones offered by the picker; others are typed with `/timezone`.
pub const COMMON_ZONES: [&str; 10] = [
    "Europe/Kyiv",
    "Europe/Moscow",
    "Europe/Warsaw",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Riga",
    "Asia/Tbilisi",
    "America/New_York",
    "Asia/Almaty",
    "UTC",
];

/// Which settings screen to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Main,
    Hour,
    Zone,
    Language,
    /// The weekly chart's day.
    ChartDay,
}

/// What a button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Switch a topic on or off.
    Topic(Category),
    /// Turn the digest on (`true`) or off.
    Digest(bool),
    Show(Screen),
    /// Digest at this hour (minutes kept).
    Hour(u32),
    /// Time zone `COMMON_ZONES[i]`.
    Zone(usize),
    Language(Lang),
    /// The weekly chart on ISO weekday 1–7, or 0 for none.
    ChartDay(u32),
    /// Page `page` (0-based) of search session `session`.
    Page {
        session: u64,
        page: u32,
    },
    /// A label that does nothing (the page counter).
    Noop,
}

impl Action {
    /// The button's data.
    pub fn encode(self) -> String {
        match self {
            Action::Topic(c) => format!("t:{}", c.as_str()),
            Action::Digest(on) => format!("d:{}", if on { "on" } else { "off" }),
            Action::Show(s) => format!(
                "m:{}",
                match s {
                    Screen::Main => "main",
                    Screen::Hour => "hour",
                    Screen::Zone => "zone",
                    Screen::Language => "lang",
                    Screen::ChartDay => "chart",
                }
            ),
            Action::Hour(h) => format!("h:{h}"),
            Action::Zone(i) => format!("z:{i}"),
            Action::Language(l) => format!("l:{}", l.as_str()),
            Action::ChartDay(d) => format!("c:{d}"),
            Action::Page { session, page } => format!("p:{session:x}:{page}"),
            Action::Noop => "noop".into(),
        }
    }

    /// Parses button data; `None` for anything this version did not make.
    pub fn parse(data: &str) -> Option<Action> {
        if data.len() > MAX_DATA_BYTES {
            return None;
        }
        if data == "noop" {
            return Some(Action::Noop);
        }
        let (kind, arg) = data.split_once(':')?;
        let small = |s: &str, max: u32| -> Option<u32> {
            if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok().filter(|n| *n <= max)
        };
        match kind {
            "t" => match arg {
                "refusal" => Some(Action::Topic(Category::Refusal)),
                "losses" => Some(Action::Topic(Category::Losses)),
                _ => None,
            },
            "d" => match arg {
                "on" => Some(Action::Digest(true)),
                "off" => Some(Action::Digest(false)),
                _ => None,
            },
            "m" => Some(Action::Show(match arg {
                "main" => Screen::Main,
                "hour" => Screen::Hour,
                "zone" => Screen::Zone,
                "lang" => Screen::Language,
                "chart" => Screen::ChartDay,
                _ => return None,
            })),
            "h" => small(arg, 23).map(Action::Hour),
            "c" => small(arg, 7).map(Action::ChartDay),
            "z" => small(arg, COMMON_ZONES.len() as u32 - 1).map(|i| Action::Zone(i as usize)),
            "l" => match arg {
                "en" => Some(Action::Language(Lang::En)),
                "uk" => Some(Action::Language(Lang::Uk)),
                "ru" => Some(Action::Language(Lang::Ru)),
                _ => None,
            },
            "p" => {
                let (session, page) = arg.split_once(':')?;
                let hex_ok = !session.is_empty()
                    && session.len() <= 16
                    && session
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
                if !hex_ok || page.len() > 4 || !page.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                Some(Action::Page {
                    session: u64::from_str_radix(session, 16).ok()?,
                    page: page.parse().ok()?,
                })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_64_bytes() {
        let mut all = vec![
            Action::Topic(Category::Refusal),
            Action::Topic(Category::Losses),
            Action::Digest(true),
            Action::Digest(false),
            Action::Show(Screen::Main),
            Action::Show(Screen::Hour),
            Action::Show(Screen::Zone),
            Action::Show(Screen::Language),
            Action::Language(Lang::En),
            Action::Language(Lang::Uk),
            Action::Language(Lang::Ru),
            Action::Page {
                session: u64::MAX,
                page: 9999,
            },
            Action::Noop,
        ];
        all.extend((0..24).map(Action::Hour));
        all.extend((0..COMMON_ZONES.len()).map(Action::Zone));
        for a in all {
            let data = a.encode();
            assert!(data.len() <= MAX_DATA_BYTES, "{data}");
            assert_eq!(Action::parse(&data), Some(a), "{data}");
        }
    }

    #[test]
    fn garbage_is_refused() {
        for bad in [
            "",
            ":",
            "t:",
            "t:bananas",
            "h:24",
            "h:-1",
            "h:+1",
            "h:0001",
            "z:10",
            "z:99999999999999999999",
            "l:de",
            "l:other",
            "p:zz:1",
            "p:1",
            "p:1:",
            "p:1:-1",
            "p:FF:1",
            "p:11111111111111111:1",
            "m:root",
            "noop:",
            "d:maybe",
            &"x".repeat(65),
            "t:refusal\u{202e}",
        ] {
            assert_eq!(Action::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn common_zones_all_parse() {
        for z in COMMON_ZONES {
            assert!(z.parse::<crate::tz::ChatTz>().is_ok(), "{z}");
        }
    }
}
