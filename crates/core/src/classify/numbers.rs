//! Numbers in the forms real texts use: "28,300", "28 300", "28.300", "1 226 420",
//! "28,3 тыс.", "1,5 тисячі", "646 тис. 400", "12к", and small numbers spelled out
//! ("шістдесят", "sixty", "двадцать пять", "три тысячи", "сотня"). Number words and
//! multipliers come from the lexicon.

use super::doc::Doc;
use super::lexicon::Role;
use super::matcher::Matches;

/// A number found in the text: tokens `first..=last` and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Num {
    pub first: usize,
    pub last: usize,
    pub value: i64,
    /// False for a fraction without a multiplier ("3,5 км", "23.04").
    pub integer: bool,
    /// Followed by "%" or "percent".
    pub percent: bool,
    /// The low end of a range ("60–100 тыс.": 60 000; `value` is the high end).
    pub low: Option<i64>,
}

/// The largest value kept (larger numbers are phone numbers, ids, or noise).
const MAX_VALUE: i64 = 1_000_000_000_000;

fn digits_value(s: &str) -> Option<i64> {
    if s.len() > 13 {
        return None;
    }
    s.parse().ok()
}

fn is_space_sep(gap: &str) -> bool {
    matches!(gap, " " | "\u{a0}" | "\u{2009}" | "\u{202f}" | "\u{2007}")
}

fn role_value(m: &Matches<Role>, t: usize, pick: fn(Role) -> Option<i64>) -> Option<(i64, usize)> {
    m.at(t)
        .iter()
        .filter_map(|x| pick(x.role).map(|v| (v, x.last)))
        .max_by_key(|(_, last)| *last)
}

fn number_word(r: Role) -> Option<i64> {
    match r {
        Role::NumberWord(v) => Some(v),
        _ => None,
    }
}

fn multiplier(r: Role) -> Option<i64> {
    match r {
        Role::Multiplier(v) => Some(v),
        _ => None,
    }
}

/// A multiplier right after token `t` ("тыс.", "thousand", "к" written on to the digits).
fn multiplier_after(doc: &Doc, m: &Matches<Role>, t: usize) -> Option<(i64, usize)> {
    let gap = doc.gap_after(t);
    let next = t + 1;
    let (mult, last) = role_value(m, next, multiplier)?;
    let single_letter = doc.word(next).chars().count() == 1;
    let ok = if single_letter {
        gap.is_empty()
    } else {
        gap.is_empty() || is_space_sep(gap)
    };
    ok.then_some((mult, last))
}

fn percent_after(doc: &Doc, t: usize) -> bool {
    let gap = doc.gap_after(t).trim_start();
    gap.starts_with('%')
        || (gap.is_empty() || gap == " ") && {
            let w = doc.word(t + 1);
            w.starts_with("процент") || w.starts_with("відсот") || w == "percent" || w == "per"
        }
}

/// Finds every number in `doc`, in order.
pub fn find(doc: &Doc, m: &Matches<Role>) -> Vec<Num> {
    let mut out = Vec::new();
    let n = doc.tokens.len();
    let mut t = 0;
    while t < n {
        let found = if doc.tokens[t].is_number {
            if super::model_names::model_number(doc, t) {
                t += 1;
                continue;
            }
            digits_number(doc, m, t)
        } else {
            word_number(doc, m, t)
        };
        match found {
            Some(num) => {
                t = num.last + 1;
                if num.value <= MAX_VALUE {
                    out.push(num);
                }
            }
            None => t += 1,
        }
    }
    join_ranges(doc, out)
}

/// The multiplier a number ends with ("100 тыс." → 1000), 1 when none.
fn scale_of(doc: &Doc, n: &Num) -> i64 {
    if n.last != n.first + 1 || !n.integer || doc.tokens[n.last].is_number {
        return 1;
    }
    let base = digits_value(doc.word(n.first)).unwrap_or(0);
    if base > 0 && n.value % base == 0 {
        n.value / base
    } else {
        1
    }
}

/// "60–100 тыс.", "5-7", "от 30 до 50", "between 30 and 50": two numbers joined by a dash, or
/// framed by the words of a range, are one range; a multiplier after the second applies to the
/// first when it has none.
fn join_ranges(doc: &Doc, nums: Vec<Num>) -> Vec<Num> {
    let mut out: Vec<Num> = Vec::with_capacity(nums.len());
    for n in nums {
        if let Some(prev) = out.last_mut()
            && prev.low.is_none()
            && prev.integer
            && !prev.percent
            && n.integer
            && ((prev.last + 1 == n.first && is_range_gap(doc, prev.last))
                || framed_range(doc, prev, &n))
        {
            let scale = if prev.first == prev.last {
                scale_of(doc, &n)
            } else {
                1
            };
            let low = prev.value.saturating_mul(scale);
            if low > 0 && low < n.value {
                *prev = Num {
                    first: prev.first,
                    last: n.last,
                    value: n.value,
                    integer: true,
                    percent: n.percent,
                    low: Some(low),
                };
                continue;
            }
        }
        out.push(n);
    }
    out
}

/// The words that open and join a range: "от … до", "від … до", "between … and". ("с … до",
/// "з … до" and "from … to" are left out: they as often tell a change.)
const RANGE_WORDS: &[(&str, &str)] = &[("от", "до"), ("від", "до"), ("between", "and")];

/// "от", "від", "between": a word that opens a range.
pub(super) fn opens_range(word: &str) -> bool {
    let w = word.to_lowercase();
    RANGE_WORDS.iter().any(|(o, _)| w == *o)
}

/// `a` and `b` framed by a range's words, one word between them.
fn framed_range(doc: &Doc, a: &Num, b: &Num) -> bool {
    if a.first == 0 || a.last + 2 != b.first {
        return false;
    }
    let open = doc.word(a.first - 1).to_lowercase();
    let join = doc.word(a.last + 1).to_lowercase();
    RANGE_WORDS.iter().any(|(o, j)| open == *o && join == *j)
}

fn is_range_gap(doc: &Doc, t: usize) -> bool {
    let gap = doc.gap_after(t).trim();
    matches!(gap, "-" | "–" | "—" | "−" | "‒")
}

fn digits_number(doc: &Doc, m: &Matches<Role>, t: usize) -> Option<Num> {
    let first_digits = doc.word(t);
    let mut value = digits_value(first_digits)?;
    let mut last = t;
    let mut frac: Option<(i64, u32)> = None;
    let mut sep: Option<&str> = None;
    if first_digits.len() <= 3 {
        while let Some(next) = doc.tokens.get(last + 1).filter(|tok| tok.is_number) {
            let gap = doc.gap_after(last);
            let digits = &doc.norm[next.nstart..next.nend];
            let group_of_three = digits.len() == 3;
            if is_space_sep(gap) && group_of_three && sep.is_none_or(is_space_sep) {
                value = value
                    .checked_mul(1000)?
                    .checked_add(digits_value(digits)?)?;
                last += 1;
                sep = Some(" ");
            } else if matches!(gap, "," | ".") && sep.is_none_or(|s| s == gap) {
                let then_multiplier = multiplier_after(doc, m, last + 1).is_some();
                if group_of_three && !then_multiplier {
                    value = value
                        .checked_mul(1000)?
                        .checked_add(digits_value(digits)?)?;
                    last += 1;
                    sep = Some(gap);
                } else if sep.is_none() && digits.len() <= 3 {
                    frac = Some((digits_value(digits)?, digits.len() as u32));
                    last += 1;
                    break;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
    }
    let mut integer = frac.is_none();
    if let Some((mult, mlast)) = multiplier_after(doc, m, last) {
        let scaled = match frac {
            Some((f, places)) => {
                let denom = 10i64.pow(places);
                value
                    .saturating_mul(mult)
                    .saturating_add(f.saturating_mul(mult) / denom)
            }
            None => value.saturating_mul(mult),
        };
        value = scaled;
        integer = true;
        last = mlast;
        // "646 тис. 400": the hundreds after the thousands.
        if mult == 1000
            && let Some(next) = doc.tokens.get(last + 1).filter(|tok| tok.is_number)
        {
            let gap = doc.gap_after(last);
            let digits = &doc.norm[next.nstart..next.nend];
            if (gap == ". " || is_space_sep(gap))
                && digits.len() <= 3
                && multiplier_after(doc, m, last + 1).is_none()
            {
                value = value.saturating_add(digits_value(digits)?);
                last += 1;
            }
        }
    }
    Some(Num {
        first: t,
        last,
        value,
        integer,
        percent: percent_after(doc, last),
        low: None,
    })
}

fn word_number(doc: &Doc, m: &Matches<Role>, t: usize) -> Option<Num> {
    let (mut value, mut last) = role_value(m, t, number_word)?;
    // "двадцать пять", "сто двадцать", "one hundred", "twenty-three", "двісті сімдесят
    // п'ять", "тысячу двести": a smaller number after one whose last places are zeros fills them.
    while let Some((v, l)) = role_value(m, last + 1, number_word) {
        let joins = value >= 10 && v > 0 && v < zero_places(value);
        let gap = doc.gap_after(last);
        if !joins || !(gap.trim().is_empty() || gap == "-") {
            break;
        }
        value = value.saturating_add(v);
        last = l;
    }
    if let Some((mult, mlast)) = multiplier_after(doc, m, last)
        && value < 1000
    {
        value = value.saturating_mul(mult);
        last = mlast;
    }
    Some(Num {
        first: t,
        last,
        value,
        integer: true,
        percent: percent_after(doc, last),
        low: None,
    })
}

/// The value of the lowest place a number leaves at zero: 10 for 270, 100 for 200, 1000 for
/// 1000.
fn zero_places(value: i64) -> i64 {
    let mut place = 1;
    while place < 1_000_000_000 && value % (place * 10) == 0 {
        place *= 10;
    }
    place
}

#[cfg(test)]
mod tests;
