//! The two one-line blocks of the losses section, worded like every other entry: the General
//! Staff's running totals with their changes ("Ukraine's General Staff claims Russian losses
//! since 24 Feb 2022: 1,152,340 troops (+1,230), …"), and a daily reporter's figures of one
//! day, each part (all axes, an axis, a group of forces, in the nominative) linking to its
//! post.

use super::figures::{self, MAX_FIGURES};
use super::place;
use super::who::capitalised;
use crate::classify::claimants;
use crate::digest::format::{fill_html, link};
use crate::digest::losses::TotalsReport;
use crate::digest::series_block::SeriesBlock;
use crate::i18n::{entry_texts, texts};
use crate::model::{Lang, Side};
use crate::text::escape_html;
use chrono::Datelike;

/// The claimant whose running totals make the block.
const GENERAL_STAFF: &str = "ua_general_staff";

fn who_html(id: &str, lang: Lang) -> String {
    let name = claimants::by_id(id).map_or_else(|| id.to_owned(), |k| k.display(lang).to_owned());
    format!("<b>{}</b>", escape_html(&capitalised(&name)))
}

fn side_phrase(sides: &[&'static str; 2], side: Option<Side>) -> String {
    escape_html(match side {
        Some(Side::Russia) => sides[0],
        Some(Side::Ukraine) => sides[1],
        None => "",
    })
}

/// The General Staff's totals: one line, the link to the report, its cross-check notes.
pub fn totals(r: &TotalsReport, lang: Lang) -> String {
    let t = entry_texts(lang);
    let figures: Vec<String> = r
        .figures
        .iter()
        .map(|(f, change)| escape_html(&figures::phrase(t, lang, f, *change)))
        .collect();
    let line = fill_html(
        t.totals,
        &[
            ("who", &who_html(GENERAL_STAFF, lang)),
            ("verb", &escape_html(t.verb_claims)),
            ("side", &side_phrase(&t.losses_side, Some(Side::Russia))),
            ("figures", &figures.join(", ")),
        ],
    );
    let label = escape_html(texts(lang).digest.full_report);
    let full = link(r.url.as_deref(), &label);
    let mut out = if full != label {
        format!("• {line} · {full}")
    } else {
        format!("• {line}")
    };
    for n in &r.notes {
        out.push_str(&format!("\n  ⚠️ <i>{}</i>", escape_html(n)));
    }
    out
}

/// A daily reporter's figures of one day, one part per scope, each linking to its post.
pub fn series(b: &SeriesBlock, lang: Lang) -> String {
    let t = entry_texts(lang);
    let parts: Vec<String> = b
        .parts
        .iter()
        .map(|p| {
            let scope =
                place::name(p.scope.as_deref(), lang).unwrap_or_else(|| escape_html(t.all_axes));
            let shown: Vec<String> = figures::shown(&p.figures)
                .iter()
                .take(MAX_FIGURES)
                .map(|f| escape_html(&figures::phrase(t, lang, f, None)))
                .collect();
            let label = fill_html(
                t.series_part,
                &[("scope", &scope), ("figures", &shown.join(", "))],
            );
            link(p.url.as_deref(), &label)
        })
        .collect();
    let months = &texts(lang).digest.months;
    let day = format!("{} {}", b.day.day(), months[b.day.month0() as usize % 12]);
    let line = fill_html(
        t.series,
        &[
            ("who", &who_html(&b.claimant_id, lang)),
            ("verb", &escape_html(t.verb_claims)),
            ("side", &side_phrase(&t.losses_side, b.side)),
            ("day", &escape_html(&day)),
            ("parts", &parts.join("; ")),
        ],
    );
    format!("• {line}")
}
