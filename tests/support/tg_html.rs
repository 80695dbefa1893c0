//! Checks text the way Telegram's HTML parse mode does: only its tags, properly nested and
//! closed, `<a>` with an href, only `&lt; &gt; &amp; &quot;` and numeric entities, and at most
//! 4096 characters (UTF-16 code units) of visible text.

/// The tags Telegram's HTML parse mode accepts.
const ALLOWED: [&str; 16] = [
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "blockquote",
    "span",
    "tg-spoiler",
    "tg-emoji",
];

/// Why Telegram would refuse a text; the message matches the Bot API's description.
pub fn validate(html: &str) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut visible_utf16 = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or('\0');
        if c == '<' {
            rest = tag(html, rest, &mut stack)?;
        } else if c == '&' {
            rest = entity(rest)?;
            visible_utf16 += 1;
        } else if c == '>' {
            return Err("Bad Request: can't parse entities: character '>' must be escaped".into());
        } else {
            visible_utf16 += c.len_utf16();
            rest = &rest[c.len_utf8()..];
        }
    }
    if let Some(open) = stack.pop() {
        return Err(format!(
            "Bad Request: can't parse entities: can't find end tag corresponding to start tag \"{open}\""
        ));
    }
    if visible_utf16 == 0 {
        return Err("Bad Request: message text is empty".into());
    }
    if visible_utf16 > 4096 {
        return Err("Bad Request: message is too long".into());
    }
    Ok(())
}

/// Reads the tag `rest` starts with, opening or closing it on `stack`; returns what follows.
fn tag<'a>(html: &str, rest: &'a str, stack: &mut Vec<String>) -> Result<&'a str, String> {
    let end = rest
        .find('>')
        .ok_or_else(|| "Bad Request: can't parse entities: unclosed start tag".to_string())?;
    let tag = &rest[1..end];
    let rest = &rest[end + 1..];
    if let Some(name) = tag.strip_prefix('/') {
        let name = name.trim().to_ascii_lowercase();
        return match stack.pop() {
            Some(open) if open == name => Ok(rest),
            _ => Err(format!(
                "Bad Request: can't parse entities: unmatched end tag at byte offset {}, expected \"</{}>\", found \"</{name}>\"",
                html.len() - rest.len(),
                stack.last().map(String::as_str).unwrap_or("")
            )),
        };
    }
    let name: String = tag
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if !ALLOWED.contains(&name.as_str()) {
        return Err(format!(
            "Bad Request: can't parse entities: unsupported start tag \"{name}\" at byte offset {}",
            html.len() - rest.len() - tag.len() - 2
        ));
    }
    if name == "a" && !tag.contains("href=") {
        return Err("Bad Request: can't parse entities: a tag without href".into());
    }
    stack.push(name);
    Ok(rest)
}

/// Reads the entity `rest` starts with (one visible character); returns what follows.
fn entity(rest: &str) -> Result<&str, String> {
    let end = rest.find(';').filter(|e| *e <= 10).ok_or_else(|| {
        "Bad Request: can't parse entities: character '&' must be escaped".to_string()
    })?;
    let ent = &rest[1..end];
    let ok = matches!(ent, "lt" | "gt" | "amp" | "quot")
        || ent
            .strip_prefix("#x")
            .is_some_and(|h| u32::from_str_radix(h, 16).is_ok())
        || ent
            .strip_prefix('#')
            .is_some_and(|d| d.parse::<u32>().is_ok());
    if !ok {
        return Err(format!(
            "Bad Request: can't parse entities: unsupported entity \"&{ent};\""
        ));
    }
    Ok(&rest[end + 1..])
}
