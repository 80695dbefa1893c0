//! What tests seed a store with: a feed source, and claims as the classifier files them (a
//! refusal report and a General Staff-style loss report).

use chrono::{DateTime, Utc};
use claimwatch::model::{
    Category, Claim, Figure, Metric, NewSource, Side, Source, SourceKind, SourceOrigin,
};
use claimwatch::store::Store;

/// Adds a feed source (added at run time, default interval); returns its id.
pub async fn source(store: &dyn Store, url: &str, title: &str) -> i64 {
    let s = NewSource {
        url: url.into(),
        kind: SourceKind::Feed,
        title: Some(title.into()),
        lang: None,
        interval_secs: None,
        origin: SourceOrigin::Runtime,
    };
    store.upsert_source(&s, super::t0()).await.unwrap().id
}

/// A feed source with no title, language or interval of its own, as a user's `/addsource`
/// gives it.
pub fn new_feed(url: &str) -> NewSource {
    NewSource {
        url: url.into(),
        kind: SourceKind::Feed,
        title: None,
        lang: None,
        interval_secs: None,
        origin: SourceOrigin::Runtime,
    }
}

/// Adds [`new_feed`]`(url)`; returns it.
pub async fn untitled_feed(store: &dyn Store, url: &str, now: DateTime<Utc>) -> Source {
    store.upsert_source(&new_feed(url), now).await.unwrap()
}

pub fn refusal(claimant: &str, unit: Option<&str>, refusers: i64) -> Claim {
    Claim {
        category: Category::Refusal,
        claimant: Some(claimant.into()),
        side: Some(Side::Russia),
        unit: unit.map(str::to_owned),
        location: Some("Псков".into()),
        figures: vec![Figure {
            metric: Metric::Refusers,
            value: refusers,
            delta: None,
            cumulative: None,
            period: None,
            qualifier: None,
            low: None,
            high: None,
        }],
        evidence: vec!["около 60 десантников отказались ехать".into()],
        claimant_id: None,
        other_conflict: false,
    }
}

pub fn losses(claimant: &str) -> Claim {
    Claim {
        category: Category::Losses,
        claimant: Some(claimant.into()),
        side: Some(Side::Russia),
        unit: None,
        location: None,
        figures: vec![
            Figure {
                metric: Metric::Personnel,
                value: 28_300,
                delta: Some(150),
                cumulative: Some(true),
                period: None,
                qualifier: None,
                low: None,
                high: None,
            },
            Figure {
                metric: Metric::Tanks,
                value: 1_251,
                delta: Some(3),
                cumulative: Some(true),
                period: None,
                qualifier: None,
                low: None,
                high: None,
            },
        ],
        evidence: vec!["Russia has lost about 28 300 troops".into()],
        claimant_id: None,
        other_conflict: false,
    }
}
