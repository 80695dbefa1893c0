//! Splitting a digest into Telegram messages: whole entries only, each message's raw HTML at
//! most [`MAX_MESSAGE_UNITS`] UTF-16 code units (Telegram counts visible text; raw HTML is
//! never shorter, so it is the safe measure). An entry too long for one message on its own is
//! cut safely: never inside a tag or an entity, open tags closed, "…" appended.

/// Telegram's limit for one message, in UTF-16 code units.
pub const MAX_MESSAGE_UNITS: usize = 4096;

/// Between two entries in one message.
const SEPARATOR: &str = "\n\n";

/// Length as Telegram counts it (UTF-16 code units).
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Packs `units` (complete, balanced HTML fragments) into messages of at most `max` UTF-16
/// code units, in order, never splitting a unit; a unit longer than `max` is truncated.
pub fn pack(units: &[String], max: usize) -> Vec<String> {
    let sep = utf16_len(SEPARATOR);
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_len = 0usize;
    for unit in units {
        let (unit, len) = match utf16_len(unit) {
            n if n > max => {
                let cut = truncate_html(unit, max);
                let n = utf16_len(&cut);
                (cut, n)
            }
            n => (unit.clone(), n),
        };
        if len == 0 {
            continue;
        }
        if current.is_empty() {
            current = unit;
            current_len = len;
        } else if current_len + sep + len <= max {
            current.push_str(SEPARATOR);
            current.push_str(&unit);
            current_len += sep + len;
        } else {
            parts.push(std::mem::take(&mut current));
            current = unit;
            current_len = len;
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// One token of generated HTML.
enum Token<'a> {
    Open(&'a str, String),
    Close(&'a str),
    Text(&'a str),
}

/// The next token of `s` and the rest. A stray `<` or `&` that does not start a tag or
/// entity is a one-character text token (our renderer never emits one; a safe fallback).
fn next_token(s: &str) -> Option<(Token<'_>, &str)> {
    let first = s.chars().next()?;
    if first == '<'
        && let Some(end) = s.find('>')
    {
        let tag = &s[..=end];
        let inner = &s[1..end];
        let rest = &s[end + 1..];
        if inner.starts_with('/') {
            return Some((Token::Close(tag), rest));
        }
        let name: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        return Some((Token::Open(tag, name), rest));
    }
    if first == '&'
        && let Some(end) = s.find(';').filter(|e| *e <= 10)
    {
        return Some((Token::Text(&s[..=end]), &s[end + 1..]));
    }
    let n = first.len_utf8();
    Some((Token::Text(&s[..n]), &s[n..]))
}

/// Cuts balanced HTML to at most `max` UTF-16 code units: whole tags and entities only, every
/// tag left open is closed, and "…" marks the cut.
pub fn truncate_html(html: &str, max: usize) -> String {
    const ELLIPSIS: &str = "…";
    let mut out = String::new();
    let mut len = 0usize;
    let mut open: Vec<String> = Vec::new();
    let closing_len = |open: &[String]| -> usize {
        open.iter().map(|n| utf16_len(n) + 3).sum::<usize>() + utf16_len(ELLIPSIS)
    };
    let mut rest = html;
    while let Some((token, after)) = next_token(rest) {
        let (piece, opens, closes) = match &token {
            Token::Open(tag, name) => (*tag, Some(name.clone()), false),
            Token::Close(tag) => (*tag, None, true),
            Token::Text(t) => (*t, None, false),
        };
        let piece_len = utf16_len(piece);
        let mut would_open = open.clone();
        if let Some(name) = &opens {
            would_open.push(name.clone());
        }
        if closes {
            would_open.pop();
        }
        if len + piece_len + closing_len(&would_open) > max {
            break;
        }
        out.push_str(piece);
        len += piece_len;
        open = would_open;
        rest = after;
    }
    if rest.is_empty() {
        return out;
    }
    out.push_str(ELLIPSIS);
    for name in open.iter().rev() {
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_whole_units_under_the_limit() {
        let units: Vec<String> = (0..10)
            .map(|i| format!("<b>{i}</b>{}", "x".repeat(30)))
            .collect();
        let parts = pack(&units, 100);
        assert!(parts.len() > 1);
        for p in &parts {
            assert!(utf16_len(p) <= 100, "{p}");
            assert_eq!(p.matches("<b>").count(), p.matches("</b>").count());
        }
        let joined = parts.join(SEPARATOR);
        assert_eq!(joined, units.join(SEPARATOR), "nothing lost, order kept");
    }

    #[test]
    fn counts_utf16_units_not_bytes() {
        assert_eq!(utf16_len("відмова"), 7);
        assert_eq!(utf16_len("🪖"), 2);
        let units = vec!["🪖".repeat(30), "🪖".repeat(30)];
        assert_eq!(pack(&units, 100).len(), 2);
        assert_eq!(pack(&units, 122).len(), 1);
    }

    #[test]
    fn an_oversized_unit_is_cut_without_breaking_tags_or_entities() {
        let unit = format!(
            "<b>Title</b> <a href=\"https://x.example/?a=1&amp;b=2\">{}</a> tail",
            "&amp;x".repeat(50)
        );
        for max in [20, 45, 60, 61, 62, 63, 100, 150] {
            let cut = truncate_html(&unit, max);
            assert!(utf16_len(&cut) <= max, "{max}: {cut}");
            assert!(cut.ends_with('…') || cut.ends_with("…</a>"), "{max}: {cut}");
            assert_eq!(
                cut.matches("<a ").count(),
                cut.matches("</a>").count(),
                "{cut}"
            );
            let no_tags: String = cut
                .split('<')
                .map(|s| s.split_once('>').map_or(s, |x| x.1))
                .collect();
            for (i, _) in no_tags.match_indices('&') {
                assert!(
                    no_tags[i..].starts_with("&amp;"),
                    "{max}: broken entity in {cut}"
                );
            }
        }
        assert_eq!(truncate_html("short", 10), "short");
    }

    #[test]
    fn one_message_per_unit_when_each_is_near_the_limit() {
        let units: Vec<String> = (0..3).map(|_| "y".repeat(3000)).collect();
        let parts = pack(&units, MAX_MESSAGE_UNITS);
        assert_eq!(parts.len(), 3);
        let huge = vec!["z".repeat(10_000)];
        let parts = pack(&huge, MAX_MESSAGE_UNITS);
        assert_eq!(parts.len(), 1);
        assert!(utf16_len(&parts[0]) <= MAX_MESSAGE_UNITS);
    }
}
