//! A text prepared for matching: capped in size, split into word and number tokens that keep
//! their place in the original, lowercased into a parallel normalised text (ё → е, every
//! apostrophe → '), and grouped into sentences and paragraphs. One pass over the characters,
//! one over the tokens; never panics on any input.

use crate::text::lang;

mod emphasis;
pub use emphasis::without_emphasis;

/// At most this many characters of an item are read; the rest is ignored, so a huge text
/// costs no more than a long article.
pub const MAX_CHARS: usize = 50_000;

/// Words that end with a full stop without ending the sentence ("тыс.", "ст.", "Mr.").
const ABBREVIATIONS: &[&str] = &[
    "тыс", "тис", "млн", "млрд", "ст", "стст", "ч", "art", "г", "гг", "обл", "р", "рр", "им", "ул",
    "вул", "н", "п", "нп", "т", "д", "ок", "прим", "см", "див", "англ", "мр", "mr", "mrs", "ms",
    "dr", "st", "no", "gen", "lt", "col", "maj", "sgt", "capt", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "approx", "u", "s",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// Byte range in the normalised text.
    pub nstart: usize,
    pub nend: usize,
    pub sentence: usize,
    /// Only ASCII digits.
    pub is_number: bool,
    /// The first character is uppercase.
    pub capitalized: bool,
    /// Every letter is uppercase and there are at least two.
    pub all_caps: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Token range `first..end`.
    pub first: usize,
    pub end: usize,
    pub paragraph: usize,
    /// The sentence ends with a colon: it introduces the lines after it (a list).
    pub ends_with_colon: bool,
}

/// A prepared text. `text` is the original (capped); `norm` the normalised copy.
#[derive(Debug)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub norm: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Maps one character to its normalised form (one character, so positions stay simple).
pub fn normalize_char(c: char) -> char {
    match c {
        'ё' | 'Ё' => 'е',
        '’' | 'ʼ' | '`' | '´' | '‘' | 'ʹ' => '\'',
        '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}' => ' ',
        c => lang::lower(c),
    }
}

/// The normalised form of a whole string (for lexicon entries).
pub fn normalize(s: &str) -> String {
    s.chars().map(normalize_char).collect()
}

/// The normalised text a [`Doc`] of `text` reads its words from, with links blanked out:
/// every word of the `Doc` is found in it, as written in `Doc::norm` (a cheap look for words
/// before the `Doc` is built).
pub fn visible_norm(text: &str) -> String {
    let text = cap_chars(text, MAX_CHARS);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for r in link_ranges(text) {
        out.extend(text[last..r.start].chars().map(normalize_char));
        out.push(' ');
        last = r.end;
    }
    out.extend(text[last..].chars().map(normalize_char));
    out
}

/// Cuts `s` to at most `max` characters, on a character boundary.
pub fn cap_chars(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Longest first line taken for a headline.
const MAX_HEADLINE_CHARS: usize = 200;

/// Where the body starts after a headline that opens a text with no title of its own (a
/// Telegram post's first line, alone in its paragraph and short; a news article's first line
/// with no stop at its end): 0 when there is none.
pub fn headline_end(text: &str) -> usize {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let Some(nl) = rest.find('\n') else {
        return 0;
    };
    let after = &rest[nl + 1..];
    let blank = after
        .trim_start_matches([' ', '\t', '\r'])
        .starts_with('\n');
    let body = after.trim();
    let line = &rest[..nl];
    // A news article's headline stands on its own line with no stop at its end, a blank line
    // after it or not, and a new sentence starts the next line.
    let unstopped = !line
        .trim_end()
        .trim_end_matches(['*', '_'])
        .ends_with(['.', '!', '?', ':', ';', ',', '…'])
        && !body.starts_with(char::is_lowercase);
    if !(blank || unstopped) || body.is_empty() || line.chars().count() > MAX_HEADLINE_CHARS {
        return 0;
    }
    // A headline is one sentence: no full stop inside followed by another sentence.
    let inner = line.trim_end().trim_end_matches(['.', '*', '!', '?', ' ']);
    let two_sentences = inner.match_indices(['.', '!', '?']).any(|(i, _)| {
        inner[i + 1..].starts_with(' ')
            && inner[i + 1..].trim_start().starts_with(char::is_uppercase)
    });
    if two_sentences {
        return 0;
    }
    lead + nl + 1
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Apostrophe,
    Other,
}

/// Punctuation, symbols and emoji: never part of a word (checked before the slow lookups).
fn is_symbol(c: char) -> bool {
    matches!(c, '\u{a0}'..='\u{bf}' | '\u{2000}'..='\u{2bff}' | '\u{fe00}'..='\u{fe0f}' | '\u{1f000}'..='\u{1faff}')
}

fn class(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Digit
    } else if c == '\'' {
        Class::Apostrophe
    } else if lang::is_letter(c) || (!c.is_ascii() && !is_symbol(c) && c.is_numeric()) {
        Class::Letter
    } else {
        Class::Other
    }
}

impl<'a> Doc<'a> {
    /// Prepares `text` (already capped by the caller, or capped here to `MAX_CHARS`).
    pub fn new(text: &'a str) -> Doc<'a> {
        let text = cap_chars(text, MAX_CHARS);
        let mut norm = String::with_capacity(text.len());
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 6 + 1);
        let links = link_ranges(text);
        let mut in_link = links.iter().peekable();
        let mut current: Option<(Token, Class)> = None;
        let mut upper_letters = 0usize;
        let mut letters = 0usize;
        for (at, c) in text.char_indices() {
            let n = normalize_char(c);
            let nat = norm.len();
            norm.push(n);
            while in_link.peek().is_some_and(|r| r.end <= at) {
                in_link.next();
            }
            let linked = in_link.peek().is_some_and(|r| r.start <= at);
            let mut cl = if linked { Class::Other } else { class(n) };
            if cl == Class::Apostrophe {
                let letter_before = matches!(current, Some((_, Class::Letter)));
                let letter_after = text[at + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|c2| class(normalize_char(c2)) == Class::Letter);
                cl = if letter_before && letter_after {
                    Class::Letter
                } else {
                    Class::Other
                };
            }
            let continues = matches!(current, Some((_, prev)) if prev == cl && cl != Class::Other);
            if continues {
                if let Some((tok, _)) = current.as_mut() {
                    tok.end = at + c.len_utf8();
                    tok.nend = nat + n.len_utf8();
                }
            } else {
                if let Some((tok, _)) = current.take() {
                    tokens.push(finish(tok, letters, upper_letters));
                }
                letters = 0;
                upper_letters = 0;
                if cl != Class::Other {
                    current = Some((
                        Token {
                            start: at,
                            end: at + c.len_utf8(),
                            nstart: nat,
                            nend: nat + n.len_utf8(),
                            sentence: 0,
                            is_number: cl == Class::Digit,
                            capitalized: lang::is_upper(c),
                            all_caps: false,
                        },
                        cl,
                    ));
                }
            }
            if cl == Class::Letter {
                letters += 1;
                if lang::is_upper(c) {
                    upper_letters += 1;
                }
            }
        }
        if let Some((tok, _)) = current.take() {
            tokens.push(finish(tok, letters, upper_letters));
        }
        let sentences = split_sentences(text, &norm, &mut tokens);
        Doc {
            text,
            norm,
            tokens,
            sentences,
        }
    }

    /// The original text of tokens `first..=last`.
    pub fn span(&self, first: usize, last: usize) -> &'a str {
        match (self.tokens.get(first), self.tokens.get(last)) {
            (Some(a), Some(b)) if a.start <= b.end => &self.text[a.start..b.end],
            _ => "",
        }
    }

    /// The normalised text of one token.
    pub fn word(&self, t: usize) -> &str {
        self.tokens
            .get(t)
            .map_or("", |tok| &self.norm[tok.nstart..tok.nend])
    }

    /// The original text between token `t` and the next one.
    pub fn gap_after(&self, t: usize) -> &'a str {
        match (self.tokens.get(t), self.tokens.get(t + 1)) {
            (Some(a), Some(b)) => &self.text[a.end..b.start],
            (Some(a), None) => &self.text[a.end..],
            _ => "",
        }
    }

    pub fn sentence_of(&self, t: usize) -> usize {
        self.tokens.get(t).map_or(0, |tok| tok.sentence)
    }

    /// The token range of the sentence holding token `t`.
    pub fn sentence_range(&self, t: usize) -> std::ops::Range<usize> {
        self.sentences
            .get(self.sentence_of(t))
            .map_or(0..0, |s| s.first..s.end)
    }
}

/// Byte ranges of web addresses ("https://…", "www.…", "t.me/…"): their words are not words
/// of the text (a "shot" in "t.me/shot_shot" is no shooting).
fn link_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Every address starts with 'h', 'w' or 't': jump from one to the next.
    while let Some(skip) = memchr::memchr3(b'h', b'w', b't', &bytes[i..]) {
        i += skip;
        let rest = &bytes[i..];
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let starts = at_word_start
            && (rest.starts_with(b"http://")
                || rest.starts_with(b"https://")
                || rest.starts_with(b"www.")
                || rest.starts_with(b"t.me/"));
        if starts {
            let len = rest
                .iter()
                .position(|b| {
                    b.is_ascii_whitespace() || matches!(b, b')' | b']' | b'>' | b'"' | b'\'')
                })
                .unwrap_or(rest.len());
            out.push(i..i + len);
            i += len.max(1);
        } else {
            i += 1;
        }
    }
    out
}

fn finish(mut tok: Token, letters: usize, upper: usize) -> Token {
    tok.all_caps = letters >= 2 && upper == letters;
    tok
}

fn is_abbreviation(norm: &str, tok: &Token, original: &str) -> bool {
    let w = &norm[tok.nstart..tok.nend];
    if ABBREVIATIONS.contains(&w) {
        return true;
    }
    // An initial: one capital letter ("В. Путин").
    let mut chars = original[tok.start..tok.end].chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Assigns sentence numbers to tokens and returns the sentences. A sentence ends at a line
/// break, or at `.`, `!`, `?`, `…` followed by a space and a capital, digit, quote, dash or
/// bullet (not after an abbreviation or an initial).
fn split_sentences(text: &str, norm: &str, tokens: &mut [Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0usize;
    let mut paragraph = 0usize;
    for i in 0..tokens.len() {
        tokens[i].sentence = sentences.len();
        let gap = match tokens.get(i + 1) {
            Some(next) => &text[tokens[i].end..next.start],
            None => break,
        };
        let newlines = gap.matches('\n').count();
        let next = tokens[i + 1];
        let breaks = if newlines > 0 {
            true
        } else if let Some(p) = gap.find(['.', '!', '?', '…']) {
            let after = &gap[p..];
            let spaced = after.contains(char::is_whitespace);
            let strong = gap.contains(['!', '?', '…']);
            let next_starts = next.capitalized
                || next.is_number
                || after.contains(['"', '«', '„', '—', '–', '-', '•', '▪', '(']);
            spaced && next_starts && (strong || p > 0 || !is_abbreviation(norm, &tokens[i], text))
        } else {
            false
        };
        if breaks {
            // A colon ending the line (not one inside an address or a time).
            let colon = gap
                .split('\n')
                .next()
                .is_some_and(|l| l.trim_end().ends_with(':'));
            sentences.push(Sentence {
                first,
                end: i + 1,
                paragraph,
                ends_with_colon: colon,
            });
            first = i + 1;
            if is_blank_line_between(gap) {
                paragraph += 1;
            }
        }
    }
    if first < tokens.len() || tokens.is_empty() {
        sentences.push(Sentence {
            first,
            end: tokens.len(),
            paragraph,
            ends_with_colon: false,
        });
    }
    sentences
}

fn is_blank_line_between(gap: &str) -> bool {
    let mut lines = gap.split('\n');
    lines.next();
    let mut inner: Vec<&str> = lines.collect();
    inner.pop();
    inner.iter().any(|l| l.trim().is_empty())
}

#[cfg(test)]
mod tests;
