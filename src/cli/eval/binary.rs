//! Scoring texts with binary labels: a labelled JSON lines file
//! (`id`, `lang`, `text`, `title`?, `label_refusal`, `label_loss_claim`). Only labels 1 and 0
//! are scored, per category and per language (en, uk, ru; every other language pooled as
//! "other" and reported apart); the other labels ("ambiguous", "other_conflict",
//! "probably_0") are counted with how many of them were flagged. With floors given, any
//! en/uk/ru category below them fails the command (exit 1).

use crate::classify::{ClassifyInput, classify};
use crate::model::Category;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const SCORED_LANGS: [&str; 3] = ["en", "uk", "ru"];

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Counts {
    /// Precision; `None` when nothing was flagged.
    pub fn precision(&self) -> Option<f64> {
        let d = self.tp + self.fp;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }
    /// Recall; `None` when there is nothing to find.
    pub fn recall(&self) -> Option<f64> {
        let d = self.tp + self.fn_;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        (p + r > 0.0).then(|| 2.0 * p * r / (p + r))
    }

    /// One row of the score table: category, language, counts, precision, recall, F1.
    pub fn write_row(&self, s: &mut String, category: Category, lang: &str) {
        let _ = writeln!(
            s,
            "{:<9} {:<6} {:>6} {:>4} {:>4} {:>4} {:>4} {:>10} {:>7} {:>6}",
            category.as_str(),
            lang,
            self.tp + self.fp + self.fn_ + self.tn,
            self.tp + self.fn_,
            self.tp,
            self.fp,
            self.fn_,
            fmt3(self.precision()),
            fmt3(self.recall()),
            fmt3(self.f1())
        );
    }
}

/// A text the classifier got wrong.
#[derive(Debug, Clone)]
pub struct Miss {
    pub id: String,
    pub lang: String,
    pub category: Category,
    pub false_positive: bool,
    pub snippet: String,
    pub evidence: Vec<String>,
}

/// Scores per (category, language group), non-binary label tallies, misses.
#[derive(Debug, Default)]
pub struct Report {
    pub scores: BTreeMap<(Category, String), Counts>,
    /// (category, label) → (how many, how many flagged).
    pub other_labels: BTreeMap<(Category, String), (usize, usize)>,
    pub misses: Vec<Miss>,
    pub texts: usize,
    pub lang_agree: usize,
}

fn label(v: Option<&Value>) -> Option<Result<bool, String>> {
    match v? {
        Value::Number(n) if n.as_i64() == Some(1) => Some(Ok(true)),
        Value::Number(n) if n.as_i64() == Some(0) => Some(Ok(false)),
        Value::String(s) if s == "1" => Some(Ok(true)),
        Value::String(s) if s == "0" => Some(Ok(false)),
        Value::String(s) => Some(Err(s.clone())),
        other => Some(Err(other.to_string())),
    }
}

fn lang_group(lang: &str) -> String {
    if SCORED_LANGS.contains(&lang) {
        lang.to_owned()
    } else {
        "other".to_owned()
    }
}

/// Scores the classifier on the labelled lines in `text`.
pub fn evaluate(text: &str) -> Result<Report, String> {
    let mut report = Report::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let field = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("");
        let id = match v.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => format!("line {}", n + 1),
        };
        let lang = field("lang").to_ascii_lowercase();
        let group = lang_group(&lang);
        let c = classify(&ClassifyInput {
            title: field("title"),
            text: field("text"),
            lang: None,
        });
        report.texts += 1;
        if c.lang.as_str() == group {
            report.lang_agree += 1;
        }
        for (category, key) in [
            (Category::Refusal, "label_refusal"),
            (Category::Losses, "label_loss_claim"),
        ] {
            let flagged = c.categories.contains(&category);
            match label(v.get(key)) {
                None => {}
                Some(Ok(truth)) => {
                    let counts = report.scores.entry((category, group.clone())).or_default();
                    match (truth, flagged) {
                        (true, true) => counts.tp += 1,
                        (false, true) => counts.fp += 1,
                        (true, false) => counts.fn_ += 1,
                        (false, false) => counts.tn += 1,
                    }
                    if truth != flagged {
                        let snippet: String = field("text")
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                        report.misses.push(Miss {
                            id: id.clone(),
                            lang: lang.clone(),
                            category,
                            false_positive: flagged,
                            snippet: crate::text::truncate_chars(&snippet, 160),
                            evidence: c
                                .claims
                                .iter()
                                .filter(|x| x.category == category)
                                .flat_map(|x| x.evidence.iter().cloned())
                                .collect(),
                        });
                    }
                }
                Some(Err(other)) => {
                    let e = report.other_labels.entry((category, other)).or_default();
                    e.0 += 1;
                    e.1 += usize::from(flagged);
                }
            }
        }
    }
    Ok(report)
}

fn fmt3(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

/// The labels that are not scored, with how many of their `unit`s were flagged.
pub fn write_other_labels(
    s: &mut String,
    unit: &str,
    labels: &BTreeMap<(Category, String), (usize, usize)>,
) {
    if labels.is_empty() {
        return;
    }
    let _ = writeln!(s, "\nnot scored (label: {unit}, flagged)");
    for ((category, label), (n, flagged)) in labels {
        let _ = writeln!(
            s,
            "{:<9} {:<16} {:>4} {:>4}",
            category.as_str(),
            label,
            n,
            flagged
        );
    }
}

/// The report as printed.
pub fn render(report: &Report, errors: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} texts; detected language agrees with the label for {}",
        report.texts, report.lang_agree
    );
    let _ = writeln!(
        s,
        "\ncategory  lang    texts  pos   tp   fp   fn  precision  recall     f1"
    );
    for category in Category::ALL {
        for lang in SCORED_LANGS
            .iter()
            .map(|l| l.to_string())
            .chain(["other".to_owned()])
        {
            let Some(c) = report.scores.get(&(category, lang.clone())) else {
                continue;
            };
            c.write_row(&mut s, category, &lang);
        }
    }
    write_other_labels(&mut s, "texts", &report.other_labels);
    if errors {
        let _ = writeln!(s, "\nmisclassified");
        for m in &report.misses {
            let kind = if m.false_positive { "FP" } else { "FN" };
            let _ = writeln!(
                s,
                "{kind} {} {} {}: {}",
                m.category.as_str(),
                m.lang,
                m.id,
                m.snippet
            );
            for e in &m.evidence {
                let _ = writeln!(s, "     evidence: {e}");
            }
        }
    }
    s
}

/// The en/uk/ru categories below the floors, as messages.
pub fn below_floors(
    report: &Report,
    min_precision: Option<f64>,
    min_recall: Option<f64>,
) -> Vec<String> {
    let mut out = Vec::new();
    for category in Category::ALL {
        for lang in SCORED_LANGS {
            let c = report
                .scores
                .get(&(category, lang.to_owned()))
                .copied()
                .unwrap_or_default();
            let p = c.precision().unwrap_or(1.0);
            let r = c.recall().unwrap_or(1.0);
            if let Some(min) = min_precision
                && p < min
            {
                out.push(format!("{category} {lang}: precision {p:.3} < {min}"));
            }
            if let Some(min) = min_recall
                && r < min
            {
                out.push(format!("{category} {lang}: recall {r:.3} < {min}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABELS: &str = r#"{"id":"a","lang":"ru","text":"ВСУ за сутки потеряли до 1515 военнослужащих","label_refusal":0,"label_loss_claim":1}
{"id":"b","lang":"ru","text":"Курс рубля упал","label_refusal":0,"label_loss_claim":0}
{"id":"c","lang":"en","text":"Two soldiers refused to fight and deserted their unit.","label_refusal":1,"label_loss_claim":"ambiguous"}
{"id":"d","lang":"bg","text":"Нещо друго","label_refusal":"probably_0","label_loss_claim":0}
"#;

    #[test]
    fn scores_only_binary_labels_and_tallies_the_rest() {
        let r = evaluate(LABELS).unwrap();
        assert_eq!(r.texts, 4);
        let loss_ru = r.scores[&(Category::Losses, "ru".to_owned())];
        assert_eq!(
            (loss_ru.tp, loss_ru.fp, loss_ru.fn_, loss_ru.tn),
            (1, 0, 0, 1)
        );
        assert_eq!(r.scores[&(Category::Refusal, "en".to_owned())].tp, 1);
        assert_eq!(
            r.other_labels[&(Category::Losses, "ambiguous".to_owned())],
            (1, 0)
        );
        assert_eq!(
            r.other_labels[&(Category::Refusal, "probably_0".to_owned())],
            (1, 0)
        );
        assert!(
            r.scores
                .contains_key(&(Category::Losses, "other".to_owned()))
        );
        assert!(below_floors(&r, Some(0.9), Some(0.85)).is_empty());
        let shown = render(&r, true);
        assert!(shown.contains("losses    ru"), "{shown}");
    }

    #[test]
    fn floors_fail_when_a_language_misses() {
        let miss = r#"{"id":"x","lang":"uk","text":"Погода гарна","label_refusal":1,"label_loss_claim":0}"#;
        let r = evaluate(miss).unwrap();
        let f = below_floors(&r, Some(0.9), Some(0.85));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].starts_with("refusal uk: recall"));
        assert!(evaluate("{not json").is_err());
    }
}
