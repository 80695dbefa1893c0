//! Second chances for documents feed-rs refuses for reasons real feeds commonly have: an
//! `<rss>` root with a missing or unusual version (0.93, 0.94, 2.01 — all read like 2.0), an
//! `<rss>` without `<channel>` (an empty feed), bare `&` in text, Atom text with an empty or
//! binary `type` (read as plain text, so one odd entry does not sink the feed), and a JSON
//! Feed whose version is written "1.0" instead of the spec's URL. Each repair is a plain text edit; the
//! caller parses the repaired text once and keeps the first error if that fails too.

/// The start tag of the document's root element: its byte span and name. Skips the XML
/// declaration, processing instructions, comments and a doctype (with an internal subset).
fn root_start_tag(text: &str) -> Option<(usize, usize, &str)> {
    let mut i = 0;
    let b = text.as_bytes();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let rest = &text[i..];
        if rest.starts_with("<?") {
            i += rest.find("?>")? + 2;
        } else if rest.starts_with("<!--") {
            i += rest.find("-->")? + 3;
        } else if rest.starts_with("<!") {
            let subset = rest.find('[');
            let close = rest.find('>')?;
            i += match subset {
                Some(open) if open < close => rest.find("]>").map_or(close + 1, |e| e + 2),
                _ => close + 1,
            };
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = i + rest.find('>')? + 1;
            let name_len = after
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(0);
            return Some((i, end, &after[..name_len]));
        } else {
            return None;
        }
    }
}

/// The value of `name="…"` in a start tag, with its byte span in the tag.
fn tag_attribute<'t>(tag: &'t str, name: &str) -> Option<(usize, usize, &'t str)> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name) {
        let start = from + at;
        let before_ok = tag[..start].ends_with(|c: char| c.is_whitespace());
        let after = tag[start + name.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let open = tag.len() - value.len() + 1;
                let len = value[1..].find(quote)?;
                return Some((open, open + len, &tag[open..open + len]));
            }
        }
        from = start + name.len();
    }
    None
}

/// An `<rss>` root that feed-rs would not take: version set to 2.0, and an empty channel
/// added when there is none.
pub fn fix_rss_root(text: &str) -> Option<String> {
    let (start, end, name) = root_start_tag(text)?;
    if name != "rss" {
        return None;
    }
    let tag = &text[start..end];
    let mut new_tag = match tag_attribute(tag, "version") {
        Some((_, _, "2.0" | "0.91" | "0.92")) => tag.to_owned(),
        Some((a, b, _)) => format!("{}2.0{}", &tag[..a], &tag[b..]),
        None => format!("<rss version=\"2.0\"{}", &tag[4..]),
    };
    let self_closing = new_tag.ends_with("/>");
    let has_channel = text[end..].contains("<channel");
    if self_closing {
        new_tag.truncate(new_tag.len() - 2);
        new_tag.push_str("><channel></channel></rss>");
    } else if !has_channel {
        new_tag.push_str("<channel></channel>");
    }
    (new_tag != tag).then(|| format!("{}{}{}", &text[..start], new_tag, &text[end..]))
}

/// An `<rss>` root that declares a default namespace (the userland namespaces of early
/// RSS 2.0, or made-up ones): feed-rs reads elements in unknown namespaces as foreign and
/// would see an empty feed, so the declaration is removed. Applied before the first parse.
pub fn strip_rss_default_namespace(text: &str) -> Option<String> {
    let (start, end, name) = root_start_tag(text)?;
    if name != "rss" {
        return None;
    }
    let tag = &text[start..end];
    let (a, b, _) = tag_attribute(tag, "xmlns")?;
    // From the space before `xmlns` to the closing quote.
    let attr_start = tag[..a].rfind("xmlns")?;
    let cut_from = tag[..attr_start].trim_end().len();
    let new_tag = format!("{}{}", &tag[..cut_from], &tag[b + 1..]);
    Some(format!("{}{}{}", &text[..start], new_tag, &text[end..]))
}

/// True when `rest` (just after an `&`) starts an entity or character reference.
fn is_reference(rest: &str) -> bool {
    let body: &str = rest.split(';').next().unwrap_or("");
    if body.len() == rest.len() || body.is_empty() || body.len() > 32 {
        return false;
    }
    if let Some(num) = body.strip_prefix('#') {
        return match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()),
        };
    }
    body.chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// Escapes `&` that starts no reference, outside CDATA sections.
pub fn escape_bare_ampersands(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut changed = false;
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("<![CDATA[") {
            let len = tail.find("]]>").map(|e| e + 3).unwrap_or(tail.len());
            out.push_str(&tail[..len]);
            rest = &tail[len..];
        } else if tail.starts_with('&') && !is_reference(&tail[1..]) {
            out.push_str("&amp;");
            changed = true;
            rest = &tail[1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// A JSON Feed with a version feed-rs does not know ("1.0", "1.1", missing) as version 1.1.
pub fn fix_json_version(text: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    let obj = value.as_object_mut()?;
    let known = obj
        .get("version")
        .and_then(|v| v.as_str())
        .is_some_and(|v| v.starts_with("https://jsonfeed.org/version/"));
    if known || !obj.contains_key("items") {
        return None;
    }
    obj.insert(
        "version".into(),
        serde_json::Value::String("https://jsonfeed.org/version/1.1".into()),
    );
    serde_json::to_string(&value).ok()
}

/// Atom text constructs whose `type` feed-rs refuses (empty, or a binary media type on a
/// title or summary) are marked plain text.
pub fn fix_atom_text_types(text: &str) -> Option<String> {
    let (_, _, root) = root_start_tag(text)?;
    if root != "feed" {
        return None;
    }
    let mut edits: Vec<(usize, usize)> = Vec::new();
    for element in ["title", "subtitle", "summary", "rights", "content"] {
        let open = format!("<{element}");
        let mut from = 0;
        while let Some(at) = text[from..].find(&open) {
            let start = from + at;
            from = start + open.len();
            if !text[from..].starts_with(|c: char| c.is_whitespace()) {
                continue;
            }
            let Some(len) = text[start..].find('>') else {
                break;
            };
            let tag = &text[start..start + len];
            let Some((a, b, value)) = tag_attribute(tag, "type") else {
                continue;
            };
            let value = value.trim().to_ascii_lowercase();
            let refused = if element == "content" {
                value.is_empty()
            } else {
                !matches!(
                    value.as_str(),
                    "text"
                        | "html"
                        | "xhtml"
                        | "text/plain"
                        | "text/html"
                        | "application/xhtml+xml"
                )
            };
            if refused {
                edits.push((start + a, start + b));
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (a, b) in edits {
        out.push_str(&text[last..a]);
        out.push_str("text");
        last = b;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// Every repair that applies to `text`, or `None` when none does.
pub fn repair(text: &str) -> Option<String> {
    if text.trim_start().starts_with('{') {
        return fix_json_version(text);
    }
    let mut current: Option<String> = None;
    let steps: [fn(&str) -> Option<String>; 3] =
        [fix_rss_root, fix_atom_text_types, escape_bare_ampersands];
    for step in steps {
        if let Some(fixed) = step(current.as_deref().unwrap_or(text)) {
            current = Some(fixed);
        }
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_roots_get_a_version_and_a_channel() {
        let doc = "<?xml version=\"1.0\"?>\n<!-- <rss> in a comment -->\n<!DOCTYPE rss [<!ENTITY x \"y\">]>\n<rss xmlns=\"http://backend.userland.com/rss\">\n<channel><title>t</title></channel></rss>";
        let fixed = fix_rss_root(doc).unwrap();
        assert!(
            fixed.contains(
                "<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss\">\n<channel>"
            ),
            "{fixed}"
        );
        assert_eq!(
            fix_rss_root("<rss version='0.94'><channel/></rss>").unwrap(),
            "<rss version='2.0'><channel/></rss>"
        );
        assert_eq!(
            fix_rss_root("<rss version=\"2.0\">\n</rss>").unwrap(),
            "<rss version=\"2.0\"><channel></channel>\n</rss>"
        );
        assert_eq!(
            fix_rss_root("<rss/>").unwrap(),
            "<rss version=\"2.0\"><channel></channel></rss>"
        );
        assert_eq!(fix_rss_root("<rss version=\"2.0\"><channel/></rss>"), None);
        assert_eq!(fix_rss_root("<feed><entry/></feed>"), None);
        assert_eq!(fix_rss_root("not xml"), None);
    }

    #[test]
    fn default_namespaces_leave_rss_roots() {
        assert_eq!(
            strip_rss_default_namespace(
                "<rss version=\"2.0\" xmlns:y=\"https://y\" xmlns=\"https://backend.userland.com/rss2\">\n<channel/></rss>"
            )
            .unwrap(),
            "<rss version=\"2.0\" xmlns:y=\"https://y\">\n<channel/></rss>"
        );
        assert_eq!(
            strip_rss_default_namespace("<rss xmlns:y=\"u\"><channel/></rss>"),
            None
        );
        assert_eq!(
            strip_rss_default_namespace("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"),
            None
        );
    }

    #[test]
    fn bare_ampersands_are_escaped_outside_cdata() {
        assert_eq!(
            escape_bare_ampersands("<t>Fish & Chips &amp; more &lt;3 &#38; &#x26; AT&T;x</t>")
                .unwrap(),
            "<t>Fish &amp; Chips &amp; more &lt;3 &#38; &#x26; AT&T;x</t>"
        );
        assert_eq!(
            escape_bare_ampersands("<a><![CDATA[a & b]]> & c</a>").unwrap(),
            "<a><![CDATA[a & b]]> &amp; c</a>"
        );
        assert_eq!(escape_bare_ampersands("<a>&amp;</a>"), None);
        assert_eq!(escape_bare_ampersands("a &"), Some("a &amp;".into()));
    }

    #[test]
    fn odd_atom_text_types_become_text() {
        let doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"\">evil</title>\n<summary type=\"application/octet-stream\">QQ==</summary><content type=\"html\">&lt;b&gt;</content><titles type=\"x\"/></entry></feed>";
        let fixed = fix_atom_text_types(doc).unwrap();
        assert!(
            fixed.contains("<title type=\"text\">evil</title>"),
            "{fixed}"
        );
        assert!(fixed.contains("<summary type=\"text\">QQ==</summary>"));
        assert!(
            fixed.contains("<content type=\"html\">") && fixed.contains("<titles type=\"x\"/>")
        );
        assert_eq!(fix_atom_text_types("<rss><title type=\"\"/></rss>"), None);
        let both = repair("<rss><channel><title>A & B</title></channel></rss>").unwrap();
        assert_eq!(
            both,
            "<rss version=\"2.0\"><channel><title>A &amp; B</title></channel></rss>"
        );
    }

    #[test]
    fn json_feed_versions_are_normalised() {
        let fixed = fix_json_version(r#"{"version":"1.0","title":"t","items":[]}"#).unwrap();
        assert!(fixed.contains("https://jsonfeed.org/version/1.1"));
        assert_eq!(
            fix_json_version(r#"{"version":"https://jsonfeed.org/version/1","items":[]}"#),
            None
        );
        assert_eq!(fix_json_version(r#"{"verion":"1.0"}"#), None);
        assert_eq!(fix_json_version("[1,2]"), None);
    }
}
