//! A chat's time zone: an IANA name ("Europe/Kyiv") or a fixed offset ("UTC+2", "UTC-05:30"),
//! and the next instant a local time of day occurs in it, across DST changes both ways.

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveTime, Offset, TimeZone, Utc,
};
use std::fmt;
use std::str::FromStr;

/// A time zone a subscriber can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatTz {
    Named(chrono_tz::Tz),
    Fixed(FixedOffset),
}

/// Why a time zone was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?}: use an IANA name such as Europe/Kyiv or an offset such as UTC+2")]
pub struct BadTimeZone(pub String);

fn parse_offset(s: &str) -> Option<FixedOffset> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if !rest.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return None;
    }
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=14).contains(&h) || !(0..60).contains(&m) || (h == 14 && m > 0) {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

impl FromStr for ChatTz {
    type Err = BadTimeZone;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let s = input.trim();
        let bad = || BadTimeZone(s.chars().take(64).collect());
        if s.is_empty() || s.len() > 64 {
            return Err(bad());
        }
        let upper = s.to_ascii_uppercase();
        for prefix in ["UTC", "GMT"] {
            if let Some(rest) = upper.strip_prefix(prefix) {
                if rest.is_empty() {
                    return Ok(ChatTz::Named(chrono_tz::UTC));
                }
                return parse_offset(rest.trim()).map(ChatTz::Fixed).ok_or_else(bad);
            }
        }
        if let Some(off) = parse_offset(s) {
            return Ok(ChatTz::Fixed(off));
        }
        let name = if s.eq_ignore_ascii_case("Europe/Kiev") {
            "Europe/Kyiv"
        } else {
            s
        };
        if let Ok(tz) = name.parse::<chrono_tz::Tz>() {
            return Ok(ChatTz::Named(tz));
        }
        chrono_tz::TZ_VARIANTS
            .iter()
            .find(|tz| tz.name().eq_ignore_ascii_case(name))
            .map(|tz| ChatTz::Named(*tz))
            .ok_or_else(bad)
    }
}

impl fmt::Display for ChatTz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChatTz::Named(tz) => f.write_str(tz.name()),
            ChatTz::Fixed(off) => {
                let secs = off.local_minus_utc();
                let sign = if secs < 0 { '-' } else { '+' };
                let secs = secs.abs();
                write!(f, "UTC{sign}{:02}:{:02}", secs / 3600, secs % 3600 / 60)
            }
        }
    }
}

impl ChatTz {
    /// The offset from UTC at instant `t`.
    pub fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        match self {
            ChatTz::Named(tz) => tz.offset_from_utc_datetime(&t.naive_utc()).fix(),
            ChatTz::Fixed(off) => *off,
        }
    }

    /// `t` as local wall-clock time.
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        t.with_timezone(&self.offset_at(t))
    }

    /// The instant `date` at `time` happens here. A time skipped by a spring-forward change
    /// happens at the first instant after the gap; a time repeated by a fall-back change
    /// happens at its first occurrence.
    pub fn at(&self, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let naive = date.and_time(time);
        match self {
            ChatTz::Fixed(off) => off.from_utc_datetime(&(naive - *off)).with_timezone(&Utc),
            ChatTz::Named(tz) => {
                let mut probe = naive;
                for _ in 0..(4 * 60) {
                    match tz.from_local_datetime(&probe) {
                        LocalResult::Single(t) => return t.with_timezone(&Utc),
                        LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
                        LocalResult::None => probe += Duration::minutes(1),
                    }
                }
                Utc.from_utc_datetime(&naive)
            }
        }
    }

    /// The first instant strictly after `after` at which the local clock shows `time`.
    pub fn next_occurrence(&self, time: NaiveTime, after: DateTime<Utc>) -> DateTime<Utc> {
        let mut date = self.local(after).date_naive() - Duration::days(1);
        for _ in 0..4 {
            let t = self.at(date, time);
            if t > after {
                return t;
            }
            date += Duration::days(1);
        }
        self.at(date, time)
    }

    /// The most recent instant at or before `now` at which the local clock showed `time`.
    pub fn last_occurrence(&self, time: NaiveTime, now: DateTime<Utc>) -> DateTime<Utc> {
        let mut date = self.local(now).date_naive() + Duration::days(1);
        for _ in 0..4 {
            let t = self.at(date, time);
            if t <= now {
                return t;
            }
            date -= Duration::days(1);
        }
        self.at(date, time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn parses_names_and_offsets() {
        assert_eq!(
            "Europe/Kyiv".parse::<ChatTz>().unwrap().to_string(),
            "Europe/Kyiv"
        );
        assert_eq!(
            "europe/kyiv".parse::<ChatTz>().unwrap().to_string(),
            "Europe/Kyiv"
        );
        assert_eq!(
            "Europe/Kiev".parse::<ChatTz>().unwrap().to_string(),
            "Europe/Kyiv"
        );
        assert_eq!("UTC+2".parse::<ChatTz>().unwrap().to_string(), "UTC+02:00");
        assert_eq!(
            "utc-5:30".parse::<ChatTz>().unwrap().to_string(),
            "UTC-05:30"
        );
        assert_eq!(
            "GMT+0530".parse::<ChatTz>().unwrap().to_string(),
            "UTC+05:30"
        );
        assert_eq!("+03:00".parse::<ChatTz>().unwrap().to_string(), "UTC+03:00");
        assert_eq!("UTC".parse::<ChatTz>().unwrap().to_string(), "UTC");
        for bad in [
            "",
            "Mars/Base",
            "UTC+15",
            "UTC+2:75",
            "UTC++2",
            "Kyiv",
            &"x".repeat(5000),
        ] {
            assert!(bad.parse::<ChatTz>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn next_local_nine_in_kyiv_across_dst() {
        let kyiv: ChatTz = "Europe/Kyiv".parse().unwrap();
        // Winter: UTC+2.
        assert_eq!(
            kyiv.next_occurrence(hm(9, 0), utc(2026, 11, 21, 6, 0)),
            utc(2026, 11, 21, 7, 0)
        );
        assert_eq!(
            kyiv.next_occurrence(hm(9, 0), utc(2026, 11, 21, 7, 0)),
            utc(2026, 11, 22, 7, 0)
        );
        // Spring forward on 29 Mar 2026 (03:00 → 04:00): 09:00 is then UTC+3.
        assert_eq!(
            kyiv.next_occurrence(hm(9, 0), utc(2026, 3, 28, 8, 0)),
            utc(2026, 3, 29, 6, 0)
        );
        // Fall back on 25 Oct 2026 (04:00 → 03:00).
        assert_eq!(
            kyiv.next_occurrence(hm(9, 0), utc(2026, 10, 24, 7, 0)),
            utc(2026, 10, 25, 7, 0)
        );
    }

    #[test]
    fn skipped_and_repeated_local_times() {
        let ny: ChatTz = "America/New_York".parse().unwrap();
        // 02:30 does not exist on 8 Mar 2026: it happens at 03:00 EDT = 07:00 UTC.
        assert_eq!(
            ny.next_occurrence(hm(2, 30), utc(2026, 3, 8, 0, 0)),
            utc(2026, 3, 8, 7, 0)
        );
        // 01:30 happens twice on 1 Nov 2026: the first one (EDT) = 05:30 UTC, and only once.
        let first = ny.next_occurrence(hm(1, 30), utc(2026, 11, 1, 0, 0));
        assert_eq!(first, utc(2026, 11, 1, 5, 30));
        assert_eq!(
            ny.next_occurrence(hm(1, 30), first),
            utc(2026, 11, 2, 6, 30)
        );
    }

    #[test]
    fn fixed_offsets_and_last_occurrence() {
        let tz: ChatTz = "UTC+5:30".parse().unwrap();
        assert_eq!(
            tz.next_occurrence(hm(9, 0), utc(2026, 1, 1, 0, 0)),
            utc(2026, 1, 1, 3, 30)
        );
        let kyiv: ChatTz = "Europe/Kyiv".parse().unwrap();
        assert_eq!(
            kyiv.last_occurrence(hm(9, 0), utc(2026, 11, 21, 6, 59)),
            utc(2026, 11, 20, 7, 0)
        );
        assert_eq!(
            kyiv.last_occurrence(hm(9, 0), utc(2026, 11, 21, 7, 0)),
            utc(2026, 11, 21, 7, 0)
        );
    }
}
