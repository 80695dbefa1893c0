//! Tests of decoding: signatures, headers, declarations, Cyrillic guesses, re-declaring UTF-8.

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
    assert_eq!(d.source, CharsetSource::Signature);
    assert_eq!(d.text, "<x>Втрати</x>");
}

#[test]
fn undeclared_cyrillic_is_guessed() {
    let text = "Военнослужащие отказались выполнять приказ и вернулись в часть";
    let d = decode(&cp1251(text), None);
    assert_eq!(
        (d.encoding, d.source),
        ("windows-1251", CharsetSource::Guessed)
    );
    assert_eq!(d.text, text);
    let d = decode(&KOI8_R.encode(text).0, None);
    assert_eq!(d.encoding, "KOI8-R");
    assert_eq!(d.text, text);
}

#[test]
fn invalid_utf8_becomes_replacement_characters() {
    let d = decode(b"<rss>caf\xC3 ok \xFF</rss>", None);
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.had_errors);
    assert!(d.text.contains('\u{FFFD}') && d.text.contains("ok"));
    let d = decode(b"", None);
    assert_eq!(d.text, "");
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    s.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

fn utf32(s: &str, big_endian: bool) -> Vec<u8> {
    s.chars()
        .flat_map(|c| {
            let n = c as u32;
            if big_endian {
                n.to_be_bytes()
            } else {
                n.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn utf16_and_utf32_with_or_without_a_mark() {
    let doc = "<?xml version=\"1.0\" encoding=\"utf-16\"?><a>я</a>";
    let mut with_bom = vec![0xFF, 0xFE];
    with_bom.extend(utf16(doc, false));
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (with_bom, "UTF-16LE"),
        (utf16(doc, true), "UTF-16BE"),
        (utf16(doc, false), "UTF-16LE"),
        (
            [vec![0, 0, 0xFE, 0xFF], utf32(doc, true)].concat(),
            "UTF-32BE",
        ),
        (
            [vec![0xFF, 0xFE, 0, 0], utf32(doc, false)].concat(),
            "UTF-32LE",
        ),
        (utf32(doc, false), "UTF-32LE"),
    ];
    for (bytes, name) in cases {
        let d = decode(&bytes, Some("text/xml; charset=utf-8"));
        assert_eq!((d.encoding, d.source), (name, CharsetSource::Signature));
        assert_eq!(d.text, doc, "{name}");
        assert!(declare_utf8(d.text).contains("encoding=\"UTF-8\"?><a>я</a>"));
    }
    let (text, errors) = decode_utf32(&[0x41, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x42], false);
    assert_eq!((text.as_str(), errors), ("A\u{FFFD}\u{FFFD}", true));
}

#[test]
fn every_declaration_is_rewritten() {
    let t = "<!-- c --><?xml version='1.0' encoding='koi8-r'?><a/><?xml encoding=\"cp1251\"?>";
    assert_eq!(
        declare_utf8(t.to_owned()),
        "<!-- c --><?xml version='1.0' encoding='UTF-8'?><a/><?xml encoding=\"UTF-8\"?>"
    );
    assert_eq!(declare_utf8("<?xml".to_owned()), "<?xml");
}
