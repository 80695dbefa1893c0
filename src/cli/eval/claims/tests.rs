//! How the evaluation reads a post's claims as the labels write them.

use super::*;
use crate::model::Metric;

fn figure(metric: Metric, value: i64, delta: Option<i64>) -> Figure {
    Figure {
        metric,
        value,
        delta,
        cumulative: Some(true),
        period: Some(Period::Total),
        qualifier: None,
        low: None,
        high: None,
    }
}

/// A claim of Ukraine's General Staff about Russia's losses.
fn general_staff(figures: Vec<Figure>) -> Claim {
    Claim {
        category: Category::Losses,
        claimant: Some("General Staff of the Armed Forces of Ukraine".into()),
        claimant_id: Some("ua_general_staff".into()),
        side: Some(crate::model::Side::Russia),
        unit: None,
        location: None,
        figures,
        evidence: Vec::new(),
        other_conflict: false,
    }
}

#[test]
fn a_total_with_its_days_change_reads_as_two_claims() {
    let claim = general_staff(vec![
        figure(Metric::Personnel, 990_800, Some(1_100)),
        figure(Metric::Tanks, 10_881, None),
    ]);
    let read = as_labelled(&claim, &[]);
    assert_eq!(read.len(), 2);
    assert!(read[0].figures.iter().all(|f| f.delta.is_none()));
    assert_eq!(read[0].figures.len(), 2);
    let day = &read[1].figures;
    assert_eq!(day.len(), 1);
    assert_eq!((day[0].metric, day[0].value), (Metric::Personnel, 1_100));
    assert_eq!(day[0].period, Some(Period::Day));
    assert_eq!(read[1].claimant_id, claim.claimant_id);
    // The post's daily claim already states the day's count: the total alone.
    let daily = Claim {
        figures: vec![Figure {
            delta: None,
            cumulative: Some(false),
            period: Some(Period::Day),
            ..figure(Metric::Personnel, 1_100, None)
        }],
        ..claim.clone()
    };
    assert_eq!(as_labelled(&claim, &[&claim, &daily]).len(), 1);
    let plain = Claim {
        figures: vec![figure(Metric::Tanks, 10_881, None)],
        ..claim
    };
    assert_eq!(as_labelled(&plain, &[]), vec![plain]);
}

#[test]
fn a_days_change_joins_the_days_claim_of_the_same_teller() {
    let total = general_staff(vec![figure(Metric::Personnel, 871_300, Some(1_140))]);
    let day = |metric, value| Figure {
        cumulative: Some(false),
        period: Some(Period::Day),
        ..figure(metric, value, None)
    };
    let equipment = Claim {
        figures: vec![day(Metric::Tanks, 9), day(Metric::Artillery, 21)],
        ..total.clone()
    };
    let read = read_post(&[&total, &equipment]);
    assert_eq!(read.len(), 2, "{read:?}");
    assert_eq!(read[0].figures.len(), 1);
    let joined: Vec<(Metric, i64)> = read[1]
        .figures
        .iter()
        .map(|f| (f.metric, f.value))
        .collect();
    assert_eq!(
        joined,
        vec![
            (Metric::Tanks, 9),
            (Metric::Artillery, 21),
            (Metric::Personnel, 1_140)
        ]
    );
    // Another teller's day stays apart.
    let other = Claim {
        claimant: Some("Russian Ministry of Defence".into()),
        claimant_id: Some("ru_mod".into()),
        ..equipment
    };
    assert_eq!(read_post(&[&total, &other]).len(), 3);
}
