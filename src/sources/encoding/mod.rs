//! Character encodings of fetched bodies: the charset is taken from a byte-order mark (or the
//! UTF-16/32 signature of `<?`), then the HTTP `Content-Type` header, then the XML
//! declaration, else UTF-8; every body is decoded to
//! UTF-8 (windows-1251, KOI8-R, ISO-8859-*, CJK, … through `encoding_rs`). A body that claims
//! nothing and is not valid UTF-8 is tried as Cyrillic windows-1251 or KOI8-R before falling
//! back to UTF-8 with replacement characters: decoding never fails.

use encoding_rs::{Encoding, KOI8_R, UTF_8, WINDOWS_1251};

/// Where the encoding of a body came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    /// A byte-order mark, or `<?` written in UTF-16 or UTF-32 at the very start.
    Signature,
    HttpHeader,
    XmlDeclaration,
    /// Nothing declared and the bytes are not UTF-8: guessed from Cyrillic letter frequencies.
    Guessed,
    /// Nothing declared: UTF-8.
    Default,
}

/// A body decoded to UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name ("UTF-8", "windows-1251", "UTF-32LE", …).
    pub encoding: &'static str,
    pub source: CharsetSource,
    /// Some bytes were not valid in the encoding and became U+FFFD.
    pub had_errors: bool,
}

/// The `charset` parameter of a `Content-Type` value, when it names a known encoding.
/// Quotes and spaces around the value are tolerated (`charset= "us-ascii"`).
pub fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        Encoding::for_label(value.as_bytes())
    })
}

/// The encoding named by an XML declaration at the start of `bytes` (ASCII-compatible
/// encodings only; UTF-16 bodies carry a byte-order mark instead).
pub fn xml_declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let (start, end) = xml_declaration_span(bytes)?;
    let decl = &bytes[start..end];
    let value = attribute_value(decl, b"encoding")?;
    Encoding::for_label(value)
}

/// Byte range of `<?xml … ?>` when the document starts with one (after optional whitespace).
fn xml_declaration_span(bytes: &[u8]) -> Option<(usize, usize)> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &bytes[start..bytes.len().min(start + 1024)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    Some((start, start + end + 2))
}

/// The value of `name="…"` (or `'…'`) inside a declaration.
fn attribute_value<'a>(decl: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut i = 0;
    while i + name.len() <= decl.len() {
        if decl[i..].starts_with(name) && (i == 0 || decl[i - 1].is_ascii_whitespace()) {
            let mut j = i + name.len();
            while j < decl.len() && decl[j].is_ascii_whitespace() {
                j += 1;
            }
            if decl.get(j) == Some(&b'=') {
                j += 1;
                while j < decl.len() && decl[j].is_ascii_whitespace() {
                    j += 1;
                }
                let quote = *decl.get(j)?;
                if quote == b'"' || quote == b'\'' {
                    let rest = &decl[j + 1..];
                    let len = rest.iter().position(|b| *b == quote)?;
                    return Some(&rest[..len]);
                }
            }
        }
        i += 1;
    }
    None
}

/// A Unicode form recognised from the first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unicode {
    Utf8,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

/// The Unicode form of a body from its byte-order mark or, without one, from how `<?` or
/// `<` is written (XML 1.0, appendix F); and how many bytes the mark takes.
fn sniff_unicode(b: &[u8]) -> Option<(Unicode, usize)> {
    Some(match b {
        [0x00, 0x00, 0xFE, 0xFF, ..] => (Unicode::Utf32Be, 4),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Unicode::Utf32Le, 4),
        [0xEF, 0xBB, 0xBF, ..] => (Unicode::Utf8, 3),
        [0xFE, 0xFF, ..] => (Unicode::Utf16Be, 2),
        [0xFF, 0xFE, ..] => (Unicode::Utf16Le, 2),
        [0x00, 0x00, 0x00, 0x3C, ..] => (Unicode::Utf32Be, 0),
        [0x3C, 0x00, 0x00, 0x00, ..] => (Unicode::Utf32Le, 0),
        [0x00, 0x3C, 0x00, 0x3F, ..] => (Unicode::Utf16Be, 0),
        [0x3C, 0x00, 0x3F, 0x00, ..] => (Unicode::Utf16Le, 0),
        _ => return None,
    })
}

/// UTF-32 is not in `encoding_rs`: four bytes per character, invalid ones replaced.
fn decode_utf32(bytes: &[u8], big_endian: bool) -> (String, bool) {
    let mut out = String::with_capacity(bytes.len() / 4);
    let mut had_errors = !bytes.len().is_multiple_of(4);
    for quad in bytes.chunks_exact(4) {
        let raw = [quad[0], quad[1], quad[2], quad[3]];
        let n = if big_endian {
            u32::from_be_bytes(raw)
        } else {
            u32::from_le_bytes(raw)
        };
        match char::from_u32(n) {
            Some(c) => out.push(c),
            None => {
                had_errors = true;
                out.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if had_errors && !bytes.len().is_multiple_of(4) {
        out.push(char::REPLACEMENT_CHARACTER);
    }
    (out, had_errors)
}

fn decode_unicode(bytes: &[u8], form: Unicode) -> Decoded {
    let (encoding, name) = match form {
        Unicode::Utf32Le | Unicode::Utf32Be => {
            let be = form == Unicode::Utf32Be;
            let (text, had_errors) = decode_utf32(bytes, be);
            return Decoded {
                text,
                encoding: if be { "UTF-32BE" } else { "UTF-32LE" },
                source: CharsetSource::Signature,
                had_errors,
            };
        }
        Unicode::Utf8 => (UTF_8, "UTF-8"),
        Unicode::Utf16Le => (encoding_rs::UTF_16LE, "UTF-16LE"),
        Unicode::Utf16Be => (encoding_rs::UTF_16BE, "UTF-16BE"),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: name,
        source: CharsetSource::Signature,
        had_errors,
    }
}

/// Decodes `bytes` to UTF-8, choosing the encoding as the module describes.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    if let Some((form, mark)) = sniff_unicode(bytes) {
        return decode_unicode(&bytes[mark..], form);
    }
    if let Some(encoding) = content_type.and_then(charset_from_content_type) {
        return decode_with(bytes, encoding, CharsetSource::HttpHeader);
    }
    if let Some(encoding) = xml_declared_encoding(bytes) {
        return decode_with(bytes, encoding, CharsetSource::XmlDeclaration);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
            source: CharsetSource::Default,
            had_errors: false,
        };
    }
    match guess_cyrillic(bytes) {
        Some(encoding) => decode_with(bytes, encoding, CharsetSource::Guessed),
        None => decode_with(bytes, UTF_8, CharsetSource::Default),
    }
}

fn decode_with(bytes: &[u8], encoding: &'static Encoding, source: CharsetSource) -> Decoded {
    // UTF-16 named in a header or declaration without the bytes to match (they were read as
    // ASCII to get here): the name lies, read the bytes as UTF-8.
    let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        encoding
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        source,
        had_errors,
    }
}

/// Guesses windows-1251 or KOI8-R for bytes that are not UTF-8 when most of their high bytes
/// fall in the Cyrillic letter block both share (0xC0–0xFF). Russian and Ukrainian text is
/// mostly lower case: lower-case letters are 0xE0–0xFF in windows-1251 and 0xC0–0xDF in KOI8-R.
fn guess_cyrillic(bytes: &[u8]) -> Option<&'static Encoding> {
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    if high < 4 {
        return None;
    }
    let upper_block = bytes.iter().filter(|b| **b >= 0xE0).count();
    let lower_block = bytes.iter().filter(|b| (0xC0..0xE0).contains(*b)).count();
    if (upper_block + lower_block) * 10 < high * 7 {
        return None;
    }
    Some(if upper_block >= lower_block {
        WINDOWS_1251
    } else {
        KOI8_R
    })
}

/// Rewrites the encoding named by XML declarations in already decoded text to UTF-8, so an
/// XML parser that honours declarations does not decode the text a second time. Every
/// `<?xml` is rewritten, not only a leading one: a declaration after other markup is invalid,
/// but a parser that meets one with another encoding must not switch.
pub fn declare_utf8(text: String) -> String {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("<?xml") {
        let start = from + at;
        let Some(len) = text[start..].find("?>") else {
            break;
        };
        let decl = &text.as_bytes()[start..start + len];
        if let Some(value) = attribute_value(decl, b"encoding")
            && !value.eq_ignore_ascii_case(b"utf-8")
        {
            let offset = value.as_ptr() as usize - text.as_ptr() as usize;
            spans.push((offset, offset + value.len()));
        }
        from = start + len;
    }
    if spans.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (a, b) in spans {
        out.push_str(&text[last..a]);
        out.push_str("UTF-8");
        last = b;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests;
