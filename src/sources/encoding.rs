//! Character encodings of fetched bodies: the charset is taken from a byte-order mark, then the
//! HTTP `Content-Type` header, then the XML declaration, else UTF-8; every body is decoded to
//! UTF-8 (windows-1251, KOI8-R, ISO-8859-*, CJK, … through `encoding_rs`). A body that claims
//! nothing and is not valid UTF-8 is tried as Cyrillic windows-1251 or KOI8-R before falling
//! back to UTF-8 with replacement characters: decoding never fails.

use encoding_rs::{Encoding, KOI8_R, UTF_8, WINDOWS_1251};

/// Where the encoding of a body came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    ByteOrderMark,
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
    pub encoding: &'static Encoding,
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

/// Decodes `bytes` to UTF-8, choosing the encoding as the module describes.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom_len..], encoding, CharsetSource::ByteOrderMark);
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
            encoding: UTF_8,
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
    // A declared UTF-16 without a byte-order mark cannot be told from an ASCII declaration
    // that lies; the bytes were readable as ASCII, so read them as UTF-8.
    let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        if source == CharsetSource::ByteOrderMark {
            encoding
        } else {
            UTF_8
        }
    } else {
        encoding
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
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

/// Rewrites the XML declaration of already decoded text to say UTF-8, so an XML parser that
/// honours declarations does not decode the text a second time. Other text is returned as is.
pub fn declare_utf8(text: String) -> String {
    let Some((start, end)) = xml_declaration_span(text.as_bytes()) else {
        return text;
    };
    let decl = &text.as_bytes()[start..end];
    let Some(value) = attribute_value(decl, b"encoding") else {
        return text;
    };
    if value.eq_ignore_ascii_case(b"utf-8") {
        return text;
    }
    // `value` is a sub-slice of `text`: find its offset to splice in the new name.
    let offset = value.as_ptr() as usize - text.as_ptr() as usize;
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..offset]);
    out.push_str("UTF-8");
    out.push_str(&text[offset + value.len()..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp1251(s: &str) -> Vec<u8> {
        WINDOWS_1251.encode(s).0.into_owned()
    }

    #[test]
    fn header_charset_is_read_with_quotes_and_spaces() {
        for ct in [
            "text/xml; charset=windows-1251",
            "application/rss+xml;charset= \"windows-1251\"",
            "text/xml;charset = 'cp1251'",
        ] {
            assert_eq!(charset_from_content_type(ct), Some(WINDOWS_1251), "{ct}");
        }
        assert_eq!(charset_from_content_type("text/xml"), None);
        assert_eq!(charset_from_content_type("text/xml; charset:koi8-r"), None);
        assert_eq!(charset_from_content_type("text/xml; charset=bogus"), None);
    }

    #[test]
    fn xml_declaration_names_the_encoding() {
        let mut body = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss>".to_vec();
        body.extend(cp1251("Втрати"));
        let d = decode(&body, Some("text/xml"));
        assert_eq!(d.source, CharsetSource::XmlDeclaration);
        assert!(d.text.ends_with("Втрати"), "{}", d.text);
        assert!(!d.had_errors);
        let utf8 = declare_utf8(d.text);
        assert!(utf8.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    }

    #[test]
    fn header_wins_over_declaration_and_bom_wins_over_both() {
        let mut body = b"<?xml version='1.0' encoding='utf-8'?><x>".to_vec();
        body.extend(KOI8_R.encode("Потери").0.iter());
        let d = decode(&body, Some("text/xml; charset=koi8-r"));
        assert_eq!(d.source, CharsetSource::HttpHeader);
        assert!(d.text.ends_with("Потери"));

        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend("<x>Втрати</x>".as_bytes());
        let d = decode(&bom, Some("text/xml; charset=windows-1251"));
        assert_eq!(d.source, CharsetSource::ByteOrderMark);
        assert_eq!(d.text, "<x>Втрати</x>");
    }

    #[test]
    fn undeclared_cyrillic_is_guessed() {
        let text = "Военнослужащие отказались выполнять приказ и вернулись в часть";
        let d = decode(&cp1251(text), None);
        assert_eq!((d.encoding, d.source), (WINDOWS_1251, CharsetSource::Guessed));
        assert_eq!(d.text, text);
        let d = decode(&KOI8_R.encode(text).0, None);
        assert_eq!(d.encoding, KOI8_R);
        assert_eq!(d.text, text);
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        let d = decode(b"<rss>caf\xC3 ok \xFF</rss>", None);
        assert_eq!(d.encoding, UTF_8);
        assert!(d.had_errors);
        assert!(d.text.contains('\u{FFFD}') && d.text.contains("ok"));
        let d = decode(b"", None);
        assert_eq!(d.text, "");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut body = vec![0xFF, 0xFE];
        for u in "<?xml version=\"1.0\" encoding=\"utf-16\"?><a>я</a>".encode_utf16() {
            body.extend(u.to_le_bytes());
        }
        let d = decode(&body, None);
        assert_eq!(d.source, CharsetSource::ByteOrderMark);
        assert!(declare_utf8(d.text).contains("encoding=\"UTF-8\"?><a>я</a>"));
    }
}
