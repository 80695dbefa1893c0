//! Figures as a reader says them: "up to 300 troops", "60,000–100,000 troops", "1,251 tanks
//! (+3)", «до 300 осіб», «2 танка»; lists of them; the period a claim's figures share.

use crate::digest::format::{delta, number};
use crate::i18n::{EntryTexts, Forms, plural};
use crate::model::{Figure, Lang, Metric, Period, Qualifier};

/// Figures named on the claim line; the rest go to the line under it.
pub const IN_LINE: usize = 3;
/// Figures shown at most for one claim.
pub const MAX_FIGURES: usize = 12;

/// The noun forms of `metric`.
pub fn noun(t: &EntryTexts, metric: Metric) -> &Forms {
    let n = &t.nouns;
    match metric {
        Metric::Personnel => &n.personnel,
        Metric::Killed => &n.killed,
        Metric::Wounded => &n.wounded,
        Metric::Prisoners => &n.prisoners,
        Metric::Tanks => &n.tanks,
        Metric::Apc => &n.apc,
        Metric::Artillery => &n.artillery,
        Metric::Mlrs => &n.mlrs,
        Metric::AirDefense => &n.air_defense,
        Metric::Aircraft => &n.aircraft,
        Metric::Helicopters => &n.helicopters,
        Metric::Uav => &n.uav,
        Metric::CruiseMissiles => &n.cruise_missiles,
        Metric::Ships => &n.ships,
        Metric::Submarines => &n.submarines,
        Metric::Vehicles => &n.vehicles,
        Metric::SpecialEquipment => &n.special_equipment,
        Metric::GroundRobots => &n.ground_robots,
        Metric::Equipment => &n.equipment,
        Metric::Refusers => &n.refusers,
        Metric::Deserters => &n.deserters,
    }
}

/// Which plural form `n` takes: 0 one, 1 few, 2 many.
fn category(lang: Lang, n: i64) -> usize {
    match plural(lang, n.unsigned_abs(), ["0", "1", "2"]) {
        "0" => 0,
        "1" => 1,
        _ => 2,
    }
}

/// The form of a noun after `n`, plainly or after a qualifier (a preposition in Ukrainian and
/// Russian, which takes the genitive).
pub fn form(lang: Lang, forms: &Forms, n: i64, qualified: bool) -> &'static str {
    let [one, few, many, one_after] = *forms;
    match (category(lang, n), qualified) {
        (0, false) => one,
        (0, true) => one_after,
        (_, true) if matches!(lang, Lang::Uk | Lang::Ru) => many,
        (1, _) => few,
        _ => many,
    }
}

/// True when a count of `n` takes the singular verb ("1 soldier refused", «21 военнослужащий
/// отказался»).
pub fn is_one(lang: Lang, f: &Figure) -> bool {
    f.low.is_none() && category(lang, f.value) == 0
}

/// The number of a figure: "up to 300", "about 60,000–100,000".
pub fn count(t: &EntryTexts, lang: Lang, f: &Figure) -> String {
    let q = f.qualifier.map_or("", |q| match q {
        Qualifier::UpTo => t.qualifiers[0],
        Qualifier::MoreThan => t.qualifiers[1],
        Qualifier::About => t.qualifiers[2],
    });
    let high = f.high.unwrap_or(f.value);
    match f.low.filter(|low| *low < high && *low >= 0) {
        Some(low) => format!("{q}{}–{}", number(lang, low), number(lang, high)),
        None => format!("{q}{}", number(lang, f.value)),
    }
}

/// One figure: its count, its noun and its change ("1,251 tanks (+3)"); `change` overrides the
/// figure's own delta.
pub fn phrase(t: &EntryTexts, lang: Lang, f: &Figure, change: Option<i64>) -> String {
    let n = f.high.unwrap_or(f.value);
    let noun = form(lang, noun(t, f.metric), n, f.qualifier.is_some());
    let base = format!("{} {noun}", count(t, lang, f));
    match change.or(f.delta) {
        Some(d) => format!("{base} ({})", delta(lang, d)),
        None => base,
    }
}

/// Figures a reader can believe: counts that are not negative.
pub fn shown(figures: &[Figure]) -> Vec<&Figure> {
    figures
        .iter()
        .filter(|f| f.value >= 0)
        .take(MAX_FIGURES)
        .collect()
}

/// "A, B and C" in the language's way.
pub fn list(t: &EntryTexts, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{}{last}", init.join(t.list_separator), t.list_last),
    }
}

/// The period every dated figure shares; running totals with none said count as the total.
pub fn common_period(figures: &[&Figure]) -> Option<Period> {
    let mut periods = figures.iter().filter_map(|f| f.period);
    let first = periods.next();
    match first {
        Some(p) if periods.all(|q| q == p) => Some(p),
        Some(_) => None,
        None if !figures.is_empty() && figures.iter().all(|f| f.cumulative == Some(true)) => {
            Some(Period::Total)
        }
        None => None,
    }
}

/// The period's phrase, with its leading space ("" for one incident or none).
pub fn period_phrase(t: &EntryTexts, period: Option<Period>) -> &'static str {
    match period {
        Some(Period::Day) => t.periods[0],
        Some(Period::Week) => t.periods[1],
        Some(Period::Month) => t.periods[2],
        Some(Period::Year) => t.periods[3],
        Some(Period::Total) => t.periods[4],
        Some(Period::Event) => t.periods[5],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::entry_texts;

    fn fig(metric: Metric, value: i64, q: Option<Qualifier>) -> Figure {
        Figure {
            qualifier: q,
            ..Figure::new(metric, value)
        }
    }

    fn say(lang: Lang, f: &Figure) -> String {
        phrase(entry_texts(lang), lang, f, None)
    }

    #[test]
    fn counts_take_the_right_noun_form() {
        let up_to = Some(Qualifier::UpTo);
        assert_eq!(
            say(Lang::En, &fig(Metric::Personnel, 300, up_to)),
            "up to 300 troops"
        );
        assert_eq!(say(Lang::En, &fig(Metric::Tanks, 1, None)), "1 tank");
        assert_eq!(say(Lang::Ru, &fig(Metric::Tanks, 2, None)), "2 танка");
        assert_eq!(say(Lang::Ru, &fig(Metric::Tanks, 2, up_to)), "до 2 танков");
        assert_eq!(say(Lang::Ru, &fig(Metric::Tanks, 21, up_to)), "до 21 танка");
        assert_eq!(say(Lang::Ru, &fig(Metric::Tanks, 11, None)), "11 танков");
        assert_eq!(
            say(Lang::Uk, &fig(Metric::Personnel, 300, up_to)),
            "до 300 осіб"
        );
        assert_eq!(say(Lang::Uk, &fig(Metric::Tanks, 3, None)), "3 танки");
        assert_eq!(
            say(
                Lang::Uk,
                &fig(Metric::Personnel, 1, Some(Qualifier::MoreThan))
            ),
            "понад 1 особи"
        );
    }

    #[test]
    fn ranges_deltas_and_thousands() {
        let mut f = fig(Metric::Personnel, 100_000, Some(Qualifier::About));
        f.low = Some(60_000);
        f.high = Some(100_000);
        assert_eq!(say(Lang::En, &f), "about 60,000–100,000 troops");
        assert_eq!(
            say(Lang::Ru, &f),
            "около 60\u{a0}000–100\u{a0}000 военнослужащих"
        );
        let mut t = fig(Metric::Tanks, 1251, None);
        t.delta = Some(3);
        assert_eq!(say(Lang::En, &t), "1,251 tanks (+3)");
        let tx = entry_texts(Lang::En);
        assert_eq!(
            list(tx, &["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }

    #[test]
    fn a_period_is_said_only_when_the_figures_share_it() {
        let day = fig(Metric::Tanks, 1, None).with_period(Some(Period::Day));
        let total = fig(Metric::Tanks, 1, None).with_period(Some(Period::Total));
        assert_eq!(common_period(&[&day, &day]), Some(Period::Day));
        assert_eq!(common_period(&[&day, &total]), None);
        let mut running = fig(Metric::Tanks, 1, None);
        running.cumulative = Some(true);
        assert_eq!(common_period(&[&running]), Some(Period::Total));
        assert_eq!(common_period(&[]), None);
    }
}
