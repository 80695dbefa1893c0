//! Marked-up text from the outside ([`Markup`]) and its plain text: a cheap, linear check of
//! untrusted markup before it reaches an HTML parser (html5ever is quadratic in nesting depth,
//! so a few hundred kilobytes of nested tags could take minutes), then the cleaning.

use crate::text::html::{
    Links, decode_entities_into, fold_whitespace, html_to_text, strip_tags_linear,
};
use crate::text::truncate_chars;

/// A piece of text from the feed and whether it is HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup {
    pub text: String,
    pub is_html: bool,
}

/// Deepest element nesting handed to the HTML parser. Real pages and feed entries nest a few
/// dozen deep at most; the parser is quadratic in depth.
pub const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The deepest element nesting of `html`, counted on its tags in one linear pass (close tags
/// pop, void and self-closing tags do not push).
pub fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(closing) = tag.strip_prefix('/') {
            if closing.starts_with(|c: char| c.is_ascii_alphabetic()) {
                depth = depth.saturating_sub(1);
            }
        } else if tag.starts_with(|c: char| c.is_ascii_alphabetic()) && !tag.ends_with('/') {
            let name_end = tag
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(tag.len());
            if !VOID.iter().any(|v| tag[..name_end].eq_ignore_ascii_case(v)) {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        rest = &rest[end..];
    }
    deepest
}

/// Text of a piece of markup: HTML converted (links kept with their URLs when `links` says
/// so), plain text with stray entities decoded; whitespace folded; cut to `max` characters.
pub fn clean_markup(m: &Markup, links: Links, max: usize) -> String {
    let text = if m.is_html && nesting_depth(&m.text) > MAX_DEPTH {
        // Too deep for the HTML parser to be quick: strip tags in one pass instead.
        fold_whitespace(&strip_tags_linear(&m.text))
    } else if m.is_html {
        html_to_text(&m.text, links)
    } else {
        let mut decoded = String::with_capacity(m.text.len());
        decode_entities_into(&m.text, &mut decoded);
        fold_whitespace(&decoded)
    };
    truncate_chars(&text, max)
}

/// A title or name: like [`clean_markup`] without link URLs, on one line.
pub fn clean_text(m: &Markup, max: usize) -> String {
    let text = clean_markup(m, Links::Drop, max);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_open_elements_only() {
        assert_eq!(nesting_depth("<p>a<br>b<img src=x/><br/></p><p>c</p>"), 1);
        assert_eq!(nesting_depth("</div></div><div>"), 1);
        assert_eq!(nesting_depth("<div><span><b>x</b></span></div>"), 3);
        assert_eq!(nesting_depth("a < b and <!-- <x> --> <?pi?>"), 0);
        assert_eq!(nesting_depth(&"<i>".repeat(1000)), 1000);
        assert_eq!(nesting_depth(""), 0);
    }
}
