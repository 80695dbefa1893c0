//! The wording of an entry's claim line, one file per language: templates per category
//! (`{who} {verb} {side}losses of {figures}{place}{period}`), the phrases that fill their slots
//! (sides, periods, qualifiers, the way a place is introduced) and each metric's noun in the
//! forms a count needs. Slot phrases carry their own spaces, so an absent slot leaves none.
//! `src/entry` composes the line; a test checks every language has every string with the same
//! placeholders.

mod en;
mod ru;
mod uk;

use crate::model::Lang;
use serde::Serialize;

/// A noun after a count: `[one, few, many, one after a preposition]`. English uses one and
/// many; Ukrainian and Russian pick by their plural rules, and after «до», «понад», «около»
/// take the genitive (the fourth form for one, the third otherwise).
pub type Forms = [&'static str; 4];

/// Each metric's noun (see `model::Metric`).
#[derive(Debug, Serialize)]
pub struct Nouns {
    pub personnel: Forms,
    pub killed: Forms,
    pub wounded: Forms,
    pub prisoners: Forms,
    pub tanks: Forms,
    pub apc: Forms,
    pub artillery: Forms,
    pub mlrs: Forms,
    pub air_defense: Forms,
    pub aircraft: Forms,
    pub helicopters: Forms,
    pub uav: Forms,
    pub cruise_missiles: Forms,
    pub ships: Forms,
    pub submarines: Forms,
    pub vehicles: Forms,
    pub special_equipment: Forms,
    pub ground_robots: Forms,
    pub equipment: Forms,
    pub refusers: Forms,
    pub deserters: Forms,
}

/// One language's claim-line wording.
#[derive(Debug, Serialize)]
pub struct EntryTexts {
    /// A named claimant's loss claim.
    pub verb_claims: &'static str,
    /// A channel's own report (the text names no claimant).
    pub verb_reports: &'static str,
    /// A named claimant's refusal report.
    pub verb_says: &'static str,
    /// `{who}`, `{verb}`, `{side}`, `{figures}`, `{place}`, `{period}`.
    pub losses: &'static str,
    /// Losses without figures: `{who}`, `{verb}`, `{side}`, `{place}`, `{period}`.
    pub losses_bare: &'static str,
    /// Soldiers who refused orders: [one, more]; `{who}`, `{verb}`, `{count}`, `{soldiers}`,
    /// `{side}`, `{unit}`, `{place}`, `{period}`.
    pub refused: [&'static str; 2],
    /// Soldiers who deserted or went AWOL: [one, more], the same slots.
    pub deserted: [&'static str; 2],
    /// A refusal without a count: `{who}`, `{side}`, `{unit}`, `{place}`, `{period}`.
    pub refusal_bare: &'static str,
    /// Whose losses: [Russia's, Ukraine's], with their spaces.
    pub losses_side: [&'static str; 2],
    /// Whose soldiers: [Russia's, Ukraine's], with their spaces.
    pub soldiers_side: [&'static str; 2],
    /// The soldiers counted in a refusal.
    pub soldiers: Forms,
    /// A unit as written: `{unit}`.
    pub unit: &'static str,
    /// [day, week, month, year, total, event], with their spaces; empty says nothing.
    pub periods: [&'static str; 6],
    /// [up to, more than, about], each followed by the number.
    pub qualifiers: [&'static str; 3],
    /// A known place: [region, district, city, axis, group, site]; `{place}`.
    pub places: [&'static str; 6],
    /// A place not in the gazetteer, as written: `{place}`.
    pub place_written: &'static str,
    /// Between figures, and before the last one.
    pub list_separator: &'static str,
    pub list_last: &'static str,
    /// The figures that did not fit the line: `{figures}`.
    pub also: &'static str,
    /// The General Staff's running totals: `{who}`, `{verb}`, `{side}`, `{figures}`.
    pub totals: &'static str,
    /// A daily reporter's figures of one day: `{who}`, `{verb}`, `{side}`, `{day}`, `{parts}`.
    pub series: &'static str,
    /// One part of a day's figures: `{scope}`, `{figures}`.
    pub series_part: &'static str,
    /// A part with no axis or group: the figure for every axis together.
    pub all_axes: &'static str,
    /// A source's link text when its post has no readable headline.
    pub the_post: &'static str,
    /// A claim with neither claimant nor source.
    pub unattributed: &'static str,
    pub nouns: Nouns,
}

/// The claim-line wording for `lang` (`Other` falls back to English).
pub fn entry_texts(lang: Lang) -> &'static EntryTexts {
    match lang {
        Lang::Uk => &uk::TEXTS,
        Lang::Ru => &ru::TEXTS,
        Lang::En | Lang::Other => &en::TEXTS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn strings(v: &serde_json::Value, prefix: &str, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    strings(v, &format!("{prefix}.{k}"), out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    strings(v, &format!("{prefix}[{i}]"), out);
                }
            }
            serde_json::Value::String(s) => out.push((prefix.to_owned(), s.clone())),
            _ => {}
        }
    }

    fn slots(s: &str) -> BTreeSet<&str> {
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_language_has_every_string_with_the_same_placeholders() {
        let all = |lang| {
            let mut out = Vec::new();
            strings(
                &serde_json::to_value(entry_texts(lang)).unwrap(),
                "",
                &mut out,
            );
            out
        };
        let en = all(Lang::En);
        for lang in [Lang::Uk, Lang::Ru] {
            let other = all(lang);
            assert_eq!(en.len(), other.len(), "{lang}");
            for ((key, e), (key2, o)) in en.iter().zip(&other) {
                assert_eq!(key, key2);
                assert_eq!(slots(e), slots(o), "{lang}{key}: placeholders differ");
                let optional = key.starts_with(".periods") || key.ends_with("_side[0]");
                assert!(
                    optional || !o.trim().is_empty() || e.trim().is_empty(),
                    "{lang}{key}"
                );
            }
        }
    }
}
