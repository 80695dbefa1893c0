//! Lengths of Telegram HTML, in UTF-16 code units as Telegram counts them.

use super::tokens::{Token, tokens};

/// Raw length: every byte of markup counted (an upper bound of what Telegram counts).
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Visible length: tags count nothing, an entity counts one.
pub fn visible_len(s: &str) -> usize {
    tokens(s)
        .map(|t| match t {
            Token::Text { width, .. } => width,
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_utf16_units_not_bytes() {
        assert_eq!(utf16_len("відмова"), 7);
        assert_eq!(utf16_len("🪖"), 2);
    }

    #[test]
    fn emoji_count_as_two_and_tags_as_nothing() {
        assert_eq!(visible_len("😀"), 2);
        assert_eq!(visible_len("<a href=\"https://x\">x</a>&lt;"), 2);
    }
}
