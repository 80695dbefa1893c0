//! Text to comparable tokens: lowercase words cut to their first [`STEM_CHARS`] letters (a
//! cheap, language-blind stem that makes "отказались"/"отказался" and "Zelensky"/"Zelenskyy"
//! meet), hashed to 64 bits. URLs, `#hashtags`, `@mentions`, emoji, punctuation and words with
//! digits (numbers are compared separately, see `numbers`) are left out. The text is read line
//! by line so whole boilerplate lines can be dropped.

use crate::text::hash::mix64;

/// Letters kept of each word.
pub const STEM_CHARS: usize = 6;
/// Bytes of title + text read per item; the rest is ignored (hostile or huge inputs).
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// One line of text: where its tokens are in [`Tokens::tokens`], and what it looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    /// Hash of the trimmed line's bytes: equal lines, equal hashes.
    pub raw_hash: u64,
    /// The line looks like a "subscribe to our channel" call.
    pub promo: bool,
    /// The line starts with a bullet (a symbol or emoji, "-", "•", "▪️", "1.").
    pub bulleted: bool,
}

/// The tokens of a text, line by line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    pub tokens: Vec<u64>,
    pub lines: Vec<Line>,
}

impl Tokens {
    pub fn of_line(&self, line: &Line) -> &[u64] {
        &self.tokens[line.start..line.end]
    }
}

/// Cuts `s` to at most `max` bytes on a character boundary.
pub fn cap_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Words that mark a "subscribe"/"send us news" line, matched at word starts after lowercasing.
const PROMO_MARKERS: &[&str] = &[
    "подписаться",
    "подписывайтесь",
    "подпишитесь",
    "підписатися",
    "підписуйтесь",
    "підпишіться",
    "subscribe",
    "прислать новость",
    "надіслати новину",
    "предложить новость",
];

/// Lowercase fragments one of [`PROMO_MARKERS`] contains, checked before lowercasing a line.
const PROMO_HINTS: &[&str] = &[
    "одпис",
    "одпиш",
    "ідпис",
    "ідпиш",
    "ubscrib",
    "рислать",
    "адіслати",
    "редложить",
    "ОДПИС",
    "ІДПИС",
    "UBSCRIB",
];

fn is_promo(line: &str, words: usize) -> bool {
    if words > 16 || line.len() > 400 || !PROMO_HINTS.iter().any(|h| line.contains(h)) {
        return false;
    }
    let lower = line.to_lowercase();
    PROMO_MARKERS.iter().any(|m| {
        lower.match_indices(m).any(|(i, _)| {
            i == 0
                || lower[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// Cyrillic letters (no digits, symbols or combining marks among them).
fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{0481}').contains(&c) || ('\u{048A}'..='\u{04FF}').contains(&c)
}

/// Letters and digits, with a fast path for ASCII and Cyrillic.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Punctuation, symbols and emoji, common in posts, skip the slow general lookup (these
    // blocks hold no letter or digit).
    let symbol = matches!(c,
        '\u{a0}'..='\u{a9}' | '\u{ab}'..='\u{b1}' | '\u{b4}' | '\u{b6}'..='\u{b8}' | '\u{bb}' | '\u{bf}'
        | '\u{2000}'..='\u{206f}' | '\u{2190}'..='\u{245f}' | '\u{2500}'..='\u{2775}'
        | '\u{2794}'..='\u{2bff}' | '\u{fe00}'..='\u{fe0f}' | '\u{1f000}'..='\u{1f0ff}'
        | '\u{1f1e6}'..='\u{1faff}');
    !symbol && (is_cyrillic(c) || c.is_alphanumeric())
}

/// The lowercase of a letter (the first char of its lowercase form), fast for ASCII and
/// Cyrillic.
fn lower(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'a'..='z' => c,
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        'а'..='я' | 'ѐ'..='џ' => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// A word being read: its hash over the first [`STEM_CHARS`] lowercase letters.
struct Word {
    h: u64,
    kept: usize,
    letters: usize,
    digit: bool,
}

impl Word {
    const EMPTY: Word = Word {
        h: 0xcbf2_9ce4_8422_2325,
        kept: 0,
        letters: 0,
        digit: false,
    };

    fn push(&mut self, c: char) {
        if c.is_ascii_digit() || (!c.is_ascii() && !is_cyrillic(c) && c.is_numeric()) {
            self.digit = true;
            return;
        }
        self.letters += 1;
        if self.kept == STEM_CHARS {
            return;
        }
        let l = match lower(c) {
            'ё' => 'е',
            l => l,
        };
        let mut buf = [0u8; 4];
        for b in l.encode_utf8(&mut buf).as_bytes() {
            self.h ^= u64::from(*b);
            self.h = self.h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.kept += 1;
    }

    /// Ends the word: its token (words of one letter or with digits have none); counts it.
    fn finish(&mut self, out: &mut Vec<u64>, words: &mut usize) {
        if self.letters > 0 || self.digit {
            *words += 1;
            if self.letters >= 2 && !self.digit {
                out.push(mix64(self.h));
            }
        }
        *self = Word::EMPTY;
    }
}

/// Whether a link starts at byte `i` of `b`.
pub fn link_at(b: &[u8], i: usize) -> bool {
    let at = |pat: &[u8]| {
        b.len() >= i + pat.len()
            && b[i..i + pat.len()]
                .iter()
                .zip(pat)
                .all(|(x, y)| x.to_ascii_lowercase() == *y)
    };
    match b[i] {
        b'h' | b'H' => at(b"http://") || at(b"https://"),
        b'w' | b'W' => at(b"www."),
        b't' | b'T' => at(b"t.me/") && (i == 0 || !b[i - 1].is_ascii_alphanumeric()),
        _ => false,
    }
}

/// Splits one line into token hashes, appending to `out`; returns the number of words seen.
/// One pass: a `#` or `@` at the start of a whitespace-separated chunk, or a link anywhere in
/// it, skips the rest of the chunk.
fn tokenize_line(line: &str, out: &mut Vec<u64>) -> usize {
    let bytes = line.as_bytes();
    let mut words = 0;
    let mut word = Word::EMPTY;
    let mut chunk_start = true;
    let mut skip = false;
    for (i, c) in line.char_indices() {
        let space = if c.is_ascii() {
            c.is_ascii_whitespace()
        } else {
            c.is_whitespace()
        };
        if space {
            word.finish(out, &mut words);
            chunk_start = true;
            skip = false;
            continue;
        }
        if chunk_start {
            chunk_start = false;
            skip = c == '#' || c == '@';
        }
        if skip {
            continue;
        }
        if c.is_ascii() && link_at(bytes, i) {
            word.finish(out, &mut words);
            skip = true;
        } else if is_word_char(c) {
            word.push(c);
        } else {
            word.finish(out, &mut words);
        }
    }
    word.finish(out, &mut words);
    words
}

fn starts_with_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(['.', ')'])
        }
        Some(c) => !c.is_alphanumeric() && !matches!(c, '"' | '«' | '„' | '“' | '\'' | '(' | '['),
        None => false,
    }
}

/// The tokens of `title` then `text` (each capped), line by line.
pub fn tokenize(title: &str, text: &str) -> Tokens {
    let title = cap_bytes(title, MAX_INPUT_BYTES / 8);
    let text = cap_bytes(text, MAX_INPUT_BYTES);
    let mut out = Tokens {
        tokens: Vec::with_capacity(text.len() / 6),
        lines: Vec::new(),
    };
    for raw in title.lines().chain(text.lines()) {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let start = out.tokens.len();
        let words = tokenize_line(trimmed, &mut out.tokens);
        out.lines.push(Line {
            start,
            end: out.tokens.len(),
            raw_hash: crate::text::hash::hash64(trimmed.as_bytes()),
            promo: is_promo(trimmed, words),
            bulleted: words >= 4 && starts_with_bullet(trimmed),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<u64> {
        tokenize("", s).tokens
    }

    #[test]
    fn fast_lowercase_agrees_with_the_standard_one() {
        for c in ('\u{0}'..='\u{052F}').chain(['İ', 'Σ', 'Ǆ']) {
            assert_eq!(lower(c), c.to_lowercase().next().unwrap_or(c), "{c:?}");
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            if is_cyrillic(c) {
                assert!(!c.is_numeric(), "{c:?}");
            }
        }
    }

    #[test]
    fn words_are_cut_and_lowercased_so_inflections_meet() {
        assert_eq!(toks("Отказались"), toks("отказался"));
        assert_eq!(toks("ZELENSKY"), toks("zelenskyy"));
        assert_eq!(toks("Ёлка"), toks("елка"));
        assert_ne!(toks("танки"), toks("танкисты отказались"));
    }

    #[test]
    fn links_tags_mentions_numbers_and_emoji_are_not_tokens() {
        assert_eq!(
            toks(
                "⚡️ Взрыв https://t.me/+abc #срочно @channel 1 250 [Подробнее](https://x.org/a?b=1)"
            ),
            toks("взрыв подробнее")
        );
        assert_eq!(toks("see www.example.org/path now"), toks("see now"));
        assert!(toks("12 345 67,5").is_empty());
    }

    #[test]
    fn promo_lines_and_bullets_are_marked() {
        let ls = tokenize(
            "Title",
            "Новость дня.\n👉 Топор Live. Подписаться\n▪️ Первая строка списка событий дня\nПрезидент подписал закон",
        );
        let promo: Vec<bool> = ls.lines.iter().map(|l| l.promo).collect();
        assert_eq!(promo, vec![false, false, true, false, false]);
        assert!(ls.lines[3].bulleted);
        assert!(!ls.lines[1].bulleted);
        assert_eq!(ls.of_line(&ls.lines[4]).len(), 3);
    }

    #[test]
    fn hostile_text_does_not_panic() {
        let huge = "слово ".repeat(100_000);
        let n = tokenize(&huge, &huge).tokens.len();
        assert!(n > 0 && n < 20_000);
        let odd = "\u{202e}\u{0}\u{fffd}a\u{301}\u{1F600}\u{200d}\u{1F466} e\u{301}\u{301}\u{301}";
        let _ = tokenize(odd, odd);
        assert_eq!(tokenize("", ""), Tokens::default());
        assert_eq!(cap_bytes("жж", 3), "ж");
    }

    #[test]
    fn the_symbol_shortcut_agrees_with_the_general_lookup() {
        for c in (0xa0..0x3000).chain(0xfe00..0xfe10).chain(0x1f000..0x1fb00) {
            let Some(c) = char::from_u32(c) else { continue };
            assert_eq!(
                is_word_char(c),
                is_cyrillic(c) || c.is_alphanumeric(),
                "{c:?}"
            );
        }
    }
}
