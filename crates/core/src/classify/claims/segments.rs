//! Where in a text a mention stands, for grouping mentions into claims: its *segment* (a
//! paragraph, or a bulleted line of a round-up: "▪️…", "— …") and its *scope* (the axis, group
//! or area its figures are for: "на курском направлении", "в Сумской области"), the place named
//! in its sentence or earlier in its segment.

use super::super::context::Ctx;
use super::super::places;

/// A round-up has at least this many bulleted lines.
pub const ROUNDUP_BULLETS: usize = 3;

/// Segment numbers of every sentence: a new segment at each paragraph and each bulleted line.
pub fn segments(ctx: &Ctx) -> Vec<usize> {
    let mut out = Vec::with_capacity(ctx.doc.sentences.len());
    let mut seg = 0usize;
    for (s, sent) in ctx.doc.sentences.iter().enumerate() {
        if s > 0 && (sent.paragraph != ctx.doc.sentences[s - 1].paragraph || ctx.starts_bullet(s)) {
            seg += 1;
        }
        out.push(seg);
    }
    out
}

/// The number of bulleted lines in the text: a round-up has several.
pub fn bullets(ctx: &Ctx) -> usize {
    (0..ctx.doc.sentences.len())
        .filter(|&s| ctx.starts_bullet(s))
        .count()
}

/// A place as a key: lowercase, each word cut to five letters ("курском направлении" and
/// "курское направление" agree).
fn key(place: &str) -> String {
    place
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().chars().take(5).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The scope of a mention in sentence `s` near token `anchor`: the place of its sentence, else
/// the last place named earlier in its segment. Returned as a key.
pub fn scope(ctx: &Ctx, segs: &[usize], s: usize, anchor: usize) -> Option<String> {
    if let Some(p) = places::location(ctx, s, anchor) {
        return Some(key(&p));
    }
    let seg = *segs.get(s)?;
    (0..s)
        .rev()
        .take_while(|&k| segs.get(k) == Some(&seg))
        .find_map(|k| places::location(ctx, k, ctx.sentence(k).end))
        .map(|p| key(&p))
}
