//! What a report claims: its category, the side it is about, and its figures.

use serde::{Deserialize, Serialize};

/// What a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Soldiers or units refusing orders or to fight, deserting, going AWOL.
    Refusal,
    /// Claims of military personnel or equipment losses.
    Losses,
}

named_values!(Category, "category", "refusal or losses", {
    Refusal => "refusal" | "refusals",
    Losses => "losses" | "loss",
});

impl Category {
    pub const ALL: [Category; 2] = [Category::Refusal, Category::Losses];
}

/// The side a claim is about (whose soldiers refused, whose losses are claimed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Russia,
    Ukraine,
}

named_values!(Side, "side", "russia or ukraine", {
    Russia => "russia",
    Ukraine => "ukraine",
});

/// The fixed vocabulary of what a figure counts. Documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Personnel killed and wounded (the General Staff's "особовий склад").
    Personnel,
    Killed,
    Wounded,
    Prisoners,
    Tanks,
    /// Armoured combat vehicles (ББМ/ББМ, APC, IFV).
    Apc,
    Artillery,
    Mlrs,
    AirDefense,
    Aircraft,
    Helicopters,
    Uav,
    CruiseMissiles,
    Ships,
    Submarines,
    /// Cars and fuel tankers ("автомобільна техніка").
    Vehicles,
    SpecialEquipment,
    /// Ground robotic systems ("наземні робототехнічні комплекси").
    GroundRobots,
    /// Military equipment of unspecified kind ("30 единиц техники").
    Equipment,
    /// People who refused orders or to fight.
    Refusers,
    /// Deserters and AWOL soldiers.
    Deserters,
}

named_values!(Metric, "metric", "a metric from the README's vocabulary", {
    Personnel => "personnel",
    Killed => "killed",
    Wounded => "wounded",
    Prisoners => "prisoners",
    Tanks => "tanks",
    Apc => "apc",
    Artillery => "artillery",
    Mlrs => "mlrs",
    AirDefense => "air_defense",
    Aircraft => "aircraft",
    Helicopters => "helicopters",
    Uav => "uav",
    CruiseMissiles => "cruise_missiles",
    Ships => "ships",
    Submarines => "submarines",
    Vehicles => "vehicles",
    SpecialEquipment => "special_equipment",
    GroundRobots => "ground_robots",
    Equipment => "equipment",
    Refusers => "refusers",
    Deserters => "deserters",
});

impl Metric {
    pub const ALL: [Metric; 21] = [
        Metric::Personnel,
        Metric::Killed,
        Metric::Wounded,
        Metric::Prisoners,
        Metric::Tanks,
        Metric::Apc,
        Metric::Artillery,
        Metric::Mlrs,
        Metric::AirDefense,
        Metric::Aircraft,
        Metric::Helicopters,
        Metric::Uav,
        Metric::CruiseMissiles,
        Metric::Ships,
        Metric::Submarines,
        Metric::Vehicles,
        Metric::SpecialEquipment,
        Metric::GroundRobots,
        Metric::Equipment,
        Metric::Refusers,
        Metric::Deserters,
    ];

    /// People said to be killed only, wounded only, or both or neither (personnel).
    pub fn of_hurt(killed: bool, wounded: bool) -> Metric {
        match (killed, wounded) {
            (true, false) => Metric::Killed,
            (false, true) => Metric::Wounded,
            _ => Metric::Personnel,
        }
    }
}

/// What span of time a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// One day ("за сутки", "over the past day", "в день" as a rate).
    Day,
    Week,
    /// A month ("в ноябре", "за месяц").
    Month,
    /// A year or since its start ("с начала года", "in 2024").
    Year,
    /// A running total since the war or an operation began.
    Total,
    /// One incident: a strike, an attack, a battle.
    Event,
}

named_values!(Period, "period", "day, week, month, year, total or event", {
    Day => "day",
    Week => "week",
    Month => "month",
    Year => "year",
    Total => "total",
    Event => "event",
});

/// How a figure is hedged: "до 300" (up to), "более 300" (more than), "около 300" (about).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    UpTo,
    MoreThan,
    About,
}

named_values!(Qualifier, "qualifier", "up_to, more_than or about", {
    UpTo => "up_to",
    MoreThan => "more_than",
    About => "about",
});

/// One number a claim states: "1,251 tanks (+3) since 24 February".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub metric: Metric,
    /// The number stated; for a range, its high end.
    pub value: i64,
    /// The change the text gives beside the value ("(+3)"); null when absent.
    pub delta: Option<i64>,
    /// True for a running total, false for a period ("over the past day"), null when the text
    /// does not say.
    pub cumulative: Option<bool>,
    /// The span of time the figure counts, when the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// A range ("60–100 тыс."): its low end; `value` is the high end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<i64>,
}

impl Figure {
    /// A plain figure: no delta, no period, no qualifier.
    pub fn new(metric: Metric, value: i64) -> Figure {
        Figure {
            metric,
            value,
            delta: None,
            cumulative: None,
            period: None,
            qualifier: None,
            low: None,
            high: None,
        }
    }

    /// Sets the period and the running-total flag that follows from it.
    pub fn with_period(mut self, period: Option<Period>) -> Figure {
        self.period = period;
        if let Some(p) = period {
            self.cumulative = Some(p == Period::Total);
        }
        self
    }
}

/// Who claims what, about whom, with which figures. Absent fields are `None`, never guessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub category: Category,
    pub claimant: Option<String>,
    /// The canonical claimant (`ru_mod`, `ua_general_staff`, …) when the claimant is a known
    /// one; see `classify::claimants`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant_id: Option<String>,
    pub side: Option<Side>,
    pub unit: Option<String>,
    pub location: Option<String>,
    pub figures: Vec<Figure>,
    /// The phrases that decided the claim.
    pub evidence: Vec<String>,
    /// A loss claim from another war (Syria, Lebanon, Gaza, …): kept apart, never a
    /// Russia–Ukraine claim.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub other_conflict: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_names_round_trip_and_match_serde() {
        for m in Metric::ALL {
            assert_eq!(m.as_str().parse::<Metric>().unwrap(), m);
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.as_str()));
        }
        assert!("bananas".parse::<Metric>().is_err());
    }
}
