//! The digest suite: composition (sections, claimants, figures, sources, the losses block,
//! keywords, escaping, splitting) and scheduling (time zones, DST, catch-up, no story twice),
//! on a real store with explicit instants.

#[path = "../support/mod.rs"]
mod support;

mod bad_input;
mod cli;
mod compose;
mod content;
mod golden;
mod schedule;
mod seed;
mod week;

use claimwatch::config::Config;
use claimwatch::telegram_html::utf16_len;

/// Every part is valid Telegram HTML within the limit.
pub fn assert_valid_parts(parts: &[String]) {
    for (i, p) in parts.iter().enumerate() {
        assert!(utf16_len(p) <= 4096, "part {i} is {} units", utf16_len(p));
        if let Err(e) = support::tg_html::validate(p) {
            panic!("part {i} is not valid Telegram HTML: {e}\n{p}");
        }
    }
}

pub fn config() -> Config {
    Config::default()
}

/// Where `needle` is in `text` (the test fails when it is absent).
pub fn pos(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in:\n{text}"))
}
