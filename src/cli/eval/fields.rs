//! Claim-level scoring of one post and category: gold and filed claims paired greedily by what
//! they share (figures, then claimant and side), each pair judged field by field — claimant,
//! side, figures, period, qualifier — and tallied in [`FieldCounts`]; unpaired claims count as
//! missed or spurious.

use super::gold::{GoldClaim, GoldFigure};
use crate::model::{Claim, Figure};

/// Claim-level tallies of one category.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FieldCounts {
    /// Claims judged: pairs + missed + spurious.
    pub units: usize,
    pub pairs: usize,
    pub missed: usize,
    pub spurious: usize,
    pub claimant: usize,
    pub side: usize,
    /// The same metrics with the same values.
    pub figures: usize,
    /// Figures right, and each with the right period.
    pub period: usize,
    /// Figures right, and each with the right qualifier and range.
    pub qualifier: usize,
    pub fully: usize,
}

impl FieldCounts {
    pub(super) fn add(&mut self, o: &FieldCounts) {
        self.units += o.units;
        self.pairs += o.pairs;
        self.missed += o.missed;
        self.spurious += o.spurious;
        self.claimant += o.claimant;
        self.side += o.side;
        self.figures += o.figures;
        self.period += o.period;
        self.qualifier += o.qualifier;
        self.fully += o.fully;
    }

    pub fn share(&self, n: usize) -> Option<f64> {
        (self.units > 0).then(|| n as f64 / self.units as f64)
    }
}

/// Lowercase words of a name, ё as е, each cut to four letters, without filler words.
fn name_keys(s: &str) -> Vec<String> {
    const FILLER: [&str; 12] = [
        "и",
        "в",
        "по",
        "the",
        "of",
        "and",
        "данным",
        "канал",
        "канала",
        "телеграм",
        "source",
        "источник",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
        // One letter is a preposition or an ordinal's ending ("в", "47-й" and "47-а").
        .filter(|w| !FILLER.contains(&w.as_str()) && w.chars().count() > 1)
        .map(|w| w.chars().take(4).collect())
        .collect()
}

/// Two names for one claimant: the words of the shorter all in the longer.
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (name_keys(a), name_keys(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && short.iter().all(|w| long.contains(w))
}

fn claimant_ok(g: &GoldClaim, p: &Claim, channel: &str) -> bool {
    let unnamed = |c: Option<&str>| c.is_none_or(|c| same_name(c, channel));
    if unnamed(g.claimant.as_deref()) && g.claimant_id.is_none() {
        return unnamed(p.claimant.as_deref());
    }
    let ids_agree = match (&g.claimant_id, &p.claimant_id) {
        (Some(gid), Some(pid)) => gid == pid || g.claimant_ids_also.contains(pid),
        _ => false,
    };
    let known = p
        .claimant_id
        .as_deref()
        .and_then(crate::classify::claimants::by_id);
    let names_agree = match (g.claimant.as_deref(), p.claimant.as_deref()) {
        (Some(a), Some(b)) => {
            same_name(a, b) || known.is_some_and(|k| k.names().iter().any(|n| same_name(a, n)))
        }
        _ => false,
    };
    ids_agree || names_agree
}

fn figure_keys(g: &GoldClaim) -> Vec<(String, i64)> {
    let mut v: Vec<_> = g
        .figures
        .iter()
        .map(|f| (f.metric.to_string(), f.value))
        .collect();
    v.sort();
    v
}

fn pred_keys(p: &Claim) -> Vec<(String, i64)> {
    let mut v: Vec<_> = p
        .figures
        .iter()
        .map(|f| (f.metric.to_string(), f.value))
        .collect();
    v.sort();
    v
}

/// The fields of a gold claim and a filed one: (claimant, side, figures, period, qualifier).
fn compare(g: &GoldClaim, p: &Claim, channel: &str) -> [bool; 5] {
    let claimant = claimant_ok(g, p, channel);
    let side = g.side == p.side;
    let figures = figure_keys(g) == pred_keys(p);
    let each = |ok: &dyn Fn(&GoldFigure, &Figure) -> bool| {
        figures
            && g.figures.iter().all(|gf| {
                p.figures
                    .iter()
                    .find(|pf| pf.metric == gf.metric && pf.value == gf.value)
                    .is_some_and(|pf| ok(gf, pf))
            })
    };
    let period = each(&|gf, pf| gf.period == pf.period);
    let qualifier = each(&|gf, pf| {
        gf.qualifier == pf.qualifier && gf.low == pf.low && (gf.low.is_none() || gf.high == pf.high)
    });
    [claimant, side, figures, period, qualifier]
}

/// How much a gold and a filed claim share, for pairing them.
fn affinity(g: &GoldClaim, p: &Claim, channel: &str) -> usize {
    let gk = figure_keys(g);
    let shared = pred_keys(p).iter().filter(|k| gk.contains(k)).count();
    let [claimant, side, ..] = compare(g, p, channel);
    4 * shared + 2 * usize::from(claimant) + usize::from(side)
}

fn describe_gold(g: &GoldClaim) -> String {
    let figures = g
        .figures
        .iter()
        .map(|f| figure_text(&f.metric, &f.value, f.period.as_ref(), f.qualifier.as_ref()));
    describe(
        g.claimant_id.as_deref().or(g.claimant.as_deref()),
        g.side.map(|s| s.as_str()),
        figures.collect(),
    )
}

fn describe_pred(p: &Claim) -> String {
    let figures = p
        .figures
        .iter()
        .map(|f| figure_text(&f.metric, &f.value, f.period.as_ref(), f.qualifier.as_ref()));
    describe(
        p.claimant_id.as_deref().or(p.claimant.as_deref()),
        p.side.map(|s| s.as_str()),
        figures.collect(),
    )
}

/// "claimant · side · [metric value /period ~qualifier, …]", for a miss in the report.
fn describe(claimant: Option<&str>, side: Option<&str>, figures: Vec<String>) -> String {
    format!(
        "{} · {} · [{}]",
        claimant.unwrap_or("-"),
        side.unwrap_or("-"),
        figures.join(", ")
    )
}

fn figure_text(
    metric: &impl std::fmt::Display,
    value: &impl std::fmt::Display,
    period: Option<&impl std::fmt::Display>,
    qualifier: Option<&impl std::fmt::Display>,
) -> String {
    let mut s = format!("{metric} {value}");
    if let Some(p) = period {
        s.push_str(&format!(" /{p}"));
    }
    if let Some(q) = qualifier {
        s.push_str(&format!(" ~{q}"));
    }
    s
}

/// Pairs the gold and filed claims of one category of one post and tallies their fields.
pub(super) fn score_claims(
    golds: &[&GoldClaim],
    preds: &[&Claim],
    channel: &str,
    misses: &mut Vec<String>,
) -> FieldCounts {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, g) in golds.iter().enumerate() {
        for (j, p) in preds.iter().enumerate() {
            pairs.push((affinity(g, p, channel), i, j));
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gi, mut pj) = (vec![false; golds.len()], vec![false; preds.len()]);
    let mut t = FieldCounts::default();
    for (_, i, j) in pairs {
        if gi[i] || pj[j] {
            continue;
        }
        gi[i] = true;
        pj[j] = true;
        let f = compare(golds[i], preds[j], channel);
        t.pairs += 1;
        t.claimant += usize::from(f[0]);
        t.side += usize::from(f[1]);
        t.figures += usize::from(f[2]);
        t.period += usize::from(f[3]);
        t.qualifier += usize::from(f[4]);
        let fully = f.iter().all(|x| *x);
        t.fully += usize::from(fully);
        if !fully {
            let names = ["claimant", "side", "figures", "period", "qualifier"];
            let wrong: Vec<&str> = names
                .iter()
                .zip(f)
                .filter(|(_, ok)| !ok)
                .map(|(n, _)| *n)
                .collect();
            misses.push(format!(
                "claim wrong ({}): want {} | got {}",
                wrong.join(", "),
                describe_gold(golds[i]),
                describe_pred(preds[j])
            ));
        }
    }
    for (i, g) in golds.iter().enumerate().filter(|(i, _)| !gi[*i]) {
        let _ = i;
        t.missed += 1;
        misses.push(format!("claim missed: {}", describe_gold(g)));
    }
    for (j, p) in preds.iter().enumerate().filter(|(j, _)| !pj[*j]) {
        let _ = j;
        t.spurious += 1;
        misses.push(format!("claim spurious: {}", describe_pred(p)));
    }
    t.units = t.pairs + t.missed + t.spurious;
    t
}

#[cfg(test)]
mod tests {
    use super::same_name;

    #[test]
    fn names_meet_across_case_endings_and_ordinal_suffixes() {
        assert!(same_name("47-а бригада", "в 47-й бригаді"));
        assert!(same_name("Британская разведка", "британской разведки"));
        assert!(!same_name("47-а бригада", "46-а бригада"));
        assert!(!same_name("Генштаб ЗСУ", "Міноборони"));
    }
}
