//! Fast character classes for the hot path: letters, uppercase and lowercase, quick for
//! ASCII and the Russian/Ukrainian alphabet (the standard library's general lookup is slow for
//! Cyrillic).

/// True for a letter. Fast for ASCII and the Russian/Ukrainian alphabet (the standard
/// library's general lookup is slow for Cyrillic).
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{0}'..='\u{7f}' => false,
        '\u{0400}'..='\u{045f}' | 'Ґ' | 'ґ' => true,
        // Punctuation, symbols, arrows, emoji and variation selectors, common in posts.
        '\u{a0}'..='\u{bf}'
        | '\u{2000}'..='\u{2bff}'
        | '\u{3000}'..='\u{303f}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{1f000}'..='\u{1faff}' => false,
        _ => c.is_alphabetic(),
    }
}

/// True for an uppercase letter (fast for ASCII and Cyrillic).
pub fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' | '\u{0400}'..='\u{042f}' | 'Ґ' => true,
        'a'..='z' | '\u{0}'..='\u{7f}' | '\u{0430}'..='\u{045f}' | 'ґ' => false,
        _ => c.is_uppercase(),
    }
}

/// The lowercase form of one character (one character; fast for ASCII and Cyrillic).
pub fn lower(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{0}'..='\u{7f}' | '\u{0430}'..='\u{045f}' | 'ґ' => c,
        '\u{0410}'..='\u{042f}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        '\u{0400}'..='\u{040f}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        'Ґ' => 'ґ',
        _ if c.is_uppercase() => c.to_lowercase().next().unwrap_or(c),
        _ => c,
    }
}
