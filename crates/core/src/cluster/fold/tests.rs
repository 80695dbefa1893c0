//! Folding stories and claims told twice.

use super::*;
use crate::model::{Figure, Metric, Period, Side, SourceRef, Story};
use chrono::{DateTime, TimeZone, Utc};

fn at(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 12, 3, 6, 0, 0).unwrap() + Duration::hours(hours)
}

fn claim(id: i64, story: i64, hours: i64, figures: &[(Metric, i64)]) -> StoredClaim {
    StoredClaim {
        id,
        story_id: story,
        item_id: story * 10,
        claimed_at: at(hours),
        claim: Claim {
            category: Category::Losses,
            claimant: Some("Russian Ministry of Defence".into()),
            claimant_id: Some("ru_mod".into()),
            side: Some(Side::Ukraine),
            unit: None,
            location: None,
            figures: figures
                .iter()
                .map(|(m, v)| Figure::new(*m, *v).with_period(Some(Period::Day)))
                .collect(),
            evidence: Vec::new(),
            other_conflict: false,
        },
    }
}

fn view(id: i64, source: i64, hours: i64, claims: Vec<StoredClaim>) -> StoryView {
    StoryView {
        story: Story {
            id,
            first_item_id: id * 10,
            first_seen_at: at(hours),
            last_seen_at: at(hours),
            item_count: 1,
            source_count: 1,
            title: format!("story {id}"),
        },
        claims,
        sources: vec![SourceRef {
            source_id: source,
            source_name: format!("source {source}"),
            item_id: id * 10,
            url: None,
            published_at: at(hours),
        }],
        folded: Vec::new(),
    }
}

#[test]
fn a_round_up_restating_two_stories_joins_both_and_is_not_shown_again() {
    let kursk = view(
        1,
        1,
        0,
        vec![claim(
            1,
            1,
            0,
            &[(Metric::Personnel, 300), (Metric::Tanks, 2)],
        )],
    );
    let south = view(2, 1, 2, vec![claim(2, 2, 2, &[(Metric::Personnel, 370)])]);
    // The same channel's evening round-up: both figures again, and one new.
    let roundup = view(
        3,
        1,
        10,
        vec![
            claim(3, 3, 10, &[(Metric::Personnel, 300), (Metric::Tanks, 2)]),
            claim(4, 3, 10, &[(Metric::Personnel, 370)]),
        ],
    );
    let out = fold(vec![roundup, south, kursk]);
    assert_eq!(out.len(), 2, "{out:#?}");
    assert_eq!(out[0].story.id, 1);
    assert_eq!(out[0].folded, vec![3]);
    assert!(
        out.iter()
            .all(|v| v.sources.iter().any(|s| s.item_id == 30))
    );
}

#[test]
fn a_claim_without_figures_beside_one_told_before_joins_its_story() {
    let a = view(1, 5, 0, vec![claim(1, 1, 0, &[(Metric::Tanks, 1)])]);
    let mut setting = claim(3, 2, 3, &[]);
    setting.claim.claimant_id = Some("ua_general_staff".into());
    let b = view(
        2,
        6,
        3,
        vec![claim(2, 2, 3, &[(Metric::Tanks, 1)]), setting],
    );
    let out = fold(vec![a, b.clone()]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].claims.len(), 2);
    // An uncounted claim of another kind (a refusal) is news of its own.
    let mut refusal = b.clone();
    refusal.claims[1].claim.category = Category::Refusal;
    let out = fold(vec![
        view(1, 5, 0, vec![claim(1, 1, 0, &[(Metric::Tanks, 1)])]),
        refusal,
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // A counted claim of its own keeps the later story apart.
    let mut own = b;
    own.claims[1].claim.figures = vec![Figure::new(Metric::Apc, 4)];
    let out = fold(vec![
        view(1, 5, 0, vec![claim(1, 1, 0, &[(Metric::Tanks, 1)])]),
        own,
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn the_same_figure_twice_from_one_channel_is_one_entry() {
    let a = view(1, 5, 0, vec![claim(1, 1, 0, &[(Metric::Killed, 78_329)])]);
    let b = view(2, 5, 3, vec![claim(2, 2, 3, &[(Metric::Killed, 78_000)])]);
    let out = fold(vec![a, b]);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].folded, vec![2]);
}

#[test]
fn a_hedged_round_figure_is_the_exact_one_on_its_hedges_side() {
    let told = |id: i64, value: i64, q: Option<Qualifier>| {
        let mut c = claim(id, id, 0, &[(Metric::Killed, value)]);
        c.claim.figures[0].qualifier = q;
        view(id, id, 0, vec![c])
    };
    let more = told(1, 80_000, Some(Qualifier::MoreThan));
    // "более 80 тысяч" and 80 973 (1.2 % above): one claim.
    assert_eq!(fold(vec![more.clone(), told(2, 80_973, None)]).len(), 1);
    // Below it, or further than 2 %: two.
    assert_eq!(fold(vec![more.clone(), told(3, 79_900, None)]).len(), 2);
    assert_eq!(fold(vec![more, told(4, 81_700, None)]).len(), 2);
    // Without a hedge, 1.2 % apart is two counts.
    assert_eq!(
        fold(vec![told(5, 80_000, None), told(6, 80_973, None)]).len(),
        2
    );
    let up_to = told(7, 80_000, Some(Qualifier::UpTo));
    assert_eq!(fold(vec![up_to.clone(), told(8, 79_100, None)]).len(), 1);
    assert_eq!(fold(vec![up_to, told(9, 80_400, None)]).len(), 2);
}

#[test]
fn up_to_and_more_than_one_value_are_two_claims() {
    let hedged = |id: i64, q: Option<Qualifier>| {
        let mut c = claim(id, id, 0, &[(Metric::Personnel, 250)]);
        c.claim.figures[0].qualifier = q;
        view(id, id, 0, vec![c])
    };
    let up_to = hedged(1, Some(Qualifier::UpTo));
    let more = hedged(2, Some(Qualifier::MoreThan));
    assert_eq!(fold(vec![up_to.clone(), more]).len(), 2);
    // Told without its hedge, it is the same figure.
    assert_eq!(fold(vec![up_to, hedged(3, None)]).len(), 1);
}

#[test]
fn two_days_of_one_series_and_two_claimants_stay_apart() {
    let today = view(1, 1, 0, vec![claim(1, 1, 0, &[(Metric::Personnel, 250)])]);
    let tomorrow = view(2, 1, 24, vec![claim(2, 2, 24, &[(Metric::Personnel, 250)])]);
    let mut other = claim(3, 3, 1, &[(Metric::Personnel, 250)]);
    other.claim.claimant_id = Some("ua_general_staff".into());
    let other = view(3, 2, 1, vec![other]);
    let out = fold(vec![today, tomorrow, other]);
    assert_eq!(out.len(), 3);
    // A part of a story restated elsewhere leaves the rest shown.
    let a = view(1, 1, 0, vec![claim(1, 1, 0, &[(Metric::Personnel, 300)])]);
    let b = view(
        2,
        2,
        1,
        vec![
            claim(2, 2, 1, &[(Metric::Personnel, 300)]),
            claim(3, 2, 1, &[(Metric::Tanks, 7)]),
        ],
    );
    let out = fold(vec![a, b]);
    assert_eq!(out.len(), 2);
    assert_eq!(out[1].claims.len(), 1);
    assert_eq!(out[1].claims[0].claim.figures[0].metric, Metric::Tanks);
    assert!(out[0].sources.iter().any(|s| s.item_id == 20));
}

#[test]
fn a_loss_without_figures_by_one_institution_at_one_place_is_one_report() {
    let placed = |id: i64, story: i64, hours: i64, place: Option<&str>| {
        let mut c = claim(id, story, hours, &[]);
        c.claim.location = place.map(str::to_owned);
        c
    };
    let same = |a: &StoredClaim, b: &StoredClaim| same_report(a, b);
    let kupiansk = placed(1, 1, 0, Some("Купянск"));
    // A round-up telling it again without the place.
    assert!(same(&kupiansk, &placed(2, 2, 8, None)));
    assert!(!same(&kupiansk, &placed(3, 3, 8, Some("Покровск"))));
    assert!(
        !same(&kupiansk, &placed(4, 4, 30, None)),
        "the next day's report"
    );
    let mut other_side = placed(5, 5, 8, None);
    other_side.claim.side = Some(Side::Russia);
    assert!(!same(&kupiansk, &other_side));
}
