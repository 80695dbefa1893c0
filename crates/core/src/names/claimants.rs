//! Which known claimant a claim or a channel names. The classifier sets `claimant_id` for the
//! claimants its lexicon finds; for the others (claims filed before an id existed, spellings
//! the lexicon lacks, a channel's own name) the claimant as written is compared with every
//! name of the table (`classify/lexicon/claimants.toml`) and the aliases in `aliases.toml`.

use crate::classify::claimants::{self, Known};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const ALIASES: &str = include_str!("aliases.toml");

/// Conjunctions that join the names of a joint claim ("Би-би-си и Медиазона").
const JOINS: &[&str] = &["и", "і", "й", "та", "and", "&"];

/// Lowercase words, «ё» read as «е», quotes and punctuation dropped (hyphens kept inside
/// words: "би-би-си").
fn key(name: &str) -> String {
    name.to_lowercase()
        .replace('ё', "е")
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '&'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every name → id: the table's own names, then the aliases.
fn names() -> &'static Vec<(String, String)> {
    static NAMES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut out: Vec<(String, String)> = Vec::new();
        for k in claimants::all() {
            for n in k.names() {
                out.push((key(n), k.id.clone()));
            }
        }
        let aliases: BTreeMap<String, Vec<String>> = toml::from_str(ALIASES).unwrap_or_default();
        for (id, list) in aliases {
            out.extend(list.iter().map(|n| (key(n), id.clone())));
        }
        out.retain(|(k, _)| !k.is_empty());
        out
    })
}

/// The known claimant named `written`: the whole name, or the start of it when what follows
/// is a person's name after a title of two words or more, or another name of a joint claim.
pub fn by_name(written: &str) -> Option<&'static Known> {
    let w = key(written);
    if w.is_empty() {
        return None;
    }
    let table = names();
    if let Some((_, id)) = table.iter().find(|(k, _)| *k == w) {
        return claimants::by_id(id);
    }
    table
        .iter()
        .filter(|(k, _)| {
            w.strip_prefix(k.as_str())
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|rest| {
                    let next = rest.split(' ').next().unwrap_or("");
                    JOINS.contains(&next) || k.contains(' ')
                })
        })
        .max_by_key(|(k, _)| k.len())
        .and_then(|(_, id)| claimants::by_id(id))
}

/// The known claimant of a claim: its id when it has one, else its name as written.
pub fn resolve(claimant_id: Option<&str>, written: Option<&str>) -> Option<&'static Known> {
    claimant_id
        .and_then(claimants::by_id)
        .or_else(|| written.and_then(by_name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    fn id(written: &str) -> Option<&'static str> {
        by_name(written).map(|k| k.id.as_str())
    }

    #[test]
    fn every_alias_names_a_known_claimant() {
        let aliases: BTreeMap<String, Vec<String>> =
            toml::from_str(ALIASES).unwrap_or_else(|e| panic!("aliases.toml: {e}"));
        for id in aliases.keys() {
            assert!(
                claimants::by_id(id).is_some(),
                "{id} is not in claimants.toml"
            );
        }
        assert!(aliases.len() >= 50, "{}", aliases.len());
    }

    #[test]
    fn names_across_languages_and_spellings_meet() {
        assert_eq!(id("Минобороны России"), Some("ru_mod"));
        assert_eq!(id("Russian Ministry of Defence"), Some("ru_mod"));
        assert_eq!(id("міноборони рф"), Some("ru_mod"));
        assert_eq!(id("Генштаб ВСУ"), Some("ua_general_staff"));
        assert_eq!(id("«Медиазона»"), Some("mediazona"));
        assert_eq!(id("BBC News | Русская служба"), Some("bbc_russian"));
        assert_eq!(id("Би-би-си и Медиазона"), Some("bbc_russian"));
        assert_eq!(
            id("губернатор Севастополя Михаил Развожаев"),
            Some("governor_sevastopol")
        );
        assert_eq!(
            id("Британская военная разведка"),
            Some("uk_defence_intelligence")
        );
        assert_eq!(id("SHOT"), Some("shot"));
        assert_eq!(
            id("Координационный штаб по вопросам обращения с военнопленными"),
            Some("ua_pow_hq")
        );
        assert_eq!(by_name("Mash").map(|k| k.display(Lang::Uk)), Some("Mash"));
    }

    #[test]
    fn unknown_names_stay_unknown() {
        assert_eq!(id("источник в СБУ"), None);
        assert_eq!(id("военкоры"), None);
        assert_eq!(id("Ковалев"), None);
        assert_eq!(id(""), None);
        assert_eq!(id("SHOTGUN"), None);
        assert_eq!(id("Mash Ukraine news"), None);
        assert_eq!(
            resolve(Some("isw"), Some("whatever")).map(|k| k.id.as_str()),
            Some("isw")
        );
        assert_eq!(
            resolve(Some("no_such_id"), Some("ТАСС")).map(|k| k.id.as_str()),
            Some("tass")
        );
    }
}
