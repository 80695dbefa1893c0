//! The reporting day of a claim: its date in Kyiv (EET/EEST, the EU's summer-time rule),
//! where the General Staff's morning report is dated. Moscow's date differs only for claims
//! made between 23:00 and midnight Kyiv time in winter, which no daily report is.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

/// The last Sunday of `month` in `year`, at 01:00 UTC: when EU summer time starts (March) or
/// ends (October).
fn last_sunday_0100(year: i32, month: u32) -> Option<DateTime<Utc>> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut d = next.pred_opt()?;
    while d.weekday() != Weekday::Sun {
        d = d.pred_opt()?;
    }
    Utc.from_utc_datetime(&d.and_hms_opt(1, 0, 0)?).into()
}

/// Kyiv's offset from UTC at `at`: +3 h in summer time, else +2 h.
pub fn kyiv_offset(at: DateTime<Utc>) -> Duration {
    let year = at.year();
    let summer = match (last_sunday_0100(year, 3), last_sunday_0100(year, 10)) {
        (Some(start), Some(end)) => at >= start && at < end,
        _ => false,
    };
    Duration::hours(if summer { 3 } else { 2 })
}

/// The day a claim made at `at` reports on.
pub fn reporting_day(at: DateTime<Utc>) -> NaiveDate {
    (at + kyiv_offset(at)).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn kyiv_dates_across_midnight_and_summer_time() {
        let d = |s| reporting_day(utc(s)).to_string();
        assert_eq!(d("2026-08-08T05:00:00Z"), "2026-08-08");
        assert_eq!(d("2026-08-07T21:30:00Z"), "2026-08-08"); // 00:30 EEST
        assert_eq!(d("2026-01-07T21:30:00Z"), "2026-01-07"); // 23:30 EET
        assert_eq!(d("2026-01-07T22:30:00Z"), "2026-01-08");
        // Summer time 2026: 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(kyiv_offset(utc("2026-03-29T00:59:00Z")), Duration::hours(2));
        assert_eq!(kyiv_offset(utc("2026-03-29T01:00:00Z")), Duration::hours(3));
        assert_eq!(kyiv_offset(utc("2026-10-25T00:59:00Z")), Duration::hours(3));
        assert_eq!(kyiv_offset(utc("2026-10-25T01:00:00Z")), Duration::hours(2));
    }
}
