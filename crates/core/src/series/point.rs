//! What a series is keyed by and what one point holds, and the points a claim contributes.

use crate::model::{Category, Claim, Metric, Period, Qualifier};
use chrono::NaiveDate;
use std::fmt;

/// Which part of the front a figure covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// The whole front (the General Staff's national totals).
    All,
    /// One axis or place ("Покровское направление").
    Axis(String),
    /// One group of forces or unit ("группировка «Центр»").
    Group(String),
}

impl Scope {
    /// Stored form: `all`, `axis:<name>` or `group:<name>` (names lowercased, spaces single).
    pub fn as_db(&self) -> String {
        match self {
            Scope::All => "all".into(),
            Scope::Axis(n) => format!("axis:{n}"),
            Scope::Group(n) => format!("group:{n}"),
        }
    }

    /// Parses the stored form; anything unknown is `None`.
    pub fn from_db(s: &str) -> Option<Scope> {
        match s.split_once(':') {
            None if s == "all" => Some(Scope::All),
            Some(("axis", n)) if !n.is_empty() => Some(Scope::Axis(n.to_owned())),
            Some(("group", n)) if !n.is_empty() => Some(Scope::Group(n.to_owned())),
            _ => None,
        }
    }

    /// The scope of a claim: its unit when it names a group of forces, else its place, else
    /// the whole front.
    pub fn of_claim(claim: &Claim) -> Scope {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let unit = claim.unit.as_deref().map(norm).filter(|u| !u.is_empty());
        if let Some(u) = unit {
            return Scope::Group(u);
        }
        match claim
            .location
            .as_deref()
            .map(norm)
            .filter(|l| !l.is_empty())
        {
            Some(l) => Scope::Axis(l),
            None => Scope::All,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_db())
    }
}

/// One series: whose figures, of what, where, over which period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesKey {
    /// A canonical claimant id (`ua_general_staff`, `ru_mod`, …).
    pub claimant_id: String,
    pub metric: Metric,
    pub scope: Scope,
    /// `Total` for running totals, `Day` for daily figures, …
    pub period: Period,
}

impl SeriesKey {
    /// The whole-front running total of `metric` claimed by `claimant_id`.
    pub fn total(claimant_id: &str, metric: Metric) -> SeriesKey {
        SeriesKey {
            claimant_id: claimant_id.to_owned(),
            metric,
            scope: Scope::All,
            period: Period::Total,
        }
    }
}

/// A point to record: a figure of a known claimant on its reporting day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPoint {
    pub key: SeriesKey,
    pub day: NaiveDate,
    pub value: i64,
    /// The change the claimant states beside the value ("(+1,230)").
    pub delta: Option<i64>,
    pub qualifier: Option<Qualifier>,
}

/// A point as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPoint {
    pub id: i64,
    pub point: NewPoint,
    /// The claim it came from (`None` once that claim is gone, or for imported points).
    pub claim_id: Option<i64>,
    pub source_id: Option<i64>,
    /// How many other claims stated the same value for the same day.
    pub restated: i64,
    /// Another value was stored for the same series and day: both are kept and flagged.
    pub correction: bool,
}

/// The period a figure counts for a series; `None` for a figure that is not dated (an
/// incident, or a text that does not say).
fn series_period(period: Option<Period>, cumulative: Option<bool>) -> Option<Period> {
    match (period, cumulative) {
        (Some(Period::Event), _) => None,
        (Some(p), _) => Some(p),
        (None, Some(true)) => Some(Period::Total),
        _ => None,
    }
}

/// The points a claim contributes on `day`: one per metric and period among its figures,
/// only for a loss claim of a known claimant about this war.
pub fn points_of(claim: &Claim, day: NaiveDate) -> Vec<NewPoint> {
    let Some(claimant_id) = claim.claimant_id.as_deref().filter(|c| !c.is_empty()) else {
        return Vec::new();
    };
    if claim.category != Category::Losses || claim.other_conflict {
        return Vec::new();
    }
    let scope = Scope::of_claim(claim);
    let mut out: Vec<NewPoint> = Vec::new();
    for f in &claim.figures {
        let Some(period) = series_period(f.period, f.cumulative) else {
            continue;
        };
        let key = SeriesKey {
            claimant_id: claimant_id.to_owned(),
            metric: f.metric,
            scope: scope.clone(),
            period,
        };
        if out.iter().any(|p| p.key == key) {
            continue;
        }
        out.push(NewPoint {
            key,
            day,
            value: f.value,
            delta: f.delta,
            qualifier: f.qualifier,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Figure;

    fn claim(figures: Vec<Figure>) -> Claim {
        Claim {
            category: Category::Losses,
            claimant: Some("General Staff of the Armed Forces of Ukraine".into()),
            claimant_id: Some("ua_general_staff".into()),
            side: None,
            unit: None,
            location: None,
            figures,
            evidence: vec![],
            other_conflict: false,
        }
    }

    #[test]
    fn totals_and_days_become_points_incidents_and_unknown_claimants_do_not() {
        let day = NaiveDate::from_ymd_opt(2026, 8, 8).unwrap();
        let mut total = Figure::new(Metric::Personnel, 1_000_000).with_period(Some(Period::Total));
        total.delta = Some(900);
        let event = Figure::new(Metric::Tanks, 3).with_period(Some(Period::Event));
        let undated = Figure::new(Metric::Uav, 40);
        let mut c = claim(vec![total, event, undated]);
        let points = points_of(&c, day);
        assert_eq!(points.len(), 1);
        assert_eq!(
            points[0].key,
            SeriesKey::total("ua_general_staff", Metric::Personnel)
        );
        assert_eq!(points[0].delta, Some(900));
        c.location = Some("Покровське  направлення".into());
        assert_eq!(
            points_of(&c, day)[0].key.scope,
            Scope::Axis("покровське направлення".into())
        );
        c.claimant_id = None;
        assert!(points_of(&c, day).is_empty());
    }

    #[test]
    fn scopes_round_trip() {
        for s in [
            Scope::All,
            Scope::Axis("x y".into()),
            Scope::Group("центр".into()),
        ] {
            assert_eq!(Scope::from_db(&s.as_db()), Some(s));
        }
        assert_eq!(Scope::from_db("axis:"), None);
        assert_eq!(Scope::from_db("bogus"), None);
    }
}
