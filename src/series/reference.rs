//! The General Staff's published daily running totals, as collected in the public
//! PetroIvaniuk/2022-Ukraine-Russia-War-Dataset (`russia_losses_personnel.json`,
//! `russia_losses_equipment.json` and its corrections file), read as the General Staff's
//! claims: one claim a day with one running-total figure per metric. The dataset keeps only
//! totals; the change the General Staff stated beside each ("(+N)") is rebuilt as the
//! difference of two totals less the dataset's recorded correction for that day.

use crate::model::{Category, Claim, Figure, Metric, Period, Qualifier, Side};
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

pub const PERSONNEL_FILE: &str = "petroivaniuk_russia_losses_personnel.json";
pub const EQUIPMENT_FILE: &str = "petroivaniuk_russia_losses_equipment.json";
pub const CORRECTIONS_FILE: &str = "petroivaniuk_russia_losses_equipment_correction.json";
/// The claimant of every figure in the dataset.
pub const CLAIMANT_ID: &str = "ua_general_staff";

/// Why the reference could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("reading {file}: {reason}")]
    Read { file: String, reason: String },
    #[error("{file}: {reason}")]
    Format { file: String, reason: String },
}

/// The dataset's field for each metric we keep. Fields tracked only in 2022 (military auto,
/// fuel tank, mobile SRBM system) and the direction of greatest losses have no metric.
pub const FIELDS: [(&str, Metric); 16] = [
    ("personnel", Metric::Personnel),
    ("POW", Metric::Prisoners),
    ("aircraft", Metric::Aircraft),
    ("helicopter", Metric::Helicopters),
    ("tank", Metric::Tanks),
    ("APC", Metric::Apc),
    ("field artillery", Metric::Artillery),
    ("MRL", Metric::Mlrs),
    ("anti-aircraft warfare", Metric::AirDefense),
    ("drone", Metric::Uav),
    ("naval ship", Metric::Ships),
    ("submarines", Metric::Submarines),
    ("cruise missiles", Metric::CruiseMissiles),
    ("vehicles and fuel tanks", Metric::Vehicles),
    ("special equipment", Metric::SpecialEquipment),
    ("ground robotic systems", Metric::GroundRobots),
];

/// One day of the reference: each metric's running total, and how it is hedged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceDay {
    pub day: NaiveDate,
    pub totals: BTreeMap<Metric, i64>,
    /// "about" or "more" beside the personnel total.
    pub personnel_qualifier: Option<Qualifier>,
}

fn read_array(dir: &Path, file: &str) -> Result<Vec<Map<String, Value>>, ReferenceError> {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| ReferenceError::Read {
        file: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let bad = |reason: String| ReferenceError::Format {
        file: file.to_owned(),
        reason,
    };
    let v: Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let Value::Array(items) = v else {
        return Err(bad("not a JSON array".into()));
    };
    items
        .into_iter()
        .map(|i| match i {
            Value::Object(m) => Ok(m),
            _ => Err(bad("an element is not an object".into())),
        })
        .collect()
}

fn date_of(m: &Map<String, Value>, file: &str) -> Result<NaiveDate, ReferenceError> {
    m.get("date")
        .and_then(Value::as_str)
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| ReferenceError::Format {
            file: file.to_owned(),
            reason: format!("a record without a date: {:?}", m.get("date")),
        })
}

/// Each day's totals from the personnel and equipment files, by day.
pub fn load(dir: &Path) -> Result<Vec<ReferenceDay>, ReferenceError> {
    let mut days: BTreeMap<NaiveDate, ReferenceDay> = BTreeMap::new();
    for file in [PERSONNEL_FILE, EQUIPMENT_FILE] {
        for m in read_array(dir, file)? {
            let day = date_of(&m, file)?;
            let entry = days.entry(day).or_insert_with(|| ReferenceDay {
                day,
                totals: BTreeMap::new(),
                personnel_qualifier: None,
            });
            for (field, metric) in FIELDS {
                if let Some(v) = m.get(field).and_then(Value::as_i64) {
                    entry.totals.insert(metric, v);
                }
            }
            match m.get("personnel*").and_then(Value::as_str) {
                Some("about") => entry.personnel_qualifier = Some(Qualifier::About),
                Some("more") => entry.personnel_qualifier = Some(Qualifier::MoreThan),
                _ => {}
            }
        }
    }
    Ok(days.into_values().collect())
}

/// The corrections file: the amount by which each day's total was corrected, per metric.
pub fn corrections(dir: &Path) -> Result<BTreeMap<(NaiveDate, Metric), i64>, ReferenceError> {
    let mut out = BTreeMap::new();
    for m in read_array(dir, CORRECTIONS_FILE)? {
        let day = date_of(&m, CORRECTIONS_FILE)?;
        for (field, metric) in FIELDS {
            if let Some(v) = m.get(field).and_then(Value::as_i64).filter(|v| *v != 0) {
                out.insert((day, metric), v);
            }
        }
    }
    Ok(out)
}

/// The General Staff's claim for `days[i]`: every total, each with the change the General
/// Staff would have stated (the difference from the day before less that day's correction).
pub fn claim_of(
    days: &[ReferenceDay],
    i: usize,
    corrections: &BTreeMap<(NaiveDate, Metric), i64>,
) -> Claim {
    let d = &days[i];
    let prev = i.checked_sub(1).map(|j| &days[j]);
    let figures = d
        .totals
        .iter()
        .map(|(metric, value)| {
            let mut f = Figure::new(*metric, *value).with_period(Some(Period::Total));
            f.delta = prev
                .filter(|p| (d.day - p.day).num_days() == 1)
                .and_then(|p| p.totals.get(metric))
                .map(|p| value - p - corrections.get(&(d.day, *metric)).copied().unwrap_or(0));
            if *metric == Metric::Personnel {
                f.qualifier = d.personnel_qualifier;
            }
            f
        })
        .collect();
    Claim {
        category: Category::Losses,
        claimant: Some("General Staff of the Armed Forces of Ukraine".into()),
        claimant_id: Some(CLAIMANT_ID.into()),
        side: Some(Side::Russia),
        unit: None,
        location: None,
        figures,
        evidence: vec![format!("General Staff report of {}", d.day)],
        other_conflict: false,
    }
}
