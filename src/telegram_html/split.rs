//! A long reply into messages of at most `max` visible characters. Cuts fall at line
//! boundaries when a line fits, never inside a tag or an entity; tags open at a cut are closed
//! at the end of one part and reopened at the start of the next.

use super::measure::visible_len;
use super::tokens::{Token, tokens};

/// Fewest visible characters per part, whatever `max` is asked.
const MIN_PART: usize = 16;

struct Splitter {
    parts: Vec<String>,
    cur: String,
    width: usize,
    /// Open tags: (name, raw opening tag).
    stack: Vec<(String, String)>,
    max: usize,
}

impl Splitter {
    fn flush(&mut self) {
        let mut part = std::mem::take(&mut self.cur);
        for (name, _) in self.stack.iter().rev() {
            part.push_str(&format!("</{name}>"));
        }
        let trimmed = part.trim_end_matches('\n');
        if visible_len(trimmed) > 0 {
            self.parts.push(trimmed.to_owned());
        }
        self.width = 0;
        for (_, raw) in &self.stack {
            self.cur.push_str(raw);
        }
    }

    fn push_token(&mut self, t: Token<'_>) {
        match t {
            Token::Open { name, raw } => {
                self.cur.push_str(raw);
                self.stack.push((name, raw.to_owned()));
            }
            Token::Close(raw) => {
                self.cur.push_str(raw);
                self.stack.pop();
            }
            Token::Text { raw, width } => {
                if self.width + width > self.max {
                    self.flush();
                }
                self.cur.push_str(raw);
                self.width += width;
            }
        }
    }
}

/// Splits `html` into parts of at most `max` visible characters each.
pub fn split_html(html: &str, max: usize) -> Vec<String> {
    let max = max.max(MIN_PART);
    let mut s = Splitter {
        parts: Vec::new(),
        cur: String::new(),
        width: 0,
        stack: Vec::new(),
        max,
    };
    for line in html.split_inclusive('\n') {
        let line_width = visible_len(line);
        if s.width > 0 && s.width + line_width > max {
            s.flush();
        }
        for t in tokens(line) {
            s.push_token(t);
        }
    }
    s.flush();
    s.parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_part() {
        assert_eq!(
            split_html("<b>hi</b>\nthere", 100),
            vec!["<b>hi</b>\nthere"]
        );
    }

    #[test]
    fn cuts_at_line_boundaries() {
        let line = format!("<b>{}</b>\n", "a".repeat(30));
        let text = line.repeat(10);
        let parts = split_html(&text, 100);
        assert_eq!(parts.len(), 4);
        for p in &parts {
            assert!(visible_len(p) <= 100);
            assert!(p.starts_with("<b>") && p.ends_with("</b>"), "{p}");
        }
        assert_eq!(parts.concat().matches('a').count(), 300);
    }

    #[test]
    fn a_long_line_is_cut_between_tokens_with_tags_reopened() {
        let text = format!("<i>{}&amp;{}</i>", "я".repeat(50), "z".repeat(50));
        let parts = split_html(&text, 40);
        assert!(parts.len() >= 3);
        for p in &parts {
            assert!(visible_len(p) <= 40, "{p}");
            assert!(p.starts_with("<i>") && p.ends_with("</i>"), "{p}");
            assert!(!p.contains("&am;") && !p.ends_with('&'));
        }
        assert_eq!(parts.iter().filter(|p| p.contains("&amp;")).count(), 1);
    }
}
