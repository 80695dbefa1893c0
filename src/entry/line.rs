//! The claim line: who claims what, about whom, where and when, composed from a filed claim
//! by the templates of its category in the reader's language (`i18n::entry`). Figures beyond
//! the first few, and a loss claim's unit, are left for the line under it.

use super::figures::{self, IN_LINE};
use super::place;
use super::present;
use super::who::Who;
use crate::digest::format::fill_html;
use crate::i18n::{EntryTexts, entry_texts};
use crate::model::{Category, Claim, Figure, Lang, Metric, Side};
use crate::text::escape_html;
use crate::text::headline::cut_at_word;

/// Longest unit shown, in characters.
const MAX_UNIT_CHARS: usize = 80;

/// A composed claim line and what it left for the line under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimLine<'a> {
    /// Telegram HTML.
    pub html: String,
    /// Figures not named on the line.
    pub rest: Vec<&'a Figure>,
    /// The unit, escaped and quoted, when the line did not name it.
    pub unit: Option<String>,
}

fn side_of(sides: &[&'static str; 2], side: Option<Side>) -> &'static str {
    match side {
        Some(Side::Russia) => sides[0],
        Some(Side::Ukraine) => sides[1],
        None => "",
    }
}

fn unit_phrase(t: &EntryTexts, unit: Option<&str>) -> String {
    match present(unit) {
        Some(u) => fill_html(
            t.unit,
            &[("unit", &escape_html(&cut_at_word(u, MAX_UNIT_CHARS)))],
        ),
        None => String::new(),
    }
}

/// Filled slots of a template (values are HTML).
type Slots = Vec<(&'static str, String)>;

fn fill(template: &str, slots: &Slots) -> String {
    let args: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill_html(template, &args)
}

/// What every template of a claim shares: who, verb, side, place, period.
struct Parts<'a> {
    t: &'static EntryTexts,
    lang: Lang,
    claim: Option<&'a Claim>,
    who_html: String,
    figures: Vec<&'a Figure>,
    period: &'static str,
    place: String,
}

impl Parts<'_> {
    fn slots(&self, verb: &str, side: &str) -> Slots {
        vec![
            ("who", self.who_html.clone()),
            ("verb", escape_html(verb)),
            ("side", escape_html(side)),
            ("place", self.place.clone()),
            ("period", escape_html(self.period)),
        ]
    }

    fn side(&self) -> Option<Side> {
        self.claim.and_then(|c| c.side)
    }

    fn unit(&self) -> Option<&str> {
        present(self.claim.and_then(|c| c.unit.as_deref()))
    }
}

/// A refusal: how many soldiers refused or deserted, when the claim counts them.
fn refusal<'a>(p: Parts<'a>, own: bool) -> ClaimLine<'a> {
    let t = p.t;
    let verb = if own { t.verb_reports } else { t.verb_says };
    let mut s = p.slots(verb, side_of(&t.soldiers_side, p.side()));
    s.push(("unit", unit_phrase(t, p.unit())));
    let counted = p
        .figures
        .iter()
        .position(|f| matches!(f.metric, Metric::Refusers | Metric::Deserters));
    let Some(i) = counted else {
        let html = fill(t.refusal_bare, &s);
        return ClaimLine {
            html,
            rest: p.figures,
            unit: None,
        };
    };
    let f = p.figures[i];
    let n = f.high.unwrap_or(f.value);
    s.push(("count", escape_html(&figures::count(t, p.lang, f))));
    let soldiers = figures::form(p.lang, &t.soldiers, n, f.qualifier.is_some());
    s.push(("soldiers", escape_html(soldiers)));
    let forms = match f.metric {
        Metric::Deserters => &t.deserted,
        _ => &t.refused,
    };
    let template = forms[usize::from(!figures::is_one(p.lang, f))];
    let mut rest = p.figures;
    rest.remove(i);
    ClaimLine {
        html: fill(template, &s),
        rest,
        unit: None,
    }
}

/// Losses: the first figures on the line, the unit and the rest under it.
fn losses<'a>(p: Parts<'a>, own: bool) -> ClaimLine<'a> {
    let t = p.t;
    let verb = if own { t.verb_reports } else { t.verb_claims };
    let mut s = p.slots(verb, side_of(&t.losses_side, p.side()));
    let unit = p
        .unit()
        .map(|u| format!("«{}»", escape_html(&cut_at_word(u, MAX_UNIT_CHARS))));
    if p.figures.is_empty() {
        let html = fill(t.losses_bare, &s);
        return ClaimLine {
            html,
            rest: Vec::new(),
            unit,
        };
    }
    let named: Vec<String> = p
        .figures
        .iter()
        .take(IN_LINE)
        .map(|f| escape_html(&figures::phrase(t, p.lang, f, None)))
        .collect();
    s.push(("figures", figures::list(t, &named)));
    ClaimLine {
        html: fill(t.losses, &s),
        rest: p.figures.into_iter().skip(IN_LINE).collect(),
        unit,
    }
}

/// The claim line of `claim` (of `category` when there is none), said by `who`.
pub fn compose<'a>(
    claim: Option<&'a Claim>,
    category: Category,
    who: &Who,
    lang: Lang,
) -> ClaimLine<'a> {
    let t = entry_texts(lang);
    let figures = claim
        .map(|c| figures::shown(&c.figures))
        .unwrap_or_default();
    let parts = Parts {
        t,
        lang,
        claim,
        who_html: format!("<b>{}</b>", escape_html(&who.name)),
        period: figures::period_phrase(t, figures::common_period(&figures)),
        place: place::phrase(t, claim.and_then(|c| c.location.as_deref()), lang),
        figures,
    };
    match claim.map_or(category, |c| c.category) {
        Category::Refusal => refusal(parts, who.own),
        Category::Losses => losses(parts, who.own),
    }
}
