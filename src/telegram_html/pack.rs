//! A digest into messages: whole entries only, each message's raw HTML at most `max` UTF-16
//! code units. An entry too long for one message on its own is cut safely: never inside a tag
//! or an entity, open tags closed, "…" appended.

use super::measure::utf16_len;
use super::tokens::{Token, next_token};

/// Between two entries in one message.
const SEPARATOR: &str = "\n\n";

/// Packs `units` (complete, balanced HTML fragments) into messages of at most `max` UTF-16
/// code units, in order, never splitting a unit; a unit longer than `max` is truncated.
pub fn pack(units: &[String], max: usize) -> Vec<String> {
    let sep = utf16_len(SEPARATOR);
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_len = 0usize;
    for unit in units {
        let unit = match utf16_len(unit) {
            n if n > max => truncate_html(unit, max),
            _ => unit.clone(),
        };
        let len = utf16_len(&unit);
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
            parts.push(std::mem::replace(&mut current, unit));
            current_len = len;
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// Cuts balanced HTML to at most `max` UTF-16 code units: whole tags and entities only, every
/// tag left open is closed, and "…" marks the cut.
pub fn truncate_html(html: &str, max: usize) -> String {
    const ELLIPSIS: &str = "…";
    let closing_len = |open: &[String]| -> usize {
        open.iter().map(|n| utf16_len(n) + 3).sum::<usize>() + utf16_len(ELLIPSIS)
    };
    let mut out = String::new();
    let mut len = 0usize;
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some((token, after)) = next_token(rest) {
        let mut would_open = open.clone();
        match &token {
            Token::Open { name, .. } => would_open.push(name.clone()),
            Token::Close(_) => {
                would_open.pop();
            }
            Token::Text { .. } => {}
        }
        let piece = token.raw();
        let piece_len = utf16_len(piece);
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
    use super::super::TELEGRAM_LIMIT;
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
    fn packs_by_utf16_units_not_bytes() {
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
        let parts = pack(&units, TELEGRAM_LIMIT);
        assert_eq!(parts.len(), 3);
        let huge = vec!["z".repeat(10_000)];
        let parts = pack(&huge, TELEGRAM_LIMIT);
        assert_eq!(parts.len(), 1);
        assert!(utf16_len(&parts[0]) <= TELEGRAM_LIMIT);
    }
}
