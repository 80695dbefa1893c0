//! The lexicons: word lists and phrase rules kept in data files (`lexicon/*.toml`, compiled
//! into the binary), parsed and compiled once at first use. A malformed file is an error value
//! (and fails the unit tests), never a panic at run time. The phrase syntax is described in
//! `matcher` and in the README.

use super::claimants::Known;
use super::matcher::{Matcher, MatcherBuilder, Sets};
use crate::model::{Lang, Metric, Period, Qualifier, Side};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The data files, in load order. Lists of the same name are concatenated.
pub const FILES: [(&str, &str); 4] = [
    ("common.toml", include_str!("lexicon/common.toml")),
    ("en.toml", include_str!("lexicon/en.toml")),
    ("uk.toml", include_str!("lexicon/uk.toml")),
    ("ru.toml", include_str!("lexicon/ru.toml")),
];

/// What a phrase found in a text stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    RefusalTrigger(u16),
    RefusalNeeds(u16),
    RefusalUnless(u16),
    /// A loss noun or verb: the side beside it lost ("потери ВСУ", "Russia has lost").
    LossWord,
    /// An active verb of destroying or killing: the side before it is the attacker.
    AgentVerb,
    /// "уничтожено", "знищено": destroyed, said of the loser.
    DestroyedWord,
    Killed,
    Wounded,
    /// "с учетом раненых", "including the wounded": the figure counts the killed and the
    /// wounded together.
    WithWounded,
    /// "имен", "names": what a list of the dead counts.
    NameCount,
    /// "поименный список погибших", "a list of the dead".
    DeadList,
    MilitaryContext,
    CivilianContext,
    Interception,
    Hypothetical,
    /// Equipment reported destroyed without a number ("уничтожили танк").
    Destroyed,
    /// A share of a force lost ("lost 25% of its combat power").
    ShareLost,
    /// Not a loss at all ("lost the match", "потерял деньги").
    NotLoss,
    /// Another war or a security operation ("Сирия", "Gaza", "КТО"): out of scope.
    OtherWar,
    /// "was", "were": before an agent verb it makes the verb passive.
    PassiveAux,
    /// "reached", "составили": links a metric before it to a number after it.
    LinkVerb,
    Metric(Metric),
    /// "человек", "people": personnel only where the sentence is military.
    WeakPersonnel,
    /// Nouns that count civilians or civilian things as readily as military ones ("погибших",
    /// "автомобилей"): their figures need a military context.
    CivilAmbiguous,
    /// "сдался в плен", "captured": the people before it were taken prisoner, not killed.
    Captured,
    /// "силами", "by": the side after it did the destroying.
    AgentMark,
    /// "нанесли удар", "атаковали", "attacked": the side before it attacked, so losses told
    /// near it without a side of their own are the other side's.
    AttackVerb,
    /// A weapon only one side fires (ATACMS, «Искандер»): an attack with it names the
    /// attacker.
    AttackBy(Side),
    /// Capitalised words that are not first names ("Ранее", "Also").
    NotName,
    /// Words that make what follows the target of a strike ("удар по штабу …"): a name there
    /// is not a source.
    Target,
    /// Known place names (a gazetteer of stems).
    PlaceName,
    NotAfterMetric,
    /// A singular noun of equipment or soldier with no number before it ("танк", "боевую
    /// машину пехоты", "a tank"): one of it, when a loss word governs it.
    Singular,
    Filler,
    CountUnit,
    Qualifier,
    /// A qualifier that says how the figure is hedged ("до", "более", "около"); always found
    /// together with `Qualifier`.
    Hedge(Qualifier),
    Running,
    Period,
    /// A period of a known length ("за неделю", "в ноябре", "since the start of the year");
    /// always found together with `Period`.
    Span(Period),
    /// Words that put a figure in one incident ("в результате удара", "during the assault"):
    /// a figure of that sentence with no period of its own counts the incident.
    EventMarker,
    /// A period of one day ("over the past day", "за сутки"): a part of a running total
    /// said with it is the total's delta.
    Daily,
    /// "including", "в том числе", "з них": a part of the figure before follows.
    Including,
    /// "as well as", "а также", "і": the figures of an enumeration share their loss word.
    ListJoin,
    Side(Side),
    Enemy,
    CountryPreposition,
    /// "в", "из", "у": before an army's abbreviation they mean membership ("в ЗСУ").
    MemberPreposition,
    Claimant(u16),
    AttributionVerb,
    Anaphora,
    Outlet,
    PersonRole,
    /// A known official's surname ("Зеленский", "Syrskyi").
    Person,
    NumberWord(i64),
    Multiplier(i64),
    PlaceType,
    /// A group of forces by name ("группировка войск «Запад»"): the scope of the ministry's
    /// figures for it.
    GroupName,
    PlacePreposition,
    NotPlace,
    UnitType,
    UnitAbbreviation,
    OrdinalSuffix,
    UnitDesignator,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    sets: Sets,
    #[serde(default)]
    refusal: Vec<RefusalRuleSpec>,
    #[serde(default)]
    losses: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    metrics: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    figures: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    cumulative: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    sides: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    claimants: Vec<ClaimantSpec>,
    #[serde(default)]
    attribution: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    numbers: NumbersSpec,
    #[serde(default)]
    places: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    units: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RefusalRuleSpec {
    name: String,
    metric: String,
    phrases: Vec<String>,
    #[serde(default)]
    needs: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimantSpec {
    /// A key of `claimants.toml`.
    id: String,
    phrases: Vec<String>,
    #[serde(default)]
    langs: Vec<String>,
    #[serde(default)]
    attributed_only: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersSpec {
    #[serde(default)]
    words: BTreeMap<String, i64>,
    #[serde(default)]
    multipliers: BTreeMap<String, i64>,
}

/// A refusal rule as compiled: its name and what a number of people beside it counts.
#[derive(Debug, Clone)]
pub struct RefusalRule {
    pub name: String,
    pub metric: Metric,
    pub has_needs: bool,
}

/// A set of phrases naming a known claimant: the claimant, and the languages in which the
/// phrases apply (empty: all).
#[derive(Debug, Clone)]
pub struct ClaimantDef {
    pub known: &'static Known,
    pub langs: Vec<Lang>,
    /// Only a claimant in a sentence that attributes ("says", "сообщил", "за даними").
    pub attributed_only: bool,
}

/// Everything compiled from the data files.
pub struct Lexicon {
    pub matcher: Matcher<Role>,
    pub refusal_rules: Vec<RefusalRule>,
    pub claimants: Vec<ClaimantDef>,
    /// Word endings that mark an adjective ("-ских", "-ian"): such words may stand between a
    /// number and what it counts.
    pub adjective_endings: Vec<String>,
}

/// Why the lexicon could not be built.
#[derive(Debug, Clone, thiserror::Error)]
#[error("lexicon {file}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub message: String,
}

fn err(file: &str, message: impl Into<String>) -> LexiconError {
    LexiconError {
        file: file.to_owned(),
        message: message.into(),
    }
}

/// The compiled lexicon, built at first use.
pub fn get() -> Result<&'static Lexicon, &'static LexiconError> {
    static LEXICON: OnceLock<Result<Lexicon, LexiconError>> = OnceLock::new();
    LEXICON.get_or_init(|| build(&FILES)).as_ref()
}

fn role_of_list(section: &str, key: &str) -> Option<Role> {
    Some(match (section, key) {
        ("losses", "loss_words") => Role::LossWord,
        ("losses", "agent_verbs") => Role::AgentVerb,
        ("losses", "destroyed_words") => Role::DestroyedWord,
        ("losses", "killed") => Role::Killed,
        ("losses", "wounded") => Role::Wounded,
        ("losses", "with_wounded") => Role::WithWounded,
        ("losses", "name_counts") => Role::NameCount,
        ("losses", "dead_lists") => Role::DeadList,
        ("losses", "military_context") => Role::MilitaryContext,
        ("losses", "civilian_context") => Role::CivilianContext,
        ("losses", "interception") => Role::Interception,
        ("losses", "hypothetical") => Role::Hypothetical,
        ("losses", "destroyed") => Role::Destroyed,
        ("losses", "share_lost") => Role::ShareLost,
        ("losses", "not_loss") => Role::NotLoss,
        ("losses", "other_wars") => Role::OtherWar,
        ("losses", "weak_personnel") => Role::WeakPersonnel,
        ("losses", "civil_ambiguous") => Role::CivilAmbiguous,
        ("losses", "captured") => Role::Captured,
        ("sides", "agent_markers") => Role::AgentMark,
        ("sides", "attack_verbs") => Role::AttackVerb,
        ("sides", "attacks_by_ukraine") => Role::AttackBy(Side::Ukraine),
        ("sides", "attacks_by_russia") => Role::AttackBy(Side::Russia),
        ("attribution", "not_names") => Role::NotName,
        ("attribution", "targets") => Role::Target,
        ("places", "names") => Role::PlaceName,
        ("losses", "passive_auxiliaries") => Role::PassiveAux,
        ("figures", "link_verbs") => Role::LinkVerb,
        ("figures", "not_after_metric") => Role::NotAfterMetric,
        ("figures", "singular") => Role::Singular,
        ("figures", "fillers") => Role::Filler,
        ("figures", "count_units") => Role::CountUnit,
        ("figures", "qualifiers") => Role::Qualifier,
        ("cumulative", "running") => Role::Running,
        ("cumulative", "period") => Role::Period,
        ("cumulative", "daily") => Role::Daily,
        ("cumulative", "event") => Role::EventMarker,
        ("figures", "including") => Role::Including,
        ("figures", "list_joins") => Role::ListJoin,
        ("sides", "russia") => Role::Side(Side::Russia),
        ("sides", "ukraine") => Role::Side(Side::Ukraine),
        ("sides", "enemy") => Role::Enemy,
        ("sides", "country_prepositions") => Role::CountryPreposition,
        ("sides", "member_prepositions") => Role::MemberPreposition,
        ("attribution", "verbs") => Role::AttributionVerb,
        ("attribution", "anaphora") => Role::Anaphora,
        ("attribution", "outlets") => Role::Outlet,
        ("attribution", "person_roles") => Role::PersonRole,
        ("attribution", "persons") => Role::Person,
        ("places", "types") => Role::PlaceType,
        ("places", "groups") => Role::GroupName,
        ("places", "prepositions") => Role::PlacePreposition,
        ("places", "not_places") => Role::NotPlace,
        ("units", "types") => Role::UnitType,
        ("units", "abbreviations") => Role::UnitAbbreviation,
        ("units", "ordinal_suffixes") => Role::OrdinalSuffix,
        ("units", "designators") => Role::UnitDesignator,
        _ => return None,
    })
}

/// Lists whose phrases play a general role and a typed one: a hedge is a qualifier, a period
/// of known length is a period ("за сутки" is also a day).
fn typed_list(section: &str, key: &str) -> Option<[Role; 2]> {
    Some(match (section, key) {
        ("figures", "up_to") => [Role::Qualifier, Role::Hedge(Qualifier::UpTo)],
        ("figures", "more_than") => [Role::Qualifier, Role::Hedge(Qualifier::MoreThan)],
        ("figures", "about") => [Role::Qualifier, Role::Hedge(Qualifier::About)],
        ("cumulative", "daily") => [Role::Daily, Role::Span(Period::Day)],
        ("cumulative", "weekly") => [Role::Period, Role::Span(Period::Week)],
        ("cumulative", "monthly") => [Role::Period, Role::Span(Period::Month)],
        ("cumulative", "yearly") => [Role::Period, Role::Span(Period::Year)],
        _ => return None,
    })
}

/// Parses and compiles the given files (name, text).
pub fn build(files: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
    let mut parsed = Vec::new();
    let mut sets = Sets::new();
    for (name, text) in files {
        let f: File = toml::from_str(text).map_err(|e| err(name, e.to_string()))?;
        for (k, v) in &f.sets {
            sets.entry(k.clone()).or_default().extend(v.iter().cloned());
        }
        parsed.push((*name, f));
    }
    let mut b: MatcherBuilder<Role> = MatcherBuilder::default();
    let mut refusal_rules: Vec<RefusalRule> = Vec::new();
    let mut claimants: Vec<ClaimantDef> = Vec::new();
    let mut adjective_endings = Vec::new();
    for (name, f) in &parsed {
        let add = |b: &mut MatcherBuilder<Role>, p: &str, role: Role| {
            b.add(p, role, &sets).map_err(|e| err(name, e))
        };
        for rule in &f.refusal {
            let metric: Metric = rule.metric.parse().map_err(|e| err(name, format!("{e}")))?;
            let id = match refusal_rules.iter().position(|r| r.name == rule.name) {
                Some(i) => i,
                None => {
                    refusal_rules.push(RefusalRule {
                        name: rule.name.clone(),
                        metric,
                        has_needs: false,
                    });
                    refusal_rules.len() - 1
                }
            };
            let id16 = u16::try_from(id).map_err(|_| err(name, "too many refusal rules"))?;
            refusal_rules[id].has_needs |= !rule.needs.is_empty();
            for p in &rule.phrases {
                add(&mut b, p, Role::RefusalTrigger(id16))?;
            }
            for p in &rule.needs {
                add(&mut b, p, Role::RefusalNeeds(id16))?;
            }
            for p in &rule.unless {
                add(&mut b, p, Role::RefusalUnless(id16))?;
            }
        }
        for (metric, phrases) in &f.metrics {
            let m: Metric = metric.parse().map_err(|e| err(name, format!("{e}")))?;
            for p in phrases {
                add(&mut b, p, Role::Metric(m))?;
            }
        }
        let lists = [
            ("losses", &f.losses),
            ("figures", &f.figures),
            ("cumulative", &f.cumulative),
            ("sides", &f.sides),
            ("attribution", &f.attribution),
            ("places", &f.places),
            ("units", &f.units),
        ];
        for (section, map) in lists {
            for (key, phrases) in map {
                if (section, key.as_str()) == ("figures", "adjective_endings") {
                    adjective_endings.extend(phrases.iter().map(|s| super::doc::normalize(s)));
                    continue;
                }
                let roles: Vec<Role> = match typed_list(section, key) {
                    Some(typed) => typed.to_vec(),
                    None => vec![
                        role_of_list(section, key)
                            .ok_or_else(|| err(name, format!("unknown list [{section}] {key}")))?,
                    ],
                };
                for p in phrases {
                    for role in &roles {
                        add(&mut b, p, *role)?;
                    }
                }
            }
        }
        for c in &f.claimants {
            let known = super::claimants::by_id(&c.id)
                .ok_or_else(|| err(name, format!("unknown claimant id {:?}", c.id)))?;
            let mut langs = Vec::new();
            for l in &c.langs {
                langs.push(l.parse::<Lang>().map_err(|e| err(name, format!("{e}")))?);
            }
            let id = match claimants.iter().position(|d| {
                d.known.id == c.id && d.langs == langs && d.attributed_only == c.attributed_only
            }) {
                Some(i) => i,
                None => {
                    claimants.push(ClaimantDef {
                        known,
                        langs,
                        attributed_only: c.attributed_only,
                    });
                    claimants.len() - 1
                }
            };
            let id16 = u16::try_from(id).map_err(|_| err(name, "too many claimants"))?;
            for p in &c.phrases {
                add(&mut b, p, Role::Claimant(id16))?;
            }
        }
        for (word, value) in &f.numbers.words {
            add(&mut b, word, Role::NumberWord(*value))?;
        }
        for (word, value) in &f.numbers.multipliers {
            add(&mut b, word, Role::Multiplier(*value))?;
        }
    }
    let matcher = b.build().map_err(|e| err("(all)", e))?;
    Ok(Lexicon {
        matcher,
        refusal_rules,
        claimants,
        adjective_endings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lexicon_parses_and_compiles() {
        let lex = build(&FILES).unwrap_or_else(|e| panic!("{e}"));
        assert!(lex.refusal_rules.len() >= 3);
        assert!(
            lex.claimants
                .iter()
                .any(|c| c.known.id == "ua_general_staff")
        );
        assert!(get().is_ok());
    }

    #[test]
    fn malformed_files_are_errors_naming_the_file() {
        let bad = [
            ("a.toml", "[losses\nloss_words = 1"),
            ("b.toml", "[losses]\nunknown_list = [\"x\"]"),
            ("c.toml", "[metrics]\nbananas = [\"x\"]"),
            ("d.toml", "[losses]\nloss_words = [\"@missing\"]"),
            (
                "e.toml",
                "[[claimants]]\nid = \"nobody_known\"\nphrases = [\"x\"]",
            ),
            (
                "f.toml",
                "[[refusal]]\nname = \"r\"\nmetric = \"refusers\"\nphrases = [\"т-72\"]",
            ),
            ("g.toml", "surprise = 1"),
        ];
        for (name, text) in bad {
            let e = build(&[(name, text)])
                .err()
                .unwrap_or_else(|| panic!("{name} accepted"));
            assert_eq!(e.file, name);
        }
    }
}
