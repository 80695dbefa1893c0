//! Incident keys: a refusal's unit and place, a unit and a count, or a small loss event in
//! one settlement, as language-blind keys; and the units an item's claims name.

use super::super::fasthash::combine;
use super::super::incident::{place_key, unit_key};
use crate::model::{Category, Claim, Metric};
use crate::text::hash::hash64;

/// Where and by whom a refusal happened, and how many refused when the claim says; or, for a
/// loss *event*, where it happened and what was lost ("a captain killed in Sevastopol").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncidentKey {
    pub key: u64,
    pub count: Option<i64>,
    /// A loss event: one source telling it again is a follow-up of the same story, and it
    /// joins across days (`Settings::event_window`).
    pub event: bool,
}

/// Largest count a loss event names: more is a tally, told of many events.
const EVENT_COUNT: i64 = 10;
/// Words that make a place an area rather than a settlement.
const AREA_WORDS: [&str; 14] = [
    "област",
    "обл",
    "направлен",
    "район",
    "край",
    "регион",
    "oblast",
    "region",
    "axis",
    "direction",
    "district",
    "front",
    "фронт",
    "напрям",
];

/// The key of a settlement named as a claim's place (an area names too many events).
fn settlement_key(place: &str) -> Option<String> {
    let lower = place.to_lowercase();
    if AREA_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    place_key(place)
}

/// A loss event: one small count of one metric in one settlement.
fn event_key(c: &Claim) -> Option<IncidentKey> {
    if c.category != Category::Losses || c.other_conflict || c.figures.len() != 1 {
        return None;
    }
    let f = &c.figures[0];
    let single = matches!(f.period, None | Some(crate::model::Period::Event));
    if !single || f.value > EVENT_COUNT {
        return None;
    }
    let place = settlement_key(c.location.as_deref()?)?;
    Some(IncidentKey {
        key: combine(
            combine(hash64(b"loss event"), hash64(place.as_bytes())),
            hash64(f.metric.as_str().as_bytes()),
        ),
        count: Some(f.value),
        event: true,
    })
}

fn refusal_count(c: &Claim) -> Option<i64> {
    c.figures
        .iter()
        .find(|f| matches!(f.metric, Metric::Refusers | Metric::Deserters))
        .map(|f| f.value)
}

/// Incident keys of the refusal claims that name both a unit and a place, and of the loss
/// claims that tell one small event in one settlement.
pub fn incident_keys(claims: &[Claim]) -> Vec<IncidentKey> {
    let refusals = claims
        .iter()
        .filter(|c| c.category == Category::Refusal)
        .filter_map(|c| {
            let unit = unit_key(c.unit.as_deref()?)?;
            let place = place_key(c.location.as_deref()?)?;
            Some(IncidentKey {
                key: combine(hash64(unit.as_bytes()), hash64(place.as_bytes())),
                count: refusal_count(c),
                event: false,
            })
        });
    refusals
        .chain(claims.iter().filter_map(event_key))
        .chain(claims.iter().filter_map(unit_count_key))
        .collect()
}

/// The units an item's claims name, as language-blind keys, sorted and distinct.
pub fn unit_keys(claims: &[Claim]) -> Vec<u64> {
    let mut keys: Vec<u64> = claims
        .iter()
        .filter_map(|c| unit_key(c.unit.as_deref()?))
        .map(|u| hash64(u.as_bytes()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Items whose claims both name units, none in common: different incidents, however alike
/// their wording ("56 soldiers of the 155th brigade" and "56 soldiers of the 47th").
pub fn units_conflict(a: &[u64], b: &[u64]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|k| b.contains(k))
}

/// One unit and one count ("56 soldiers of the 155th brigade deserted"): the same incident in
/// any language, even where only one telling names the place.
fn unit_count_key(c: &Claim) -> Option<IncidentKey> {
    if c.other_conflict {
        return None;
    }
    let unit = unit_key(c.unit.as_deref()?)?;
    let f = c.figures.iter().find(|f| f.value >= 2)?;
    Some(IncidentKey {
        key: combine(
            combine(hash64(b"unit count"), hash64(unit.as_bytes())),
            combine(hash64(f.metric.as_str().as_bytes()), f.value as u64),
        ),
        count: Some(f.value),
        event: false,
    })
}

/// True when two incident keys name one incident.
pub fn incidents_agree(a: &IncidentKey, b: &IncidentKey) -> bool {
    a.key == b.key
        && match (a.count, b.count) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::claim;
    use super::*;

    #[test]
    fn incidents_need_unit_and_place_and_agreeing_counts() {
        let mut c = claim(Some("ASTRA"), &[(Metric::Refusers, 60)]);
        c.category = Category::Refusal;
        assert!(
            incident_keys(std::slice::from_ref(&c)).is_empty(),
            "no unit, no place"
        );
        c.unit = Some("76th Air Assault Division".into());
        c.location = Some("Pskov".into());
        let a = incident_keys(std::slice::from_ref(&c));
        let mut ru = c.clone();
        ru.unit = Some("76-я десантно-штурмовая дивизия".into());
        ru.location = Some("Псков".into());
        ru.figures.clear();
        let b = incident_keys(&[ru]);
        // Unit and place, and unit and count.
        assert_eq!(a.len(), 2);
        assert!(incidents_agree(&a[0], &b[0]), "no count on one side");
        let mut more = c.clone();
        more.figures[0].value = 80;
        assert!(!incidents_agree(&a[0], &incident_keys(&[more])[0]));
    }
}
