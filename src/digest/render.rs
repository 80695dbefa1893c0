//! The digest as Telegram HTML, in the reader's language and time zone: a header, the
//! refusals, the losses (the General Staff's totals first), a footer. Pure: it renders what
//! it is given, and returns indivisible units (an entry, a heading with its first entry) that
//! `split` packs into messages.

use super::format::{
    MAX_NAME_CHARS, claimant, figure, fill_html, link, local_when, outside, since, zone_label,
};
use super::losses::TotalsReport;
use super::select::{GENERAL_STAFF, Selection, distinct_sources};
use super::series_block::SeriesBlock;
use super::split::{MAX_MESSAGE_UNITS, pack};
use crate::config::QuietDay;
use crate::i18n::{DigestTexts, plural, texts};
use crate::model::{Category, Lang, Side, StoredClaim, StoryView};
use crate::text::escape_html;
use crate::tz::ChatTz;
use chrono::{DateTime, Utc};

/// Longest story title shown, in characters.
const MAX_TITLE_CHARS: usize = 300;
/// Figures shown per entry (the General Staff's block shows all of its report's).
const MAX_FIGURES: usize = 12;

/// Everything one digest shows.
#[derive(Debug)]
pub struct RenderInput<'a> {
    pub lang: Lang,
    pub tz: ChatTz,
    pub period_start: DateTime<Utc>,
    pub now: DateTime<Utc>,
    pub follows_refusals: bool,
    pub follows_losses: bool,
    pub selection: &'a Selection<'a>,
    pub totals: Option<&'a TotalsReport>,
    pub keywords: &'a [String],
    /// Source links per entry before "+N".
    pub sources_shown: usize,
    pub quiet_day: QuietDay,
}

impl RenderInput<'_> {
    /// Nothing to report: no entries and no totals.
    pub fn is_quiet(&self) -> bool {
        self.selection.is_empty() && self.totals.is_none()
    }
}

/// The digest's messages: each at most 4096 UTF-16 code units of valid Telegram HTML. Empty
/// for a quiet day when the configuration says to skip it.
pub fn render(input: &RenderInput<'_>) -> Vec<String> {
    if input.is_quiet() && input.quiet_day == QuietDay::Skip {
        return Vec::new();
    }
    pack(&units(input), MAX_MESSAGE_UNITS)
}

/// The indivisible pieces of the digest, in order.
pub fn units(input: &RenderInput<'_>) -> Vec<String> {
    let t = &texts(input.lang).digest;
    let title = format!(
        "<b>{}</b> · {} {}",
        escape_html(t.title),
        escape_html(&local_when(t, &input.tz, input.now)),
        escape_html(&zone_label(&input.tz))
    );
    let since = escape_html(&since(t, &input.tz, input.period_start));
    if input.is_quiet() {
        return vec![format!(
            "{title}\n{}",
            fill_html(t.quiet, &[("since", &since)])
        )];
    }
    let mut units = vec![header(input, t, &title, &since)];
    let sel = input.selection;
    if !sel.refusals.is_empty() {
        let entries = sel
            .refusals
            .iter()
            .map(|v| entry(input, t, v, Category::Refusal))
            .collect();
        section(
            &mut units,
            t,
            t.section_refusals,
            entries,
            sel.refusals_more,
        );
    }
    let mut losses: Vec<String> = input
        .totals
        .map(|r| totals(input, t, r))
        .into_iter()
        .collect();
    losses.extend(sel.series.iter().map(|b| series(input, t, b)));
    losses.extend(
        sel.losses
            .iter()
            .map(|v| entry(input, t, v, Category::Losses)),
    );
    if !losses.is_empty() {
        section(&mut units, t, t.section_losses, losses, sel.losses_more);
    }
    units.push(escape_html(t.footer));
    units
}

fn header(input: &RenderInput<'_>, t: &DigestTexts, title: &str, since: &str) -> String {
    let sel = input.selection;
    let mut counts = Vec::new();
    if input.follows_refusals {
        let n = (sel.refusals.len() + sel.refusals_more) as u64;
        let form = plural(input.lang, n, t.refusal_count);
        counts.push(fill_html(form, &[("n", &n.to_string())]));
    }
    if input.follows_losses {
        let n = (sel.losses.len()
            + sel.losses_more
            + sel.series.len()
            + usize::from(input.totals.is_some())) as u64;
        let form = plural(input.lang, n, t.loss_count);
        counts.push(fill_html(form, &[("n", &n.to_string())]));
    }
    counts.push(since.to_owned());
    let mut out = format!("{title}\n{}", counts.join(" · "));
    if !input.keywords.is_empty() {
        let words: Vec<String> = input
            .keywords
            .iter()
            .take(20)
            .map(|k| outside(k, 40))
            .collect();
        let line = fill_html(t.keywords, &[("keywords", &words.join(", "))]);
        out.push_str(&format!("\n<i>{line}</i>"));
    }
    out
}

/// A heading glued to its first entry, the rest one unit each, "+N more" on the last.
fn section(
    units: &mut Vec<String>,
    t: &DigestTexts,
    heading: &str,
    entries: Vec<String>,
    more: usize,
) {
    let count = entries.len();
    for (i, mut e) in entries.into_iter().enumerate() {
        if i == 0 {
            e = format!("<b>{}</b>\n{e}", escape_html(heading));
        }
        if i + 1 == count && more > 0 {
            e.push('\n');
            e.push_str(&fill_html(t.more_entries, &[("n", &more.to_string())]));
        }
        units.push(e);
    }
}

/// The claim an entry is about: the first of the section's category.
fn primary(view: &StoryView, category: Category) -> Option<&StoredClaim> {
    view.claims
        .iter()
        .find(|c| c.claim.category == category)
        .or(view.claims.first())
}

fn entry(input: &RenderInput<'_>, t: &DigestTexts, view: &StoryView, category: Category) -> String {
    let sources = distinct_sources(view);
    let claim = primary(view, category);
    let title_raw = if view.story.title.trim().is_empty() {
        claim
            .and_then(|c| c.claim.evidence.first())
            .map(String::as_str)
            .unwrap_or("—")
    } else {
        view.story.title.as_str()
    };
    let what = outside(title_raw, MAX_TITLE_CHARS);
    let named = claim
        .and_then(|c| c.claim.claimant.as_deref())
        .filter(|c| !c.trim().is_empty());
    let first_line = match named {
        Some(who) => fill_html(
            t.claims,
            &[
                ("who", &format!("<b>{}</b>", claimant(t, who))),
                ("what", &what),
            ],
        ),
        None => {
            let who = sources
                .first()
                .map(|s| outside(&s.source_name, MAX_NAME_CHARS))
                .unwrap_or_else(|| escape_html(t.unattributed));
            fill_html(
                t.reports,
                &[("who", &format!("<b>{who}</b>")), ("what", &what)],
            )
        }
    };
    let mut out = format!("• {first_line}");
    if let Some(c) = claim {
        let mut meta: Vec<String> = Vec::new();
        match c.claim.side {
            Some(Side::Russia) => meta.push(escape_html(t.side_russia)),
            Some(Side::Ukraine) => meta.push(escape_html(t.side_ukraine)),
            None => {}
        }
        for field in [&c.claim.unit, &c.claim.location].into_iter().flatten() {
            if !field.trim().is_empty() {
                meta.push(outside(field, MAX_NAME_CHARS));
            }
        }
        meta.extend(
            c.claim
                .figures
                .iter()
                .take(MAX_FIGURES)
                .map(|f| escape_html(&figure(t, input.lang, f, None))),
        );
        if c.claim.figures.len() > MAX_FIGURES {
            meta.push("…".into());
        }
        if !meta.is_empty() {
            out.push_str(&format!("\n<i>{}</i>", meta.join(" · ")));
        }
    }
    if !sources.is_empty() {
        let n = sources.len();
        let label = fill_html(
            plural(input.lang, n as u64, t.sources),
            &[("n", &n.to_string())],
        );
        let mut links: Vec<String> = sources
            .iter()
            .take(input.sources_shown.max(1))
            .map(|s| link(s.url.as_deref(), &outside(&s.source_name, 60)))
            .collect();
        if n > input.sources_shown.max(1) {
            links.push(format!("+{}", n - input.sources_shown.max(1)));
        }
        out.push_str(&format!("\n{label}: {}", links.join(" · ")));
    }
    out
}

/// A daily reporter's block: one line, each part linking to its post.
fn series(input: &RenderInput<'_>, t: &DigestTexts, b: &SeriesBlock) -> String {
    let known = crate::classify::claimants::by_id(&b.claimant_id);
    let who = known.map_or_else(
        || escape_html(&b.claimant_id),
        |k| escape_html(k.display(input.lang)),
    );
    let parts: Vec<String> = b
        .parts
        .iter()
        .map(|p| {
            let scope = p
                .scope
                .as_deref()
                .map_or_else(|| escape_html(t.all_axes), |s| outside(s, MAX_NAME_CHARS));
            let figures: Vec<String> = p
                .figures
                .iter()
                .take(MAX_FIGURES)
                .map(|f| escape_html(&figure(t, input.lang, f, None)))
                .collect();
            link(
                p.url.as_deref(),
                &format!("{scope}: {}", figures.join(", ")),
            )
        })
        .collect();
    let day = format!(
        "{} {}",
        b.day.format("%-d"),
        t.months[chrono::Datelike::month0(&b.day) as usize]
    );
    let line = fill_html(
        t.series_day,
        &[
            ("who", &format!("<b>{who}</b>")),
            ("day", &escape_html(&day)),
            ("parts", &parts.join(" · ")),
        ],
    );
    format!("• {line}")
}

fn totals(input: &RenderInput<'_>, t: &DigestTexts, r: &TotalsReport) -> String {
    let figures: Vec<String> = r
        .figures
        .iter()
        .map(|(f, change)| escape_html(&figure(t, input.lang, f, *change)))
        .collect();
    let who = format!("<b>{}</b>", claimant(t, GENERAL_STAFF));
    let line = fill_html(
        t.gs_totals,
        &[("who", &who), ("figures", &figures.join(", "))],
    );
    let full = link(r.url.as_deref(), &escape_html(t.full_report));
    let mut out = if r.url.is_some() && full != escape_html(t.full_report) {
        format!("• {line} · {full}")
    } else {
        format!("• {line}")
    };
    for n in &r.notes {
        out.push_str(&format!("\n  ⚠️ <i>{}</i>", escape_html(n)));
    }
    out
}
