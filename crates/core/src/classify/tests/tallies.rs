//! Tallies as news copy writes them: deaths put at a number, the killed and the wounded side by
//! side, sentences handed down for going AWOL and who calculated them.

use super::{claims_of, figures_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period};

#[test]
fn deaths_put_at_a_number_are_killed_unless_civilian() {
    let c = run("Meduza puts Russian military deaths at 235,000.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Killed, 235_000)]
    );
    assert!(
        run("UN confirms 2,345 civilian deaths in Ukraine.")
            .claims
            .is_empty()
    );
}

#[test]
fn the_killed_and_the_wounded_side_by_side_are_both_counted() {
    let c = run("Russia has lost around 215,000 killed and 640,000 wounded, he said.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Killed, 215_000), (Metric::Wounded, 640_000)]
    );
}

#[test]
fn sentences_for_going_awol_count_deserters_and_their_calculator_tells_them() {
    let c = run(
        "Russian courts handed down 7,215 sentences for going AWOL in the first nine months of \
         2025, Mediazona calculated from court records.",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims[0].claimant_id.as_deref(), Some("mediazona"));
    let f = &claims[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Deserters, 7215));
    assert_eq!(f.period, Some(Period::Year));
}

#[test]
fn a_total_since_the_start_of_the_full_scale_invasion_is_a_total() {
    let c = run(
        "Russian forces lost 1,140 soldiers killed and wounded over the past 24 hours, Ukraine's \
         General Staff said, bringing Russia's losses since the start of the full-scale invasion \
         to 871,300 personnel.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let f = &claims[0].figures[0];
    assert_eq!(
        (f.value, f.delta, f.period),
        (871_300, Some(1_140), Some(Period::Total))
    );
}
