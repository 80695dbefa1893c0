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

/// The claim line of `claim` (of `category` when there is none), said by `who`.
pub fn compose<'a>(
    claim: Option<&'a Claim>,
    category: Category,
    who: &Who,
    lang: Lang,
) -> ClaimLine<'a> {
    let t = entry_texts(lang);
    let who_html = format!("<b>{}</b>", escape_html(&who.name));
    let figures = claim
        .map(|c| figures::shown(&c.figures))
        .unwrap_or_default();
    let period = figures::period_phrase(t, figures::common_period(&figures));
    let place = place::phrase(t, claim.and_then(|c| c.location.as_deref()), lang);
    let side = claim.and_then(|c| c.side);
    let unit = claim.and_then(|c| c.unit.as_deref());
    let category = claim.map_or(category, |c| c.category);
    let slots = |verb: &str, side: &str| -> Vec<(&'static str, String)> {
        vec![
            ("who", who_html.clone()),
            ("verb", escape_html(verb)),
            ("side", escape_html(side)),
            ("place", place.clone()),
            ("period", escape_html(period)),
        ]
    };
    let fill = |template: &str, slots: &[(&'static str, String)]| {
        let args: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill_html(template, &args)
    };
    if category == Category::Refusal {
        let verb = if who.own { t.verb_reports } else { t.verb_says };
        let mut s = slots(verb, side_of(&t.soldiers_side, side));
        s.push(("unit", unit_phrase(t, unit)));
        let counted = figures
            .iter()
            .position(|f| matches!(f.metric, Metric::Refusers | Metric::Deserters));
        let Some(i) = counted else {
            return ClaimLine {
                html: fill(t.refusal_bare, &s),
                rest: figures,
                unit: None,
            };
        };
        let f = figures[i];
        let n = f.high.unwrap_or(f.value);
        s.push(("count", escape_html(&figures::count(t, lang, f))));
        let soldiers = figures::form(lang, &t.soldiers, n, f.qualifier.is_some());
        s.push(("soldiers", escape_html(soldiers)));
        let forms = match f.metric {
            Metric::Deserters => &t.deserted,
            _ => &t.refused,
        };
        let template = forms[usize::from(!figures::is_one(lang, f))];
        let rest = figures
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, f)| *f)
            .collect();
        return ClaimLine {
            html: fill(template, &s),
            rest,
            unit: None,
        };
    }
    let verb = if who.own {
        t.verb_reports
    } else {
        t.verb_claims
    };
    let mut s = slots(verb, side_of(&t.losses_side, side));
    let unit = present(unit).map(|u| format!("«{}»", escape_html(&cut_at_word(u, MAX_UNIT_CHARS))));
    if figures.is_empty() {
        return ClaimLine {
            html: fill(t.losses_bare, &s),
            rest: Vec::new(),
            unit,
        };
    }
    let named: Vec<String> = figures
        .iter()
        .take(IN_LINE)
        .map(|f| escape_html(&figures::phrase(t, lang, f, None)))
        .collect();
    s.push(("figures", figures::list(t, &named)));
    ClaimLine {
        html: fill(t.losses, &s),
        rest: figures.into_iter().skip(IN_LINE).collect(),
        unit,
    }
}
