//! Markdown emphasis in a post's text, made invisible to the reading.

use std::borrow::Cow;

/// Markdown emphasis ("**жирный**", "__курсив__"), which a t.me/s page shows as bold or
/// italics, made spaces of the same length: a marker between a number and its noun
/// ("**уничтожены 72 человека** личного состава") would otherwise part them. Byte offsets do
/// not move; a text without markers is not copied.
pub fn without_emphasis(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let marker_at = |b: &[u8], i: usize| matches!(b[i], b'*' | b'_') && b.get(i + 1) == Some(&b[i]);
    let Some(first) = memchr::memchr2_iter(b'*', b'_', bytes).find(|&i| marker_at(bytes, i)) else {
        return Cow::Borrowed(text);
    };
    let mut out = bytes.to_vec();
    let mut i = first;
    while i + 1 < out.len() {
        if marker_at(&out, i) {
            out[i] = b' ';
            out[i + 1] = b' ';
            i += 2;
        } else {
            i += 1;
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text is still UTF-8.
    String::from_utf8(out).map_or(Cow::Borrowed(text), Cow::Owned)
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
