//! Where a story was first reported and who else told it: "first reported by X; N sources".

use crate::model::{SourceRef, StoryView};

/// A story's sources, first source first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The earliest item's source.
    pub first: SourceRef,
    /// One item per other source, in the order they reported it.
    pub others: Vec<SourceRef>,
    /// Distinct sources, the first included.
    pub source_count: usize,
    pub item_count: usize,
}

impl Provenance {
    /// "first reported by X; N sources" (English; the digest renders its own languages).
    pub fn summary(&self) -> String {
        let n = self.source_count;
        format!(
            "first reported by {}; {n} source{}",
            self.first.source_name,
            if n == 1 { "" } else { "s" }
        )
    }
}

/// The provenance of a story; `None` when it has no items.
pub fn provenance(view: &StoryView) -> Option<Provenance> {
    let mut refs: Vec<&SourceRef> = view.sources.iter().collect();
    refs.sort_by_key(|r| (r.published_at, r.item_id));
    let first = (*refs.first()?).clone();
    let mut seen = vec![first.source_id];
    let mut others = Vec::new();
    for r in refs.iter().skip(1) {
        if !seen.contains(&r.source_id) {
            seen.push(r.source_id);
            others.push((*r).clone());
        }
    }
    Some(Provenance {
        first,
        source_count: seen.len(),
        item_count: refs.len(),
        others,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Story;
    use chrono::{TimeZone, Utc};

    fn r(source_id: i64, name: &str, item_id: i64, minute: u32) -> SourceRef {
        SourceRef {
            source_id,
            source_name: name.into(),
            item_id,
            url: None,
            published_at: Utc.with_ymd_and_hms(2026, 11, 21, 7, minute, 0).unwrap(),
        }
    }

    #[test]
    fn the_earliest_item_is_first_and_sources_are_counted_once() {
        let t = Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap();
        let view = StoryView {
            story: Story {
                id: 1,
                first_item_id: 11,
                first_seen_at: t,
                last_seen_at: t,
                item_count: 4,
                source_count: 3,
                title: String::new(),
            },
            claims: Vec::new(),
            sources: vec![
                r(2, "Ukrinform", 12, 20),
                r(1, "General Staff", 11, 5),
                r(2, "Ukrinform", 13, 30),
                r(3, "Kyiv Independent", 14, 25),
            ],
            folded: Vec::new(),
        };
        let p = provenance(&view).unwrap();
        assert_eq!(p.first.source_name, "General Staff");
        assert_eq!(p.source_count, 3);
        assert_eq!(p.item_count, 4);
        let others: Vec<&str> = p.others.iter().map(|o| o.source_name.as_str()).collect();
        assert_eq!(others, vec!["Ukrinform", "Kyiv Independent"]);
        assert_eq!(p.summary(), "first reported by General Staff; 3 sources");
        let empty = StoryView {
            sources: Vec::new(),
            ..view
        };
        assert!(provenance(&empty).is_none());
    }
}
