//! Cross-checks on a series, always about the claimant's own figures: a stated daily change
//! that differs from the difference of two consecutive totals, a running total that goes
//! down, a day whose value was corrected, and a day more than [`RECORD_SIGMAS`] standard
//! deviations (at least [`MIN_SPREAD`]) above the trailing [`TRAILING_DAYS`]-day mean (a
//! record day).

use super::DailyRow;
use super::daily::trailing_mean;
use chrono::NaiveDate;

/// The trailing window of the record-day rule, in days.
pub const TRAILING_DAYS: i64 = 30;
/// How far above the trailing mean, in standard deviations, a record day is.
pub const RECORD_SIGMAS: f64 = 3.0;
/// Changes the trailing window must hold for the record-day rule to speak.
pub const MIN_TRAILING: usize = 20;
/// The smallest standard deviation the record-day rule uses (one unit).
pub const MIN_SPREAD: f64 = 1.0;

/// What a check found.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckKind {
    /// "+1,230 stated; the totals differ by 1,320".
    DeltaMismatch { stated: i64, difference: i64 },
    /// The running total went down.
    Decrease { previous: i64, value: i64 },
    /// Another value was recorded for the day before this one.
    Correction { replaced: Vec<i64>, value: i64 },
    /// The change is more than [`RECORD_SIGMAS`] standard deviations above the trailing
    /// mean; `since` is the last earlier day with a change at least as large (`None`: the
    /// largest in the series so far).
    RecordDay {
        change: i64,
        mean: f64,
        since: Option<NaiveDate>,
    },
}

/// One finding, on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub day: NaiveDate,
    pub kind: CheckKind,
}

/// Every finding in `rows` (one series, by day), by day. `running_total` is true for a
/// series of running totals (the delta and decrease checks only apply to those).
pub fn cross_checks(rows: &[DailyRow], running_total: bool) -> Vec<Check> {
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let check = |kind| Check { day: r.day, kind };
        if running_total && i > 0 && r.gap == 1 {
            let prev = &rows[i - 1];
            if let (Some(stated), Some(difference)) = (r.stated, r.change)
                && stated != difference
            {
                out.push(check(CheckKind::DeltaMismatch { stated, difference }));
            }
            if r.value < prev.value {
                out.push(check(CheckKind::Decrease {
                    previous: prev.value,
                    value: r.value,
                }));
            }
        }
        if !r.replaced.is_empty() {
            out.push(check(CheckKind::Correction {
                replaced: r.replaced.clone(),
                value: r.value,
            }));
        }
        if let Some(kind) = record_day(rows, i) {
            out.push(check(kind));
        }
    }
    out
}

fn record_day(rows: &[DailyRow], i: usize) -> Option<CheckKind> {
    let r = &rows[i];
    let change = r.change.filter(|_| r.gap <= 1)?;
    let (mean, sd, n) = trailing_mean(rows, i, TRAILING_DAYS)?;
    // Counts vary by whole units: a spread under one unit is taken as one, so a single
    // aircraft after weeks of none is not a record day.
    let sd = sd.max(MIN_SPREAD);
    if n < MIN_TRAILING || (change as f64) <= mean + RECORD_SIGMAS * sd {
        return None;
    }
    let since = rows[..i]
        .iter()
        .rev()
        .find(|p| p.change.is_some_and(|c| c >= change))
        .map(|p| p.day);
    Some(CheckKind::RecordDay {
        change,
        mean,
        since,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;
    use crate::series::daily::{daily_rows, tests::point};

    #[test]
    fn mismatch_decrease_correction_and_record_day() {
        let mut pts = Vec::new();
        let mut total = 1000;
        let start: NaiveDate = "2026-01-01".parse().unwrap();
        for i in 0..40 {
            let change = if i == 35 { 90 } else { 10 + i % 3 };
            total += change;
            let day = (start + chrono::Duration::days(i)).to_string();
            pts.push(point(i + 1, &day, total, Some(change)));
        }
        // Day 36: the stated change disagrees; day 37: the total goes down; day 38 corrected.
        pts[36].point.delta = Some(5);
        pts[37].point.value = pts[36].point.value - 4;
        let mut fix = pts[38].clone();
        fix.id = 100;
        fix.point.value += 2;
        pts.push(fix);
        let rows = daily_rows(&pts, Period::Total);
        let checks = cross_checks(&rows, true);
        let on = |d: i64| -> Vec<&CheckKind> {
            let day = start + chrono::Duration::days(d);
            checks
                .iter()
                .filter(|c| c.day == day)
                .map(|c| &c.kind)
                .collect()
        };
        assert!(matches!(
            on(35)[..],
            [CheckKind::RecordDay {
                change: 90,
                since: None,
                ..
            }]
        ));
        assert!(matches!(
            on(36)[..],
            [CheckKind::DeltaMismatch {
                stated: 5,
                difference: 10
            }]
        ));
        assert!(
            on(37)
                .iter()
                .any(|k| matches!(k, CheckKind::Decrease { .. }))
        );
        assert!(
            on(38)
                .iter()
                .any(|k| matches!(k, CheckKind::Correction { .. }))
        );
        assert!(on(10).is_empty() && on(34).is_empty());
    }
}
