//! The shapes of one language's claim-line wording: [`EntryTexts`], with each metric's noun
//! ([`Nouns`]) in the [`Forms`] a count needs. Each language file fills one [`EntryTexts`].

use serde::Serialize;

/// A noun after a count: `[one, few, many, one after a preposition]`. English uses one and
/// many; Ukrainian and Russian pick by their plural rules, and after «до», «понад», «около»
/// take the genitive (the fourth form for one, the third otherwise).
pub type Forms = [&'static str; 4];

/// Each metric's noun (see `model::Metric`).
#[derive(Debug, Serialize)]
pub struct Nouns {
    pub personnel: Forms,
    pub killed: Forms,
    pub wounded: Forms,
    pub prisoners: Forms,
    pub tanks: Forms,
    pub apc: Forms,
    pub artillery: Forms,
    pub mlrs: Forms,
    pub air_defense: Forms,
    pub aircraft: Forms,
    pub helicopters: Forms,
    pub uav: Forms,
    pub cruise_missiles: Forms,
    pub ships: Forms,
    pub submarines: Forms,
    pub vehicles: Forms,
    pub special_equipment: Forms,
    pub ground_robots: Forms,
    pub equipment: Forms,
    pub refusers: Forms,
    pub deserters: Forms,
}

/// One language's claim-line wording.
#[derive(Debug, Serialize)]
pub struct EntryTexts {
    /// A named claimant's loss claim.
    pub verb_claims: &'static str,
    /// A channel's own report (the text names no claimant).
    pub verb_reports: &'static str,
    /// A named claimant's refusal report.
    pub verb_says: &'static str,
    /// `{who}`, `{verb}`, `{side}`, `{figures}`, `{place}`, `{period}`.
    pub losses: &'static str,
    /// Losses without figures: `{who}`, `{verb}`, `{side}`, `{place}`, `{period}`.
    pub losses_bare: &'static str,
    /// Soldiers who refused orders: [one, more]; `{who}`, `{verb}`, `{count}`, `{soldiers}`,
    /// `{side}`, `{unit}`, `{place}`, `{period}`.
    pub refused: [&'static str; 2],
    /// Soldiers who deserted or went AWOL: [one, more], the same slots.
    pub deserted: [&'static str; 2],
    /// A refusal without a count: `{who}`, `{side}`, `{unit}`, `{place}`, `{period}`.
    pub refusal_bare: &'static str,
    /// Whose losses: [Russia's, Ukraine's], with their spaces.
    pub losses_side: [&'static str; 2],
    /// Whose soldiers: [Russia's, Ukraine's], with their spaces.
    pub soldiers_side: [&'static str; 2],
    /// The soldiers counted in a refusal.
    pub soldiers: Forms,
    /// A unit as written: `{unit}`.
    pub unit: &'static str,
    /// [day, week, month, year, total, event], with their spaces; empty says nothing.
    pub periods: [&'static str; 6],
    /// [up to, more than, about], each followed by the number.
    pub qualifiers: [&'static str; 3],
    /// A known place: [region, district, city, axis, group, site]; `{place}`.
    pub places: [&'static str; 6],
    /// A place not in the gazetteer, as written: `{place}`.
    pub place_written: &'static str,
    /// Between figures, and before the last one.
    pub list_separator: &'static str,
    pub list_last: &'static str,
    /// The figures that did not fit the line: `{figures}`.
    pub also: &'static str,
    /// The General Staff's running totals: `{who}`, `{verb}`, `{side}`, `{figures}`.
    pub totals: &'static str,
    /// A daily reporter's figures of one day: `{who}`, `{verb}`, `{side}`, `{day}`, `{parts}`.
    pub series: &'static str,
    /// One part of a day's figures: `{scope}`, `{figures}`.
    pub series_part: &'static str,
    /// A part with no axis or group: the figure for every axis together.
    pub all_axes: &'static str,
    /// A source's link text when its post has no readable headline.
    pub the_post: &'static str,
    /// A claim with neither claimant nor source.
    pub unattributed: &'static str,
    pub nouns: Nouns,
}
