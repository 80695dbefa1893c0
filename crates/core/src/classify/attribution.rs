//! Who claims it: a known institution (by its formal name from `claimants.toml`), a named
//! official or an outlet (as written, with the id of a known one). Looked for in
//! the claim's sentence, then in a following "Об этом сообщили …" sentence, then as the keeper
//! of a list of the dead described just before, then earlier in the paragraph, then in the
//! heading and the lead; last, a speaker the claim's sentence describes without naming ("…,
//! сообщил источник в силовых структурах").

mod addressee;
mod claimant;
mod collective;
mod country;
mod described;
mod names;
mod persons;
mod quoted;
mod role_anaphora;
mod speaker;
mod spokesman;
mod target;

use addressee::{addressed, unverified};
pub use claimant::Claimant;
use claimant::{described, outlet};
use persons::{known_name, persons};
use quoted::closes_quotation;
use target::targeted;

use super::claimants::Kind;
use super::context::Ctx;
use super::lexicon::Role;

/// How many of a post's first sentences make its lead.
const LEAD_SENTENCES: usize = 4;

/// Institutions named in sentence `s`, longest match first where they overlap.
fn institutions(ctx: &Ctx, s: usize) -> Vec<Claimant> {
    let mut found: Vec<(usize, usize, u16)> = ctx
        .within(ctx.sentence(s), |r| matches!(r, Role::Claimant(_)))
        .filter_map(|x| match x.role {
            Role::Claimant(id) => Some((x.first, x.last, id)),
            _ => None,
        })
        .filter(|(first, last, id)| {
            ctx.lex.claimants.get(*id as usize).is_some_and(|d| {
                matches!(d.known.kind, Kind::Institution | Kind::Country)
                    && (d.langs.is_empty() || d.langs.contains(&ctx.lang))
                    && (!d.attributed_only || ctx.names_source(*first, *last))
                    && !targeted(ctx, *first)
                    && !unverified(ctx, *last)
            })
        })
        .collect();
    found.sort_by_key(|(first, last, _)| (*first, usize::MAX - *last));
    let mut out: Vec<Claimant> = Vec::new();
    let mut covered_to = 0usize;
    let mut kept: Vec<(usize, usize, u16)> = Vec::new();
    for (first, last, id) in found {
        if !kept.is_empty() && first < covered_to {
            continue;
        }
        covered_to = last + 1;
        kept.push((first, last, id));
    }
    for (first, _, id) in kept {
        if let Some(d) = ctx.lex.claimants.get(id as usize) {
            out.push(Claimant::known(d.known, first, 0));
        }
    }
    out
}

/// An outlet word that a sentence naming nobody opens (see [`role_anaphora`]): the outlet
/// introduced with that word in the sentences before `s`, nearest first.
fn outlet_recalled(ctx: &Ctx, s: usize) -> Option<Claimant> {
    let range = ctx.sentence(s);
    let (word, stem) = ctx
        .within(range.clone(), |r| r == Role::OutletWord)
        .find_map(|x| {
            Some((
                x.first,
                role_anaphora::recalled_outlet_word(ctx, x, &range)?,
            ))
        })?;
    (s.saturating_sub(role_anaphora::SENTENCES_BACK)..s)
        .rev()
        .find_map(|earlier| {
            outlets(ctx, earlier)
                .into_iter()
                .find(|c| role_anaphora::introduced_as(ctx, c.token, &stem))
        })
        .map(|c| Claimant { token: word, ..c })
}

/// Outlets, as written; a known one ("по данным Медиазоны") also by its id.
fn outlets(ctx: &Ctx, s: usize) -> Vec<Claimant> {
    let mut out: Vec<Claimant> = Vec::new();
    for x in ctx.within(ctx.sentence(s), |r| {
        matches!(r, Role::Outlet | Role::Claimant(_))
    }) {
        if out.iter().any(|c| c.token == x.first) {
            continue;
        }
        let known = known_name(ctx, x.first, x.last, Kind::Outlet);
        let longest = ctx
            .longest_at(x.first, |r| r == x.role)
            .map_or(x.last, |y| y.last);
        if (known.is_none() && x.role != Role::Outlet) || addressed(ctx, x.first, longest) {
            continue;
        }
        out.push(outlet(ctx, x.first, x.last, known));
    }
    let named = quoted::quoted_outlets(ctx, s)
        .into_iter()
        .chain(quoted::named_outlets(ctx, s));
    for (first, last) in named {
        if !out.iter().any(|c| c.token == first) && !addressed(ctx, first, last) {
            let known = known_name(ctx, first, last, Kind::Outlet);
            out.push(outlet(ctx, first, last, known));
        }
    }
    out
}

/// The best claimant named in sentence `s`, nearest to token `anchor`.
fn in_sentence(ctx: &Ctx, s: usize, anchor: usize) -> Option<Claimant> {
    let mut all = institutions(ctx, s);
    let attributed = ctx.attributed(s);
    let given = |c: &Claimant| attributed || ctx.after_dash(c.token) || ctx.heads_colon(c.token);
    all.extend(persons(ctx, s, true).into_iter().filter(given));
    all.extend(outlets(ctx, s).into_iter().filter(given));
    if all.is_empty() && attributed {
        return outlet_recalled(ctx, s).or_else(|| {
            let (first, last) = collective::collective_outlet(ctx, ctx.sentence(s))?;
            Some(outlet(ctx, first, last, None))
        });
    }
    let best = all
        .iter()
        .min_by_key(|c| (c.rank, c.token.abs_diff(anchor)))?;
    Some(joint_lead(ctx, &all, best).unwrap_or(best).clone())
}

/// How far before a "совместно с" the first of two joint sources may start.
const JOINT_REACH: usize = 4;

/// "Би-би-си совместно с (изданием) «Медиазона»": of two sources joined by a word of joint
/// work (right before the second, or one word before it), the first leads, whichever stands
/// nearer the figure.
fn joint_lead<'c>(ctx: &Ctx, all: &'c [Claimant], c: &Claimant) -> Option<&'c Claimant> {
    // The joint phrase is two words: it starts at most three words before the second source.
    let from = c.token.saturating_sub(3);
    let x = ctx
        .within(from..c.token, |r| r == Role::JointWith)
        .find(|x| x.last + 2 >= c.token)?;
    all.iter()
        .filter(|p| p.token < x.first && x.first - p.token <= JOINT_REACH)
        .min_by_key(|p| p.rank)
}

/// Resolves the claimant of a claim found in sentence `s` around token `anchor`. A country
/// speaking is its side's institution named around it, when there is one; it tells its own
/// sentence only ("Russia says West pushing Ukraine to fight on" is no source for the body).
pub fn resolve(ctx: &Ctx, s: usize, anchor: usize) -> Option<Claimant> {
    let c = named(ctx, s, anchor)?;
    let Some(country) =
        c.id.and_then(super::claimants::by_id)
            .filter(|k| k.kind == Kind::Country)
    else {
        return Some(c);
    };
    let named_in = |k| {
        institutions(ctx, k)
            .iter()
            .filter_map(|c| c.id.and_then(super::claimants::by_id))
            .collect()
    };
    match country::stands_for(ctx, s, country, named_in) {
        Some(institution) => Some(Claimant::known(institution, c.token, c.rank)),
        None => ctx.sentence(s).contains(&c.token).then_some(c),
    }
}

/// The claimant named for a claim found in sentence `s` around token `anchor`.
fn named(ctx: &Ctx, s: usize, anchor: usize) -> Option<Claimant> {
    if let Some(c) = in_sentence(ctx, s, anchor) {
        return Some(c);
    }
    // "Як повідомлялося, …": an earlier report, told without its source.
    if ctx.opens_with(s, Role::EarlierReport) {
        return None;
    }
    let sentences = &ctx.doc.sentences;
    if let Some(c) = told_next(ctx, s) {
        return Some(c);
    }
    if let Some(c) = list_keeper(ctx, s)
        .or_else(|| closing_speaker(ctx, s, anchor))
        .or_else(|| source_line_after(ctx, s))
    {
        return Some(c);
    }
    let paragraph = sentences.get(s)?.paragraph;
    for k in (0..s).rev() {
        if sentences[k].paragraph != paragraph {
            break;
        }
        let end = ctx.sentence(k).end;
        if let Some(c) = in_sentence(ctx, k, end) {
            return Some(c);
        }
    }
    // A list item: the sentences before its heading name the source of the whole list, or
    // the line that closes it.
    if let Some(h) = super::figures::list_heading(ctx, s) {
        for k in (h.saturating_sub(3)..=h).rev() {
            if let Some(c) = in_sentence(ctx, k, ctx.sentence(k).end) {
                return Some(c);
            }
        }
        if let Some(c) = list_closer(ctx, s) {
            return Some(c);
        }
    }
    // A title: the lead after it names the source (not a sentence recalling an earlier
    // report: "Нагадаємо, раніше Генштаб ЗСУ повідомляв …").
    if s == 0 {
        for k in (1..4.min(sentences.len())).filter(|&k| !ctx.opens_with(k, Role::EarlierReport)) {
            if let Some(c) = in_sentence(ctx, k, ctx.sentence(k).start) {
                return Some(c);
            }
        }
    }
    // An institution named as a source just before, across a paragraph break ("Про це
    // повідомляє Генштаб." then the figures), not as the doer of something else.
    for k in (s.saturating_sub(2)..s).rev() {
        if sentences[k].paragraph == paragraph || !ctx.attributed(k) {
            continue;
        }
        if let Some(c) = institutions(ctx, k).into_iter().last() {
            return Some(c);
        }
    }
    // The heading: a first paragraph of at most two sentences (a title, a dateline).
    let heading_len = sentences.iter().take_while(|x| x.paragraph == 0).count();
    if paragraph > 0 && heading_len <= 2 {
        for k in 0..heading_len {
            if let Some(c) = in_sentence(ctx, k, ctx.sentence(k).end) {
                return Some(c);
            }
        }
    }
    lead_source(ctx, s).or_else(|| described_before(ctx, s))
}

/// "… Об этом сообщили в пресс-службе бригады.": the sentence after `s` opens with a back
/// reference and names the source, or describes one closing it (not "Как сообщают военные с
/// места, …", which tells what follows), or going on with a gerund of saying ("…, добавив").
fn told_next(ctx: &Ctx, s: usize) -> Option<Claimant> {
    if s + 1 >= ctx.doc.sentences.len()
        || !ctx.opens_with(s + 1, Role::Anaphora)
        || tells_own(ctx, s + 1)
    {
        return None;
    }
    let next = ctx.sentence(s + 1);
    in_sentence(ctx, s + 1, next.start).or_else(|| {
        described::described_speaker(ctx, &next, false)
            .filter(|&(_, last)| last + 1 == next.end || ctx.has_at(last + 1, Role::SpeechGerund))
            .map(|(from, to)| speaker(ctx, from, to))
    })
}

/// Sentence `s` tells a loss or a refusal of its own ("По подсчетам «Медиазоны», с начала года
/// по этой статье вынесено более 6 тысяч приговоров"): its source cue opens that claim, it
/// does not point back at the sentence before.
fn tells_own(ctx: &Ctx, s: usize) -> bool {
    ctx.within(ctx.sentence(s), |r| {
        r.counts_losses() || matches!(r, Role::RefusalTrigger(_))
    })
    .next()
    .is_some()
}

/// "… знищено танк, 3 бойові броньовані машини. ⏎ Про це йдеться у зведенні Генштабу ЗСУ":
/// a paragraph of one sentence right after the paragraph of sentence `s` that opens by pointing
/// back ("Про це", "Об этом", "This was reported") or with a verb of saying ("— повідомляють у
/// 3-й ОШБр") names the source of that whole paragraph.
fn source_line_after(ctx: &Ctx, s: usize) -> Option<Claimant> {
    let sentences = &ctx.doc.sentences;
    let paragraph = sentences.get(s)?.paragraph;
    let k = (s + 1..sentences.len()).find(|&k| sentences[k].paragraph != paragraph)?;
    let alone = sentences
        .get(k + 1)
        .is_none_or(|next| next.paragraph != sentences[k].paragraph);
    if !alone || tells_own(ctx, k) {
        return None;
    }
    let range = ctx.sentence(k);
    if ctx.opens_with(k, Role::Anaphora) {
        return in_sentence(ctx, k, range.start);
    }
    // "— повідомляють у 3-й ОШБр": a verb of saying opens the line, its speaker after it.
    let verb = ctx
        .within(range.clone(), |r| r == Role::AttributionVerb)
        .find(|x| x.first == range.start)?;
    let first = verb.last + 1 + usize::from(described::opens_at(ctx, verb.last + 1));
    (first < range.end)
        .then(|| in_sentence(ctx, k, first).unwrap_or_else(|| speaker(ctx, first, range.end - 1)))
}

/// List items after one where the list may still run.
const LIST_TAIL: usize = 24;

/// "▪️ танків — 11 214 (+7) … Дані уточнюються, повідомляє Генштаб ЗСУ": the first sentence or
/// two after the run of list items holding sentence `s`, when they name a source as its
/// teller, name the source of the whole list.
fn list_closer(ctx: &Ctx, s: usize) -> Option<Claimant> {
    let n = ctx.doc.sentences.len();
    let item = |k: usize| {
        super::figures::list_heading(ctx, k).is_some()
            && ctx.sentence(k).any(|t| ctx.doc.tokens[t].is_number)
    };
    let after = (s + 1..n.min(s + 1 + LIST_TAIL)).find(|&k| !item(k))?;
    (after..n.min(after + 2))
        .filter(|&k| ctx.attributed(k) || signature(ctx, k))
        .find_map(|k| in_sentence(ctx, k, ctx.sentence(k).start))
}

/// Sentence `k` is a known source's name alone, signing what it closes ("Генштаб ЗСУ").
fn signature(ctx: &Ctx, k: usize) -> bool {
    let range = ctx.sentence(k);
    ctx.within(range.clone(), |r| matches!(r, Role::Claimant(_)))
        .any(|x| x.first == range.start && x.last + 1 == range.end)
}

/// The speaker described by tokens `first..=last`, known when the description names a known
/// official by his post ("губернатор Брянской области").
fn speaker(ctx: &Ctx, first: usize, last: usize) -> Claimant {
    described(ctx, first, last, known_name(ctx, first, last, Kind::Person))
}

/// A speaker described in words of its own after the claim at token `anchor`, closing its own
/// sentence `s` ("…, a spokesman for Russia's South group of forces said"): the claim's teller,
/// before any source named in other sentences. A lone word ("следует из сводки министерства")
/// may stand for a source named before, and is left to the look-ups that recall it.
fn closing_speaker(ctx: &Ctx, s: usize, anchor: usize) -> Option<Claimant> {
    let (first, last) = described::described_speaker(ctx, &ctx.sentence(s), false)
        .filter(|&(first, _)| first > anchor)?;
    if last > first {
        return Some(speaker(ctx, first, last));
    }
    // "Оператори 47-ї окремої механізованої бригади знищили …, повідомили у бригаді": a lone
    // word for a unit stands for the unit its sentence names.
    ctx.has_at(first, Role::UnitType)
        .then(|| super::places::unit_of_kind(ctx, s, first))
        .flatten()
        .map(|(f, l)| speaker(ctx, f, l))
}

/// A speaker described, not named, in sentence `s` or, nearest first, in the sentences before
/// it in its paragraph.
fn described_before(ctx: &Ctx, s: usize) -> Option<Claimant> {
    (0..=s)
        .rev()
        .take_while(|&k| ctx.same_paragraph(k, s))
        .find_map(|k| described::described_speaker(ctx, &ctx.sentence(k), k == s))
        .map(|(first, last)| speaker(ctx, first, last))
}

/// How many sentences back a list of the dead may be described.
const LIST_REACH: usize = 3;

/// "Би-би-си вместе с «Медиазоной» ведет поименный список погибших. … В этом списке почти 80
/// тысяч имен": whoever keeps a list of the dead described a few sentences before tells what
/// it counts.
fn list_keeper(ctx: &Ctx, s: usize) -> Option<Claimant> {
    (s.saturating_sub(LIST_REACH)..s)
        .rev()
        .filter(|&k| ctx.any_within(ctx.sentence(k), Role::DeadList))
        .find_map(|k| {
            let mut named = institutions(ctx, k);
            named.extend(outlets(ctx, k));
            named.into_iter().min_by_key(|c| (c.rank, c.token))
        })
}

/// The lead: a source the post's first sentences give for what they tell ("По данным SHOT,
/// …", "Британская разведка пишет") tells the rest of it, when nobody nearer is named. A
/// source given after a direct quotation ("«…», — пишет X.") tells the quotation only.
fn lead_source(ctx: &Ctx, s: usize) -> Option<Claimant> {
    (0..LEAD_SENTENCES.min(s))
        .filter(|&k| ctx.attributed(k) && !closes_quotation(ctx, k))
        .find_map(|k| in_sentence(ctx, k, ctx.sentence(k).start))
}
