//! Markdown emphasis in a post's text, made invisible to the reading.

use std::borrow::Cow;

/// Markdown emphasis ("**жирный**", "__курсив__"), which a t.me/s page shows as bold or
/// italics, made spaces of the same length: a marker between a number and its noun
/// ("**уничтожены 72 человека** личного состава") would otherwise part them. Byte offsets do
/// not move; a text without markers is not copied.
pub fn without_emphasis(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let marker_at =
        |i: usize| matches!(bytes[i], b'*' | b'_') && bytes.get(i + 1) == Some(&bytes[i]);
    let mut markers = memchr::memchr2_iter(b'*', b'_', bytes).filter(|&i| marker_at(i));
    let Some(first) = markers.next() else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for i in std::iter::once(first).chain(markers) {
        // "***": the third star is no second marker.
        if i < last {
            continue;
        }
        // Markers are ASCII, so these are character boundaries.
        out.push_str(&text[last..i]);
        out.push_str("  ");
        last = i + 2;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_spaces_and_offsets_stay() {
        let text = "**уничтожены 72 человека** личного состава, __курсив__, ***, *одна* и a_b";
        let clean = without_emphasis(text);
        assert_eq!(clean.len(), text.len());
        assert_eq!(
            clean,
            "  уничтожены 72 человека   личного состава,   курсив  ,   *, *одна* и a_b"
        );
        assert_eq!(clean, text.replace("**", "  ").replace("__", "  "));
        assert!(matches!(
            without_emphasis("без разметки, *одна* и a_b"),
            Cow::Borrowed(_)
        ));
    }
}
