//! HTML to clean text: tags removed, entities decoded, whitespace folded, paragraph and line
//! breaks kept; optionally each link followed by its URL. Iterative, so hostile nesting depth
//! cannot overflow the stack.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// How links are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Only the link text.
    Drop,
    /// "text (https://…)" when the URL is not already the text.
    Keep,
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figure"
            | "figcaption"
            | "hr"
            | "main"
            | "aside"
            | "nav"
    )
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "iframe" | "object" | "svg" | "head"
    )
}

/// html5ever is quadratic in nesting depth; past this many tags the linear stripper is used.
const MAX_PARSED_TAGS: usize = 4_000;

/// Converts an HTML fragment to text.
pub fn html_to_text(html: &str, links: Links) -> String {
    if !html.contains(['<', '&']) {
        return fold_whitespace(html);
    }
    if html.bytes().filter(|b| *b == b'<').count() > MAX_PARSED_TAGS {
        return fold_whitespace(&strip_tags_linear(html));
    }
    let doc = Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut skip_depth = 0usize;
    let mut link_stack: Vec<(Option<String>, usize)> = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if skip_depth > 0 || is_skipped(name) {
                        skip_depth += 1;
                        continue;
                    }
                    if name == "br" {
                        out.push('\n');
                    } else if is_block(name) {
                        out.push_str("\n\n");
                    } else if matches!(name, "td" | "th") {
                        out.push(' ');
                    } else if name == "a" {
                        let href = e
                            .attr("href")
                            .filter(|h| h.starts_with("http://") || h.starts_with("https://"))
                            .map(str::to_owned);
                        link_stack.push((href, out.len()));
                    } else if name == "img"
                        && let Some(alt) = e.attr("alt")
                    {
                        out.push_str(alt);
                    }
                }
                Node::Text(t) if skip_depth == 0 => out.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    if is_block(name) {
                        out.push_str("\n\n");
                    } else if name == "a"
                        && let Some((href, start)) = link_stack.pop()
                        && links == Links::Keep
                        && let Some(href) = href
                    {
                        let text = out[start..].trim();
                        if !text.is_empty() && text != href && !href.ends_with(text) {
                            out.push_str(" (");
                            out.push_str(&href);
                            out.push(')');
                        } else if text.is_empty() {
                            out.push_str(&href);
                        }
                    }
                }
            }
        }
    }
    fold_whitespace(&out)
}

/// A linear, allocation-light tag stripper for inputs too large for a full parse: tags
/// removed (block tags and `<br>` become line breaks), script and style skipped, common
/// entities decoded.
pub fn strip_tags_linear(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode_entities_into(&rest[..lt], &mut out);
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[..gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        rest = &after[gt + 1..];
        if !tag.starts_with('/') && is_skipped(&name) {
            let close = format!("</{name}");
            match find_ascii_case_insensitive(rest, &close) {
                Some(i) => rest = &rest[i..],
                None => rest = "",
            }
            continue;
        }
        if name == "br" {
            out.push('\n');
        } else if is_block(&name) {
            out.push_str("\n\n");
        } else if matches!(name.as_str(), "td" | "th") {
            out.push(' ');
        }
    }
    decode_entities_into(rest, &mut out);
    out
}

fn find_ascii_case_insensitive(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "minus" => '−',
        "shy" | "zwnj" | "zwj" | "lrm" | "rlm" => '\u{200b}',
        _ => return None,
    })
}

/// Decodes `&name;`, `&#NNN;` and `&#xHH;` into `out`; anything else is kept as written.
pub fn decode_entities_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| {
            let body = &after[..end];
            let c = if let Some(num) = body.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                }?;
                char::from_u32(n).filter(|c| !c.is_control() || c.is_whitespace())?
            } else {
                named_entity(body)?
            };
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                if c != '\u{200b}' {
                    out.push(c);
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Folds runs of spaces into one, trims each line, keeps single line breaks and at most one
/// blank line between paragraphs.
pub fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_lines = 0usize;
    for line in s.split('\n') {
        let mut folded = String::with_capacity(line.len());
        for word in line
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            if !folded.is_empty() {
                folded.push(' ');
            }
            folded.push_str(word);
        }
        if folded.is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        blank_lines = 0;
        out.push_str(&folded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_decodes_entities() {
        let t = html_to_text(
            "<p>Russia&nbsp;lost <b>1&#44;251</b> tanks &amp; more</p><script>alert(1)</script><p>Second&hellip;</p>",
            Links::Drop,
        );
        assert_eq!(t, "Russia lost 1,251 tanks & more\n\nSecond…");
    }

    #[test]
    fn keeps_line_breaks_and_links() {
        let t = html_to_text(
            "Line one<br>Line two <a href=\"https://example.org/x\">details</a> <a href=\"https://a.b/\">https://a.b/</a>",
            Links::Keep,
        );
        assert_eq!(
            t,
            "Line one\nLine two details (https://example.org/x) https://a.b/"
        );
    }

    #[test]
    fn linear_stripper_agrees_on_simple_markup() {
        let html = "<p>Втрати&nbsp;ворога: <b>1&#8201;251</b> танк</p><style>p{}</style><p>Друге &laquo;речення&raquo; &bogus; &#x41;</p>";
        assert_eq!(
            fold_whitespace(&strip_tags_linear(html)),
            "Втрати ворога: 1 251 танк\n\nДруге «речення» &bogus; A"
        );
        assert_eq!(
            html_to_text(html, Links::Drop),
            fold_whitespace(&strip_tags_linear(html))
        );
    }

    #[test]
    fn plain_text_is_only_folded() {
        assert_eq!(html_to_text("  a \t b \n\n\n c ", Links::Drop), "a b\n\nc");
    }

    #[test]
    fn survives_hostile_nesting_and_broken_markup() {
        let deep = "<div>".repeat(200_000) + "deep" + &"</div>".repeat(10);
        assert_eq!(html_to_text(&deep, Links::Drop), "deep");
        let shallow = "<div>".repeat(3_000) + "x" + &"</div>".repeat(3_000);
        assert_eq!(html_to_text(&shallow, Links::Drop), "x");
        assert_eq!(
            html_to_text("<p>unclosed <b>bold <i>x", Links::Drop),
            "unclosed bold x"
        );
        assert_eq!(
            html_to_text("a < b && c > d", Links::Drop),
            "a < b && c > d"
        );
    }
}
