//! The digest as Telegram HTML, in the reader's language and time zone: a header, the
//! refusals, the losses (the General Staff's totals first, then a daily reporter's blocks), a
//! footer. Entries are rendered by `entry`, as `/recent` and `/search` render them. Pure: it
//! renders what it is given, and returns indivisible units (an entry, a heading with its
//! first entry) that `split` packs into messages.

use super::format::{fill_html, local_when, outside, since, zone_label};
use super::losses::TotalsReport;
use super::select::{Selection, distinct_sources};
use crate::config::QuietDay;
use crate::entry::{EntryInput, Style, blocks};
use crate::i18n::{DigestTexts, plural, texts};
use crate::model::{Category, Lang, StoredClaim, StoryView};
use crate::telegram_html::{TELEGRAM_LIMIT, pack};
use crate::text::escape_html;
use crate::tz::ChatTz;
use chrono::{DateTime, Utc};

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
    pack(&units(input), TELEGRAM_LIMIT)
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
            .map(|v| entry(input, v, Category::Refusal))
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
        .map(|r| blocks::totals(r, input.lang))
        .into_iter()
        .collect();
    losses.extend(sel.series.iter().map(|b| blocks::series(b, input.lang)));
    losses.extend(sel.losses.iter().map(|v| entry(input, v, Category::Losses)));
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

/// A story's entry, rendered as everywhere else (`entry`).
fn entry(input: &RenderInput<'_>, view: &StoryView, category: Category) -> String {
    let entry = EntryInput {
        claim: primary(view, category).map(|c| &c.claim),
        category,
        title: &view.story.title,
        sources: distinct_sources(view),
        when: None,
        others: Vec::new(),
    };
    let style = Style {
        lang: input.lang,
        tz: &input.tz,
        marker: "•".into(),
        sources_shown: input.sources_shown,
        evidence: false,
    };
    crate::entry::render(&entry, &style)
}
