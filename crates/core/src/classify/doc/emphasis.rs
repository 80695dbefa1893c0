//! Markdown emphasis in a post's text, made invisible to the reading.

/// Markdown emphasis ("**жирный**", "__курсив__"), which a t.me/s page shows as bold or
/// italics, made spaces of the same length: a marker between a number and its noun ("**уничтожены
/// 72 человека** личного состава") would otherwise part them. Byte offsets do not move.
pub fn without_emphasis(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("**") && !text.contains("__") {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace("**", "  ").replace("__", "  "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_spaces_and_offsets_stay() {
        let text = "**уничтожены 72 человека** личного состава, __курсив__ и *одна*";
        let clean = without_emphasis(text);
        assert_eq!(clean.len(), text.len());
        assert_eq!(
            clean,
            "  уничтожены 72 человека   личного состава,   курсив   и *одна*"
        );
        assert!(matches!(
            without_emphasis("без разметки"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
