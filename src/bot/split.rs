//! Splits a long Telegram-HTML reply into messages under the 4,096-character limit. Cuts fall
//! at line boundaries when a line fits, never inside a tag or an entity; tags open at a cut
//! are closed at the end of one part and reopened at the start of the next. Lengths count
//! what Telegram counts: visible text in UTF-16 code units (an entity is one character).

/// The budget per message: Telegram's 4,096 less a margin.
pub const MESSAGE_BUDGET: usize = 4000;

/// One piece of HTML: a tag, an entity, or a visible character.
enum Token<'a> {
    Open { name: String, raw: &'a str },
    Close(&'a str),
    Text { raw: &'a str, width: usize },
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let (len, tok) = if c == '<' {
            match rest.find('>') {
                Some(end) => {
                    let raw = &rest[..=end];
                    if raw.starts_with("</") {
                        (end + 1, Token::Close(raw))
                    } else {
                        let name = raw[1..end]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                            .collect();
                        (end + 1, Token::Open { name, raw })
                    }
                }
                None => (c.len_utf8(), Token::Text { raw: "<", width: 1 }),
            }
        } else if c == '&' {
            match rest.find(';').filter(|e| *e <= 10) {
                Some(end) => (
                    end + 1,
                    Token::Text {
                        raw: &rest[..=end],
                        width: 1,
                    },
                ),
                None => (1, Token::Text { raw: "&", width: 1 }),
            }
        } else {
            let n = c.len_utf8();
            (
                n,
                Token::Text {
                    raw: &rest[..n],
                    width: c.len_utf16(),
                },
            )
        };
        out.push(tok);
        i += len;
    }
    out
}

/// Visible length of HTML, as Telegram counts it.
pub fn visible_len(s: &str) -> usize {
    tokens(s)
        .iter()
        .map(|t| match t {
            Token::Text { width, .. } => *width,
            _ => 0,
        })
        .sum()
}

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

    fn push_token(&mut self, t: &Token<'_>) {
        match t {
            Token::Open { name, raw } => {
                self.cur.push_str(raw);
                self.stack.push((name.clone(), (*raw).to_owned()));
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
    let max = max.max(16);
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
            s.push_token(&t);
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

    #[test]
    fn emoji_count_as_two() {
        assert_eq!(visible_len("😀"), 2);
        assert_eq!(visible_len("<a href=\"https://x\">x</a>&lt;"), 2);
    }
}
