//! `claimwatch eval --labels FILE`: scores the classifier on labelled texts, in either of two
//! formats: texts with binary labels per category (`shared/data/texts/dev_labeled.jsonl`,
//! scored per category and language; see [`binary`]), or the project's claim labels keyed by
//! post id (`tests/fixtures/labels/*.jsonl`, texts read from `--data`, or given inline as
//! `text` for texts of the project's own; scored per category and per claim field; see
//! [`claims`]). With floors given, a result below them fails the command
//! (exit 1).

pub mod binary;
pub mod claims;
mod fields;
pub mod gold;
pub mod report;
pub mod texts;

pub use binary::{Counts, Miss, Report, below_floors, evaluate, render};

use super::{CliError, EvalArgs};
use std::path::Path;

fn fail(e: impl std::fmt::Display) -> CliError {
    CliError::Other(anyhow::anyhow!("{e}"))
}

/// Scores a claim-labels file: reads the texts from `data` and classifies them.
pub fn evaluate_claims(
    labels: &str,
    data: &Path,
    split: Option<&str>,
) -> Result<claims::ClaimReport, String> {
    let gold = gold::parse(labels)?;
    let ids: Vec<&str> = gold
        .iter()
        .filter(|g| g.text.is_none())
        .map(|g| g.id.as_str())
        .collect();
    let mut texts = texts::load(data, &ids)?;
    for g in &gold {
        if let Some(text) = &g.text {
            let own = texts::PostText {
                text: text.clone(),
                ..Default::default()
            };
            texts.insert(g.id.clone(), own);
        }
    }
    Ok(claims::score(&gold, &texts, split))
}

pub async fn run(args: EvalArgs) -> Result<(), CliError> {
    crate::classify::lexicon::get().map_err(fail)?;
    let text = tokio::fs::read_to_string(&args.labels)
        .await
        .map_err(|e| fail(format!("cannot read {}: {e}", args.labels.display())))?;
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let failures = if gold::is_claim_labels(first) {
        let data = args.data.clone();
        let split = args.split.clone();
        let r =
            tokio::task::spawn_blocking(move || evaluate_claims(&text, &data, split.as_deref()))
                .await
                .map_err(|e| fail(format!("eval stopped: {e}")))?
                .map_err(|e| fail(format!("{}: {e}", args.labels.display())))?;
        print!(
            "{}",
            report::render(&r, args.split.as_deref().unwrap_or("all"), args.errors)
        );
        let floors = report::ClaimFloors {
            precision: args.min_precision,
            recall: args.min_recall,
            claimant: args.min_claimant,
            side: args.min_side,
            fully: args.min_fully,
        };
        report::below(&r, &floors)
    } else {
        let r = tokio::task::spawn_blocking(move || evaluate(&text))
            .await
            .map_err(|e| fail(format!("eval stopped: {e}")))?
            .map_err(|e| fail(format!("{}: {e}", args.labels.display())))?;
        print!("{}", render(&r, args.errors));
        below_floors(&r, args.min_precision, args.min_recall)
    };
    if failures.is_empty() {
        return Ok(());
    }
    Err(fail(format!("below the floors: {}", failures.join("; "))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    /// Labels that carry their own text need no shared data: the path given does not exist.
    #[test]
    fn labels_with_their_own_text_are_scored_without_data() {
        let labels = concat!(
            r#"{"id":"own-1","split":"dev","text":"Над Курской областью сбит украинский истребитель Су-27, заявили в Минобороны России.","refusal":0,"losses":1,"#,
            r#""claims":[{"category":"losses","claimant_id":"ru_mod","side":"ukraine","figures":[{"metric":"aircraft","value":1,"period":"event"}]}]}"#,
            "\n",
            r#"{"id":"own-2","split":"dev","text":"Курс рубля упал.","refusal":0,"losses":0}"#,
        );
        assert!(gold::is_claim_labels(labels.lines().next().unwrap_or("")));
        let r = evaluate_claims(labels, Path::new("/nonexistent"), Some("dev"))
            .expect("scored without data");
        assert_eq!(r.posts, 2);
        let losses = r.fields[&Category::Losses];
        assert_eq!((losses.units, losses.fully), (1, 1), "{losses:?}");
    }
}
