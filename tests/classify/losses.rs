//! The General Staff's running totals, as extracted from the labelled texts, against the
//! General Staff's own daily figures (`../shared/data/losses/`, one record per report date).
//!
//! A text is checked when it names the General Staff (or "Ukraine's military") and states a
//! running total (a "since the invasion" or "загальні втрати" marker and a number of at least
//! 10,000) — found here with plain patterns, independently of the classifier. For each, the
//! classifier's running-total personnel figure (and its tank figure when the text states a tank
//! total) must equal the dataset on a date the text states: the report date, or the day after
//! a day the text says the figures cover ("за добу 17 січня" is reported on 18 January). A
//! date written without a year is tried in every year of the dataset. Every other equipment
//! running total the classifier finds must then be that day's figure as well.

use chrono::{Datelike, Duration, NaiveDate};
use claimwatch::classify::{Classification, ClassifyInput, classify};
use claimwatch::model::{Category, Metric, Side};
use claimwatch::series::reference::FIELDS;
use regex::Regex;
use std::collections::HashMap;

/// Texts whose figures differ from the dataset for a reason stated in the text itself.
const DOCUMENTED: &[(&str, &str)] = &[
    (
        "pg0003",
        "a spokesman's rounded figure in an interview (\"орієнтовно 412 400\"), between the reports of 27 Feb (411 550) and 28 Feb 2024 (412 610)",
    ),
    (
        "pg0046",
        "a rounded \"понад мільйон\" in a summary of the commander-in-chief's remarks; no date",
    ),
    (
        "pg0065",
        "the article calls the General Staff's personnel total \"fatalities\" (990,800) and rounds total losses to \"nearing one million\"; no date",
    ),
    (
        "pg0091",
        "a forum post's rounded \"more than 21,000 ... have already died\"; no report date",
    ),
];

struct Day {
    personnel: i64,
    /// Every equipment total the dataset keeps that day, by metric.
    equipment: HashMap<Metric, i64>,
}

impl Day {
    fn tanks(&self) -> Option<i64> {
        self.equipment.get(&Metric::Tanks).copied()
    }
}

/// The dataset's fields for our metrics. In 2022 the General Staff listed cars ("military
/// auto") and fuel tankers apart; our `vehicles` is the cars then.
fn equipment_fields() -> impl Iterator<Item = (&'static str, Metric)> {
    FIELDS
        .into_iter()
        .filter(|(_, m)| *m != Metric::Personnel && *m != Metric::Prisoners)
        .chain([("military auto", Metric::Vehicles)])
}

fn load_dataset(dir: &std::path::Path) -> HashMap<NaiveDate, Day> {
    let read = |name: &str| -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(dir.join(name)).expect("losses file");
        serde_json::from_str(&text).expect("losses JSON")
    };
    let mut equipment: HashMap<String, HashMap<Metric, i64>> = HashMap::new();
    for r in read("petroivaniuk_russia_losses_equipment.json") {
        let Some(d) = r["date"].as_str() else {
            continue;
        };
        let day = equipment.entry(d.to_owned()).or_default();
        for (field, metric) in equipment_fields() {
            if let Some(v) = r[field].as_i64() {
                day.insert(metric, v);
            }
        }
    }
    let mut out = HashMap::new();
    for r in read("petroivaniuk_russia_losses_personnel.json") {
        let (Some(d), Some(p)) = (r["date"].as_str(), r["personnel"].as_i64()) else {
            continue;
        };
        let Ok(date) = NaiveDate::parse_from_str(d, "%Y-%m-%d") else {
            continue;
        };
        out.insert(
            date,
            Day {
                personnel: p,
                equipment: equipment.get(d).cloned().unwrap_or_default(),
            },
        );
    }
    out
}

const MONTHS: [[&str; 3]; 12] = [
    ["січня", "января", "january"],
    ["лютого", "февраля", "february"],
    ["березня", "марта", "march"],
    ["квітня", "апреля", "april"],
    ["травня", "мая", "may"],
    ["червня", "июня", "june"],
    ["липня", "июля", "july"],
    ["серпня", "августа", "august"],
    ["вересня", "сентября", "september"],
    ["жовтня", "октября", "october"],
    ["листопада", "ноября", "november"],
    ["грудня", "декабря", "december"],
];

fn month_of(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    MONTHS
        .iter()
        .position(|names| {
            names
                .iter()
                .any(|n| w == *n || (n.len() > 3 && w.len() >= 3 && n.starts_with(&w)))
        })
        .map(|i| i as u32 + 1)
}

/// Every date the text states: "2026-01-18", "27 лютого 2024", "1 листопада", "April 23",
/// "22 Apr 2022". Dates without a year get every year of the war.
fn stated_dates(text: &str) -> Vec<NaiveDate> {
    let iso = Regex::new(r"\b(20\d\d)-(\d\d)-(\d\d)\b").unwrap();
    let day_month = Regex::new(r"(?i)\b(\d{1,2})\s+([\p{L}]{3,})\.?(?:\s+(20\d\d))?").unwrap();
    let month_day = Regex::new(r"(?i)\b([A-Za-z]{3,})\.?\s+(\d{1,2})\b(?:,?\s+(20\d\d))?").unwrap();
    let mut out = Vec::new();
    for c in iso.captures_iter(text) {
        if let Some(d) = NaiveDate::from_ymd_opt(
            c[1].parse().unwrap(),
            c[2].parse().unwrap(),
            c[3].parse().unwrap(),
        ) {
            out.push(d);
        }
    }
    let mut push = |day: u32, month: u32, year: Option<i32>| {
        let years: Vec<i32> = match year {
            Some(y) => vec![y],
            None => (2022..=2026).collect(),
        };
        for y in years {
            if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
                out.push(d);
            }
        }
    };
    for c in day_month.captures_iter(text) {
        if let (Ok(day), Some(month)) = (c[1].parse::<u32>(), month_of(&c[2])) {
            push(day, month, c.get(3).and_then(|y| y.as_str().parse().ok()));
        }
    }
    for c in month_day.captures_iter(text) {
        if let (Some(month), Ok(day)) = (month_of(&c[1]), c[2].parse::<u32>()) {
            push(day, month, c.get(3).and_then(|y| y.as_str().parse().ok()));
        }
    }
    // A text may state the day the figures cover; the report comes the next morning.
    let next: Vec<NaiveDate> = out.iter().map(|d| *d + Duration::days(1)).collect();
    out.extend(next);
    out.sort();
    out.dedup();
    out
}

/// The running totals the classifier found about Russia's side, General Staff claims first.
struct Extracted {
    personnel: Option<i64>,
    tanks: Option<i64>,
    /// Every equipment running total, in the order found.
    equipment: Vec<(Metric, i64)>,
}

fn extracted(c: &Classification) -> Extracted {
    let rank = |name: Option<&str>| match name {
        Some("General Staff of the Armed Forces of Ukraine") => 0,
        Some("Armed Forces of Ukraine") => 1,
        _ => 2,
    };
    let mut claims: Vec<_> = c
        .claims
        .iter()
        .filter(|x| x.category == Category::Losses && x.side == Some(Side::Russia))
        .collect();
    claims.sort_by_key(|x| rank(x.claimant.as_deref()));
    let figures = || claims.iter().flat_map(|x| x.figures.iter());
    let personnel = figures()
        .find(|f| f.metric == Metric::Personnel && f.cumulative == Some(true))
        .map(|f| f.value);
    let tanks = figures()
        .find(|f| f.metric == Metric::Tanks && f.cumulative != Some(false))
        .map(|f| f.value);
    let equipment = figures()
        .filter(|f| f.cumulative == Some(true) && equipment_fields().any(|(_, m)| m == f.metric))
        .map(|f| (f.metric, f.value))
        .collect();
    Extracted {
        personnel,
        tanks,
        equipment,
    }
}

/// The plain patterns that pick the texts to check, independently of the classifier.
struct Markers {
    general_staff: Regex,
    running: Regex,
    number: Regex,
    tank_total: Regex,
}

impl Markers {
    fn new() -> Markers {
        let general_staff = Regex::new(
            r"(?i)генштаб|генеральн\w* штаб|general staff|ukraine.s military|українського командування",
        )
        .unwrap();
        let running = Regex::new(
            r"(?i)загальн\w* (бойов\w* )?втрат|від початку|з початку (повномасштабного )?вторгнення|станом на|total (combat )?losses|since (the )?(beginning|start|war|invasion|russia)|as of|с начала|общие (боевые )?потери",
        )
        .unwrap();
        let number =
            Regex::new(r"\d{1,3}(?:[ \u{a0}]\d{3})+|\d{1,3}(?:,\d{3})+|\d{5,}|мільйон|million")
                .unwrap();
        let tank_total = Regex::new(r"(?i)(\d[\d ,.]*\d)\s+(?:\w+\s+)?(?:tanks|танк\w*)|(?:tanks|танк\w*)\s*[-–—‒:]\s*(\d[\d ,.]*\d)").unwrap();
        Markers {
            general_staff,
            running,
            number,
            tank_total,
        }
    }

    /// The text names the General Staff and states a running total.
    fn selects(&self, text: &str) -> bool {
        self.general_staff.is_match(text) && self.states_total(text)
    }

    /// A running-total marker with a number of at least 10,000 near it (not part of a date).
    fn states_total(&self, text: &str) -> bool {
        self.running.find_iter(text).any(|m| {
            let from = text.floor_char_boundary(m.start().saturating_sub(150));
            let to = text.ceil_char_boundary((m.end() + 200).min(text.len()));
            let window = &text[from..to];
            self.number.find_iter(window).any(|n| {
                let before = window[..n.start()].chars().next_back();
                let after = window[n.end()..].chars().next();
                let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
                let value: i64 = n
                    .as_str()
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
                    .parse()
                    .unwrap_or(1_000_000);
                !glued(before) && !glued(after) && value >= 10_000
            })
        })
    }

    /// The text states a tank total (a number of at least 100 beside "tanks").
    fn states_tanks(&self, text: &str) -> bool {
        self.tank_total.captures_iter(text).any(|c| {
            let n = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            n.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .parse::<i64>()
                .is_ok_and(|v| v >= 100)
        })
    }
}

/// Classifies the text and compares its running totals with the dataset on the dates it
/// states; prints the match, or says why there is none.
fn compare_with_dataset(
    id: &str,
    text: &str,
    states_tanks: bool,
    dataset: &HashMap<NaiveDate, Day>,
) -> Result<usize, String> {
    let c = classify(&ClassifyInput {
        title: "",
        text,
        lang: None,
    });
    let Extracted {
        personnel,
        tanks,
        equipment,
    } = extracted(&c);
    let Some(personnel) = personnel else {
        return Err(format!("{id}: no running-total personnel figure extracted"));
    };
    if states_tanks && tanks.is_none() {
        return Err(format!(
            "{id}: the text states a tank total but none was extracted"
        ));
    }
    let dates = stated_dates(text);
    let hit = dates.iter().find_map(|d| {
        let day = dataset.get(d)?;
        (day.personnel == personnel && (!states_tanks || day.tanks() == tanks)).then_some((d, day))
    });
    let Some((d, day)) = hit else {
        return Err(format!(
            "{id}: personnel {personnel}, tanks {tanks:?} match no stated date ({} tried)",
            dates.len()
        ));
    };
    // Every other equipment total the text yields must be that day's figure too.
    let wrong: Vec<String> = equipment
        .iter()
        .filter(|(m, v)| day.equipment.get(m) != Some(v))
        .map(|(m, v)| format!("{m} {v} (dataset {:?})", day.equipment.get(m)))
        .collect();
    if !wrong.is_empty() {
        return Err(format!("{id}: on {d}: {}", wrong.join(", ")));
    }
    println!(
        "{id}: personnel {personnel}, {} equipment totals = General Staff report of {d} ({})",
        equipment.len(),
        d.weekday()
    );
    Ok(equipment.len())
}

#[test]
fn general_staff_running_totals_match_the_daily_dataset() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let dataset = load_dataset(&data.join("losses"));
    assert!(dataset.len() > 1000, "the losses dataset looks truncated");
    let labelled = std::fs::read_to_string(data.join("texts/dev_labeled.jsonl")).unwrap();
    let markers = Markers::new();

    let (mut checked, mut documented, mut equipment) = (0, 0, 0);
    let mut failures = Vec::new();
    for line in labelled.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = row["id"].as_str().unwrap_or("?");
        let text = row["text"].as_str().unwrap_or("");
        if !markers.selects(text) {
            continue;
        }
        if let Some((_, reason)) = DOCUMENTED.iter().find(|(d, _)| *d == id) {
            println!("{id}: not compared — {reason}");
            documented += 1;
            continue;
        }
        match compare_with_dataset(id, text, markers.states_tanks(text), &dataset) {
            Ok(n) => {
                checked += 1;
                equipment += n;
            }
            Err(failure) => failures.push(failure),
        }
    }
    println!(
        "checked {checked} texts ({equipment} equipment totals) against the dataset; {documented} documented exceptions"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 4,
        "expected at least 4 texts stating General Staff running totals, checked {checked}"
    );
    assert!(
        equipment >= 14,
        "expected at least 14 equipment totals compared, got {equipment}"
    );
}

#[test]
fn stated_dates_cover_the_forms_used() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let dates = stated_dates("Станом на 27 лютого 2024 року втрати становлять 412 400 осіб");
    assert!(dates.contains(&d(2024, 2, 27)) && dates.contains(&d(2024, 2, 28)));
    assert!(stated_dates("As of the morning of April 23, losses").contains(&d(2022, 4, 23)));
    assert!(stated_dates(" date 2026-01-18 за добу").contains(&d(2026, 1, 18)));
    assert!(stated_dates("22 Apr 2022 - 07:43 GMT").contains(&d(2022, 4, 22)));
    assert!(stated_dates("нічого").is_empty());
}
