//! The cross-checks the digest states beside the General Staff's totals: for each figure of
//! the latest report, what the series finds on that report's day — a stated change that
//! differs from the totals, a total that went down, a correction, a record day — as short
//! HTML lines in the reader's language, always about the claimant's own figures.

use super::checks::TRAILING_DAYS;
use super::view::load_rows;
use super::{CheckKind, cross_checks};
use crate::digest::format::{delta, metric_name, number};
use crate::i18n::{fill, series_texts, texts};
use crate::model::{Lang, Metric};
use crate::store::{Store, StoreError};
use chrono::{Duration, NaiveDate};

/// At most this many lines under one report.
pub const MAX_NOTES: usize = 4;

/// One finding as the reader sees it (plain text, escaped by the caller's template).
pub fn note(lang: Lang, metric: Metric, kind: &CheckKind) -> String {
    let st = series_texts(lang);
    let name = metric_name(&texts(lang).digest, metric);
    let body = match kind {
        CheckKind::DeltaMismatch { stated, difference } => fill(
            st.check_mismatch,
            &[
                ("stated", &delta(lang, *stated)),
                ("difference", &delta(lang, *difference)),
            ],
        ),
        CheckKind::Decrease { previous, value } => fill(
            st.check_decrease,
            &[
                ("previous", &number(lang, *previous)),
                ("value", &number(lang, *value)),
            ],
        ),
        CheckKind::Correction { replaced, .. } => {
            let first = replaced.first().copied().unwrap_or_default();
            fill(st.check_correction, &[("previous", &number(lang, first))])
        }
        CheckKind::RecordDay { since, .. } => match since {
            Some(d) => fill(
                st.check_record_since,
                &[("metric", &name), ("since", &d.format("%d.%m.%Y"))],
            ),
            None => fill(st.check_record_ever, &[("metric", &name)]),
        },
    };
    match kind {
        CheckKind::RecordDay { .. } => body,
        _ => format!("{name}: {body}"),
    }
}

/// The findings on `day` for each of `metrics` in `claimant_id`'s running totals.
pub async fn notes_for_day(
    store: &dyn Store,
    claimant_id: &str,
    metrics: &[Metric],
    day: NaiveDate,
    lang: Lang,
) -> Result<Vec<String>, StoreError> {
    let since = day - Duration::days(TRAILING_DAYS + 1);
    let mut out = Vec::new();
    for m in metrics {
        let (rows, running_total, _) = load_rows(store, claimant_id, *m, since, day).await?;
        if !running_total {
            continue;
        }
        for c in cross_checks(&rows, true)
            .into_iter()
            .filter(|c| c.day == day)
        {
            out.push(note(lang, *m, &c.kind));
        }
    }
    out.truncate(MAX_NOTES);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_read_as_the_issue_asks() {
        let k = CheckKind::DeltaMismatch {
            stated: 1230,
            difference: 1320,
        };
        assert_eq!(
            note(Lang::En, Metric::Personnel, &k),
            "personnel: +1,230 stated; the totals differ by +1,320"
        );
        let since = NaiveDate::from_ymd_opt(2025, 3, 2);
        let r = CheckKind::RecordDay {
            change: 90,
            mean: 10.0,
            since,
        };
        assert_eq!(
            note(Lang::En, Metric::Artillery, &r),
            "record day for artillery since 02.03.2025"
        );
        let d = CheckKind::Decrease {
            previous: 37842,
            value: 37832,
        };
        assert!(note(Lang::Uk, Metric::Artillery, &d).contains("37\u{a0}842"));
    }
}
