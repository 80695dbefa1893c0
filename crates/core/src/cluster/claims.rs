//! Claims as evidence that two items tell one story, and merging of repeated claims.
//!
//! * A figure key is (claimant, metric, value): the General Staff's daily totals reposted by
//!   twenty channels carry the same keys. Two items agree when they share two keys, or one
//!   key with a value of at least 100, and no metric of one claimant conflicts — each item
//!   having a value of it the other lacks (yesterday's table shares many unchanged totals with
//!   today's, but not personnel). Claimants are keyed so that one institution or person meets
//!   across outlets and scripts (`claimant_key`); a key remembers whether its figure is for a
//!   period, since the next report may state the same daily figure again.
//! * An incident key is (unit, place) of a refusal claim, normalised across languages
//!   (see `incident`); counts of refusers or deserters, when both give one, must agree.

use super::fasthash::combine;
use super::incident::{latin, place_key, unit_key};
use crate::model::{Category, Claim, Metric, Qualifier};
use crate::text::hash::hash64;
use std::sync::OnceLock;

/// Evidence kept per merged claim at most.
const MAX_EVIDENCE: usize = 8;

/// One figure of one claimant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigureKey {
    pub claimant: u64,
    pub metric: Metric,
    pub value: i64,
    /// A figure for a period ("за сутки", "over the past day"): such figures come again in
    /// the next report ("more than 250" every day), unlike running totals. Not part of
    /// [`FigureKey::hash`].
    pub period: bool,
    /// "до 250" and "более 250" are two claims; a figure told without its hedge agrees with
    /// either. Not part of [`FigureKey::hash`].
    pub qualifier: Option<Qualifier>,
}

impl FigureKey {
    pub fn hash(&self) -> u64 {
        combine(
            combine(self.claimant, hash64(self.metric.as_str().as_bytes())),
            self.value as u64,
        )
    }
}

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

/// Lowercase letters and digits of a name, words joined by one space.
pub fn normalise_name(s: &str) -> String {
    let mut out = String::new();
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The classifier's canonical institution names, normalised.
fn institutions() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        crate::classify::lexicon::get()
            .map(|lex| {
                lex.claimants
                    .iter()
                    .filter(|c| c.known.kind == crate::classify::claimants::Kind::Institution)
                    .map(|c| normalise_name(&c.known.name))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Who claims, as a key that holds across outlets and scripts: a canonical institution by its
/// name; any other name of one or two words — a person, as written by each outlet ("Сирський",
/// "Олександр Сирський", "Oleksandr Syrskyi", "Александр Сырский") — by its last word
/// transliterated, five letters kept; longer names as written.
fn claimant_key(claimant: Option<&str>) -> Option<u64> {
    let n = normalise_name(claimant?);
    if n.is_empty() {
        return None;
    }
    let words: Vec<&str> = n.split(' ').collect();
    if words.len() <= 2 && !institutions().contains(&n) {
        let last: String = latin(words[words.len() - 1]).chars().take(5).collect();
        if last.len() >= 2 {
            return Some(combine(hash64(b"name"), hash64(last.as_bytes())));
        }
    }
    Some(hash64(n.as_bytes()))
}

/// The figure keys of claims that name their claimant, sorted and distinct.
pub fn figure_keys(claims: &[Claim]) -> Vec<FigureKey> {
    let mut keys: Vec<FigureKey> = claims
        .iter()
        .filter_map(|c| Some((claimant_key(c.claimant.as_deref())?, c)))
        .flat_map(|(claimant, c)| {
            c.figures.iter().map(move |f| FigureKey {
                claimant,
                metric: f.metric,
                value: f.value,
                period: f.cumulative == Some(false),
                qualifier: f.qualifier,
            })
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Walks the (claimant, metric) groups both key lists have: returns (values shared, each with
/// whether it is a period figure on either side; whether some group conflicts — each side has
/// a value the other lacks, as today's total and yesterday's do; a side whose values are all
/// in the other's, a total told without the day's figure, does not). Both lists are sorted.
fn compare_groups(a: &[FigureKey], b: &[FigureKey]) -> (Vec<(i64, bool)>, bool) {
    let group = |k: &FigureKey| (k.claimant, k.metric);
    let mut shared = Vec::new();
    let mut conflict = false;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (ga, gb) = (group(&a[i]), group(&b[j]));
        if ga < gb {
            i += 1;
        } else if gb < ga {
            j += 1;
        } else {
            let ea = i + a[i..].iter().take_while(|k| group(k) == ga).count();
            let eb = j + b[j..].iter().take_while(|k| group(k) == gb).count();
            let before = shared.len();
            for x in &a[i..ea] {
                let hedges_agree = |y: &&FigureKey| {
                    x.qualifier.is_none() || y.qualifier.is_none() || x.qualifier == y.qualifier
                };
                let mut same = b[j..eb]
                    .iter()
                    .filter(|y| y.value == x.value)
                    .filter(hedges_agree)
                    .peekable();
                if same.peek().is_some() {
                    let period = x.period || same.any(|y| y.period);
                    shared.push((x.value, period));
                }
            }
            let common = shared.len() - before;
            conflict |= common < ea - i && common < eb - j;
            i = ea;
            j = eb;
        }
    }
    (shared, conflict)
}

/// Whether two items' figure keys say they carry the same claim (see the module doc): `None`
/// when they do not, else whether every value they share is a period figure (evidence only
/// for a while: the next report may state it again).
pub fn agreement(a: &[FigureKey], b: &[FigureKey]) -> Option<bool> {
    let (shared, conflict) = compare_groups(a, b);
    let enough = shared.len() >= 2 || shared.iter().any(|(v, _)| *v >= 100);
    (!conflict && enough).then(|| shared.iter().all(|(_, period)| *period))
}

/// True when the items' claims contradict: one claimant's metric has values in both and each
/// has one the other lacks (today's totals and yesterday's). Such items are never joined by
/// wording.
pub fn figures_conflict(a: &[FigureKey], b: &[FigureKey]) -> bool {
    compare_groups(a, b).1
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

fn same_opt_name(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(normalise_name) == b.map(normalise_name)
}

/// Whether two claims are one claim: same category and claimant, and either figures that
/// share a (metric, value) with no metric valued differently, or — without figures — the
/// same side, unit and place.
pub fn same_claim(a: &Claim, b: &Claim) -> bool {
    if a.category != b.category || !same_opt_name(a.claimant.as_deref(), b.claimant.as_deref()) {
        return false;
    }
    if a.figures.is_empty() || b.figures.is_empty() {
        return a.figures.is_empty() == b.figures.is_empty()
            && a.side == b.side
            && same_opt_name(a.unit.as_deref(), b.unit.as_deref())
            && same_opt_name(a.location.as_deref(), b.location.as_deref());
    }
    let mut shared = false;
    for x in &a.figures {
        for y in &b.figures {
            if x.metric == y.metric {
                if x.value != y.value {
                    return false;
                }
                shared = true;
            }
        }
    }
    shared
}

/// Folds `b` into `a`: figures of metrics `a` lacks, fields `a` left empty, new evidence.
fn absorb(a: &mut Claim, b: &Claim) {
    for f in &b.figures {
        match a.figures.iter_mut().find(|g| g.metric == f.metric) {
            Some(g) => {
                g.delta = g.delta.or(f.delta);
                g.cumulative = g.cumulative.or(f.cumulative);
            }
            None => a.figures.push(f.clone()),
        }
    }
    a.side = a.side.or(b.side);
    if a.unit.is_none() {
        a.unit.clone_from(&b.unit);
    }
    if a.location.is_none() {
        a.location.clone_from(&b.location);
    }
    for e in &b.evidence {
        if a.evidence.len() < MAX_EVIDENCE && !a.evidence.contains(e) {
            a.evidence.push(e.clone());
        }
    }
}

/// Merges claims that are one claim (see [`same_claim`]) into one, keeping the first of each
/// and the order of first appearance.
pub fn merge_claims(claims: &[Claim]) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for c in claims {
        match out.iter_mut().find(|m| same_claim(m, c)) {
            Some(m) => absorb(m, c),
            None => out.push(c.clone()),
        }
    }
    out
}

/// The claims of a joining item that its story does not have yet, merged among themselves:
/// what the pipeline should store for the item.
pub fn claims_to_add(story_claims: &[Claim], incoming: &[Claim]) -> Vec<Claim> {
    merge_claims(incoming)
        .into_iter()
        .filter(|c| !story_claims.iter().any(|s| same_claim(s, c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Figure, Side};

    fn claim(claimant: Option<&str>, figures: &[(Metric, i64)]) -> Claim {
        Claim {
            category: Category::Losses,
            claimant: claimant.map(str::to_owned),
            side: Some(Side::Russia),
            unit: None,
            location: None,
            figures: figures
                .iter()
                .map(|(metric, value)| Figure {
                    metric: *metric,
                    value: *value,
                    delta: None,
                    cumulative: None,
                    period: None,
                    qualifier: None,
                    low: None,
                    high: None,
                })
                .collect(),
            evidence: Vec::new(),
            claimant_id: None,
            other_conflict: false,
        }
    }

    const GS: Option<&str> = Some("General Staff of the AFU");

    #[test]
    fn shared_totals_agree_and_changed_totals_conflict() {
        let today = figure_keys(&[claim(
            GS,
            &[(Metric::Personnel, 712_340), (Metric::Ships, 28)],
        )]);
        let repost = figure_keys(&[claim(
            Some("general staff of the  AFU!"),
            &[(Metric::Personnel, 712_340)],
        )]);
        let tomorrow = figure_keys(&[claim(
            GS,
            &[(Metric::Personnel, 713_490), (Metric::Ships, 28)],
        )]);
        assert!(
            figures_agree(&today, &repost),
            "a large shared value is enough"
        );
        assert!(!figures_agree(&today, &tomorrow), "personnel differs");
        assert!(figures_conflict(&today, &tomorrow));
        assert!(!figures_conflict(&today, &repost));
        let ships_only = figure_keys(&[claim(GS, &[(Metric::Ships, 28)])]);
        assert!(
            !figures_agree(&today, &ships_only),
            "one small shared value is not enough"
        );
        let other = figure_keys(&[claim(Some("Russian MoD"), &[(Metric::Personnel, 712_340)])]);
        assert!(!figures_agree(&today, &other), "another claimant");
        assert!(figure_keys(&[claim(None, &[(Metric::Personnel, 712_340)])]).is_empty());
    }

    #[test]
    fn one_person_named_in_any_form_or_script_is_one_claimant() {
        let k = claimant_key(Some("Олександр Сирський"));
        assert!(k.is_some());
        for name in [
            "Сирський",
            "Oleksandr Syrskyi",
            "Александр Сырский",
            "SYRSKYI",
        ] {
            assert_eq!(claimant_key(Some(name)), k, "{name}");
        }
        assert_ne!(claimant_key(Some("Володимир Зеленський")), k);
        let gs_ua = claimant_key(Some("General Staff of the Armed Forces of Ukraine"));
        let gs_ru = claimant_key(Some("General Staff of the Russian Armed Forces"));
        assert_ne!(gs_ua, gs_ru);
        assert_ne!(
            claimant_key(Some("US intelligence")),
            claimant_key(Some("UK Defence Intelligence"))
        );
        assert_eq!(claimant_key(Some(" — ")), None);
        assert_eq!(claimant_key(None), None);
    }

    #[test]
    fn a_value_hedged_two_ways_is_no_shared_figure() {
        use crate::model::Qualifier;
        let hedged = |q: Option<Qualifier>| {
            let mut c = claim(GS, &[(Metric::Personnel, 250)]);
            c.figures[0].qualifier = q;
            figure_keys(&[c])
        };
        let up_to = hedged(Some(Qualifier::UpTo));
        let more = hedged(Some(Qualifier::MoreThan));
        assert_eq!(agreement(&up_to, &more), None);
        assert!(agreement(&up_to, &hedged(None)).is_some());
        assert!(agreement(&more, &more).is_some());
    }

    fn figures_agree(a: &[FigureKey], b: &[FigureKey]) -> bool {
        agreement(a, b).is_some()
    }

    #[test]
    fn a_shared_period_figure_is_evidence_only_for_a_while() {
        let mut daily = claim(GS, &[(Metric::Personnel, 1_150)]);
        daily.figures[0].cumulative = Some(false);
        let with_total = claim(
            GS,
            &[(Metric::Personnel, 712_340), (Metric::Personnel, 1_150)],
        );
        let d = figure_keys(std::slice::from_ref(&daily));
        assert_eq!(
            agreement(&d, &d),
            Some(true),
            "only the day's figure shared"
        );
        let mut both = with_total.clone();
        both.figures[1].cumulative = Some(false);
        let t = figure_keys(&[both]);
        assert_eq!(agreement(&t, &t), Some(false), "a running total shared too");
        assert_eq!(
            agreement(&d, &t),
            Some(true),
            "the day's figure of a fuller report"
        );
    }

    #[test]
    fn a_metric_with_a_period_and_a_total_agrees_with_the_total_alone() {
        let both = figure_keys(&[claim(
            GS,
            &[(Metric::Personnel, 712_340), (Metric::Personnel, 1_150)],
        )]);
        let total = figure_keys(&[claim(GS, &[(Metric::Personnel, 712_340)])]);
        assert!(figures_agree(&both, &total));
        assert!(!figures_conflict(&both, &total));
    }

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

    #[test]
    fn claims_without_figures_are_one_claim_when_everything_named_agrees() {
        let mut a = claim(Some("ASTRA"), &[]);
        a.category = Category::Refusal;
        a.unit = Some("76-я дивизия".into());
        let b = a.clone();
        assert!(same_claim(&a, &b));
        let mut c = a.clone();
        c.unit = Some("104-й полк".into());
        assert!(!same_claim(&a, &c));
        assert!(!same_claim(
            &a,
            &claim(Some("ASTRA"), &[(Metric::Refusers, 60)])
        ));
    }
}
