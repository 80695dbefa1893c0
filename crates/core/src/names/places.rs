//! The gazetteer (`gazetteer.toml`): Ukrainian and Russian regions, districts, frontline towns,
//! axes, groups of forces and sites, each with its nominative name in English, Ukrainian and
//! Russian. [`lookup`] finds the place a claim names in whatever case the text wrote it
//! («курском направлении» → Курское направление, «Бєлгородщині» → Бєлгородщина): words are
//! compared one by one, equal or sharing a stem with at most a case ending between them.

use crate::model::Lang;
use serde::Deserialize;
use std::sync::OnceLock;

const FILE: &str = include_str!("gazetteer.toml");

/// What kind of place: it decides how a sentence in English introduces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Region,
    District,
    City,
    Axis,
    Group,
    Site,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub kind: Kind,
    en: String,
    uk: String,
    ru: String,
    /// Other spellings: short names («Бєлгородщина»), older names, other transliterations.
    #[serde(default)]
    also: Vec<String>,
}

impl Place {
    /// The nominative name a reader of `lang` sees.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Uk => &self.uk,
            Lang::Ru => &self.ru,
            _ => &self.en,
        }
    }

    fn forms(&self) -> impl Iterator<Item = &str> {
        [self.en.as_str(), &self.uk, &self.ru]
            .into_iter()
            .chain(self.also.iter().map(String::as_str))
    }
}

#[derive(Debug, Deserialize)]
struct File {
    places: Vec<Place>,
}

/// Each place with its forms already split into normalised words.
struct Indexed {
    place: Place,
    forms: Vec<Vec<String>>,
}

fn index() -> &'static [Indexed] {
    static INDEX: OnceLock<Vec<Indexed>> = OnceLock::new();
    INDEX.get_or_init(|| {
        parse(FILE)
            .unwrap_or_default()
            .into_iter()
            .map(|place| {
                let forms = place.forms().map(words).collect();
                Indexed { place, forms }
            })
            .collect()
    })
}

fn parse(text: &str) -> Result<Vec<Place>, toml::de::Error> {
    Ok(toml::from_str::<File>(text)?.places)
}

/// Words that may open a place as written without being part of its name ("в районе
/// Купянска", "near Robotyne").
const OPENERS: &[&str] = &[
    "в",
    "во",
    "на",
    "под",
    "у",
    "з",
    "із",
    "біля",
    "поблизу",
    "возле",
    "около",
    "near",
    "in",
    "at",
    "around",
    "the",
    "of",
    "район",
    "районе",
    "районі",
    "окрестностях",
    "околицях",
    "area",
];

/// Lowercase words, «ё» read as «е», apostrophes dropped, quotes and dashes as separators.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('ё', "е")
        .replace(['\'', '’', 'ʼ', '`'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How well word `a` (as written) matches word `b` (a name's): the shared prefix's length
/// when they are equal or differ only by endings of at most three letters past a shared
/// stem of four letters or more (three when it is a whole word: «лес», «леса»); else `None`.
fn word_match(a: &str, b: &str) -> Option<usize> {
    if a == b {
        return Some(a.chars().count() + 1);
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let (la, lb) = (a.chars().count(), b.chars().count());
    let stem = common >= 4 || (common >= 3 && common == la.min(lb));
    (stem && la - common <= 3 && lb - common <= 3).then_some(common)
}

fn form_match(written: &[String], form: &[String]) -> Option<usize> {
    if written.len() != form.len() || form.is_empty() {
        return None;
    }
    written
        .iter()
        .zip(form)
        .map(|(a, b)| word_match(a, b))
        .sum()
}

/// The place `written` names, when the gazetteer has it. Opening prepositions are skipped.
pub fn lookup(written: &str) -> Option<&'static Place> {
    let all = words(written);
    let start = all
        .iter()
        .position(|w| !OPENERS.contains(&w.as_str()))
        .unwrap_or(all.len());
    let written = &all[start..];
    if written.is_empty() {
        return None;
    }
    index()
        .iter()
        .filter_map(|ix| {
            let best = ix
                .forms
                .iter()
                .filter_map(|f| form_match(written, f))
                .max()?;
            Some((best, &ix.place))
        })
        .max_by_key(|(score, _)| *score)
        .map(|(_, p)| p)
}

/// Every place, in the file's order.
pub fn all() -> impl Iterator<Item = &'static Place> {
    index().iter().map(|ix| &ix.place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru(written: &str) -> Option<&'static str> {
        lookup(written).map(|p| p.name(Lang::Ru))
    }

    #[test]
    fn the_shipped_gazetteer_parses_with_unique_ids_and_three_names() {
        let places = parse(FILE).unwrap_or_else(|e| panic!("gazetteer.toml: {e}"));
        assert!(places.len() > 150, "{}", places.len());
        let mut ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), places.len(), "duplicate ids");
        for p in &places {
            for lang in [Lang::En, Lang::Uk, Lang::Ru] {
                assert!(!p.name(lang).trim().is_empty(), "{} {lang:?}", p.id);
            }
        }
    }

    #[test]
    fn places_in_any_case_are_found_in_the_nominative() {
        assert_eq!(ru("курском направлении"), Some("Курское направление"));
        assert_eq!(ru("Курской области"), Some("Курская область"));
        assert_eq!(ru("Купянска"), Some("Купянск"));
        assert_eq!(ru("в районе Купянска"), Some("Купянск"));
        assert_eq!(
            ru("группировки войск \"Запад\""),
            Some("группировка «Запад»")
        );
        assert_eq!(ru("группировки «Юг»"), Some("группировка «Юг»"));
        assert_eq!(ru("Севастополе"), Some("Севастополь"));
        assert_eq!(ru("Белгородом"), Some("Белгород"));
        assert_eq!(ru("Ольговского леса"), Some("Ольговский лес"));
        let uk = |w| lookup(w).map(|p| p.name(Lang::Uk));
        assert_eq!(uk("Бєлгородщині"), Some("Бєлгородська область"));
        assert_eq!(uk("на Курському напрямку"), Some("Курський напрямок"));
        assert_eq!(uk("Куп’янську"), Some("Куп'янськ"));
        let en = |w| lookup(w).map(|p| p.name(Lang::En));
        assert_eq!(en("near Robotyne"), Some("Robotyne"));
        assert_eq!(en("Belgorod region"), Some("Belgorod region"));
    }

    #[test]
    fn places_not_in_the_gazetteer_are_not_guessed() {
        assert_eq!(ru("Коченевского района Новосибирской области"), None);
        assert_eq!(ru("Курск"), Some("Курск"));
        assert_eq!(ru("Курском"), Some("Курск"));
        assert_eq!(ru("Харьковской"), None);
        assert_eq!(ru(""), None);
        assert_eq!(ru("в"), None);
        assert_eq!(ru("Нью-Йорке"), None);
    }
}
