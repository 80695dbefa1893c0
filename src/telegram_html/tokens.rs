//! The one tokeniser of Telegram HTML as claimwatch writes it: tags, entities, characters.
//! A stray `<` or `&` that starts no tag or entity is a one-character text token (the
//! renderers never emit one; a safe fallback).

/// One piece of HTML: a tag, an entity, or a visible character.
pub enum Token<'a> {
    /// An opening tag: its name (`a`, `b`, `tg-spoiler`) and the raw tag.
    Open { name: String, raw: &'a str },
    /// A closing tag, raw.
    Close(&'a str),
    /// An entity or a character: its raw text and its width as Telegram counts it.
    Text { raw: &'a str, width: usize },
}

impl<'a> Token<'a> {
    /// The token's raw text.
    pub fn raw(&self) -> &'a str {
        match self {
            Token::Open { raw, .. } | Token::Close(raw) | Token::Text { raw, .. } => raw,
        }
    }
}

/// The next token of `s` and the rest, or `None` at the end.
pub fn next_token(s: &str) -> Option<(Token<'_>, &str)> {
    let first = s.chars().next()?;
    if first == '<'
        && let Some(end) = s.find('>')
    {
        let (raw, rest) = s.split_at(end + 1);
        if raw.starts_with("</") {
            return Some((Token::Close(raw), rest));
        }
        let name = raw[1..end]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        return Some((Token::Open { name, raw }, rest));
    }
    if first == '&'
        && let Some(end) = s.find(';').filter(|e| *e <= 10)
    {
        let (raw, rest) = s.split_at(end + 1);
        return Some((Token::Text { raw, width: 1 }, rest));
    }
    let (raw, rest) = s.split_at(first.len_utf8());
    let width = first.len_utf16();
    Some((Token::Text { raw, width }, rest))
}

/// Every token of `s`, in order.
pub fn tokens(s: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let (token, after) = next_token(rest)?;
        rest = after;
        Some(token)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_entities_and_characters() {
        let raws: Vec<&str> = tokens("<b>a&amp;</b>я<").map(|t| t.raw()).collect();
        assert_eq!(raws, ["<b>", "a", "&amp;", "</b>", "я", "<"]);
    }

    #[test]
    fn an_ampersand_far_from_a_semicolon_is_one_character() {
        let raws: Vec<&str> = tokens("& long text;").map(|t| t.raw()).collect();
        assert_eq!(raws[0], "&");
        assert_eq!(raws.len(), "& long text;".chars().count());
    }
}
