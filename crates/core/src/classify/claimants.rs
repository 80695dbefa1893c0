//! The table of known claimants (`lexicon/claimants.toml`): a stable id, the side each belongs
//! to, its formal name and a short name in each language the bot speaks. The classifier finds
//! them through the lexicon's `[[claimants]]` phrases; the digest and the series name them
//! through this table.

use crate::model::{Lang, Side};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const FILE: &str = include_str!("lexicon/claimants.toml");

/// How a text names a claimant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A ministry, a staff, a service: a source wherever the sentence names it.
    #[default]
    Institution,
    /// An official: a source only where the sentence attributes to them.
    Person,
    /// An outlet or a researcher: a source only where the sentence attributes to it.
    Outlet,
    /// A country speaking ("Russia has claimed"): its phrases hold the verb of saying; it
    /// stands for its side's institution named around it, when there is one.
    Country,
}

/// One known claimant.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Known {
    #[serde(skip)]
    pub id: String,
    /// The formal name (`claimant` in `classify --jsonl`).
    pub name: String,
    #[serde(default)]
    pub side: Option<Side>,
    #[serde(default)]
    pub kind: Kind,
    /// Reports figures every day, per axis or group (Russia's defence ministry): a digest
    /// shows its figures of one day as one block.
    #[serde(default)]
    pub daily: bool,
    /// A belligerent's military command: what it reports destroyed or killed without naming
    /// whose is the enemy's.
    #[serde(default)]
    pub combatant: bool,
    /// Investigates or prosecutes its own side's soldiers (a state bureau of investigation, a
    /// prosecutor): a refusal or desertion it reports without naming whose is its side's.
    #[serde(default)]
    pub polices_own: bool,
    en: String,
    uk: String,
    ru: String,
}

impl Known {
    /// Every name the table gives it: formal, then in each language.
    pub fn names(&self) -> [&str; 4] {
        [&self.name, &self.en, &self.uk, &self.ru]
    }

    /// The short name a reader of `lang` sees.
    pub fn display(&self, lang: Lang) -> &str {
        match lang {
            Lang::Uk => &self.uk,
            Lang::Ru => &self.ru,
            _ => &self.en,
        }
    }
}

/// The table, parsed once. A malformed file leaves it empty (and fails the unit tests).
fn table() -> &'static BTreeMap<String, Known> {
    static TABLE: OnceLock<BTreeMap<String, Known>> = OnceLock::new();
    TABLE.get_or_init(|| parse(FILE).unwrap_or_default())
}

fn parse(text: &str) -> Result<BTreeMap<String, Known>, toml::de::Error> {
    let mut t: BTreeMap<String, Known> = toml::from_str(text)?;
    for (id, k) in t.iter_mut() {
        k.id = id.clone();
    }
    Ok(t)
}

/// The known claimant with this id.
pub fn by_id(id: &str) -> Option<&'static Known> {
    table().get(id)
}

/// The known claimant whose formal name this is (claims stored before ids existed).
pub fn by_name(name: &str) -> Option<&'static Known> {
    table().values().find(|k| k.name == name)
}

/// Every known claimant, by id.
pub fn all() -> impl Iterator<Item = &'static Known> {
    table().values()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses_and_names_each_claimant_in_three_languages() {
        let t = parse(FILE).unwrap_or_else(|e| panic!("claimants.toml: {e}"));
        assert!(t.len() >= 25, "{}", t.len());
        for k in t.values() {
            for lang in [Lang::En, Lang::Uk, Lang::Ru] {
                assert!(!k.display(lang).trim().is_empty(), "{} {lang:?}", k.id);
            }
        }
        let mod_ru = by_id("ru_mod").unwrap();
        assert_eq!(mod_ru.side, Some(Side::Russia));
        assert_eq!(mod_ru.display(Lang::Uk), "Міноборони РФ");
        assert_eq!(by_name("Russian Ministry of Defence").unwrap().id, "ru_mod");
        assert_eq!(by_id("mediazona").unwrap().kind, Kind::Outlet);
    }
}
