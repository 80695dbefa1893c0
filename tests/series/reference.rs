//! The reference: `../shared/data/losses` filed as the General Staff's claims through the
//! store, the series rebuilt, and every point and daily change compared with the file.

use crate::support::{db::TestDb, shared_data, t0};
use chrono::NaiveDate;
use claimwatch::model::{Metric, Period};
use claimwatch::series::import::import_reference;
use claimwatch::series::reference::{self, CLAIMANT_ID, FIELDS};
use claimwatch::series::{CheckKind, SeriesKey, cross_checks, daily_rows};
use claimwatch::store::{ItemFiling, SeriesQuery, StoryChoice};
use std::collections::{BTreeMap, BTreeSet};

fn query(metric: Metric) -> SeriesQuery {
    SeriesQuery {
        key: SeriesKey::total(CLAIMANT_ID, metric),
        since: None,
        until: None,
    }
}

#[tokio::test]
async fn the_general_staffs_daily_figures_rebuild_exactly_and_their_irregular_days_are_found() {
    let Some(data) = shared_data() else { return };
    let dir = data.join("losses");
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let started = std::time::Instant::now();
    let report = import_reference(s, &dir, t0()).await.unwrap();
    eprintln!("filed {} days in {:?}", report.filed, started.elapsed());
    assert_eq!((report.days, report.filed), (1626, 1626));
    // Filing again adds nothing; rebuilding from the stored claims gives the same series.
    assert_eq!(import_reference(s, &dir, t0()).await.unwrap().filed, 0);
    let days = reference::load(&dir).unwrap();
    let corrections = reference::corrections(&dir).unwrap();
    let mut found: BTreeMap<&str, BTreeSet<(NaiveDate, Metric)>> = BTreeMap::new();
    let mut points = 0;
    for (_, metric) in FIELDS {
        let stored = s.series_points(&query(metric)).await.unwrap();
        let rows = daily_rows(&stored, Period::Total);
        let expected: Vec<(NaiveDate, i64)> = days
            .iter()
            .filter_map(|d| Some((d.day, *d.totals.get(&metric)?)))
            .collect();
        assert_eq!(rows.len(), expected.len(), "{metric}: one point a day");
        for (i, (r, (day, total))) in rows.iter().zip(&expected).enumerate() {
            assert_eq!((r.day, r.value), (*day, *total), "{metric} on {day}");
            let change = i.checked_sub(1).map(|j| total - expected[j].1);
            assert_eq!(r.change, change, "{metric}: the daily change on {day}");
        }
        points += rows.len();
        for c in cross_checks(&rows, true) {
            let kind = match c.kind {
                CheckKind::DeltaMismatch { .. } => "stated change differs",
                CheckKind::Decrease { .. } => "total went down",
                CheckKind::Correction { .. } => "corrected",
                CheckKind::RecordDay { .. } => "record day",
            };
            found.entry(kind).or_default().insert((c.day, metric));
        }
    }
    eprintln!("{points} points checked");
    // Every total that goes down in the file is found, and nothing else is.
    let mut decreases = BTreeSet::new();
    for w in days.windows(2) {
        for (m, v) in &w[1].totals {
            if w[0].totals.get(m).is_some_and(|p| v < p) {
                decreases.insert((w[1].day, *m));
            }
        }
    }
    assert_eq!(decreases.len(), 13);
    assert_eq!(found["total went down"], decreases);
    // The stated change differs from the totals exactly on the file's correction days.
    let corrected: BTreeSet<(NaiveDate, Metric)> = corrections
        .keys()
        .filter(|(d, m)| days.iter().any(|x| x.day == *d && x.totals.contains_key(m)))
        .copied()
        .collect();
    assert_eq!(found["stated change differs"], corrected);
    let records = &found["record day"];
    assert!(records.len() > 20, "{}", records.len());
    let days_with_records: BTreeSet<NaiveDate> = records.iter().map(|(d, _)| *d).collect();
    assert!(
        days_with_records.len() < days.len() / 5,
        "record days are rare"
    );
    for (kind, set) in &found {
        let list: Vec<String> = set.iter().map(|(d, m)| format!("{d} {m}")).collect();
        eprintln!("{kind} ({}): {}", set.len(), list.join(", "));
    }
    assert!(
        !found.contains_key("corrected"),
        "the file has one value a day"
    );
}

#[tokio::test]
async fn injected_irregular_days_are_found() {
    let Some(data) = shared_data() else { return };
    let dir = data.join("losses");
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let report = import_reference(s, &dir, t0()).await.unwrap();
    let days = reference::load(&dir).unwrap();
    let last = days.last().unwrap();
    let next = last.day.succ_opt().unwrap();
    // The day after the file ends: personnel goes down by 10 and says "+990"; tanks say
    // "+5" where the totals differ by 7. A second report the same day corrects tanks.
    let mut claim = reference::claim_of(&days, days.len() - 1, &BTreeMap::new());
    for f in &mut claim.figures {
        match f.metric {
            Metric::Personnel => (f.value, f.delta) = (f.value - 10, Some(990)),
            Metric::Tanks => (f.value, f.delta) = (f.value + 7, Some(5)),
            _ => f.delta = Some(0),
        }
    }
    let mut fix = claim.clone();
    fix.figures.retain(|f| f.metric == Metric::Tanks);
    fix.figures[0].value += 1;
    for (n, c) in [(0, &claim), (1, &fix)] {
        let at = claimwatch::series::import::published_at(next) + chrono::Duration::hours(n);
        let item = item(report.source_id, &format!("inj{n}"), at);
        let item_id = match s.insert_item(&item).await.unwrap() {
            claimwatch::model::InsertOutcome::Inserted(id) => id,
            d => panic!("{d:?}"),
        };
        let filing = ItemFiling {
            item_id,
            story: StoryChoice::New { title: "injected" },
            seen_at: at,
            claims: std::slice::from_ref(c),
            updated_claims: &[],
            claimed_at: at,
            search_terms: "",
            processed_at: at,
        };
        s.file_item(&filing).await.unwrap();
    }
    let on_next = |metric| async move {
        let rows = daily_rows(
            &s.series_points(&query(metric)).await.unwrap(),
            Period::Total,
        );
        cross_checks(&rows, true)
            .into_iter()
            .filter(|c| c.day == next)
            .map(|c| c.kind)
            .collect::<Vec<_>>()
    };
    let personnel = on_next(Metric::Personnel).await;
    assert!(personnel.contains(&CheckKind::DeltaMismatch {
        stated: 990,
        difference: -10
    }));
    assert!(
        personnel
            .iter()
            .any(|k| matches!(k, CheckKind::Decrease { .. }))
    );
    let tanks = on_next(Metric::Tanks).await;
    assert!(
        tanks.contains(&CheckKind::DeltaMismatch {
            stated: 5,
            difference: 8
        }),
        "{tanks:?}"
    );
    assert!(
        tanks
            .iter()
            .any(|k| matches!(k, CheckKind::Correction { replaced, .. } if replaced.len() == 1))
    );
    assert_eq!(on_next(Metric::Artillery).await, vec![]);
}

fn item(source_id: i64, id: &str, at: chrono::DateTime<chrono::Utc>) -> claimwatch::model::NewItem {
    claimwatch::model::NewItem {
        source_id,
        external_id: id.into(),
        url: None,
        title: id.into(),
        text: format!("injected report {id}"),
        lang: claimwatch::model::Lang::En,
        published_at: at,
        fetched_at: at,
        content_hash: claimwatch::text::hash::content_hash(id, "injected"),
        author: None,
        forwarded_from: None,
        views: None,
        media: vec![],
        edited: false,
    }
}
