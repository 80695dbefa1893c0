//! Parsing the data files and compiling them into one [`Lexicon`]: each file's phrases go into
//! the matcher in file order — refusal rules, metrics, phrase lists, claimants, number words.

use super::super::claimants;
use super::super::doc::normalize;
use super::super::matcher::{MatcherBuilder, Sets};
use super::compiled::{ClaimantDef, Lexicon, LexiconError, RefusalRule};
use super::lists::{role_of_list, typed_list};
use super::role::Role;
use super::spec::{ClaimantSpec, File, NumbersSpec, RefusalRuleSpec};
use crate::model::{Lang, Metric};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The data files, in load order. Lists of the same name are concatenated.
pub const FILES: [(&str, &str); 4] = [
    ("common.toml", include_str!("common.toml")),
    ("en.toml", include_str!("en.toml")),
    ("uk.toml", include_str!("uk.toml")),
    ("ru.toml", include_str!("ru.toml")),
];

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

/// Parses and compiles the given files (name, text).
pub fn build(files: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
    let (parsed, sets) = parse(files)?;
    let mut c = Compiler {
        builder: MatcherBuilder::default(),
        sets: &sets,
        refusal_rules: Vec::new(),
        claimants: Vec::new(),
        adjective_endings: Vec::new(),
    };
    for (name, f) in &parsed {
        c.file(name, f)?;
    }
    let matcher = c
        .builder
        .build_guarded(Role::starts_report)
        .map_err(|e| err("(all)", e))?;
    Ok(Lexicon {
        matcher,
        refusal_rules: c.refusal_rules,
        claimants: c.claimants,
        adjective_endings: c.adjective_endings,
    })
}

/// Each file parsed (name, contents), in order.
type Parsed<'a> = Vec<(&'a str, File)>;

/// Each file parsed, in order, and the sets of all files together.
fn parse<'a>(files: &[(&'a str, &str)]) -> Result<(Parsed<'a>, Sets), LexiconError> {
    let mut parsed = Vec::new();
    let mut sets = Sets::new();
    for (name, text) in files {
        let f: File = toml::from_str(text).map_err(|e| err(name, e.to_string()))?;
        for (k, v) in &f.sets {
            sets.entry(k.clone()).or_default().extend(v.iter().cloned());
        }
        parsed.push((*name, f));
    }
    Ok((parsed, sets))
}

/// The lexicon as it is being compiled.
struct Compiler<'a> {
    builder: MatcherBuilder<Role>,
    sets: &'a Sets,
    refusal_rules: Vec<RefusalRule>,
    claimants: Vec<ClaimantDef>,
    adjective_endings: Vec<String>,
}

impl Compiler<'_> {
    /// Adds phrase `p` of file `name` to the matcher with `role`.
    fn add(&mut self, name: &str, p: &str, role: Role) -> Result<(), LexiconError> {
        self.builder
            .add(p, role, self.sets)
            .map_err(|e| err(name, e))
    }

    /// Compiles one parsed file.
    fn file(&mut self, name: &str, f: &File) -> Result<(), LexiconError> {
        for rule in &f.refusal {
            self.refusal_rule(name, rule)?;
        }
        self.metrics(name, &f.metrics)?;
        let lists = [
            ("losses", &f.losses),
            ("figures", &f.figures),
            ("cumulative", &f.cumulative),
            ("sides", &f.sides),
            ("attribution", &f.attribution),
            ("places", &f.places),
            ("units", &f.units),
            ("acts", &f.acts),
        ];
        for (section, map) in lists {
            for (key, phrases) in map {
                self.list(name, section, key, phrases)?;
            }
        }
        for c in &f.claimants {
            self.claimant(name, c)?;
        }
        self.numbers(name, &f.numbers)
    }

    /// A refusal rule: rules of one name across files are one rule.
    fn refusal_rule(&mut self, name: &str, rule: &RefusalRuleSpec) -> Result<(), LexiconError> {
        let metric: Metric = rule.metric.parse().map_err(|e| err(name, format!("{e}")))?;
        let rules = &mut self.refusal_rules;
        let id = match rules.iter().position(|r| r.name == rule.name) {
            Some(i) => i,
            None => {
                rules.push(RefusalRule {
                    name: rule.name.clone(),
                    metric,
                    has_needs: false,
                    needs_earlier: false,
                });
                rules.len() - 1
            }
        };
        let id16 = u16::try_from(id).map_err(|_| err(name, "too many refusal rules"))?;
        rules[id].has_needs |= !rule.needs.is_empty();
        rules[id].needs_earlier |= rule.needs_earlier;
        for p in &rule.phrases {
            self.add(name, p, Role::RefusalTrigger(id16))?;
        }
        for p in &rule.needs {
            self.add(name, p, Role::RefusalNeeds(id16))?;
        }
        for p in &rule.unless {
            self.add(name, p, Role::RefusalUnless(id16))?;
        }
        Ok(())
    }

    /// The nouns of each metric.
    fn metrics(
        &mut self,
        name: &str,
        metrics: &BTreeMap<String, Vec<String>>,
    ) -> Result<(), LexiconError> {
        for (metric, phrases) in metrics {
            let m: Metric = metric.parse().map_err(|e| err(name, format!("{e}")))?;
            for p in phrases {
                self.add(name, p, Role::Metric(m))?;
            }
        }
        Ok(())
    }

    /// One phrase list (`[section] key`): its phrases with the list's roles, or, for the
    /// adjective endings, the endings.
    fn list(
        &mut self,
        name: &str,
        section: &str,
        key: &str,
        phrases: &[String],
    ) -> Result<(), LexiconError> {
        if (section, key) == ("figures", "adjective_endings") {
            let endings = phrases.iter().map(|s| normalize(s));
            self.adjective_endings.extend(endings);
            return Ok(());
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
                self.add(name, p, *role)?;
            }
        }
        Ok(())
    }

    /// A known claimant's phrases: phrase sets of one claimant, languages and attribution
    /// across files are one claimant definition.
    fn claimant(&mut self, name: &str, c: &ClaimantSpec) -> Result<(), LexiconError> {
        let known = claimants::by_id(&c.id)
            .ok_or_else(|| err(name, format!("unknown claimant id {:?}", c.id)))?;
        let mut langs = Vec::new();
        for l in &c.langs {
            langs.push(l.parse::<Lang>().map_err(|e| err(name, format!("{e}")))?);
        }
        let defs = &mut self.claimants;
        let id = match defs.iter().position(|d| {
            d.known.id == c.id && d.langs == langs && d.attributed_only == c.attributed_only
        }) {
            Some(i) => i,
            None => {
                defs.push(ClaimantDef {
                    known,
                    langs,
                    attributed_only: c.attributed_only,
                });
                defs.len() - 1
            }
        };
        let id16 = u16::try_from(id).map_err(|_| err(name, "too many claimants"))?;
        for p in &c.phrases {
            self.add(name, p, Role::Claimant(id16))?;
        }
        Ok(())
    }

    /// Number words ("пять", "twenty") and multipliers ("тысяч", "million").
    fn numbers(&mut self, name: &str, numbers: &NumbersSpec) -> Result<(), LexiconError> {
        for (word, value) in &numbers.words {
            self.add(name, word, Role::NumberWord(*value))?;
        }
        for (word, value) in &numbers.multipliers {
            self.add(name, word, Role::Multiplier(*value))?;
        }
        Ok(())
    }
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
