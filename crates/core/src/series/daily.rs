//! One row a day from a series' stored points: the value in force (the latest recorded when a
//! day was corrected), the change from the day before, the change the claimant stated, and
//! the trailing mean of the changes.

use super::SeriesPoint;
use crate::model::{Period, Qualifier};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A series on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct DailyRow {
    pub day: NaiveDate,
    /// The value in force that day: for a running total, the total; for a daily figure, the
    /// day's figure. The latest recorded value when the day was corrected.
    pub value: i64,
    /// The change the claimant stated beside the value.
    pub stated: Option<i64>,
    /// For a running total, `value` minus the previous row's (`None` on the first row); for
    /// a daily figure, the figure itself.
    pub change: Option<i64>,
    /// Days since the previous row (1 on consecutive days, 0 on the first row).
    pub gap: i64,
    /// Values recorded earlier for the same day and replaced by `value`.
    pub replaced: Vec<i64>,
    pub qualifier: Option<Qualifier>,
}

/// The rows of one series, by day. `points` may come in any order; they must all belong to
/// one series of period `period`.
pub fn daily_rows(points: &[SeriesPoint], period: Period) -> Vec<DailyRow> {
    let mut by_day: BTreeMap<NaiveDate, Vec<&SeriesPoint>> = BTreeMap::new();
    for p in points {
        by_day.entry(p.point.day).or_default().push(p);
    }
    let mut rows: Vec<DailyRow> = Vec::with_capacity(by_day.len());
    for (day, mut ps) in by_day {
        ps.sort_by_key(|p| p.id);
        let Some(last) = ps.last() else { continue };
        let replaced = ps[..ps.len() - 1]
            .iter()
            .map(|p| p.point.value)
            .filter(|v| *v != last.point.value)
            .collect();
        let stated = ps.iter().rev().find_map(|p| p.point.delta);
        let prev = rows.last();
        let gap = prev.map_or(0, |r| (day - r.day).num_days());
        let change = match period {
            Period::Total => prev.and_then(|r| last.point.value.checked_sub(r.value)),
            _ => Some(last.point.value),
        };
        rows.push(DailyRow {
            day,
            value: last.point.value,
            stated,
            change,
            gap,
            replaced,
            qualifier: last.point.qualifier,
        });
    }
    rows
}

/// The mean and standard deviation of the changes over the `window` days before `rows[i]`
/// (not including it), and how many of those days have a change.
pub fn trailing_mean(rows: &[DailyRow], i: usize, window: i64) -> Option<(f64, f64, usize)> {
    let day = rows.get(i)?.day;
    let from = day - chrono::Duration::days(window);
    let changes: Vec<f64> = rows[..i]
        .iter()
        .rev()
        .take_while(|r| r.day >= from)
        .filter_map(|r| r.change.map(|c| c as f64))
        .collect();
    if changes.is_empty() {
        return None;
    }
    let n = changes.len() as f64;
    let mean = changes.iter().sum::<f64>() / n;
    let var = changes.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / n;
    Some((mean, var.sqrt(), changes.len()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Metric;
    use crate::series::{NewPoint, SeriesKey};

    pub(crate) fn point(id: i64, day: &str, value: i64, delta: Option<i64>) -> SeriesPoint {
        SeriesPoint {
            id,
            point: NewPoint {
                key: SeriesKey::total("ua_general_staff", Metric::Tanks),
                day: day.parse().unwrap(),
                value,
                delta,
                qualifier: None,
            },
            claim_id: None,
            source_id: None,
            restated: 0,
            correction: false,
        }
    }

    #[test]
    fn changes_gaps_and_corrections() {
        let pts = [
            point(1, "2026-01-01", 100, None),
            point(2, "2026-01-02", 103, Some(3)),
            point(5, "2026-01-03", 110, Some(7)),
            point(4, "2026-01-03", 108, Some(5)),
            point(6, "2026-01-06", 120, None),
        ];
        let rows = daily_rows(&pts, Period::Total);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].change, None);
        assert_eq!((rows[1].change, rows[1].stated), (Some(3), Some(3)));
        assert_eq!((rows[2].value, rows[2].change), (110, Some(7)));
        assert_eq!(rows[2].replaced, vec![108]);
        assert_eq!((rows[3].gap, rows[3].change), (3, Some(10)));
        let (mean, sd, n) = trailing_mean(&rows, 3, 30).unwrap();
        assert_eq!(n, 2);
        assert!((mean - 5.0).abs() < 1e-9 && (sd - 2.0).abs() < 1e-9);
    }
}
