//! Telegram HTML as terminal text, for `--plain`: tags dropped, a link's address after its
//! text in angle brackets ("Headline <https://t.me/…>"), entities decoded. It reads the HTML
//! this program writes (valid Telegram HTML, see `tests/support/tg_html.rs`); anything else
//! still comes out as text, never as a panic.

use crate::text::html::decode_entities_into;

/// The `href` of an opening `<a …>` tag's inside, entities decoded.
fn href(tag: &str) -> Option<String> {
    let start = tag.find("href=\"")? + 6;
    let end = tag[start..].find('"')? + start;
    let mut out = String::new();
    decode_entities_into(&tag[start..end], &mut out);
    Some(out)
}

/// `html` without markup.
pub fn to_plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut links: Vec<Option<String>> = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        decode_entities_into(&rest[..open], &mut out);
        let Some(close) = rest[open..].find('>') else {
            decode_entities_into(&rest[open..], &mut out);
            return out;
        };
        let tag = &rest[open + 1..open + close];
        if tag == "a" || tag.starts_with("a ") {
            links.push(href(tag));
        } else if tag == "/a"
            && let Some(url) = links.pop().flatten()
        {
            out.push_str(&format!(" <{url}>"));
        }
        rest = &rest[open + close + 1..];
    }
    decode_entities_into(rest, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_links_keep_their_address() {
        assert_eq!(
            to_plain(
                "• <b>SHOT</b> claims &lt;3&gt; tanks\n<i>x</i> · <a href=\"https://t.me/a?b=1&amp;c=2\">Head &amp; line</a>"
            ),
            "• SHOT claims <3> tanks\nx · Head & line <https://t.me/a?b=1&c=2>"
        );
        assert_eq!(to_plain("a < b"), "a < b");
        assert_eq!(to_plain("<a>bare</a>"), "bare");
    }
}
